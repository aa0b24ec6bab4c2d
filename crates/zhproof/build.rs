//! Embeds every file under `dictionaries/terms` and `dictionaries/allow` in the library, and
//! pre-builds the dictionary automaton of the default checker.
//!
//! The dictionaries are read from `<crate>/dictionaries`: in a checkout that is a symbolic link to
//! the repository's `dictionaries/` (the one copy of the data), in a packaged crate (`cargo
//! package`, crates.io) the real folder that cargo copied through the link. Where a checkout has
//! no symbolic links (Windows without `core.symlinks`), the link is a small text file and the
//! repository's `../../dictionaries` is read instead. Every `*.tsv` under `rules/` and `sources/`
//! becomes a constant (`rules/leaders.tsv` → `RULES_LEADERS_TSV`) that the rule families embed,
//! so no `include_str!` in the crate reaches outside it.
//!
//! The generated `embedded.rs` holds one `(name, contents)` pair per file, in byte-sorted name
//! order, so adding a dictionary file needs no code change. `default_terms.automaton` is the
//! serialized automaton over the merged default entries and allow-list, built with the crate's
//! own parser and matcher (included below), so `Checker::new()` loads it in about a millisecond
//! instead of building it. If the dictionaries do not parse, the file is left empty: the library
//! then builds at run time and its tests report the dictionary error.
//!
//! `rules/segmenter_words.tsv` (jieba's dictionary, 349k words) is not embedded as text but as
//! `segmenter_words.index`, sorted words with their frequencies, which `segment.rs` searches in
//! place to hand jieba only the words of the clause it segments. `rules/boundary_words.tsv` is
//! also written as sorted word lists (`boundary_words.index`), searched in place by the local
//! boundary check, so a process no longer reads its 45k rows.

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
#[path = "src/tsv.rs"]
mod tsv;

