//! `zhproof fix --write`: files are rewritten through a temporary file and an atomic rename,
//! keep their permissions, BOM and line endings, and are left byte-for-byte untouched on any
//! error (disk full, permission denied, unreadable or lossily decoded input).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_zhproof");

/// A fresh directory under the system temp dir.
fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-write-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fix_write(files: &[&Path]) -> Output {
    Command::new(BIN)
        .args(["fix", "--no-config", "--write"])
        .args(files)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Names in `d`, sorted: no temporary file may be left behind.
fn names(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A text with a typo, big enough (64 KiB) that a small write limit stops the rewrite.
fn big_text() -> String {
    "各地区各部门认真贯彻落实党中央决策部署。\r\n".repeat(1200) + "全面布署。"
}

#[cfg(unix)]
#[test]
fn keeps_permissions_bom_line_endings_and_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempdir("perms");
    let a = d.join("a.txt");
    std::fs::write(&a, "\u{feff}全面布署。\r\n第二行布署。\r").unwrap();
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o751)).unwrap();
    let target = d.join("target.txt");
    std::fs::write(&target, "贯切落实").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = d.join("link.txt");
    std::os::unix::fs::symlink("target.txt", &link).unwrap();

    let o = fix_write(&[&a, &link]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "\u{feff}全面部署。\r\n第二行部署。\r"
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&a), 0o751);
    // The link is followed: its target is fixed and the link stays a link.
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "贯彻落实");
    assert_eq!(mode(&target), 0o600);
    assert_eq!(names(&d), ["a.txt", "link.txt", "target.txt"]);

    // A file with nothing to fix is not rewritten at all (same inode, same mtime).
    use std::os::unix::fs::MetadataExt;
    let before = std::fs::metadata(&a).unwrap();
    let o = fix_write(&[&a]);
    assert_eq!(o.status.code(), Some(0));
    let after = std::fs::metadata(&a).unwrap();
    assert_eq!(
        (before.ino(), before.mtime_nsec()),
        (after.ino(), after.mtime_nsec())
    );
}

/// Runs `fix --write` under a file-size limit of 512 bytes (`ulimit -f 1`) with SIGXFSZ ignored,
/// so writing the temporary file fails with EFBIG as it would on a full disk.
#[cfg(unix)]
#[test]
fn disk_full_leaves_the_original_untouched() {
    let d = tempdir("full");
    let p = d.join("big.txt");
    let small = d.join("small.txt");
    std::fs::write(&p, big_text()).unwrap();
    std::fs::write(&small, "全面布署").unwrap();
    let o = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" fix --no-config --write \"$1\" \"$2\"")
        .args([Path::new(BIN), &p, &small])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("big.txt: cannot write, left unchanged: File too large"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), big_text());
    // The small file fits under the limit and is fixed.
    assert_eq!(std::fs::read_to_string(&small).unwrap(), "全面部署");
    assert_eq!(names(&d), ["big.txt", "small.txt"]);
}

/// A real full disk: a 64 KiB tmpfs, when this process may mount one (root with
/// CAP_SYS_ADMIN); skipped with a message otherwise.
#[cfg(target_os = "linux")]
#[test]
fn a_full_tmpfs_leaves_the_original_untouched() {
    let d = tempdir("tmpfs");
    let mounted = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            "size=64k",
            "zhproof-test",
            d.to_str().unwrap(),
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); ulimit test covers EFBIG");
        return;
    }
    let p = d.join("a.txt");
    let text = "贯彻落实。".repeat(2800) + "全面布署。"; // 41 KiB: a second copy does not fit
    let result = std::panic::catch_unwind(|| {
        std::fs::write(&p, &text).unwrap();
        let o = fix_write(&[&p]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("No space left on device"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
        assert_eq!(names(&d), ["a.txt"]);
    });
    let _ = Command::new("umount").arg(&d).status();
    let _ = std::fs::remove_dir_all(&d);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

/// Permission denied on the directory: `chmod 555` for a normal user; root ignores that, so as
/// root the directory is made immutable with `chattr +i` where the file system supports it, and
/// the test is skipped with a message otherwise.
#[cfg(unix)]
#[test]
fn permission_denied_leaves_the_original_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempdir("denied");
    let dir = d.join("locked");
    std::fs::create_dir(&dir).unwrap();
    let p = dir.join("a.txt");
    std::fs::write(&p, "全面布署").unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    let mut immutable = false;
    if std::fs::write(&probe, "").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        immutable = Command::new("chattr")
            .arg("+i")
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if !immutable {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("skipped: running as root and `chattr +i` is unavailable here");
            return;
        }
    }
    let o = fix_write(&[&p]);
    if immutable {
        let _ = Command::new("chattr").arg("-i").arg(&dir).status();
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a.txt: cannot write, left unchanged: ")
            && (err.contains("Permission denied") || err.contains("Operation not permitted")),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "全面布署");
    assert_eq!(names(&dir), ["a.txt"]);
}

/// A file that was not fully and faithfully read is never rewritten: invalid UTF-8 (with or
/// without `--lossy`, which would replace the bad bytes) and a read error.
#[test]
fn never_rewrites_what_it_could_not_fully_read() {
    let d = tempdir("partial");
    let bad = d.join("bad.txt");
    let bytes = b"\xE5\x85\xA8\xE9\x9D\xA2\xFF\xE5\xB8\x83\xE7\xBD\xB2".to_vec(); // 全面\xFF布署
    std::fs::write(&bad, &bytes).unwrap();
    let o = fix_write(&[&bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid UTF-8 at byte offset 6"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&bad).unwrap(), bytes);

    let o = Command::new(BIN)
        .args(["fix", "--no-config", "--write", "--lossy"])
        .arg(&bad)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad.txt: contains invalid UTF-8; not rewritten"),
        "{err}"
    );
    assert_eq!(std::fs::read(&bad).unwrap(), bytes);
    // Printing a lossy fix to standard output is still fine.
    let o = Command::new(BIN)
        .args(["fix", "--no-config", "--lossy"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "全面\u{FFFD}部署");

    // /proc/self/mem opens but cannot be read (EIO at offset 0): nothing is written there or
    // next to it.
    if Path::new("/proc/self/mem").exists() {
        let o = fix_write(&[Path::new("/proc/self/mem")]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    }
    assert_eq!(names(&d), ["bad.txt"]);
}

/// Issue 13: a 0444 or setuid file is refused (exit 2, unchanged, no temporary left); a 0600 file
/// stays 0600.
#[cfg(unix)]
#[test]
fn refuses_read_only_and_setuid_files_and_keeps_0600() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempdir("issue13-modes");
    let text = "全面布署。";
    let mode_of = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    for (mode, word) in [(0o444, "read-only"), (0o6755, "setuid")] {
        let p = d.join(format!("m{mode:o}.txt"));
        std::fs::write(&p, text).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        let o = fix_write(&[&p]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(word), "{}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
        assert_eq!(mode_of(&p), mode);
    }
    let p = d.join("private.txt");
    std::fs::write(&p, text).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = fix_write(&[&p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "全面部署。");
    assert_eq!(mode_of(&p), 0o600);
    assert_eq!(
        names(&d),
        ["m444.txt", "m6755.txt", "private.txt"],
        "no temporary file left"
    );
}
