//! What evasion-resistant matching costs, and how many disguised matches it adds on clean
//! government prose (`$ZHPROOF_SHARED/corpus/clean_gov`, default `<repo>/../shared`, else
//! Ignored by default (needs the shared corpus; run in release):
//!
//! ```text
//! cargo test --release -p zhproof --test clean_gov_usage -- --ignored --nocapture
//! ```
//!
//! The false-alarm bar of all issue-4 rules together is `tests/clean_corpus.rs`.

mod common;
use common::shared_dir as shared;

/// Files below `dir` with one of these extensions (not the SOURCE.md notes).
fn files_with(dir: &std::path::Path, exts: &[&str]) -> Vec<PathBuf> {
    common::files(dir)
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| exts.iter().any(|x| e == *x)) && !p.ends_with("SOURCE.md")
        })
        .collect()
}
use std::path::{Path, PathBuf};

use zhproof::{Checker, Selector};

/// The rules of the evasion, numbers and punctuation families.
fn usage_rules() -> Vec<String> {
    Checker::new()
        .rules()
        .into_iter()
        .filter(|r| ["evasion", "numbers", "punctuation"].contains(&r.family))
        .map(|r| r.id.to_string())
        .collect()
}

/// (characters checked, findings) over `paths`, printing each finding with context.
fn run(checker: &Checker, paths: &[PathBuf]) -> (usize, usize) {
    let (mut chars, mut hits) = (0, 0);
    for p in paths {
        let text = std::fs::read_to_string(p).unwrap();
        chars += text.chars().count();
        for f in checker.check(&text) {
            hits += 1;
            let from = text[..f.byte_start]
                .char_indices()
                .rev()
                .nth(12)
                .map_or(0, |(i, _)| i);
            let to = text[f.byte_end..]
                .char_indices()
                .nth(12)
                .map_or(text.len(), |(i, _)| f.byte_end + i);
            println!(
                "{}:{}: {} {:?} in {:?}",
                p.file_name().unwrap().to_string_lossy(),
                f.line,
                f.rule,
                f.text,
                &text[from..to]
            );
        }
    }
    (chars, hits)
}

/// A benchmark dictionary (`bench/dict_small.txt`: 1,000 terms, `dict_mid.txt`: 29k terms, both
/// stand-ins for a realistic sensitive-word list) as a `sensitive` user dictionary, without
/// terms the embedded data has.
fn bench_dictionary(shared: &Path, file: &str) -> String {
    let mut taken = std::collections::HashSet::new();
    for (name, text) in zhproof::embedded_dictionaries() {
        for e in zhproof::dictionary::parse_terms(name, text).unwrap() {
            taken.insert(e.term);
        }
    }
    for (name, text) in zhproof::embedded_allow_lists() {
        for e in zhproof::dictionary::parse_allow(name, text).unwrap() {
            taken.insert(e.term);
        }
    }
    let words = std::fs::read_to_string(shared.join("bench").join(file)).unwrap();
    let mut tsv = String::from("term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n");
    for w in words.lines().map(str::trim) {
        if w.is_empty() || w.starts_with('#') || w.contains('\t') || taken.contains(w) {
            continue;
        }
        taken.insert(w.to_string());
        tsv.push_str(&format!(
            "{w}\t\tsensitive\tbench-sensitive\terror\t\tbench/{file}\n"
        ));
    }
    tsv
}

/// Fastest wall time of `runs` checks of `text`, in seconds (other load on a shared machine
/// only ever adds time), and the number of findings.
fn best_secs(checker: &Checker, text: &str, runs: usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        n = checker.check(text).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, n)
}

/// What evasion-resistant matching costs on `bench/corpus.txt` (29 MB of laws) and how many
/// disguised matches it adds on clean government prose, with the embedded dictionaries and
/// with the 29k-term benchmark list as sensitive terms. Prints figures, asserts nothing about
/// time (the machine is shared).
///
/// ```text
/// cargo test --release -p zhproof --test clean_gov_usage -- --ignored --nocapture evasion
/// ```
#[test]
#[ignore = "needs the shared corpus; run with --ignored --release"]
fn evasion_cost_and_false_alarms() {
    let Some(shared) = shared() else {
        eprintln!("shared corpus not found: skipped");
        return;
    };
    let corpus = std::fs::read_to_string(shared.join("bench/corpus.txt")).unwrap();
    let mb = corpus.len() as f64 / 1e6;
    let evasion = || Selector::Rule("obfuscated-sensitive-term".into());
    let sensitive = || Selector::Kind(zhproof::Kind::Sensitive);
    let rules = usage_rules();
    let mine = || rules.iter().map(|r| Selector::Rule(r.clone()));
    let base = Checker::builder().ignore(mine()).build().unwrap();
    let full = Checker::new();
    base.check("预热");
    let (t0, n0) = best_secs(&base, &corpus, 5);
    let (t1, n1) = best_secs(&full, &corpus, 5);
    println!(
        "== every rule: without these families {:.0} MB/s ({n0} findings), with them {:.0} MB/s \
         ({n1})",
        mb / t0,
        mb / t1
    );
    for rule in &rules {
        let one = Checker::builder()
            .select([Selector::Rule(rule.to_string())])
            .build()
            .unwrap();
        let (t, n) = best_secs(&one, &corpus, 3);
        println!("== {rule} alone: {:.0} MB/s ({n} findings)", mb / t);
    }
    for (label, extra) in [
        ("embedded", None),
        ("embedded + dict_small", Some("dict_small.txt")),
        ("embedded + dict_mid", Some("dict_mid.txt")),
    ] {
        let dict = extra.map(|f| bench_dictionary(&shared, f));
        let big = extra == Some("dict_mid.txt");
        let build = |b: zhproof::CheckerBuilder| {
            match &dict {
                Some(d) => b.dictionary_str("bench.tsv", d.clone()),
                None => b,
            }
            .build()
            .unwrap()
        };
        let without = build(Checker::builder().select([sensitive()]).ignore([evasion()]));
        let with = build(Checker::builder().select([sensitive()]));
        let alone = build(Checker::builder().select([evasion()]));
        without.check("预热");
        with.check("预热");
        let runs = if big { 2 } else { 7 };
        let (t0, n0) = best_secs(&without, &corpus, runs);
        let (t1, n1) = best_secs(&with, &corpus, runs);
        let (t2, n2) = best_secs(&alone, &corpus, runs);
        println!(
            "== {label}: terms only {:.0} MB/s ({n0} findings); terms + evasion {:.0} MB/s \
             ({n1}); evasion alone {:.0} MB/s ({n2} disguised matches)",
            mb / t0,
            mb / t1,
            mb / t2
        );
        let gov = files_with(&shared.join("corpus/clean_gov"), &["txt", "md"]);
        let (chars, hits) = run(&alone, &gov);
        println!("== {label}: clean_gov {chars} chars, {hits} disguised matches");
    }
}
