//! `zhproof serve` as a process: it starts on an ephemeral port, answers the same findings as
//! `zhproof check --format json`, reads named dictionaries from zhproof.toml, and stops cleanly
//! (exit 0) on SIGTERM.

mod common;
use common::{run, BIN};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

const TEXT: &str =
    "会议对下一阶段工作进行了全面布署。\n联系人电话13812345678，国家质量监督检验检疫总局。\n";

/// Starts `zhproof serve ARGS --bind 127.0.0.1:0` and returns it with its address.
fn serve(args: &[&str], dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(args)
        .args(["--bind", "127.0.0.1:0"])
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(line.contains("neither logged nor stored"), "{line}");
    (child, addr)
}

fn post(addr: &str, path: &str, body: &Value) -> Value {
    let body = body.to_string();
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 "), "{head}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {head}\n{body}"))
}

fn sigterm(child: &mut Child) -> Option<i32> {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    child.wait().unwrap().code()
}

#[test]
fn serves_the_findings_of_check_and_stops_on_sigterm() {
    let dir = std::env::temp_dir();
    let (mut child, addr) = serve(&["--no-config", "--as-of", "2024-06-01"], &dir);
    let cli = run(
        &["check", "--format", "json", "--as-of", "2024-06-01"],
        TEXT.as_bytes(),
    );
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let api = post(&addr, "/api/v1/check", &json!({"text": TEXT}));
    assert!(!api["findings"].as_array().unwrap().is_empty());
    assert_eq!(api["findings"], cli["files"][0]["findings"]);
    assert_eq!(api["as_of"], cli["as_of"]);
    let fixed = run(&["fix", "--as-of", "2024-06-01"], TEXT.as_bytes());
    let api = post(&addr, "/api/v1/fix", &json!({"text": TEXT}));
    assert_eq!(api["text"], String::from_utf8(fixed.stdout).unwrap());
    let masked = run(&["mask"], TEXT.as_bytes());
    let api = post(&addr, "/api/v1/mask", &json!({"text": TEXT}));
    assert_eq!(api["text"], String::from_utf8(masked.stdout).unwrap());
    assert_eq!(sigterm(&mut child), Some(0));
}

#[test]
fn named_dictionaries_and_defaults_come_from_zhproof_toml() {
    let dir = std::env::temp_dir().join(format!("zhproof-serve-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("words")).unwrap();
    std::fs::write(
        dir.join("words/local.tsv"),
        "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("zhproof.toml"),
        "as-of = \"2024-06-01\"\nignore = [\"privacy\"]\n[serve]\ntimeout = 5\n[serve.dictionaries]\nlocal = [\"words/local.tsv\"]\n",
    )
    .unwrap();
    let (mut child, addr) = serve(&[], &dir);
    let v = post(
        &addr,
        "/api/v1/check",
        &json!({"text": "赣洲13812345678", "dictionaries": ["local"]}),
    );
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["place-name"], "{v}");
    assert_eq!(v["as_of"], "2024-06-01");
    assert_eq!(sigterm(&mut child), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_named_dictionary_is_an_error_at_start() {
    let dir = std::env::temp_dir().join(format!("zhproof-serve-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.tsv"),
        "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\nx\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("zhproof.toml"),
        "[serve.dictionaries]\nbad = [\"bad.tsv\"]\n",
    )
    .unwrap();
    let o = Command::new(BIN)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("dictionary `bad`") && err.contains("bad.tsv:2:"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
