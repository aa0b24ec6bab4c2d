//! End-to-end tests of the `zhproof` binary.

mod common;
use common::{run, BIN};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `zhproof ARGS` run in `dir` (where it finds that directory's zhproof.toml).
fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A fresh directory under the system temp dir.
fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn jsonl_reports_the_typo_with_every_field() {
    let o = run(
        &["check", "--format", "jsonl"],
        "会议对下一阶段工作进行了全面布署。".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_by_key(|k| out.find(&format!("\"{k}\":")).unwrap());
    assert_eq!(
        keys,
        [
            "path",
            "rule",
            "kind",
            "severity",
            "byte_start",
            "byte_end",
            "char_start",
            "char_end",
            "line",
            "column",
            "text",
            "message",
            "suggestions",
            "source",
            "applicability"
        ]
    );
    assert_eq!(v["path"], "-");
    assert_eq!(v["kind"], "typo");
    assert_eq!(v["text"], "布署");
    assert_eq!(v["suggestions"][0], "部署");
    assert_eq!(v["byte_start"], 42);
    assert_eq!(v["char_start"], 14);
    assert_eq!(v["line"], 1);
    assert_eq!(v["column"], 15);
}

#[test]
fn clean_text_exits_zero_and_prints_nothing_in_jsonl() {
    let o = run(
        &["check", "--format", "jsonl"],
        "会议对下一阶段工作进行了全面部署。".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let o = run(&["check", "--format", "jsonl"], b"");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn invalid_utf8_exits_two_naming_the_byte_offset() {
    let o = run(&["check"], b"abc\xE4\xB8def");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("-: invalid UTF-8 at byte offset 3"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &["check", "--lossy", "--format", "jsonl"],
        "全面布署\u{0}".as_bytes(),
    );
    // A NUL byte makes the input binary: given explicitly (standard input), it cannot be
    // checked, an error (in a directory walk it would be skipped).
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("binary"));
    let o = run(
        &["check", "--lossy", "--format", "jsonl"],
        b"\xFF\xE5\xB8\x83\xE7\xBD\xB2",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\"char_start\":1"));
}

#[test]
fn a_bad_dictionary_line_fails_with_file_and_line() {
    let d = tempdir("baddict");
    let p = d.join("mine.tsv");
    std::fs::write(&p, "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n# ok\n赣洲\t赣州\texpression\tplace-name\tsevere\tn\ts\n").unwrap();
    let o = run(&["check", "--dict", p.to_str().unwrap()], "文本".as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}:3: unknown severity `severe`", p.display())),
        "{}",
        stderr(&o)
    );
    let o = run(&["dict", "check", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with(&format!("{}:3: unknown severity", p.display())));
}

#[test]
fn dict_check_runs_examples_and_accepts_good_files() {
    let d = tempdir("dictcheck");
    let good = d.join("good.tsv");
    std::fs::write(&good, "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tfire\tquiet\n赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部\t赣洲市\t赣州市\n").unwrap();
    let o = run(&["dict", "check", good.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let bad = d.join("bad.tsv");
    std::fs::write(&bad, "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tfire\n赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部\t赣州市\n").unwrap();
    let o = run(&["dict", "check", bad.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(":2: `赣洲` (place-name) does not fire"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn text_format_has_location_caret_and_summary() {
    let o = run(&["check"], "第一行\nab全面布署\n".as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("-:2:5: warning[common-typo] 疑似错别字：“布署”，应为“部署”。"),
        "{out}"
    );
    assert_eq!(lines[1], "2 | ab全面布署");
    assert_eq!(lines[2], "  |       ^^^^ 建议：部署");
    assert_eq!(
        lines[3],
        "found 1 problem (0 errors, 1 warning, 0 info) in 1 file"
    );
}

#[test]
fn fail_on_select_ignore_and_as_of() {
    let text = "全面布署，国家卫生计生委。".as_bytes();
    assert_eq!(
        run(&["check", "--fail-on", "error"], text).status.code(),
        Some(0)
    );
    let o = run(
        &[
            "check",
            "--format",
            "jsonl",
            "--select",
            "expression",
            "--as-of",
            "2024-01-01",
        ],
        text,
    );
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(stdout(&o).contains("outdated-name"));
    let o = run(
        &[
            "check",
            "--format",
            "jsonl",
            "--as-of",
            "2017-01-01",
            "--ignore",
            "typo",
        ],
        text,
    );
    assert_eq!(stdout(&o), "");
    let o = run(&["check", "--as-of", "2017-13-01"], text);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as-of"));
    let o = run(&["check", "--select", "Not A Rule"], text);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn files_directories_unreadable_and_binary() {
    let d = tempdir("files");
    std::fs::write(d.join("a.txt"), "全面布署。").unwrap();
    std::fs::write(d.join("b.bin"), b"\x00\x01\x02binary").unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/c.md"), "贯切落实。").unwrap();
    std::fs::write(d.join(".hidden.txt"), "布署").unwrap();
    let o = run(&["check", "--format", "jsonl", d.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let paths: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.txt") && paths[1].ends_with("c.md"));
    assert!(stderr(&o).contains("b.bin: binary file"));

    let missing = d.join("missing.txt");
    let o = run(
        &[
            "check",
            "--format",
            "json",
            missing.to_str().unwrap(),
            d.join("a.txt").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(doc["files"][0]["error"]
        .as_str()
        .unwrap()
        .contains("cannot read"));
    assert_eq!(doc["files"][1]["findings"][0]["text"], "布署");
    assert_eq!(doc["summary"]["findings"], 1);
}

#[test]
fn fix_prints_and_writes_atomically() {
    let o = run(&["fix"], "会议全面布署，贯切落实。北朝鲜".as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "会议全面部署，贯彻落实。北朝鲜");
    let o = run(&["check", "--fix"], "全面布署".as_bytes());
    assert_eq!(stdout(&o), "全面部署");

    let d = tempdir("fixwrite");
    let p = d.join("a.txt");
    std::fs::write(&p, "\u{feff}全面布署。\r\n第二行。").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let o = run(&["fix", "--write", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "\u{feff}全面部署。\r\n第二行。"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    let left: Vec<_> = std::fs::read_dir(&d).unwrap().collect();
    assert_eq!(left.len(), 1, "temporary file left behind");

    let o = run(&["fix", p.to_str().unwrap(), p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(BIN)
        .args(["check", "--no-config", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let text = "全面布署。".repeat(200_000);
    drop(child.stdout.take()); // the reader goes away before any output
    let _ = stdin.write_all(text.as_bytes());
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn config_file_is_read_and_unknown_keys_rejected() {
    let d = tempdir("config");
    let cfg = d.join("zhproof.toml");
    std::fs::write(&cfg, "ignore = [\"typo\"]\n").unwrap();
    let o = Command::new(BIN)
        .args([
            "check",
            "--format",
            "jsonl",
            "--config",
            cfg.to_str().unwrap(),
            d.join("x.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2)); // x.txt does not exist
    std::fs::write(d.join("x.txt"), "全面布署").unwrap();
    let o = run_in(&d, &["check", "--format", "jsonl", "x.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(&cfg, "ignroe = [\"typo\"]\n").unwrap();
    let o = run_in(&d, &["check", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown field `ignroe`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn dict_stats_and_rules_list_the_embedded_data() {
    let o = run(&["dict", "stats", "--json"], b"");
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["entries"].as_u64().unwrap() > 0);
    assert!(v["kinds"]["typo"].as_u64().unwrap() > 0);
    let o = run(&["rules"], b"");
    assert!(stdout(&o).contains("common-typo"));
}

#[test]
fn issue_4_examples_give_structured_findings_with_suggestions() {
    let text = "国务院总理赵乐际主持会议。全国政协主席李强出席。国务院总理李墙作报告。\n\
                第二十届全国代表大会、二十次三中全会、十四次全国人大二次会议。\n\
                增强政治意识、核心意识、大局意识、看齐意识。\n";
    let o = run(
        &["check", "--format", "jsonl", "--as-of", "2025-06-01"],
        text.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found: Vec<(String, String, String)> = stdout(&o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["rule"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
                v["suggestions"][0].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        ("leader-wrong-office", "国务院总理赵乐际", "国务院总理李强"),
        (
            "leader-wrong-office",
            "全国政协主席李强",
            "全国政协主席王沪宁",
        ),
        ("leader-name-misspelled", "李墙", "李强"),
        (
            "wrong-session-counter",
            "第二十届全国代表大会",
            "第二十次全国代表大会",
        ),
        ("wrong-session-counter", "二十次三中全会", "二十届三中全会"),
        ("wrong-session-counter", "十四次全国人大", "十四届全国人大"),
        (
            "distorted-enumeration",
            "政治意识、核心意识、大局意识、看齐意识",
            "政治意识、大局意识、核心意识、看齐意识",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(r, t, s)| (r.to_string(), t.to_string(), s.to_string()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn mask_reads_stdin_and_keeps_length() {
    // Made-up numbers with valid check digits (see crates/zhproof/src/rules/pii/tests.rs).
    let text = "公示：张某，身份证号360702198506122312，电话139 0000 1234，账号6217000012345670；热线12345。\n";
    let o = run(&["mask", "--as-of", "2025-06-01"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        out,
        "公示：张某，身份证号360702********2312，电话139 **** 1234，账号621700******5670；热线12345。\n"
    );
    assert_eq!(out.chars().count(), text.chars().count());
}

#[test]
fn mask_files_in_order_and_selection() {
    let dir = tempdir("mask");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "甲13900001234\n").unwrap();
    std::fs::write(&b, "乙身份证号360702198506122312\n").unwrap();
    let (pa, pb) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = run(&["mask", "--as-of", "2025-06-01", pa, pb], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "甲139****1234\n乙身份证号360702********2312\n");
    // Masking masks (issue 13): a selection never leaves numbers unmasked; the birth date
    // decides as of when.
    let o = run(
        &[
            "mask",
            "--as-of",
            "2025-06-01",
            "--ignore",
            "mobile-number",
            pa,
            pb,
        ],
        b"",
    );
    assert_eq!(stdout(&o), "甲139****1234\n乙身份证号360702********2312\n");
    assert!(
        stderr(&o).contains("mask ignores rule selection"),
        "{}",
        stderr(&o)
    );
    let o = run(&["mask", "--as-of", "1985-01-01", pb], b"");
    assert_eq!(stdout(&o), "乙身份证号360702198506122312\n");
    let o = run(&["mask", dir.join("missing.txt").to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn chunked_input_gives_the_output_of_a_whole_read() {
    let d = tempdir("chunks");
    let lines = [
        "会议对下一阶段工作进行了全面布署。\n",
        "国务院总理赵乐际主持会议，联系电话13912345678。\r\n",
        "短行\n",
    ];
    let text: String = lines.iter().cycle().take(30).copied().collect();
    let file = d.join("big.txt");
    std::fs::write(&file, format!("\u{FEFF}{text}")).unwrap();
    let f = file.to_str().unwrap();
    for format in ["text", "json", "jsonl"] {
        // Whole: the file is smaller than the default chunk. Chunked: 100-byte chunks, from the
        // file and from standard input.
        let whole = run(&["check", "--format", format, f], b"");
        let chunked = run(
            &["check", "--format", format, "--chunk-bytes", "100", f],
            b"",
        );
        assert_eq!(whole.status.code(), Some(1));
        assert_eq!(stdout(&chunked), stdout(&whole), "{format}");
        assert_eq!(chunked.status.code(), whole.status.code());
        let piped = run(
            &["check", "--format", format, "--chunk-bytes", "100"],
            text.as_bytes(),
        );
        assert_eq!(
            stdout(&piped),
            stdout(&whole).replace(f, "-"),
            "{format} from stdin"
        );
    }
    let fixed_whole = run(&["fix", f], b"");
    let fixed_chunked = run(&["fix", "--chunk-bytes", "100", f], b"");
    assert_eq!(stdout(&fixed_chunked), stdout(&fixed_whole));
    assert!(stdout(&fixed_whole).contains("全面部署"));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn info_findings_are_shown_only_when_asked_for_in_text_output() {
    // 、 between two titles is an info hint; 布署 a warning.
    let text = "学习《宪法》、《民法典》，全面布署。\n";
    let lines = |args: &[&str]| -> (Option<i32>, String) {
        let mut all = vec!["check", "--as-of", "2025-06-01"];
        all.extend_from_slice(args);
        let o = run(&all, text.as_bytes());
        (o.status.code(), stdout(&o))
    };
    let (code, out) = lines(&[]);
    assert_eq!(code, Some(1));
    assert!(out.contains("warning[common-typo]"), "{out}");
    assert!(!out.contains("info[comma-between-titles]"), "{out}");
    assert!(
        out.ends_with(
            "found 1 problem (0 errors, 1 warning, 0 info) in 1 file; 1 finding of lower \
             severity not shown (--show info prints them)\n"
        ),
        "{out}"
    );
    let (_, out) = lines(&["--show", "info"]);
    assert!(out.contains("info[comma-between-titles]"), "{out}");
    assert!(
        out.ends_with("found 2 problems (0 errors, 1 warning, 1 info) in 1 file\n"),
        "{out}"
    );
    // failing on info shows info
    let (code, out) = lines(&["--fail-on", "info", "--ignore", "common-typo"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("info[comma-between-titles]"), "{out}");
    // the machine formats carry every finding unless told otherwise
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--format", "jsonl"];
        all.extend_from_slice(args);
        let (_, out) = lines(&all);
        out.lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["rule"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(rules(&[]), ["comma-between-titles", "common-typo"]);
    assert_eq!(rules(&["--show", "warning"]), ["common-typo"]);
    let (_, out) = lines(&["--format", "json", "--show", "warning"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["files"][0]["findings"].as_array().unwrap().len(),
        1,
        "{out}"
    );
    assert_eq!(v["summary"]["hidden"], 1, "{out}");
    // and zhproof.toml's `show`
    let d = tempdir("show");
    std::fs::write(d.join("zhproof.toml"), "show = \"info\"\n").unwrap();
    std::fs::write(d.join("x.txt"), text).unwrap();
    let o = run_in(&d, &["check", "--as-of", "2025-06-01", "x.txt"]);
    assert!(
        stdout(&o).contains("info[comma-between-titles]"),
        "{}",
        stdout(&o)
    );
    std::fs::write(d.join("zhproof.toml"), "show = \"all\"\n").unwrap();
    let o = run_in(&d, &["check", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("show"), "{}", stderr(&o));
}
