//! Embeds every file under `dictionaries/terms` and `dictionaries/allow` in the library.
//!
//! The generated `embedded.rs` holds one `(name, contents)` pair per file, in byte-sorted name
//! order, so adding a dictionary file needs no code change.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn emit(out: &mut String, name: &str, files: &[PathBuf], root: &Path) {
    writeln!(out, "pub(crate) static {name}: &[(&str, &str)] = &[").unwrap();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            abs.to_string_lossy()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.join("../..");
    let dicts = root.join("dictionaries");
    println!("cargo:rerun-if-changed={}", dicts.join("terms").display());
    println!("cargo:rerun-if-changed={}", dicts.join("allow").display());
    let terms = list(&dicts.join("terms"));
    let allow = list(&dicts.join("allow"));
    for f in terms.iter().chain(&allow) {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let mut out = String::new();
    emit(&mut out, "TERM_FILES", &terms, &root);
    emit(&mut out, "ALLOW_FILES", &allow, &root);
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}