/// What `lexicon.rs` reads from the generated data at run time (unused here).
mod embedded {
    pub(crate) static TERM_FILES: &[(&str, &str)] = &[];
    pub(crate) static ALLOW_FILES: &[(&str, &str)] = &[];
    pub(crate) static DEFAULT_TERMS_PREAMBLES: &[&str] = &[];
    pub(crate) static DEFAULT_TERMS_ROWS: &[u8] = &[];
    pub(crate) static DEFAULT_TERMS_AUTOMATON: &[u8] = &[];
    pub(crate) static DEFAULT_ALLOW_COUNT: usize = 0;
    pub(crate) static DEFAULT_TERMS_KINDS: &[u8] = &[];
    pub(crate) static DEFAULT_TERMS_MAX_LEN: usize = 0;
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
    /// The longest pattern, in bytes.
    max_len: usize,
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
    let patterns = lexicon::patterns(&entries, &allowed);
    Some(Prebuilt {
        max_len: patterns.iter().map(|p| p.len()).max().unwrap_or(0),
        automaton: lexicon::prebuilt(&patterns),
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

/// `rules/leaders.tsv` → `RULES_LEADERS_TSV`.
fn const_name(rel: &str) -> String {
    rel.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// The table `build.rs` indexes instead of embedding it as text.
const SEGMENTER_WORDS: &str = "rules/segmenter_words.tsv";

/// `rules/segmenter_words.tsv` (jieba's dictionary) as the index `segment.rs` searches: the
/// number of words (u32), the end of each word in the word bytes (u32 each), each word's
/// frequency (u32 each), then the words one after another, in byte order; all little-endian.
/// Also the total of the frequencies. The table is generated, so a row that does not read is
/// a build error.
fn segmenter_index(path: &Path) -> (Vec<u8>, u64) {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let table = tsv::read(SEGMENTER_WORDS, &text, &["word", "freq"])
        .and_then(|t| t.require(SEGMENTER_WORDS, &["word", "freq"]).map(|()| t))
        .unwrap_or_else(|e| panic!("{e}"));
    let (mut ends, mut freqs, mut words) = (Vec::new(), Vec::new(), Vec::new());
    let mut last: Option<&str> = None;
    let mut total = 0u64;
    for (line, cells) in &table.rows {
        let word = table.cell(cells, "word");
        let freq: u32 = table
            .cell(cells, "freq")
            .parse()
            .unwrap_or_else(|e| panic!("{SEGMENTER_WORDS}:{line}: freq: {e}"));
        if word.is_empty() || last.is_some_and(|l| l >= word) {
            panic!("{SEGMENTER_WORDS}:{line}: words must be non-empty, sorted and unique");
        }
        last = Some(word);
        words.extend_from_slice(word.as_bytes());
        ends.extend_from_slice(&u32::try_from(words.len()).unwrap().to_le_bytes());
        freqs.extend_from_slice(&freq.to_le_bytes());
        total += u64::from(freq);
    }
    let mut out = u32::try_from(table.rows.len())
        .unwrap()
        .to_le_bytes()
        .to_vec();
    out.extend(ends);
    out.extend(freqs);
    out.extend(words);
    (out, total)
}

/// A sorted list of words as `segment.rs` searches it: the number of words (u32), the end of
/// each word in the word bytes (u32 each), then the words one after another; little-endian.
/// Panics (with `file:line`) unless the words are non-empty, in byte order and unique.
fn word_list(file: &str, words: &[(usize, &str)]) -> Vec<u8> {
    let (mut n, mut ends, mut bytes) = (0u32, Vec::new(), Vec::new());
    let mut last: Option<&str> = None;
    for &(line, word) in words {
        if word.is_empty() || last.is_some_and(|l| l >= word) {
            panic!("{file}:{line}: words must be non-empty, sorted and unique");
        }
        last = Some(word);
        bytes.extend_from_slice(word.as_bytes());
        ends.extend_from_slice(&u32::try_from(bytes.len()).unwrap().to_le_bytes());
        n += 1;
    }
    let mut out = n.to_le_bytes().to_vec();
    out.extend(ends);
    out.extend(bytes);
    out
}

/// The table of boundary words.
const BOUNDARY_WORDS: &str = "rules/boundary_words.tsv";

/// `rules/boundary_words.tsv` as three word lists (see [`word_list`]) one after another: the
/// words of role `crosses`, those of role `term`, and all of them.
fn boundary_lists(path: &Path) -> Vec<u8> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let columns = ["word", "freq", "role"];
    let table = tsv::read(BOUNDARY_WORDS, &text, &columns)
        .and_then(|t| t.require(BOUNDARY_WORDS, &columns).map(|()| t))
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(usize, &str, &str)> = table
        .rows
        .iter()
        .map(|(line, cells)| (*line, table.cell(cells, "word"), table.cell(cells, "role")))
        .filter(|(_, w, _)| !w.is_empty())
        .collect();
    let with_role = |role: &str| -> Vec<(usize, &str)> {
        rows.iter()
            .filter(|r| r.2 == role)
            .map(|r| (r.0, r.1))
            .collect()
    };
    let all: Vec<(usize, &str)> = rows.iter().map(|r| (r.0, r.1)).collect();
    let mut out = word_list(BOUNDARY_WORDS, &with_role("crosses"));
    out.extend(word_list(BOUNDARY_WORDS, &with_role("term")));
    out.extend(word_list(BOUNDARY_WORDS, &all));
    out
}

/// One `pub(crate) static NAME: &str = include_str!(..)` per `*.tsv` file of `dir` (but
/// [`SEGMENTER_WORDS`], which is indexed).
fn emit_tables(out: &mut String, dir: &Path, dicts: &Path) {
    for f in list(dir) {
        let rel = rel(&f, dicts);
        if rel == SEGMENTER_WORDS {
            println!("cargo:rerun-if-changed={}", f.display());
            continue;
        }
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            out,
            "/// `dictionaries/{rel}`.\npub(crate) static {}: &str = include_str!({:?});",
            const_name(&rel),
            abs.to_string_lossy()
        )
        .unwrap();
        println!("cargo:rerun-if-changed={}", f.display());
    }
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let local = manifest.join("dictionaries");
    // The dictionary folder and the folder its names are relative to (`dictionaries/terms/x.tsv`).
    let (root, dicts) = if local.join("terms").is_dir() {
        (manifest.clone(), local.clone())
    } else {
        let root = manifest.join("../..");
        let dicts = root.join("dictionaries");
        (root, dicts)
    };
    println!("cargo:rerun-if-changed={}", local.display());
    for sub in ["terms", "allow", "rules", "sources"] {
        println!("cargo:rerun-if-changed={}", dicts.join(sub).display());
    }
    for src in [
        "date",
        "dictionary",
        "error",
        "finding",
        "lexicon",
        "prefilter",
        "tsv",
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
    emit_tables(&mut out, &dicts.join("rules"), &dicts);
    emit_tables(&mut out, &dicts.join("sources"), &dicts);
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let pre = prebuilt(&terms, &allow, &root).unwrap_or_default();
    fs::write(out_dir.join("default_terms.automaton"), &pre.automaton).unwrap();
    fs::write(out_dir.join("default_terms.rows"), &pre.rows).unwrap();
    fs::write(
        out_dir.join("boundary_words.index"),
        boundary_lists(&dicts.join(BOUNDARY_WORDS)),
    )
    .unwrap();
    let (segmenter, segmenter_total) = segmenter_index(&dicts.join(SEGMENTER_WORDS));
    fs::write(out_dir.join("segmenter_words.index"), segmenter).unwrap();
    writeln!(
        out,
        "/// Total frequency of `dictionaries/{SEGMENTER_WORDS}`.\npub(crate) static SEGMENTER_TOTAL: u64 = {segmenter_total};"
    )
    .unwrap();
    for (name, file) in [
        ("DEFAULT_TERMS_AUTOMATON", "default_terms.automaton"),
        ("DEFAULT_TERMS_ROWS", "default_terms.rows"),
        ("SEGMENTER_WORDS", "segmenter_words.index"),
        ("BOUNDARY_WORD_LISTS", "boundary_words.index"),
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
    writeln!(
        out,
        "pub(crate) static DEFAULT_TERMS_MAX_LEN: usize = {};",
        pre.max_len
    )
    .unwrap();
    fs::write(out_dir.join("embedded.rs"), out).unwrap();
}
