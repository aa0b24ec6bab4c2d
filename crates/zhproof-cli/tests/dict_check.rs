//! `zhproof dict check` on the shipped dictionaries, as dictionaries/README.md tells contributors
//! to run it.

mod common;
use common::run;

/// A copy of `dictionaries/terms/typos.tsv` under a temporary `dictionaries/terms/`, edited by
/// `edit` (one line per row, header included).
fn edited_copy(name: &str, edit: impl Fn(&mut Vec<String>)) -> std::path::PathBuf {
    let root =
        std::env::temp_dir().join(format!("zhproof-dictcheck-{name}-{}", std::process::id()));
    let dir = root.join("dictionaries/terms");
    std::fs::create_dir_all(&dir).unwrap();
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries/terms/typos.tsv");
    let mut lines: Vec<String> = std::fs::read_to_string(src)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    edit(&mut lines);
    let path = dir.join("typos.tsv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// Index of the first data row (after comments, `#!` lines and the header).
fn first_row(lines: &[String]) -> usize {
    let header = lines
        .iter()
        .position(|l| !l.starts_with('#') && !l.is_empty())
        .unwrap();
    header + 1
}

fn check(path: &std::path::Path) -> (Option<i32>, String) {
    let o = run(&["dict", "check", path.to_str().unwrap()], b"");
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

#[test]
fn the_shipped_file_checks_its_entries() {
    let path = edited_copy("ok", |_| {});
    let (code, out) = check(&path);
    assert_eq!(code, Some(0), "{out}");
    let n: usize = out.split_whitespace().next().unwrap().parse().unwrap();
    assert!(
        n > 0,
        "entries of a file under dictionaries/ are checked: {out}"
    );
}

#[test]
fn an_edited_row_is_not_reported_against_itself() {
    // A different severity is different data: it used to give "already defined" at itself.
    let path = edited_copy("edit", |lines| {
        let i = first_row(lines);
        let cells: Vec<String> = lines[i].split('\t').map(str::to_string).collect();
        let mut cells = cells;
        cells[4] = "error".into();
        lines[i] = cells.join("\t");
    });
    let (code, out) = check(&path);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("already defined"), "{out}");
}

#[test]
fn a_broken_example_and_every_bad_row_are_reported() {
    let path = edited_copy("broken", |lines| {
        let header: Vec<String> = lines[first_row(lines) - 1]
            .split('\t')
            .map(str::to_string)
            .collect();
        let fire = header.iter().position(|c| c == "fire").unwrap();
        let i = first_row(lines);
        let mut cells: Vec<String> = lines[i].split('\t').map(str::to_string).collect();
        cells[fire] = "这句话没有错别字。".into();
        lines[i] = cells.join("\t");
        let mut bad: Vec<String> = lines[i + 1].split('\t').map(str::to_string).collect();
        bad[4] = "fatal".into();
        lines[i + 1] = bad.join("\t");
        let mut bad: Vec<String> = lines[i + 2].split('\t').map(str::to_string).collect();
        bad[2] = "typoo".into();
        lines[i + 2] = bad.join("\t");
    });
    let (code, out) = check(&path);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not fire on its fire example"), "{out}");
    assert!(out.contains("unknown severity `fatal`"), "{out}");
    assert!(out.contains("unknown kind `typoo`"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
}
