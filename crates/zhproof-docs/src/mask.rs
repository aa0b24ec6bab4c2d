//! Masked copies of documents: the text inside the zip parts is rewritten, everything else
//! (styles, images, other parts) is copied as it is, and the original is never written to.
//!
//! - `.docx`: body, headers, footers, notes and comments (`w:t`, and tracked deletions
//!   `w:delText`, which Word keeps in the file).
//! - `.odt`: `content.xml` and `styles.xml` (headers and footers).
//! - `.xlsx`: shared strings and inline strings; numeric cells that hold personal data (a
//!   mobile number typed as a number) become text cells with the masked text.
//! - `.ods`: cell and paragraph text; a numeric cell that is masked becomes a text cell.
//! - `.xls`, `.pdf`: not masked (binary records / positioned glyphs); the error says so.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use crate::xml::{self, Dialect};
use crate::zipped::Archive;
use crate::{Error, Format, Limits};

/// Where `zhproof mask` writes the masked copy of `path`: `名单.xlsx` → `名单.masked.xlsx`.
pub fn masked_copy_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.masked.{ext}"))
}

/// Masks the document in `bytes` with `mask` (which must keep every text's length in
/// characters, as `zhproof::Checker::mask` does) and returns the new file's bytes.
pub fn mask_bytes(
    format: Format,
    bytes: &[u8],
    limits: &Limits,
    mask: &dyn Fn(&str) -> String,
) -> Result<Vec<u8>, Error> {
    let parts: Vec<(&str, &Dialect)>;
    let archive = match format {
        Format::Docx | Format::Odt | Format::Xlsx | Format::Ods => Archive::open(bytes, limits)?,
        Format::Xls => {
            return Err(Error::CannotMask(
                "cannot write a masked .xls (binary Excel 97-2003 records): save it as .xlsx and mask that".into(),
            ))
        }
        Format::Pdf => {
            return Err(Error::CannotMask(
                "cannot write a masked .pdf (its text is positioned glyphs, not editable text): \
                 mask the source document, or redact in a PDF editor"
                    .into(),
            ))
        }
    };
    let docx_names: Vec<String>;
    match format {
        Format::Docx => {
            docx_names = xml::docx_parts(&archive)
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            parts = docx_names
                .iter()
                .map(|n| (n.as_str(), &xml::WORD))
                .collect();
        }
        Format::Odt | Format::Ods => {
            parts = vec![("content.xml", &xml::ODF), ("styles.xml", &xml::ODF)];
        }
        _ => {
            docx_names = archive
                .order
                .iter()
                .filter(|n| {
                    *n == "xl/sharedStrings.xml"
                        || (n.starts_with("xl/worksheets/sheet") && n.ends_with(".xml"))
                })
                .cloned()
                .collect();
            parts = docx_names
                .iter()
                .map(|n| (n.as_str(), &xml::SHEET_STRINGS))
                .collect();
        }
    }
    let each = |t: &mut String| {
        *t = mask(t);
        Ok(())
    };
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let mut reader = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::Corrupt(format!("zip: {e}")))?;
    for i in 0..reader.len() {
        let entry = reader
            .by_index(i)
            .map_err(|e| Error::Corrupt(format!("zip entry {i}: {e}")))?;
        let name = entry
            .name()
            .map_err(|e| Error::Corrupt(format!("zip entry {i}: {e}")))?
            .to_string();
        let Some((_, d)) = parts.iter().find(|(n, _)| *n == name) else {
            // Not a text part: copied byte for byte, compressed as it was.
            drop(entry);
            out.raw_copy_file(
                reader
                    .by_index_raw(i)
                    .map_err(|e| Error::Corrupt(e.to_string()))?,
            )
            .map_err(|e| Error::Corrupt(format!("zip: {e}")))?;
            continue;
        };
        drop(entry);
        let data = archive.get(&name).expect("read by Archive::open");
        let mut new = xml::walk(data, d, true, each)
            .map_err(|e| match e {
                Error::Corrupt(m) => Error::Corrupt(format!("{name}: {m}")),
                e => e,
            })?
            .expect("rewritten");
        if matches!(format, Format::Xlsx) && name.starts_with("xl/worksheets/") {
            new = mask_numeric_xlsx_cells(&new, mask)?;
        }
        if matches!(format, Format::Ods) && name == "content.xml" {
            new = mask_numeric_ods_cells(&new, mask)?;
        }
        // `mimetype` of ODF must stay first and stored; it is never a text part, so raw_copy
        // above keeps it so.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name.as_str(), options)
            .map_err(|e| Error::Corrupt(format!("zip: {e}")))?;
        out.write_all(&new).map_err(Error::Io)?;
    }
    let cursor = out
        .finish()
        .map_err(|e| Error::Corrupt(format!("zip: {e}")))?;
    Ok(cursor.into_inner())
}

fn xml_err(e: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("XML: {e}"))
}

