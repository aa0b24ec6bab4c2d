//! False alarms of the structured, date-aware rules on clean government prose
//! (`<shared>/corpus/clean_gov`, each document checked as of its own date).
//!
//! Ignored by default (it reads data outside the repository):
//! `cargo test -p zhproof --release --test clean_corpus -- --ignored --nocapture`.
//! The data lives in `$ZHPROOF_SHARED`, else `<repo>/../shared`, else `/work/shared`; the test
//! skips cleanly when none exists.

mod common;
use common::shared_dir;
use std::path::Path;

use zhproof::{Checker, Date, Selector};

/// Rules measured here: issue 4's enumeration, leader, session and date-aware rules.
const RULES: &[&str] = &[
    "distorted-enumeration",
    "leader-name-misspelled",
    "leader-wrong-office",
    "outdated-name",
    "wrong-session-counter",
];

/// The bar: findings per 10,000 characters of clean prose.
const MAX_PER_10K: f64 = 0.05;

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// Opening dates of the Party congresses whose reports are in the corpus.
fn congress_date(n: u32) -> Option<Date> {
    Some(match n {
        12 => date(1982, 9, 1),
        13 => date(1987, 10, 25),
        14 => date(1992, 10, 12),
        15 => date(1997, 9, 12),
        16 => date(2002, 11, 8),
        17 => date(2007, 10, 15),
        18 => date(2012, 11, 8),
        19 => date(2017, 10, 18),
        20 => date(2022, 10, 16),
        _ => return None,
    })
}

/// `YYYY-MM-DD` inside a file name such as `专利法实施细则(2023-12-11).md`.
fn date_in_name(name: &str) -> Option<Date> {
    let open = name.rfind('(')?;
    name.get(open + 1..open + 11)?.parse().ok()
}

/// Every clean document with the date it is checked as of. Documents are split into lines.
fn documents(root: &Path) -> Vec<(String, Date, String)> {
    let mut out = Vec::new();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let gwr = root.join("gov_work_reports_wikisource/txt");
    for e in std::fs::read_dir(&gwr).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let d = if let Some(y) = name.strip_prefix("gwr_").and_then(|s| s.get(..4)) {
            y.parse().ok().and_then(|y| Date::new(y, 3, 5))
        } else if let Some(n) = name.strip_prefix("cpc_congress_").and_then(|s| s.get(..2)) {
            n.parse().ok().and_then(congress_date)
        } else {
            None
        };
        if let Some(d) = d {
            out.push((name, d, read(&e.path())));
        }
    }
    let prov = root.join("provincial_reports_2025");
    for e in std::fs::read_dir(&prov).into_iter().flatten().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            let name = e.file_name().to_string_lossy().into_owned();
            out.push((name, date(2025, 1, 15), read(&e.path())));
        }
    }
    let laws = root.join("laws_lawrefbook");
    out.push((
        "宪法.md".into(),
        date(2018, 3, 11),
        read(&laws.join("宪法/宪法.md")) + &read(&laws.join("宪法.md")),
    ));
    for e in std::fs::read_dir(laws.join("行政法规"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(d) = date_in_name(&name) {
            out.push((name, d, read(&e.path())));
        }
    }
    let sentences = root.join("xxqg_rmrb_sentences");
    // 学习强国 went online in 2019; the sentences carry no date of their own.
    out.push((
        "xxqg_5000.txt".into(),
        date(2021, 6, 1),
        read(&sentences.join("xxqg_5000.txt")),
    ));
    out.push((
        "rmrb1998_4636.txt".into(),
        date(1998, 1, 31),
        read(&sentences.join("rmrb1998_4636.txt")),
    ));
    out.sort();
    out
}

#[test]
#[ignore = "reads the shared clean corpus; run with --ignored"]
fn clean_government_prose_stays_quiet() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipped: no shared corpus (set ZHPROOF_SHARED)");
        return;
    };
    let docs = documents(&shared.join("corpus/clean_gov"));
    assert!(docs.len() > 100, "only {} documents found", docs.len());
    let checker = Checker::builder()
        .select(RULES.iter().map(|r| Selector::Rule(r.to_string())))
        .build()
        .unwrap();
    // `ZHPROOF_AS_OF=YYYY-MM-DD` checks every document as of that date instead (a stress run:
    // older documents then legitimately mention former office holders and names).
    let forced: Option<Date> = std::env::var("ZHPROOF_AS_OF")
        .ok()
        .map(|s| s.parse().expect("ZHPROOF_AS_OF must be YYYY-MM-DD"));
    let mut chars = 0usize;
    let mut found = 0usize;
    for (name, as_of, text) in &docs {
        chars += text.chars().count();
        let as_of = forced.unwrap_or(*as_of);
        for f in checker.check_as_of(text, as_of) {
            found += 1;
            let line = text.lines().nth(f.line - 1).unwrap_or("");
            let ctx: String = line
                .chars()
                .skip(f.column.saturating_sub(15))
                .take(f.text.chars().count() + 30)
                .collect();
            println!(
                "{name} ({as_of}) {}: {} -> {:?}   …{ctx}…",
                f.rule, f.text, f.suggestions
            );
        }
    }
    let rate = found as f64 * 10_000.0 / chars as f64;
    println!(
        "{} documents, {chars} characters, {found} findings: {rate:.4} per 10,000 characters",
        docs.len()
    );
    assert!(
        rate <= MAX_PER_10K,
        "{rate:.4} findings per 10,000 characters"
    );
}
