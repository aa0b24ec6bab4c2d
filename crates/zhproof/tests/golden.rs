//! Golden cases shared with the Python tests: `tests/golden/<family>/<case>.txt` is checked with
//! the embedded dictionaries and compared field by field with `<case>.json`
//! (`{"as_of": "YYYY-MM-DD", "findings": [...]}`), and with `<case>.fixed.txt` when present.
//! `ZHPROOF_BLESS=1 cargo test --test golden` rewrites the expected files; review the diff.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use zhproof::{Checker, Date};

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

#[test]
fn golden_cases() {
    let bless = std::env::var_os("ZHPROOF_BLESS").is_some();
    let mut all = Vec::new();
    cases(&golden_dir(), &mut all);
    assert!(
        all.len() >= 5,
        "golden cases missing under {}",
        golden_dir().display()
    );
    let mut failures = Vec::new();
    for txt in &all {
        let text = std::fs::read_to_string(txt).unwrap();
        let json_path = txt.with_extension("json");
        let expected: Value = std::fs::read_to_string(&json_path)
            .map(|s| serde_json::from_str(&s).unwrap())
            .unwrap_or_else(|_| json!({"as_of": "2025-06-01", "findings": []}));
        let as_of: Date = expected["as_of"].as_str().expect("as_of").parse().unwrap();
        let checker = Checker::builder().as_of(as_of).build().unwrap();
        let findings = checker.check(&text);
        for f in &findings {
            assert_eq!(&text[f.byte_start..f.byte_end], f.text, "{}", txt.display());
        }
        let actual = json!({"as_of": as_of.to_string(), "findings": findings});
        let fixed_path = txt.with_extension("fixed.txt");
        let fixed = zhproof::apply_fixes(&text, &findings);
        if bless {
            std::fs::write(
                &json_path,
                serde_json::to_string_pretty(&actual).unwrap() + "\n",
            )
            .unwrap();
            if fixed != text {
                std::fs::write(&fixed_path, &fixed).unwrap();
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
        if let Ok(want) = std::fs::read_to_string(&fixed_path) {
            if want != fixed {
                failures.push(format!(
                    "{}: fixed text differs:\n{fixed}",
                    fixed_path.display()
                ));
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
