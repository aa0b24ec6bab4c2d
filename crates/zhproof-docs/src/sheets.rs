//! Spreadsheets (.xlsx, .xls, .ods) through calamine: one segment per non-empty cell.

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsx};

use crate::{Error, Format, Location, Segment};

/// A cell's text as an editor sees it: strings as they are, whole numbers without a fraction
/// (a mobile number typed as a number is `13812345678`, not `1.3812345678e10`).
pub(crate) fn cell_text(d: &Data) -> Option<String> {
    match d {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => Some(format!("{f:.0}")),
        Data::Float(f) => Some(f.to_string()),
        Data::Bool(_) | Data::DateTime(_) | Data::Error(_) | Data::Empty => None,
    }
}

fn error(e: impl std::fmt::Display) -> Error {
    let m = e.to_string();
    if m.to_lowercase().contains("password") || m.to_lowercase().contains("encrypt") {
        Error::Encrypted
    } else {
        Error::Corrupt(m)
    }
}

fn cells<R: Reader<Cursor<Vec<u8>>>>(mut book: R) -> Result<Vec<Segment>, Error>
where
    R::Error: std::fmt::Display,
{
    let mut segments = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(error)?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.cells() {
            let Some(text) = cell_text(d) else { continue };
            if text.trim().is_empty() {
                continue;
            }
            segments.push(Segment {
                location: Location::Cell {
                    sheet: sheet.clone(),
                    row: row0 + r as u32,
                    column: col0 + c as u32,
                },
                text,
            });
        }
    }
    Ok(segments)
}

pub(crate) fn read(format: Format, bytes: &[u8]) -> Result<Vec<Segment>, Error> {
    let cursor = Cursor::new(bytes.to_vec());
    match format {
        Format::Xlsx => cells(Xlsx::new(cursor).map_err(error)?),
        Format::Ods => cells(Ods::new(cursor).map_err(error)?),
        Format::Xls => {
            if !bytes.starts_with(crate::zipped::OLE_MAGIC) {
                return Err(Error::Corrupt("not an Excel 97-2003 (OLE) file".into()));
            }
            cells(Xls::new(cursor).map_err(error)?)
        }
        _ => unreachable!("not a spreadsheet"),
    }
}
