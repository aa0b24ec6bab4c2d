//! PDF text layer through pdf-extract: one segment per page. A scanned PDF has no text layer and
//! gives no segments (nothing to check; OCR is out of scope).

use crate::{Error, Location, Segment};

pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Segment>, Error> {
    if !bytes.starts_with(b"%PDF") {
        return Err(Error::Corrupt("not a PDF (no %PDF header)".into()));
    }
    let pages = match pdf_extract::extract_text_from_mem_by_pages(bytes) {
        Ok(p) => p,
        Err(e) => {
            let m = e.to_string();
            if m.to_lowercase().contains("encrypt")
                || m.to_lowercase().contains("password")
                || memchr_encrypt(bytes)
            {
                return Err(Error::Encrypted);
            }
            return Err(Error::Corrupt(m));
        }
    };
    Ok(pages
        .into_iter()
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(i, text)| Segment {
            location: Location::Page(i + 1),
            text,
        })
        .collect())
}

/// Whether the trailer names an `/Encrypt` dictionary.
fn memchr_encrypt(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}
