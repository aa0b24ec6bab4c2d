//! The injected-spam family on real data.
//!
//! - `tests/data/spam/injected.tsv` and `clean.tsv` (real pages, collected with their URLs): on
//!   the `report` half, which the rules were not tuned on, at least 75% of the injected strings are
//!   caught (measured: 26 of 33; the goal of 90% is not reached — see
//!   `tests/data/spam/README.md`), at least 90% of them with the exact span (measured: 25), and no
//!   clean text gets a finding from the family. The figures per shape come from `scripts/eval_spam.py`.
//! - The shared clean corpus (`$ZHPROOF_SHARED/corpus/clean_gov`, with the 学习强国 and 人民日报
//!   sentences, and the news and law sentences of `corpus/typo`) gets no finding of the family;
//!   skipped when the shared data is absent.

mod common;

use std::path::Path;

use zhproof::{Checker, Selector};

const RULES: [&str; 3] = [
    "injected-gambling-text",
    "injected-lottery-text",
    "injected-porn-text",
];

fn checker() -> Checker {
    Checker::builder()
        .select(RULES.iter().map(|r| Selector::Rule(r.to_string())))
        .build()
        .unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t")
}

/// Rows of a data file as column-name → value maps.
fn rows(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/spam")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| (k.to_string(), unescape(v)))
                .collect()
        })
        .collect()
}

#[test]
fn report_half_catch_rate_spans_and_no_alarms() {
    let c = checker();
    let injected: Vec<_> = rows("injected.tsv")
        .into_iter()
        .filter(|r| r["split"] == "report")
        .collect();
    assert!(injected.len() >= 20);
    let (mut caught, mut exact) = (0, 0);
    for r in &injected {
        let (text, want) = (&r["text"], &r["injected"]);
        let s = text.find(want.as_str()).unwrap();
        let e = s + want.len();
        let over: Vec<_> = c
            .check(text)
            .into_iter()
            .filter(|f| f.byte_start < e && f.byte_end > s)
            .collect();
        if !over.is_empty() {
            caught += 1;
            let fs = over.iter().map(|f| f.byte_start).min().unwrap();
            let fe = over.iter().map(|f| f.byte_end).max().unwrap();
            if (fs, fe) == (s, e) {
                exact += 1;
            } else {
                eprintln!("inexact span for {want:?}: {:?}", &text[fs..fe]);
            }
        }
    }
    let rate = caught as f64 / injected.len() as f64;
    println!(
        "report half: caught {caught}/{} ({rate:.3}), {exact} with the exact span",
        injected.len()
    );
    assert!(rate >= 0.75, "catch rate {rate:.3} below 0.75");
    assert!(
        exact as f64 >= 0.9 * caught as f64,
        "only {exact} of {caught} exact"
    );
    for r in rows("clean.tsv") {
        let f = c.check(&r["text"]);
        assert!(f.is_empty(), "alarm on clean text {:?}: {f:#?}", r["text"]);
    }
}

#[test]
fn shared_clean_corpus_stays_quiet() {
    let Some(shared) = common::shared_dir() else {
        eprintln!("skipped: no shared corpus (set ZHPROOF_SHARED)");
        return;
    };
    let c = checker();
    let mut checked = 0;
    // Government prose, the 学习强国 and 人民日报 sentences, and the news and law sentences of the
    // typo sets (their typos do not matter here).
    let files = common::files(&shared.join("corpus/clean_gov"))
        .into_iter()
        .chain(
            common::files(&shared.join("corpus/typo"))
                .into_iter()
                .filter(|p| p.to_string_lossy().ends_with(".pairs.jsonl")),
        );
    for path in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "txt" | "md" | "jsonl" | "json" | "tsv") {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let f = c.check(&text);
        assert!(f.is_empty(), "{}: {f:#?}", path.display());
        checked += 1;
    }
    assert!(
        checked > 50,
        "only {checked} files under clean_gov and typo"
    );
}
