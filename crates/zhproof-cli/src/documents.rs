//! Office documents on the command line (`.docx`, `.xlsx`, `.xls`, `.odt`, `.ods`, `.pdf`; see
//! the `zhproof-docs` crate): `check` reads them by extension and reports each finding with its
//! location (`notice.docx:paragraph 3:1:5:` in text output: file, location, then line and
//! column within that paragraph, cell or page); `mask` writes a masked copy next to the file
//! (`list.masked.xlsx`), never touching the original. Legacy `.doc`/`.wps` files get an error
//! saying what to convert them to.

use std::path::Path;

use crate::input::Source;

/// Whether `source` is an office document (or a legacy one, which gets a clear error).
pub fn is_document(source: &Source) -> bool {
    match source {
        Source::Stdin => false,
        Source::File(p) => is_document_path(p),
    }
}

fn is_document_path(p: &Path) -> bool {
    !matches!(zhproof_docs::Format::from_path(p), Ok(None))
}

/// Reads a document: its segments, or why not (a message naming what is wrong).
pub fn read(path: &Path) -> Result<zhproof_docs::Document, String> {
    zhproof_docs::read_path(path, &zhproof_docs::Limits::default()).map_err(|e| e.to_string())
}
