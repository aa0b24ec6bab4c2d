//! Embeds every file under `dictionaries/terms` and `dictionaries/allow` in the library, and
//! pre-builds the dictionary automaton of the default checker.
//!
//! The generated `embedded.rs` holds one `(name, contents)` pair per file, in byte-sorted name
//! order, so adding a dictionary file needs no code change. `default_terms.automaton` is the
//! serialized automaton over the merged default entries and allow-list, built with the crate's
//! own parser and matcher (included below), so `Checker::new()` loads it in about a millisecond
//! instead of building it. If the dictionaries do not parse, the file is left empty: the library
//! then builds at run time and its tests report the dictionary error.

#![allow(dead_code, missing_docs)]

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/date.rs"]
mod date;
#[path = "src/dictionary.rs"]
mod dictionary;
#[path = "src/error.rs"]
mod error;
#[path = "src/finding.rs"]
mod finding;
#[path = "src/lexicon.rs"]
mod lexicon;
#[path = "src/prefilter.rs"]
mod prefilter;

/// What `lexicon.rs` reads from the generated data at run time (unused here).
mod embedded {
    pub(crate) static TERM_FILES: &[(&str, &str)] = &[];
    pub(crate) static ALLOW_FILES: &[(&str, &str)] = &[];
    pub(crate) static DEFAULT_TERMS_PREAMBLES: &[&str] = &[];
    pub(crate) static DEFAULT_TERMS_ROWS: &[u8] = &[];
    pub(crate) static DEFAULT_TERMS_AUTOMATON: &[u8] = &[];
    pub(crate) static DEFAULT_ALLOW_COUNT: usize = 0;
    pub(crate) static DEFAULT_TERMS_KINDS: &[u8] = &[];
}

/// The pre-built default lexicon: automaton, row index, file preambles, allow-list size.
#[derive(Default)]
struct Prebuilt {
    automaton: Vec<u8>,
    rows: Vec<u8>,
    preambles: Vec<String>,
    allow_count: usize,
    /// One byte per entry: the index of its kind in `Kind::ALL`.
    kinds: Vec<u8>,
}

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect(),
        // The dictionaries are the product: building without them would ship an empty checker.
        Err(e) => panic!(
            "cannot read dictionary folder {}: {e} (build zhproof from a checkout that has dictionaries/)",
            dir.display()
        ),
    };
    files.sort();
    files
}

fn rel(f: &Path, root: &Path) -> String {
    f.strip_prefix(root)
        .unwrap_or(f)
        .to_string_lossy()
        .replace('\\', "/")
}

fn emit(out: &mut String, name: &str, files: &[PathBuf], root: &Path) {
    writeln!(out, "pub(crate) static {name}: &[(&str, &str)] = &[").unwrap();
    for f in files {
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            rel(f, root),
            abs.to_string_lossy()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

/// The default lexicon pre-built, or `None` when a dictionary does not parse.
fn prebuilt(terms: &[PathBuf], allow: &[PathBuf], root: &Path) -> Option<Prebuilt> {
    let mut entries = Vec::new();
    let mut texts = Vec::new();
    for f in terms {
        let text = fs::read_to_string(f).ok()?;
        entries.extend(dictionary::parse_terms(&rel(f, root), &text).ok()?);
        texts.push((rel(f, root), text));
    }
    let mut allowed = Vec::new();
    for f in allow {
        let text = fs::read_to_string(f).ok()?;
        allowed.extend(dictionary::parse_allow(&rel(f, root), &text).ok()?);
    }
    let entries = dictionary::merge(entries, &allowed).ok()?;
    // Byte offset of each line of each file (BOM-less, as the parser numbers them).
    let offsets: Vec<Vec<usize>> = texts
        .iter()
        .map(|(_, t)| {
            let t = t.strip_prefix('\u{feff}').unwrap_or(t);
            let mut v = vec![0];
            v.extend(t.match_indices('\n').map(|(i, _)| i + 1));
            v
        })
        .collect();
    let mut rows = Vec::with_capacity(entries.len() * lexicon::ROW_BYTES);
    for e in &entries {
        let file = texts.iter().position(|(n, _)| *n == e.origin.file)?;
        let offset = *offsets[file].get(e.origin.line - 1)?;
        rows.extend(lexicon::row_record(file, e.origin.line, offset));
    }
    Some(Prebuilt {
        automaton: lexicon::prebuilt(&lexicon::patterns(&entries, &allowed)),
        rows,
        preambles: texts.iter().map(|(_, t)| lexicon::preamble(t)).collect(),
        allow_count: allowed.len(),
        kinds: entries
            .iter()
            .map(|e| {
                finding::Kind::ALL
                    .iter()
                    .position(|k| *k == e.kind)
                    .unwrap_or(0) as u8
            })
            .collect(),
    })
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.join("../..");
    let dicts = root.join("dictionaries");
    println!("cargo:rerun-if-changed={}", dicts.join("terms").display());
    println!("cargo:rerun-if-changed={}", dicts.join("allow").display());
    for src in [
        "date",
        "dictionary",
        "error",
        "finding",
        "lexicon",
        "prefilter",
    ] {
        println!("cargo:rerun-if-changed=src/{src}.rs");
    }
    let terms = list(&dicts.join("terms"));
    let allow = list(&dicts.join("allow"));
    for f in terms.iter().chain(&allow) {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let mut out = String::new();
    emit(&mut out, "TERM_FILES", &terms, &root);
    emit(&mut out, "ALLOW_FILES", &allow, &root);
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let pre = prebuilt(&terms, &allow, &root).unwrap_or_default();
    fs::write(out_dir.join("default_terms.automaton"), &pre.automaton).unwrap();
    fs::write(out_dir.join("default_terms.rows"), &pre.rows).unwrap();
    for (name, file) in [
        ("DEFAULT_TERMS_AUTOMATON", "default_terms.automaton"),
        ("DEFAULT_TERMS_ROWS", "default_terms.rows"),
    ] {
        writeln!(
            out,
            "pub(crate) static {name}: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));"
        )
        .unwrap();
    }
    writeln!(
        out,
        "pub(crate) static DEFAULT_TERMS_PREAMBLES: &[&str] = &{:?};",
        pre.preambles
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static DEFAULT_ALLOW_COUNT: usize = {};",
        pre.allow_count
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) static DEFAULT_TERMS_KINDS: &[u8] = &{:?};",
        pre.kinds
    )
    .unwrap();
    fs::write(out_dir.join("embedded.rs"), out).unwrap();
}
