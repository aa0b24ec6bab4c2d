//! Zip containers (OOXML, OpenDocument) read within [`Limits`]: every entry is decompressed
//! through a cap, whatever its header claims, so a zip bomb stops at the cap.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::{Error, Limits};

/// The OLE2 compound-file signature: legacy Office files, and encrypted OOXML (the encrypted
/// package sits inside an OLE container).
pub(crate) const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The entries of a zip container, decompressed.
pub(crate) struct Archive {
    /// Entry name → contents.
    pub(crate) entries: BTreeMap<String, Vec<u8>>,
    /// Entry names in archive order.
    pub(crate) order: Vec<String>,
}

impl Archive {
    /// Opens and decompresses every entry, within `limits`.
    pub(crate) fn open(bytes: &[u8], limits: &Limits) -> Result<Archive, Error> {
        if bytes.starts_with(OLE_MAGIC) {
            // An OOXML/ODF name on an OLE file: a password-protected document (or a legacy
            // binary one renamed).
            return Err(Error::Encrypted);
        }
        if !bytes.starts_with(b"PK") {
            return Err(Error::Corrupt("not a zip container".into()));
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Error::Corrupt(format!("zip: {e}")))?;
        if zip.len() > limits.max_entries {
            return Err(Error::TooLarge(format!(
                "{} zip entries (limit {})",
                zip.len(),
                limits.max_entries
            )));
        }
        let mut entries = BTreeMap::new();
        let mut order = Vec::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let mut f = zip
                .by_index(i)
                .map_err(|e| Error::Corrupt(format!("zip entry {i}: {e}")))?;
            if f.encrypted() {
                return Err(Error::Encrypted);
            }
            let name = f
                .name()
                .map_err(|e| Error::Corrupt(format!("zip entry {i}: {e}")))?
                .to_string();
            let mut data = Vec::new();
            let cap = limits.max_entry_bytes.min(limits.max_total_bytes - total);
            (&mut f)
                .take(cap + 1)
                .read_to_end(&mut data)
                .map_err(|e| Error::Corrupt(format!("{name}: {e}")))?;
            if data.len() as u64 > cap {
                return Err(Error::TooLarge(format!(
                    "zip entry {name} decompresses past {cap} bytes (a zip bomb?)"
                )));
            }
            total += data.len() as u64;
            order.push(name.clone());
            entries.insert(name, data);
        }
        Ok(Archive { entries, order })
    }

    /// An entry's contents.
    pub(crate) fn get(&self, name: &str) -> Option<&[u8]> {
        self.entries.get(name).map(Vec::as_slice)
    }
}
