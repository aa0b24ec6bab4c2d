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
