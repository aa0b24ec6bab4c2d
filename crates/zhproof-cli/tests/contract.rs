//! The CLI contract of issue 12: each test failed before its fix.

mod common;
use common::{run, BIN};

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-contract-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn a_named_binary_file_is_an_error_visible_in_json_and_jsonl() {
    let d = tempdir("binary");
    let bin = d.join("a.bin");
    std::fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    let path = bin.to_str().unwrap();
    let o = run(&["check", "--format", "jsonl", path], b"");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let line: Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(line["path"], path);
    assert!(line["error"].as_str().unwrap().contains("binary"), "{line}");
    let o = run(&["check", "--format", "json", path], b"");
    assert_eq!(o.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["files"][0]["path"], path);
    assert!(doc["files"][0]["error"].is_string(), "{doc}");
    assert_eq!(doc["summary"]["unreadable"], 1);
    // Met while walking a directory, it is skipped with a note.
    std::fs::write(d.join("b.txt"), "全面部署。").unwrap();
    let o = run(&["check", "--format", "json", d.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["summary"]["skipped"], 1);
    assert_eq!(doc["summary"]["unreadable"], 0);
}

#[test]
fn the_json_summary_keeps_file_and_severity_counts_apart() {
    let o = run(&["check", "--format", "json"], "全面布署。".as_bytes());
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: Vec<&String> = doc["summary"].as_object().unwrap().keys().collect();
    assert!(!keys.iter().any(|k| *k == "errors"), "{keys:?}");
    for k in [
        "files",
        "skipped",
        "unreadable",
        "findings",
        "error",
        "warning",
        "info",
    ] {
        assert!(keys.iter().any(|x| *x == k), "{k} missing: {keys:?}");
    }
}

#[test]
fn fix_to_standard_output_keeps_the_bom() {
    let d = tempdir("bom");
    let a = d.join("a.txt");
    std::fs::write(&a, "\u{feff}全面布署。\n").unwrap();
    let o = run(&["fix", a.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "\u{feff}全面部署。\n");
    // Streamed (chunked) inputs too.
    let o = run(&["fix", "--chunk-bytes", "8", a.to_str().unwrap()], b"");
    assert_eq!(
        text(&o.stdout),
        "\u{feff}全面部署。\n",
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn fail_on_never_reports_and_exits_zero() {
    let o = run(&["check", "--fail-on", "never"], "全面布署。".as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("common-typo"));
    let o = run(
        &["check", "--fail-on", "never", "--select", "typos"],
        "全面布署。".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2), "usage errors still exit 2");
}

fn with_config(name: &str, toml: &str, stdin: &str) -> std::process::Output {
    let d = tempdir(name);
    std::fs::write(d.join("zhproof.toml"), toml).unwrap();
    let mut child = Command::new(BIN)
        .current_dir(&d)
        .args(["check", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn config_dates_are_native_toml_dates_and_their_errors_name_the_config() {
    // 国家卫生计生委 became 国家卫生健康委 on 2018-03-17.
    let o = with_config(
        "date-before",
        "as-of = 2017-06-01\n",
        "国家卫生计生委印发通知。",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = with_config(
        "date-after",
        "as-of = 2019-06-01\n",
        "国家卫生计生委印发通知。",
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let o = with_config("date-bad", "as-of = \"2024-02-30\"\n", "x");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("zhproof.toml") && !err.contains("--as-of"),
        "{err}"
    );
}

#[test]
fn a_missing_dictionary_is_reported_once() {
    let o = run(&["check", "--dict", "/nonexistent/zhproof.tsv"], b"x");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}
