//! Issue 13 (reliability and security round 2): configuration ownership, masking that a
//! selection cannot turn off, and what reaches the terminal.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{run, BIN};

const ID: &str = "身份证号360702198506122312。";

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-rel-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `zhproof ARGS` in `dir`, standard input empty, configuration discovered.
fn run_in(dir: &PathBuf, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn mask_masks_whatever_the_selection() {
    for args in [
        &["mask", "--ignore", "privacy"][..],
        &["mask", "--select", "typo"][..],
    ] {
        let o = run(args, ID.as_bytes());
        assert_eq!(o.status.code(), Some(0));
        let out = String::from_utf8(o.stdout).unwrap();
        assert_eq!(out, "身份证号360702********2312。", "{args:?}");
    }
}

#[test]
fn a_config_ignoring_privacy_does_not_unmask() {
    let d = tempdir("mask-config");
    std::fs::write(d.join("zhproof.toml"), "ignore = [\"privacy\"]\n").unwrap();
    std::fs::write(d.join("a.txt"), ID).unwrap();
    let o = run_in(&d, &["mask", "a.txt"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "身份证号360702********2312。"
    );
}

/// A zhproof.toml owned by another user is ignored with a note (only testable as root, which
/// can give a file away; CI runs as root).
#[cfg(unix)]
#[test]
fn a_config_owned_by_another_user_is_ignored() {
    let d = tempdir("foreign-config");
    let cfg = d.join("zhproof.toml");
    std::fs::write(&cfg, "ignore = [\"typo\"]\n").unwrap();
    std::fs::write(d.join("a.txt"), "全面布署。").unwrap();
    if std::os::unix::fs::chown(&cfg, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: cannot chown (not root)");
        return;
    }
    let o = run_in(&d, &["check", "a.txt"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "the typo is reported: {err}");
    assert!(
        err.contains("ignoring") && err.contains("owned by uid 65534"),
        "{err}"
    );
    // Given explicitly, it is used.
    let o = run_in(&d, &["check", "--config", "zhproof.toml", "a.txt"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn text_output_masks_personal_data_and_escapes_file_names() {
    let d = tempdir("escape");
    let name = "a\u{1b}]0;x\u{7}\u{202E}.txt";
    std::fs::write(d.join(name), format!("{ID}全面布署。")).unwrap();
    let o = run_in(&d, &["check", "--no-config", "--as-of", "2025-06-01", name]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains("198506122312"), "{out}");
    assert!(out.contains("360702********2312"), "{out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}'),
        "{out}"
    );
    assert!(
        out.contains("a\\u{001B}]0;x\\u{0007}\\u{202E}.txt:1:"),
        "{out}"
    );
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[cfg(target_os = "linux")]
#[test]
fn a_device_is_streamed_not_read_until_memory_runs_out() {
    // Issue 13: `check /dev/zero` read the device whole until memory ran out. Streamed, its
    // first chunk is seen to be binary.
    let o = run(&["check", "/dev/zero"], b"");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero: binary file"),
        "{}",
        stderr(&o)
    );
    let o = run(&["mask", "/dev/zero"], b"");
    assert!(
        stderr(&o).contains("/dev/zero: binary file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn mask_streams_large_inputs_with_the_output_of_a_whole_read() {
    // Issue 13: `mask` read every input whole (64 MB of numbers took 3.4 GB). Cut into chunks
    // of 64 bytes, the output is that of a whole read, numbers across lines included.
    let text =
        "联系电话13912345678，\n张三\n139 0000\n1234\n身份证号360702198506122312人。\n".repeat(40);
    let whole = run(&["mask", "--as-of", "2025-06-01"], text.as_bytes());
    let streamed = run(
        &["mask", "--as-of", "2025-06-01", "--chunk-bytes", "64"],
        text.as_bytes(),
    );
    assert_eq!(whole.status.code(), Some(0), "{}", stderr(&whole));
    assert_eq!(stdout(&streamed), stdout(&whole));
    assert!(!stdout(&streamed).contains("13912345678"));
    assert!(
        !stdout(&streamed).contains("198506122312"),
        "{}",
        stdout(&streamed)
    );
    assert_eq!(stdout(&streamed).chars().count(), text.chars().count());
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    text.encode_utf16()
        .for_each(|u| out.extend(u.to_le_bytes()));
    out
}

fn utf32be(text: &str) -> Vec<u8> {
    let mut out = vec![0, 0, 0xFE, 0xFF];
    text.chars()
        .for_each(|c| out.extend((c as u32).to_be_bytes()));
    out
}

#[test]
fn utf16_and_utf32_files_with_a_bom_are_checked() {
    // Issue 13: their NUL bytes made them "binary", skipped with exit 0.
    let d = tempdir("wide");
    let text = "Report\n会议对工作进行了全面布署。\n".repeat(30);
    std::fs::write(d.join("a16.txt"), utf16le(&text)).unwrap();
    std::fs::write(d.join("b32.txt"), utf32be(&text)).unwrap();
    for extra in [&[][..], &["--chunk-bytes", "100"][..]] {
        let mut args = vec!["check", "--no-config", "--format", "jsonl", "."];
        args.extend(extra);
        let o = run_in(&d, &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        for f in ["a16.txt", "b32.txt"] {
            let n = out
                .lines()
                .filter(|l| l.contains(f) && l.contains("布署"))
                .count();
            assert_eq!(n, 30, "{f} {extra:?}: {out}");
        }
        assert!(out.contains("\"line\":4,"), "{out}");
    }
    // `fix --write` does not rewrite them (fixes are written in UTF-8).
    let o = run_in(&d, &["fix", "--no-config", "--write", "a16.txt"]);
    assert!(stderr(&o).contains("UTF-16LE"), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("a16.txt")).unwrap(), utf16le(&text));
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_a_directory_are_followed_and_loops_reported() {
    // Issue 13: linked files and folders inside a scanned directory were skipped with exit 0.
    let d = tempdir("links");
    let outside = tempdir("links-target");
    std::fs::write(outside.join("t.txt"), "全面布署。").unwrap();
    std::fs::create_dir(d.join("scan")).unwrap();
    std::os::unix::fs::symlink(outside.join("t.txt"), d.join("scan/file-link.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, d.join("scan/dir-link")).unwrap();
    std::os::unix::fs::symlink(d.join("scan"), d.join("scan/loop")).unwrap();
    let o = run_in(&d, &["check", "--no-config", "--format", "jsonl", "scan"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("scan/file-link.txt"), "{out}");
    assert!(out.contains("scan/dir-link/t.txt"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(stderr(&o).contains("loop"), "{}", stderr(&o));
}

#[test]
fn a_gitignore_outside_a_repository_is_not_honoured() {
    // Issue 13: a `.gitignore` with `*.txt` in a parent of a folder that is no git repository
    // skipped every file: "no problems found in 0 files", exit 0.
    let d = tempdir("gitignore");
    std::fs::write(d.join(".gitignore"), "*.txt\n").unwrap();
    std::fs::create_dir(d.join("docs")).unwrap();
    std::fs::write(d.join("docs/a.txt"), "全面布署。").unwrap();
    let o = run_in(&d, &["check", "--no-config", "docs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("布署"), "{}", stdout(&o));
    // Inside a repository it is honoured, as git does.
    std::fs::create_dir(d.join(".git")).unwrap();
    let o = run_in(&d, &["check", "--no-config", "docs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
