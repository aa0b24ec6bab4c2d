//! Refuses to build the extension without the dictionaries that `crates/zhproof` embeds.
//!
//! The core crate's build script embeds whatever `*.tsv` files it finds under
//! `<repo>/dictionaries` and accepts an empty directory; a source distribution packed without
//! them would build a package that silently finds nothing. This check makes that a build error.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let terms = manifest.join("../../dictionaries/terms");
    println!("cargo:rerun-if-changed={}", terms.display());
    let has_tsv = std::fs::read_dir(&terms)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "tsv"))
        })
        .unwrap_or(false);
    if !has_tsv {
        panic!(
            "no dictionaries under {}: the zhproof package must be built from a checkout or an \
             sdist that includes the repository's dictionaries/ directory",
            terms.display()
        );
    }
}
