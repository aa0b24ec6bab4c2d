//! False alarms of the personal-data rules on clean government prose (`corpus/clean_gov` of the
//! shared evaluation data, never copied into the repository). Run with
//! `cargo test -p zhproof --test privacy_corpus -- --ignored --nocapture`; the data is looked up
//! in `$ZHPROOF_SHARED`, else `<repo>/../shared`, else `/work/shared`, and the test skips when
//! none exists.

use std::path::{Path, PathBuf};

use serde_json::Value;
use zhproof::{Checker, Date, Kind, Selector};

fn shared() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("ZHPROOF_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([repo.join("../shared"), PathBuf::from("/work/shared")])
        .find(|p| p.is_dir())
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

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
#[ignore = "reads the shared corpus; run with --ignored"]
fn no_privacy_findings_on_clean_government_prose() {
    let Some(root) = shared() else {
        eprintln!("shared data not found; skipped");
        return;
    };
    let dir = root.join("corpus/clean_gov");
    let mut all = Vec::new();
    files(&dir, &mut all);
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
