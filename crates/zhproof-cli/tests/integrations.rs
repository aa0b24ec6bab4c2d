//! Output for other tools: SARIF, GitHub workflow commands, `--statistics`, and the progress bar
//! staying silent when standard error is not a terminal. (The SARIF log is validated against the
//! SARIF 2.1.0 JSON schema by the Python tests, `bindings/python/tests/test_cli.py`.)

mod common;
use common::run;
use std::path::PathBuf;

use serde_json::Value;

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-integ-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn sarif_has_rules_regions_and_safe_fixes() {
    let d = tempdir("sarif");
    let a = d.join("a.txt");
    // A BOM, then a typo on line 2 (safe fix) and a mobile number (privacy: no snippet).
    std::fs::write(&a, "\u{feff}第一行\nab会议布署。手机13812345678。\n").unwrap();
    let o = run(&["check", "--format", "sarif", a.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1), "{}", s(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() > 10);
    assert!(rules.iter().all(|r| r["shortDescription"]["text"]
        .as_str()
        .is_some_and(|t| !t.is_empty())));
    let results = run0["results"].as_array().unwrap();
    let typo = results
        .iter()
        .find(|r| r["ruleId"] == "common-typo")
        .unwrap();
    let region = &typo["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 5);
    assert_eq!(region["endColumn"], 7);
    // BOM (3) + "第一行\n" (10) + "ab会议" (8).
    assert_eq!(region["byteOffset"], 21);
    assert_eq!(region["byteLength"], 6);
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(&bytes[21..27], "布署".as_bytes());
    let fix = &typo["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(fix["insertedContent"]["text"], "部署");
    assert_eq!(fix["deletedRegion"]["byteOffset"], 21);
    let i = typo["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[i]["id"], "common-typo");

    let phone = results
        .iter()
        .find(|r| r["ruleId"] == "mobile-number")
        .unwrap();
    let region = &phone["locations"][0]["physicalLocation"]["region"];
    assert!(region.get("snippet").is_none(), "personal data in the log");
    assert!(!s(&o.stdout).contains("13812345678"));
    assert!(phone.get("fixes").is_none());
}

#[test]
fn sarif_reports_unreadable_inputs_as_notifications() {
    let d = tempdir("sarif-bad");
    let bad = d.join("bad.txt");
    // Invalid UTF-8 without a BOM (FF FE would now be read as UTF-16).
    std::fs::write(&bad, b"abc \xc3\x28 bad").unwrap();
    let o = run(&["check", "--format", "sarif", bad.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert!(n["message"]["text"].as_str().unwrap().contains("bad.txt"));
}

#[test]
fn github_prints_one_workflow_command_per_finding() {
    let o = run(
        &["check", "--format", "github"],
        "会议布署。\n请联系13812345678。\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = s(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("::warning file=-,line=1,col=3,endLine=1,endColumn=5,"));
    assert!(lines[1].contains("line=2,col=4,"), "{}", lines[1]);
    assert!(lines.iter().all(|l| l.starts_with("::")));
}

#[test]
fn statistics_count_per_rule() {
    let o = run(
        &["check", "--statistics"],
        "会议布署。工作布署。手机13812345678。\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = s(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("2  common-typo"), "{out}");
    assert!(lines[0].contains("[*]"));
    assert!(lines[1].starts_with("1  mobile-number"), "{out}");
    assert!(lines[2].starts_with("found 3 problems"));

    let o = run(
        &["check", "--statistics", "--format", "json"],
        "会议布署。工作布署。\n".as_bytes(),
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["rule"], "common-typo");
    assert_eq!(v[0]["count"], 2);
    assert_eq!(v[0]["fixable"], 2);

    let o = run(&["check", "--statistics", "--format", "sarif"], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let d = tempdir("progress");
    for i in 0..20 {
        std::fs::write(d.join(format!("{i}.txt")), "会议布署。\n").unwrap();
    }
    let o = run(&["check", "--format", "jsonl", d.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(s(&o.stderr), "");
    assert_eq!(s(&o.stdout).lines().count(), 20);
}

fn office(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/office")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn office_documents_are_checked_with_locations_and_bad_ones_do_not_stop_the_run() {
    let files = [
        office("notice.docx"),
        office("encrypted.docx"),
        office("list.xlsx"),
        office("renamed.doc"),
        office("notice.pdf"),
    ];
    let mut args = vec!["check", "--format", "jsonl"];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args, b"");
    assert_eq!(o.status.code(), Some(2), "unreadable inputs make exit 2");
    let rows: Vec<Value> = s(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Unreadable inputs are `{"path", "error"}` lines, not findings.
    assert!(
        rows.iter().any(|r| r["error"].is_string()),
        "the bad document is reported as an error line"
    );
    let got: Vec<(String, String, String)> = rows
        .iter()
        .filter(|r| r.get("error").is_none())
        .map(|r| {
            let file = r["path"].as_str().unwrap().rsplit('/').next().unwrap();
            (
                file.to_string(),
                r["location"].as_str().unwrap().to_string(),
                r["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("notice.docx", "paragraph 2", "common-typo"),
        ("notice.docx", "paragraph 7", "id-card-number"),
        ("notice.docx", "paragraph 8", "mobile-number"),
        ("notice.docx", "footer1 paragraph 1", "mobile-number"),
        ("list.xlsx", "名单!B2", "id-card-number"),
        ("list.xlsx", "名单!C2", "mobile-number"),
        ("list.xlsx", "名单!D2", "common-typo"),
        ("list.xlsx", "Sheet2!C5", "mobile-number"),
        ("notice.pdf", "page 1", "mobile-number"),
        ("notice.pdf", "page 2", "common-typo"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    // Within the segment: the typo is at column 15 of its paragraph.
    assert_eq!(rows[0]["column"], 15);
    let err = s(&o.stderr);
    assert!(err.contains("encrypted.docx: password-protected"), "{err}");
    assert!(
        err.contains("renamed.doc: legacy binary .doc file"),
        "{err}"
    );

    // Text output: file:location:line:column.
    let o = run(&["check", &office("list.xlsx")], b"");
    let out = s(&o.stdout);
    assert!(
        out.contains("list.xlsx:名单!C2:1:1: warning[mobile-number]"),
        "{out}"
    );
    // SARIF: a logical location and no region.
    let o = run(&["check", "--format", "sarif", &office("notice.odt")], b"");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let r = &v["runs"][0]["results"][0];
    let loc = &r["locations"][0];
    assert!(loc["logicalLocations"][0]["name"]
        .as_str()
        .unwrap()
        .contains("paragraph"));
    assert!(loc["physicalLocation"].get("region").is_none());
}

#[test]
fn mask_writes_masked_copies_of_documents_and_leaves_the_originals() {
    let d = tempdir("mask-docs");
    for name in ["list.xlsx", "notice.docx", "notice.pdf"] {
        std::fs::copy(office(name), d.join(name)).unwrap();
    }
    let before = std::fs::read(d.join("list.xlsx")).unwrap();
    let o = run(
        &[
            "mask",
            d.join("list.xlsx").to_str().unwrap(),
            d.join("notice.pdf").to_str().unwrap(),
            d.join("notice.docx").to_str().unwrap(),
        ],
        b"",
    );
    let err = s(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write a masked .pdf"), "{err}");
    assert!(err.contains("masked copy written to"), "{err}");
    assert_eq!(std::fs::read(d.join("list.xlsx")).unwrap(), before);
    for copy in ["list.masked.xlsx", "notice.masked.docx"] {
        let o = run(
            &["check", "--format", "jsonl", d.join(copy).to_str().unwrap()],
            b"",
        );
        let out = s(&o.stdout);
        assert!(!out.contains("privacy"), "{copy}: {out}");
        assert!(out.contains("common-typo"), "{copy}: {out}");
    }
    assert!(!d.join("notice.masked.pdf").exists());
}
