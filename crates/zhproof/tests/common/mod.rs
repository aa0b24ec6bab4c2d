//! Shared by the corpus tests: where the shared evaluation data is, and walking it.
//! The data is never copied into the repository; tests skip when it is absent.

#![allow(dead_code)] // each test file uses part of this module

use std::path::{Path, PathBuf};

/// `$ZHPROOF_SHARED`, else `<repo>/../shared` (the project root's sibling), when it holds
/// `corpus/clean_gov`.
pub fn shared_dir() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("ZHPROOF_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([repo.join("../shared")])
        .find(|p| p.join("corpus/clean_gov").is_dir())
}

/// Every file below `dir`, in byte-sorted path order.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}
