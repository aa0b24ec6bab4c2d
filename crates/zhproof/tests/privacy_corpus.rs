//! False alarms of the personal-data rules on clean government prose (`corpus/clean_gov` of the
//! shared evaluation data, never copied into the repository). Run with
//! `cargo test -p zhproof --test privacy_corpus -- --nocapture` (it runs with the other tests); the data is looked up
//! in `$ZHPROOF_SHARED`, else `<repo>/../shared`, and the test skips when
//! none exists.

mod common;
use common::shared_dir as shared;
use std::path::Path;

use serde_json::Value;
use zhproof::{Checker, Date, Kind, Selector};

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The texts of one file: JSON and JSON Lines by their string values, anything else whole.
fn texts(path: &Path) -> Vec<String> {
    let Ok(raw) = std::fs::read_to_string(path) else {
        return vec![];
    };
    let mut out = Vec::new();
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => {
            for line in raw.lines() {
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => strings(&v, &mut out),
                    Err(_) => out.push(line.to_string()),
                }
            }
        }
        Some("json") => match serde_json::from_str::<Value>(&raw) {
            Ok(v) => strings(&v, &mut out),
            Err(_) => out.push(raw),
        },
        _ => out.push(raw),
    }
    out
}

#[test]
fn no_privacy_findings_on_clean_government_prose() {
    let Some(root) = shared() else {
        eprintln!("shared data not found; skipped");
        return;
    };
    let dir = root.join("corpus/clean_gov");
    let all = common::files(&dir);
    if all.is_empty() {
        eprintln!("{} is empty or missing; skipped", dir.display());
        return;
    }
    let checker = Checker::builder()
        .as_of(Date::new(2025, 12, 31).unwrap())
        .select([Selector::Kind(Kind::Privacy)])
        .build()
        .unwrap();
    let (mut chars, mut found) = (0usize, Vec::new());
    for path in &all {
        for text in texts(path) {
            chars += text.chars().count();
            for f in checker.check(&text) {
                found.push(format!(
                    "{}:{}:{} {} {}",
                    path.display(),
                    f.line,
                    f.column,
                    f.rule,
                    f.text
                ));
            }
        }
    }
    eprintln!(
        "clean_gov: {} files, {chars} characters, {} privacy findings",
        all.len(),
        found.len()
    );
    assert!(found.is_empty(), "false alarms:\n{}", found.join("\n"));
}
