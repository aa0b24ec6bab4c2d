//! Golden cases shared with the Python tests: `tests/golden/<family>/<case>.txt` is checked with
//! the embedded dictionaries and compared field by field with `<case>.json`
//! (`{"as_of": "YYYY-MM-DD", "findings": [...], "quiet": [rule ids], "select": [rule ids or
//! kinds]}`, `"select"` optional: the case is checked with that selection), and `Checker::fix` must
//! give `<case>.fixed.txt` (the text itself when absent). `"quiet"` lists the rules the case
//! shows staying quiet: they must not fire, and every registry rule must be listed in some case.
//! `ZHPROOF_BLESS=1 cargo test --test golden` rewrites the expected files; review the diff.
//!
//! Fix behaviour, checked the same way by `bindings/python/tests/test_golden.py` (both runners
//! read the same files and accept exactly the keys of [`FIX_KEYS`] under `"fix"`, so a key
//! one runner writes and the other does not check fails the other):
//! - `"fix": {"applied": [i, …], "applied_with_unsafe": [i, …]}`: indices into `"findings"` of
//!   the findings one fix pass applies ([`zhproof::applied_fixes`]), without and with unsafe
//!   fixes;
//! - `<case>.fixed.txt`: `Checker::fix` (safe fixes, repeated until stable), absent when the text
//!   does not change;
//! - `<case>.unsafe.fixed.txt`: `Checker::fix_with(text, true)` (`--unsafe-fixes`), absent when
//!   the text does not change.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use zhproof::{applied_fixes, Checker, Date, Selector};

/// The keys of a case's `"fix"` object, the same list as `FIX_KEYS` in
/// `bindings/python/tests/test_golden.py` (a test below compares them).
const FIX_KEYS: [&str; 2] = ["applied", "applied_with_unsafe"];

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt")
            && !p.to_string_lossy().ends_with(".fixed.txt")
        {
            out.push(p);
        }
    }
}

/// The cases, each with its text and expected document.
fn load() -> Vec<(PathBuf, String, Value)> {
    let mut all = Vec::new();
    cases(&golden_dir(), &mut all);
    assert!(
        all.len() >= 5,
        "golden cases missing under {}",
        golden_dir().display()
    );
    all.into_iter()
        .map(|txt| {
            let text = std::fs::read_to_string(&txt).unwrap();
            let expected: Value = std::fs::read_to_string(txt.with_extension("json"))
                .map(|s| serde_json::from_str(&s).unwrap())
                .unwrap_or_else(|_| json!({"as_of": "2025-06-01", "findings": []}));
            (txt, text, expected)
        })
        .collect()
}

/// The rule ids a case lists under `"quiet"`: rules it shows staying quiet.
fn quiet_rules(expected: &Value) -> Vec<&str> {
    expected["quiet"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().expect("rule id")).collect())
        .unwrap_or_default()
}

#[test]
fn golden_cases() {
    let bless = std::env::var_os("ZHPROOF_BLESS").is_some();
    let mut failures = Vec::new();
    for (txt, text, expected) in load() {
        let json_path = txt.with_extension("json");
        let as_of: Date = expected["as_of"].as_str().expect("as_of").parse().unwrap();
        // `"select"`: rule ids or kinds the case is checked with (opt-in rules need it).
        let select: Vec<Selector> = expected["select"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap().parse().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        let mut builder = Checker::builder().as_of(as_of);
        if !select.is_empty() {
            builder = builder.select(select);
        }
        let checker = builder.build().unwrap();
        let findings = checker.check(&text);
        for f in &findings {
            assert_eq!(&text[f.byte_start..f.byte_end], f.text, "{}", txt.display());
        }
        let mut actual = json!({
            "as_of": as_of.to_string(),
            "findings": findings,
            "fix": {
                FIX_KEYS[0]: applied_fixes(&text, &findings, false),
                FIX_KEYS[1]: applied_fixes(&text, &findings, true),
            },
        });
        if !bless {
            let keys: Vec<&str> = expected["fix"]
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            if keys != FIX_KEYS {
                failures.push(format!(
                    "{}: \"fix\" must have exactly the keys {FIX_KEYS:?}, has {keys:?}",
                    txt.display()
                ));
            }
        }
        for key in ["quiet", "select"] {
            if let Some(v) = expected.get(key) {
                actual[key] = v.clone();
            }
        }
        for rule in quiet_rules(&expected) {
            if findings.iter().any(|f| f.rule == rule) {
                failures.push(format!(
                    "{}: `{rule}` is listed as quiet but fires",
                    txt.display()
                ));
            }
        }
        // The fix a user gets (`Checker::fix`, every pass), the same as the Python runner's.
        let fixed_path = txt.with_extension("fixed.txt");
        let fixed = checker.fix(&text);
        let unsafe_path = txt.with_extension("unsafe.fixed.txt");
        let unsafe_fixed = checker.fix_with(&text, true);
        if bless {
            std::fs::write(
                &json_path,
                serde_json::to_string_pretty(&actual).unwrap() + "\n",
            )
            .unwrap();
            for (path, result) in [(&fixed_path, &fixed), (&unsafe_path, &unsafe_fixed)] {
                if *result != text {
                    std::fs::write(path, result).unwrap();
                } else if path.exists() {
                    std::fs::remove_file(path).unwrap();
                }
            }
            continue;
        }
        if actual != expected {
            failures.push(format!(
                "{}:\nexpected {}\nactual   {}",
                txt.display(),
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&actual).unwrap()
            ));
        }
        for (path, result) in [(&fixed_path, &fixed), (&unsafe_path, &unsafe_fixed)] {
            let want = std::fs::read_to_string(path).unwrap_or_else(|_| text.clone());
            if want != *result {
                failures.push(format!("{}: fixed text differs:\n{result}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) differ (ZHPROOF_BLESS=1 to rewrite):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every rule of the registry has a golden case where it fires and one (listed under `"quiet"`)
/// where it stays quiet.
#[test]
fn every_rule_has_a_golden_case_that_fires_and_one_that_stays_quiet() {
    let cases = load();
    let mut missing = Vec::new();
    for r in zhproof::rules::registry() {
        let fires = cases.iter().any(|(_, _, e)| {
            e["findings"]
                .as_array()
                .is_some_and(|fs| fs.iter().any(|f| f["rule"] == *r.id))
        });
        let quiet = cases
            .iter()
            .any(|(_, _, e)| quiet_rules(e).contains(&&*r.id));
        if !fires {
            missing.push(format!("{}: no golden case fires", r.id));
        }
        if !quiet {
            missing.push(format!("{}: no golden case lists it as quiet", r.id));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// The Python runner checks the same fix keys as this one: its `FIX_KEYS` literal lists the
/// same names, and it reads `.fixed.txt` and `.unsafe.fixed.txt` and calls `applied_fixes`.
#[test]
fn the_python_runner_checks_the_same_fix_behaviour() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bindings/python/tests/test_golden.py");
    let py = std::fs::read_to_string(&path).unwrap();
    let line = py
        .lines()
        .find(|l| l.starts_with("FIX_KEYS = "))
        .expect("test_golden.py defines FIX_KEYS");
    let names: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
    assert_eq!(names, FIX_KEYS, "{}: {line}", path.display());
    for needle in [
        "\".fixed.txt\"",
        "\".unsafe.fixed.txt\"",
        "applied_fixes(",
        "unsafe_fixes=True",
    ] {
        assert!(
            py.contains(needle),
            "{} does not use {needle}",
            path.display()
        );
    }
}
