//! Hostile and odd input through the `zhproof` binary: invalid UTF-8, BOM, CRLF and lone CR, NUL
//! bytes, empty files, a 200 MB single line, a million repeats of one character, nested
//! brackets, directories and unreadable files. Each case checks what is reported, not only that
//! nothing crashed.

mod common;
use common::{run, BIN};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn jsonl(args: &[&str], stdin: &[u8]) -> (Option<i32>, Vec<Value>, String) {
    let mut a = vec!["check", "--format", "jsonl"];
    a.extend_from_slice(args);
    let o = run(&a, stdin);
    let findings = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        // `{"path", "error"}` lines report inputs that could not be checked (tests/contract.rs).
        .filter(|v| v.get("error").is_none())
        .collect();
    (
        o.status.code(),
        findings,
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// A fresh directory under the system temp dir.
fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `(line, column, char_start, byte_start, text)` of a JSON finding.
fn at(v: &Value) -> (u64, u64, u64, u64, &str) {
    (
        v["line"].as_u64().unwrap(),
        v["column"].as_u64().unwrap(),
        v["char_start"].as_u64().unwrap(),
        v["byte_start"].as_u64().unwrap(),
        v["text"].as_str().unwrap(),
    )
}

#[test]
fn invalid_utf8_is_an_error_with_its_offset_or_replaced_with_lossy() {
    let d = tempdir("utf8");
    let bad = d.join("bad.txt");
    // "全面" is 6 bytes, then a lone continuation byte.
    let bytes = b"\xE5\x85\xA8\xE9\x9D\xA2\x80\xE5\xB8\x83\xE7\xBD\xB2".to_vec();
    std::fs::write(&bad, &bytes).unwrap();
    let good = d.join("good.txt");
    std::fs::write(&good, "全面布署").unwrap();

    let (code, findings, err) = jsonl(&[s(&bad), s(&good)], b"");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("bad.txt: invalid UTF-8 at byte offset 6"),
        "{err}"
    );
    // The other file is still checked.
    assert_eq!(findings.len(), 1);
    assert!(findings[0]["path"].as_str().unwrap().ends_with("good.txt"));

    let (code, findings, err) = jsonl(&["--lossy", s(&bad)], b"");
    assert_eq!(code, Some(1), "{err}");
    // U+FFFD replaces the bad byte: 布署 starts at char 3, byte 9.
    assert_eq!(at(&findings[0]), (1, 4, 3, 9, "布署"));
}

#[test]
fn a_bom_is_not_counted_in_positions() {
    let text = "\u{feff}布署。\n第二行布署";
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!(code, Some(1));
    // Offsets are in the text after the BOM: the first character is at line 1, column 1.
    assert_eq!(at(&findings[0]), (1, 1, 0, 0, "布署"));
    assert_eq!(at(&findings[1]), (2, 4, 7, 19, "布署"));
}

#[test]
fn crlf_and_lone_cr_end_lines() {
    let text = "第一行布署\r\n第二行布署\r第三行布署\n\r\n第五行布署";
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!(code, Some(1));
    let lines: Vec<(u64, u64, u64)> = findings
        .iter()
        .map(|f| {
            let (l, c, ch, ..) = at(f);
            (l, c, ch)
        })
        .collect();
    assert_eq!(lines, [(1, 4, 3), (2, 4, 10), (3, 4, 16), (5, 4, 24)]);
    for f in &findings {
        let (_, _, ch, b, t) = at(f);
        assert_eq!(&text[b as usize..b as usize + t.len()], t);
        assert_eq!(text[..b as usize].chars().count() as u64, ch);
    }
    // The text format shows only the finding's own line.
    let o = run(&["check"], text.as_bytes());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("-:3:4: "), "{out}");
    assert!(out.contains("3 | 第三行布署\n"), "{out}");
}

#[test]
fn nul_bytes_and_binary_files_are_skipped_with_a_message() {
    let d = tempdir("binary");
    let png = d.join("logo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let nul = d.join("nul.txt");
    std::fs::write(&nul, "全面布署\0更多").unwrap();
    // Named on the command line, a binary file cannot be checked: an error (exit 2).
    let o = run(&["check", s(&png), s(&nul)], b"");
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("logo.png: binary file (contains NUL bytes)"),
        "{err}"
    );
    assert!(err.contains("nul.txt: binary file"), "{err}");
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("no problems found in 0 files; 2 files could not be checked"),
        "{out}"
    );
    // Met in a directory, they are skipped with a note.
    let o = run(&["check", s(&d)], b"");
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("no problems found in 0 files; 2 files skipped"),
        "{out}"
    );
    // `fix --write` leaves a binary file as it is.
    let o = run(&["fix", "--write", s(&nul)], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&nul).unwrap(), "全面布署\0更多".as_bytes());

    // A NUL byte after the first 8 KiB is text: it is checked and positions stay right.
    let text = format!("{}\0布署", "中".repeat(3000));
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(at(&findings[0]), (1, 3002, 3001, 9001, "布署"));
}