/// `<c r="B3" t="n"><v>13812345678</v></c>` whose masked value differs becomes
/// `<c r="B3" t="inlineStr"><is><t>138****5678</t></is></c>` (style kept).
fn mask_numeric_xlsx_cells(xml: &[u8], mask: &dyn Fn(&str) -> String) -> Result<Vec<u8>, Error> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len()));
    let mut buf = Vec::new();
    // A numeric cell being read: its start tag and value.
    let mut cell: Option<(BytesStart<'static>, Vec<Event<'static>>, String, bool)> = None;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(xml_err)?;
        match ev {
            Event::Eof => break,
            Event::Start(e) if e.local_name().into_inner() == b"c" => {
                let numeric = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.into_inner() == b"t")
                    .is_none_or(|a| &*a.value == b"n");
                if numeric {
                    cell = Some((e.into_owned(), Vec::new(), String::new(), false));
                } else {
                    w.write_event(Event::Start(e)).map_err(xml_err)?;
                }
            }
            Event::End(e) if e.local_name().into_inner() == b"c" && cell.is_some() => {
                let (start, events, value, _) = cell.take().expect("cell");
                let masked = mask(&value);
                if !value.is_empty() && masked != value {
                    let mut s = BytesStart::new(
                        String::from_utf8_lossy(start.name().into_inner()).into_owned(),
                    );
                    for a in start.attributes().flatten() {
                        if a.key.into_inner() != b"t" {
                            s.push_attribute(a);
                        }
                    }
                    s.push_attribute(("t", "inlineStr"));
                    w.write_event(Event::Start(s)).map_err(xml_err)?;
                    w.write_event(Event::Start(BytesStart::new("is")))
                        .map_err(xml_err)?;
                    w.write_event(Event::Start(BytesStart::new("t")))
                        .map_err(xml_err)?;
                    w.write_event(Event::Text(BytesText::new(&masked)))
                        .map_err(xml_err)?;
                    w.write_event(Event::End(quick_xml::events::BytesEnd::new("t")))
                        .map_err(xml_err)?;
                    w.write_event(Event::End(quick_xml::events::BytesEnd::new("is")))
                        .map_err(xml_err)?;
                } else {
                    w.write_event(Event::Start(start)).map_err(xml_err)?;
                    for e in events {
                        w.write_event(e).map_err(xml_err)?;
                    }
                }
                w.write_event(Event::End(e)).map_err(xml_err)?;
            }
            ev => match cell.as_mut() {
                Some((_, events, value, in_v)) => {
                    match &ev {
                        Event::Start(e) if e.local_name().into_inner() == b"v" => *in_v = true,
                        Event::End(e) if e.local_name().into_inner() == b"v" => *in_v = false,
                        Event::Text(t) if *in_v => value.push_str(&t.decode().map_err(xml_err)?),
                        _ => {}
                    }
                    events.push(ev.into_owned());
                }
                None => w.write_event(ev).map_err(xml_err)?,
            },
        }
        buf.clear();
    }
    Ok(w.into_inner())
}

/// A `table:table-cell` with `office:value-type="float"` whose `office:value` masks differently
/// becomes a string cell: the value attributes go (its paragraph text is masked already).
fn mask_numeric_ods_cells(xml: &[u8], mask: &dyn Fn(&str) -> String) -> Result<Vec<u8>, Error> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len()));
    let mut buf = Vec::new();
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(xml_err)?;
        let rewrite = |e: &BytesStart| -> Option<BytesStart<'static>> {
            if e.name().into_inner() != b"table:table-cell" {
                return None;
            }
            let value = e
                .attributes()
                .flatten()
                .find(|a| a.key.into_inner() == b"office:value")?;
            let value = String::from_utf8_lossy(&value.value).into_owned();
            if mask(&value) == value {
                return None;
            }
            let mut s = BytesStart::new("table:table-cell");
            for a in e.attributes().flatten() {
                match a.key.into_inner() {
                    b"office:value" => {}
                    // LibreOffice's extension attribute, kept only where its namespace is.
                    k @ (b"office:value-type" | b"calcext:value-type") => {
                        s.push_attribute((k, b"string".as_slice()))
                    }
                    _ => s.push_attribute(a),
                }
            }
            Some(s)
        };
        match ev {
            Event::Eof => break,
            Event::Start(ref e) => match rewrite(e) {
                Some(s) => w.write_event(Event::Start(s)),
                None => w.write_event(ev),
            },
            ev => w.write_event(ev),
        }
        .map_err(xml_err)?;
        buf.clear();
    }
    Ok(w.into_inner())
}

/// Reads `path`, masks it and writes the copy to [`masked_copy_path`] (never over an existing
/// file, never over the original). Returns the copy's path.
pub fn mask_path(
    path: &Path,
    limits: &Limits,
    mask: &dyn Fn(&str) -> String,
) -> Result<PathBuf, Error> {
    let format = Format::from_path(path)?.ok_or(Error::Unsupported)?;
    let meta = std::fs::metadata(path).map_err(Error::Io)?;
    if meta.len() > limits.max_file_bytes {
        return Err(Error::TooLarge(format!("file of {} bytes", meta.len())));
    }
    let bytes = std::fs::read(path).map_err(Error::Io)?;
    let masked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        mask_bytes(format, &bytes, limits, mask)
    }))
    .map_err(|_| Error::Corrupt("the parser failed on this file".into()))??;
    let target = masked_copy_path(path);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| {
            Error::Io(std::io::Error::new(
                e.kind(),
                format!("cannot create {}: {e}", target.display()),
            ))
        })?;
    let written = f.write_all(&masked).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = std::fs::remove_file(&target);
        return Err(Error::Io(e));
    }
    Ok(target)
}
