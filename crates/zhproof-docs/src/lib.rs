//! Office documents into text with positions a user can find, for zhproof's checks; masked copies.
//!
//! | format | read with | position of a finding | `mask` writes a copy |
//! | --- | --- | --- | --- |
//! | `.docx` | zip + quick-xml: body, tables, headers, footers, notes, comments | paragraph (`paragraph 12`, `header1 paragraph 1`) | yes |
//! | `.odt` | zip + quick-xml: body, tables, headers, footers | paragraph | yes |
//! | `.xlsx`, `.xls`, `.ods` | calamine | sheet and cell (`Sheet1!B3`) | `.xlsx`, `.ods`: yes; `.xls`: no (binary BIFF records; save as .xlsx) |
//! | `.pdf` | pdf-extract (text layer) | page and line (`page 2 line 5`) | no (text is laid out glyph by glyph; redact in a PDF editor) |
//! | `.doc`, `.wps`, `.et`, `.dps`, `.ppt` | — | a clear error: save as .docx / .xlsx first | — |
//!
//! A document is a list of [`Segment`]s: one per paragraph, cell or page, each a separate text
//! (a sentence never runs from one cell into the next). Bad input is an [`Error`] naming what is
//! wrong: corrupt files, password-protected files (encrypted OOXML is an OLE container, not a
//! zip), and archives past the [`Limits`] (entry count, uncompressed size), so a zip bomb costs
//! bounded memory and time.
//!
//! ```no_run
//! let doc = zhproof_docs::read_path(std::path::Path::new("名单.xlsx"), &Default::default())?;
//! let checker = zhproof::Checker::new();
//! for (location, finding) in zhproof_docs::check(&checker, &doc) {
//!     println!("{location}: {}", finding.message);
//! }
//! # Ok::<(), zhproof_docs::Error>(())
//! ```

mod error;
mod mask;
mod pdf;
mod sheets;
mod xml;
mod zipped;

use std::fmt;
use std::path::Path;

pub use error::Error;
pub use mask::{mask_bytes, mask_path, masked_copy_path};

/// The formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word 2007+ (Office Open XML).
    Docx,
    /// OpenDocument text.
    Odt,
    /// Excel 2007+ (Office Open XML).
    Xlsx,
    /// Excel 97-2003 (BIFF).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// PDF, its text layer.
    Pdf,
}

impl Format {
    /// The format for a file name's extension (case-insensitive), `Ok(None)` for one this crate
    /// does not handle, and [`Error::Legacy`] for legacy binary formats that must be converted.
    pub fn from_path(path: &Path) -> Result<Option<Format>, Error> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        Ok(Some(match ext.as_str() {
            "docx" | "docm" => Format::Docx,
            "odt" => Format::Odt,
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "pdf" => Format::Pdf,
            "doc" | "wps" | "et" | "dps" | "ppt" | "pptx" => {
                return Err(Error::Legacy {
                    extension: ext.clone(),
                    convert_to: match ext.as_str() {
                        "et" => ".xlsx",
                        "dps" | "ppt" | "pptx" => ".pdf",
                        _ => ".docx",
                    },
                })
            }
            _ => return Ok(None),
        }))
    }

    /// Whether `zhproof mask` can write a masked copy of this format.
    pub fn can_mask(self) -> bool {
        matches!(
            self,
            Format::Docx | Format::Odt | Format::Xlsx | Format::Ods
        )
    }
}

/// Where a segment is in its document, as a user would look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A paragraph (table cells' paragraphs included), numbered from 1 in document order within
    /// its part: the body (`part` empty), or a header, footer, footnotes, endnotes or comments.
    Paragraph {
        /// `""` for the body, else e.g. `header1`, `footer2`, `footnotes`, `comments`.
        part: String,
        /// 1-based.
        index: usize,
    },
    /// A spreadsheet cell.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// 0-based row.
        row: u32,
        /// 0-based column.
        column: u32,
    },
    /// A PDF page, 1-based.
    Page(usize),
}

/// `A`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_name(mut column: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Paragraph { part, index } if part.is_empty() => {
                write!(f, "paragraph {index}")
            }
            Location::Paragraph { part, index } => write!(f, "{part} paragraph {index}"),
            Location::Cell { sheet, row, column } => {
                write!(f, "{sheet}!{}{}", column_name(*column), row + 1)
            }
            Location::Page(p) => write!(f, "page {p}"),
        }
    }
}

/// One separately checked text of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where it is.
    pub location: Location,
    /// Its text (paragraph line breaks as `\n`).
    pub text: String,
}

/// A document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its format.
    pub format: Format,
    /// Its paragraphs, cells or pages, in document order.
    pub segments: Vec<Segment>,
}

/// Caps that keep a hostile or broken file from taking unbounded memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes (default 256 MiB).
    pub max_file_bytes: u64,
    /// Most entries in a zip container (default 10,000).
    pub max_entries: usize,
    /// Largest uncompressed size of one zip entry (default 128 MiB).
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all entries together (default 512 MiB).
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 << 20,
            max_entries: 10_000,
            max_entry_bytes: 128 << 20,
            max_total_bytes: 512 << 20,
        }
    }
}

/// Reads a document from a file; the format comes from the extension.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, Error> {
    let format = Format::from_path(path)?.ok_or(Error::Unsupported)?;
    let meta = std::fs::metadata(path).map_err(Error::Io)?;
    if meta.len() > limits.max_file_bytes {
        return Err(Error::TooLarge(format!(
            "file of {} bytes (limit {})",
            meta.len(),
            limits.max_file_bytes
        )));
    }
    let bytes = std::fs::read(path).map_err(Error::Io)?;
    read_bytes(format, &bytes, limits)
}

/// Reads a document from its bytes.
pub fn read_bytes(format: Format, bytes: &[u8], limits: &Limits) -> Result<Document, Error> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(Error::TooLarge(format!("{} bytes", bytes.len())));
    }
    // Parsers of third-party formats may panic on input they do not expect: that is an error
    // about this file, never a crash of the run.
    let read = || -> Result<Vec<Segment>, Error> {
        match format {
            Format::Docx => xml::read_docx(&zipped::Archive::open(bytes, limits)?),
            Format::Odt => xml::read_odt(&zipped::Archive::open(bytes, limits)?),
            Format::Xlsx | Format::Ods => {
                zipped::Archive::open(bytes, limits)?;
                sheets::read(format, bytes)
            }
            Format::Xls => sheets::read(format, bytes),
            Format::Pdf => pdf::read(bytes),
        }
    };
    let segments = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .map_err(|_| Error::Corrupt("the parser failed on this file".into()))??;
    Ok(Document { format, segments })
}

/// Checks every segment of `doc`: each finding with its segment's location. The finding's
/// offsets, `line` and `column` are within the segment's text.
pub fn check(checker: &zhproof::Checker, doc: &Document) -> Vec<(Location, zhproof::Finding)> {
    doc.segments
        .iter()
        .flat_map(|s| {
            checker
                .check(&s.text)
                .into_iter()
                .map(|f| (s.location.clone(), f))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            Format::from_path(Path::new("a.DOCX")).unwrap(),
            Some(Format::Docx)
        );
        assert_eq!(Format::from_path(Path::new("a.txt")).unwrap(), None);
        let e = Format::from_path(Path::new("通知.wps")).unwrap_err();
        assert!(e.to_string().contains(".docx"), "{e}");
    }
}
