//! `zhproof rules`, unknown rule names and the registry as the CLI shows it.

mod common;
use common::run;

use serde_json::Value;

fn out(o: &std::process::Output) -> (Option<i32>, String, String) {
    (
        o.status.code(),
        String::from_utf8(o.stdout.clone()).unwrap(),
        String::from_utf8(o.stderr.clone()).unwrap(),
    )
}

#[test]
fn rules_lists_the_registry_and_explains_one_rule() {
    let (code, list, _) = out(&run(&["rules"], b""));
    assert_eq!(code, Some(0));
    assert!(
        list.lines().any(|l| l.starts_with("common-typo ")),
        "{list}"
    );
    assert!(list.lines().any(|l| l.starts_with("porn-spam ")), "{list}");
    for args in [
        &["rules", "year-with-ling"][..],
        &["rules", "--explain", "year-with-ling"],
    ] {
        let (code, doc, _) = out(&run(args, b""));
        assert_eq!(code, Some(0));
        assert!(doc.starts_with("# year-with-ling (usage)"), "{doc}");
        assert!(
            doc.contains("GB/T 15835-2011") && doc.contains("二零二三年工作总结"),
            "{doc}"
        );
        assert!(doc.contains("Leaves alone:"), "{doc}");
    }
    let (code, json, _) = out(&run(&["rules", "--json"], b""));
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&json).unwrap();
    let all = v.as_array().unwrap();
    assert!(all
        .iter()
        .all(|r| r["explanation"].as_str().is_some_and(|e| !e.is_empty())));
    // Every rule has examples that fire and stay quiet: texts for the core's, HTML pages for
    // the page rules, small mirrors for the site rules (each proved by its crate's tests).
    for r in all {
        for key in ["fires", "quiet"] {
            assert!(!r[key].as_array().unwrap().is_empty(), "{} {key}", r["id"]);
        }
    }
    let page = all.iter().find(|r| r["id"] == "hidden-text").unwrap();
    assert!(page["fires"][0].as_str().unwrap().contains("display:none"));
    let site = all.iter().find(|r| r["id"] == "dead-link").unwrap();
    assert!(site["fires"][0]
        .as_str()
        .unwrap()
        .starts_with("=== index.html"));
    let (code, doc, _) = out(&run(&["rules", "hidden-link"], b""));
    assert_eq!(code, Some(0));
    assert!(doc.starts_with("# hidden-link (sensitive)"), "{doc}");
    // A kind lists its rules.
    let (code, typo, _) = out(&run(&["rules", "privacy"], b""));
    assert_eq!(code, Some(0));
    assert_eq!(typo.lines().count(), 3, "{typo}");
}

#[test]
fn unknown_rules_exit_two_with_the_nearest_name() {
    let (code, _, err) = out(&run(&["rules", "mobile-numbr"], b""));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("unknown rule `mobile-numbr`; did you mean `mobile-number`?"),
        "{err}"
    );
    for (args, want) in [
        (
            &["check", "--select", "typos"][..],
            "unknown rule `typos`; did you mean `typo`?",
        ),
        (
            &["check", "--select", "nonexistent-rule"],
            "unknown rule `nonexistent-rule`",
        ),
        (&["check", "--ignore", "privcy"], "did you mean `privacy`?"),
        (
            &["fix", "--select", "comon-typo"],
            "did you mean `common-typo`?",
        ),
    ] {
        let (code, stdout, err) = out(&run(args, "全面布署".as_bytes()));
        assert_eq!(code, Some(2), "{args:?}: {stdout}{err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn unknown_rules_in_the_config_file_exit_two() {
    let dir = std::env::temp_dir().join(format!("zhproof-registry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("zhproof.toml");
    std::fs::write(&cfg, "select = [\"privcy\"]\n").unwrap();
    let o = std::process::Command::new(common::BIN)
        .args(["check", "--config", cfg.to_str().unwrap(), "-"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let (code, _, err) = out(&o);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("unknown rule `privcy`; did you mean `privacy`?"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_findings_say_whether_the_fix_is_safe() {
    let o = run(
        &["check", "--format", "jsonl", "--as-of", "2025-06-01"],
        "全面布署。联系电话13812345678。".as_bytes(),
    );
    let (code, stdout, _) = out(&o);
    assert_eq!(code, Some(1));
    let by_rule: Vec<(String, String)> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                v["rule"].as_str().unwrap().into(),
                v["applicability"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        by_rule.contains(&("common-typo".into(), "safe".into())),
        "{by_rule:?}"
    );
    assert!(
        by_rule.contains(&("mobile-number".into(), "unsafe".into())),
        "{by_rule:?}"
    );
}

#[test]
fn statistical_typo_runs_by_default_and_can_be_ignored() {
    let text = "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责壬。\n";
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let (_, stdout, stderr) = out(&run(&all, text.as_bytes()));
        let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
        let mut rules: Vec<String> = Vec::new();
        for file in v["files"].as_array().unwrap() {
            for f in file["findings"].as_array().unwrap() {
                rules.push(f["rule"].as_str().unwrap().to_string());
            }
        }
        rules
    };
    for args in [
        &[][..],
        &["--select", "typo"],
        &["--select", "statistical-typo"],
    ] {
        let rules = rules_of(args);
        assert_eq!(
            rules.iter().filter(|r| *r == "statistical-typo").count(),
            2,
            "{args:?}: {rules:?}"
        );
    }
    for args in [&["--ignore", "statistical-typo"][..], &["--ignore", "typo"]] {
        assert!(
            !rules_of(args).iter().any(|r| r == "statistical-typo"),
            "{args:?}"
        );
    }
    let (code, doc, _) = out(&run(&["rules", "statistical-typo"], b""));
    assert_eq!(code, Some(0));
    assert!(doc.contains("On by default"), "{doc}");
    assert!(!doc.contains("opt-in"), "{doc}");
}