#[test]
fn an_empty_file_and_empty_input_are_clean() {
    let d = tempdir("empty");
    let p = d.join("empty.txt");
    std::fs::write(&p, "").unwrap();
    let o = run(&["check", s(&p)], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "no problems found in 1 file\n"
    );
    let o = run(&["check"], b"");
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["fix", "--write", s(&p)], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&p).unwrap(), b"");
    let o = run(&["fix"], b"");
    assert_eq!((o.status.code(), o.stdout.len()), (Some(0), 0));
}

/// Peak resident memory of a child in KiB, polled from /proc while it runs (Linux only).
fn run_measuring_memory(mut cmd: Command) -> (Output, Option<u64>) {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = done.clone();
    let poller = std::thread::spawn(move || {
        let mut peak = None;
        while !flag.load(std::sync::atomic::Ordering::Relaxed) {
            if let Ok(s) = std::fs::read_to_string(&status) {
                let hwm = s
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
                peak = peak.max(hwm);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        peak
    });
    let out = child.wait_with_output().unwrap();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    (out, poller.join().unwrap())
}

#[test]
fn a_200_mb_single_line_file() {
    let d = tempdir("huge");
    let p = d.join("huge.txt");
    // A clean sentence repeated, with a typo at the end of every 1 MiB-ish block: 200 MB, no
    // line break.
    let sentence = "各地区各部门认真贯彻落实党中央决策部署，推动经济社会高质量发展。";
    let block = sentence.repeat(1_048_576 / sentence.len()) + "全面布署";
    let blocks = 200_000_000 / block.len() + 1;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        for _ in 0..blocks {
            f.write_all(block.as_bytes()).unwrap();
        }
    }
    let size = std::fs::metadata(&p).unwrap().len();
    assert!(size >= 200_000_000);

    let mut cmd = Command::new(BIN);
    cmd.args(["check", "--no-config", "--format", "jsonl", s(&p)]);
    let (o, peak_kib) = run_measuring_memory(cmd);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let findings: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(findings.len(), blocks);
    let last = &findings[blocks - 1];
    let typo_bytes = "布署".len() as u64;
    assert_eq!(last["byte_end"].as_u64(), Some(size));
    assert_eq!(last["byte_start"].as_u64(), Some(size - typo_bytes));
    assert_eq!(last["line"].as_u64(), Some(1));
    let chars_per_block = block.chars().count() as u64;
    assert_eq!(
        last["char_end"].as_u64(),
        Some(chars_per_block * blocks as u64)
    );
    if let Some(peak) = peak_kib {
        eprintln!(
            "200 MB single line: peak RSS {} MiB for a {} MiB file",
            peak / 1024,
            size >> 20
        );
        // The text is held once, plus the findings and the automaton: well under 3 copies.
        assert!(peak * 1024 < 3 * size, "peak RSS {peak} KiB");
    }

    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_million_repeats_of_one_character_or_one_typo() {
    let text = "中".repeat(1_000_000);
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!((code, findings.len()), (Some(0), 0));
    let text = "。".repeat(1_000_000);
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!((code, findings.len()), (Some(0), 0));
    // 500,000 typos back to back on one line (1,000,000 characters): every one is found, and
    // the text format (which cuts the line around each finding) stays linear.
    let text = "布署".repeat(500_000);
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!((code, findings.len()), (Some(1), 500_000));
    assert_eq!(
        at(&findings[499_999]),
        (1, 999_999, 999_998, 2_999_994, "布署")
    );
    let o = run(&["check"], text.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let fixed = run(&["fix"], text.as_bytes()).stdout;
    assert_eq!(fixed, "部署".repeat(500_000).as_bytes());
}

#[test]
fn text_made_only_of_dictionary_words() {
    // Every embedded term back to back, twice: the worst-case density of matches.
    let checker = zhproof::Checker::new();
    let mut all = String::new();
    for e in checker.entries() {
        all.push_str(&e.term);
    }
    let text = all.repeat(2);
    let expected = checker.check(&text);
    assert!(expected.len() >= checker.entries().len() / 2);
    let (code, findings, _) = jsonl(&["--as-of", "2026-11-27"], text.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(findings.len(), expected.len());
    for (v, f) in findings.iter().zip(&expected) {
        assert_eq!(
            at(v),
            (
                1,
                f.column as u64,
                f.char_start as u64,
                f.byte_start as u64,
                f.text.as_str()
            )
        );
    }
    // Fixing dense text cascades (a fix makes a new match) over several passes: the first 2,000
    // terms keep the debug-build test short.
    let some: String = checker
        .entries()
        .iter()
        .take(2000)
        .map(|e| e.term.as_str())
        .collect();
    let o = run(&["fix"], some.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, checker.fix(&some).as_bytes());
}

#[test]
fn deeply_nested_brackets() {
    let depth = 100_000;
    let text = format!(
        "{}全面布署{}",
        "（【《“".repeat(depth),
        "”》】）".repeat(depth)
    );
    let (code, findings, _) = jsonl(&[], text.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(findings.len(), 1);
    let chars = 4 * depth as u64 + 2;
    assert_eq!(at(&findings[0]), (1, chars + 1, chars, chars * 3, "布署"));
    let unbalanced = "（".repeat(depth) + "全面布署" + &"）".repeat(depth / 2) + &"》".repeat(7);
    let (code, findings, _) = jsonl(&[], unbalanced.as_bytes());
    assert_eq!(code, Some(1));
    // The typo, plus the unmatched brackets (depth / 2 openers and 7 closers): the first 100
    // one by one, then one finding counting the rest (issue 13: a cap per paragraph).
    let typos: Vec<_> = findings.iter().filter(|f| f["text"] == "布署").collect();
    assert_eq!(typos.len(), 1);
    assert_eq!(findings.len(), 1 + 100 + 1);
    let more = format!("另有 {} 个", depth / 2 + 7 - 100);
    assert!(findings
        .iter()
        .any(|f| f["message"].as_str().unwrap().contains(&more)));
}

#[test]
fn a_directory_checks_the_text_files_inside() {
    let d = tempdir("dir");
    std::fs::write(d.join("a.txt"), "全面布署。").unwrap();
    std::fs::write(d.join("b.bin"), b"\x00\x01\x02binary").unwrap();
    std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
    std::fs::write(d.join("sub/deeper/c.md"), "贯切落实。").unwrap();
    std::fs::write(d.join(".hidden.txt"), "布署").unwrap();
    // A `.gitignore` is honoured inside a git repository (issue 13: only there).
    std::fs::create_dir(d.join(".git")).unwrap();
    std::fs::write(d.join(".gitignore"), "ignored.txt\nbuild/\n").unwrap();
    std::fs::write(d.join("ignored.txt"), "布署").unwrap();
    std::fs::create_dir_all(d.join("build")).unwrap();
    std::fs::write(d.join("build/out.txt"), "布署").unwrap();
    let (code, findings, err) = jsonl(&[s(&d)], b"");
    assert_eq!(code, Some(1), "{err}");
    let paths: Vec<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.txt"), "{paths:?}");
    assert!(paths[1].ends_with("sub/deeper/c.md"), "{paths:?}");
    assert!(err.contains("b.bin: binary file"), "{err}");
    assert!(!err.contains("ignored") && !err.contains("hidden"), "{err}");
}

/// Unreadable inputs that stay unreadable for root (CI runs as root, so `chmod 000` does not
/// work there): `/proc/self/mem` opens but fails to read at offset 0 (Linux); a broken symbolic
/// link; a path through a regular file. When not root, a `chmod 000` file is added too.
fn unreadable_paths(d: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if Path::new("/proc/self/mem").exists() {
        v.push(PathBuf::from("/proc/self/mem"));
    }
    #[cfg(unix)]
    {
        let link = d.join("broken-link.txt");
        std::os::unix::fs::symlink(d.join("nowhere"), &link).unwrap();
        v.push(link);
        use std::os::unix::fs::PermissionsExt;
        let locked = d.join("locked.txt");
        std::fs::write(&locked, "布署").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            v.push(locked);
        } else {
            eprintln!("running as root: chmod 000 does not stop reading, not tested that way");
        }
    }
    std::fs::write(d.join("plain"), "x").unwrap();
    v.push(d.join("plain/child.txt"));
    v
}

#[test]
fn unreadable_files_are_reported_and_the_others_still_checked() {
    let d = tempdir("unreadable");
    let good = d.join("good.txt");
    std::fs::write(&good, "全面布署").unwrap();
    let bad = unreadable_paths(&d);
    let mut args: Vec<&str> = bad.iter().map(|p| s(p)).collect();
    args.push(s(&good));
    let (code, findings, err) = jsonl(&args, b"");
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(findings.len(), 1);
    assert!(findings[0]["path"].as_str().unwrap().ends_with("good.txt"));
    for p in &bad {
        assert!(
            err.contains(&format!("{}: cannot read: ", p.display())),
            "{p:?} not reported: {err}"
        );
    }
    if bad.iter().any(|p| p.starts_with("/proc")) {
        assert!(
            err.contains("/proc/self/mem: cannot read: Input/output error"),
            "{err}"
        );
    }

    // `fix --write` fixes the readable file, touches none of the others and exits 2.
    let mut a = vec!["fix", "--write"];
    a.extend_from_slice(&args);
    let o = run(&a, b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&good).unwrap(), "全面部署");
    #[cfg(unix)]
    {
        let link = std::fs::symlink_metadata(d.join("broken-link.txt")).unwrap();
        assert!(link.file_type().is_symlink());
    }
}
