//! Encodings at the edge: a byte order mark, a declared charset (`<meta charset>`, an HTTP
//! `Content-Type` header or the caller's override) and detection as a fallback, decoded once with
//! `encoding_rs` into UTF-8. Everything after this module works on UTF-8.

use encoding_rs::Encoding;

/// How the encoding of a document was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingSource {
    /// Given by the caller (`--encoding`, a WARC record's HTTP header).
    Override,
    /// A byte order mark.
    Bom,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024 bytes.
    Meta,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Guessed by `chardetng` from the bytes.
    Detected,
}

/// A decoded document.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text in UTF-8, without a byte order mark.
    pub text: String,
    /// The encoding used, e.g. `GBK`, `UTF-8`.
    pub encoding: &'static Encoding,
    /// How it was chosen.
    pub source: EncodingSource,
    /// Whether malformed byte sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Looks an encoding up by a WHATWG label (`gbk`, `gb2312`, `GB18030`, `utf-8` …).
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The charset declared in the first 1024 bytes of an HTML document (`<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`), as the HTML standard's prescan
/// looks for it. `UTF-16` labels are read as UTF-8, as the standard says.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + p;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            while let [b' ' | b'\t' | b'\n' | b'\r', r @ ..] = rest {
                rest = r;
            }
            if let [b'=', r @ ..] = rest {
                let mut r = r;
                while let [b' ' | b'\t' | b'"' | b'\'', r2 @ ..] = r {
                    r = r2;
                }
                let n = r
                    .iter()
                    .position(|b| {
                        !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                    })
                    .unwrap_or(r.len());
                if let Some(e) = Encoding::for_label(&r[..n]) {
                    return Some(
                        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else {
                            e
                        },
                    );
                }
            }
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

/// Decodes `bytes`: the caller's `forced` encoding first, then a BOM, then (for HTML) the
/// declared charset, then UTF-8 if the bytes are valid UTF-8, else `chardetng`'s guess (with
/// the `.cn` top-level domain as a hint, which favours GBK over Big5 and Shift_JIS).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>, html: bool) -> Decoded {
    let (encoding, source) = if let Some(e) = forced {
        (e, EncodingSource::Override)
    } else if let Some((e, _)) = Encoding::for_bom(bytes) {
        (e, EncodingSource::Bom)
    } else if let Some(e) = html.then(|| declared_charset(bytes)).flatten() {
        (e, EncodingSource::Meta)
    } else if std::str::from_utf8(bytes).is_ok() {
        (encoding_rs::UTF_8, EncodingSource::Utf8)
    } else {
        let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        d.feed(bytes, true);
        (
            d.guess(Some(b"cn"), chardetng::Utf8Detection::Allow),
            EncodingSource::Detected,
        )
    };
    // `decode` sniffs a BOM itself and strips it (a BOM wins over a declared label, as in browsers).
    let (text, used, had_errors) = encoding.decode(bytes);
    let source = if used != encoding {
        EncodingSource::Bom
    } else {
        source
    };
    Decoded {
        text: text.into_owned(),
        encoding: used,
        source,
        had_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            declared_charset(b"<meta charset=\"gb2312\">"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(b"<META http-equiv=Content-Type content='text/html; charset=GBK'>"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(declared_charset(b"<meta name=x content=y>"), None);
        assert_eq!(
            declared_charset(b"<meta charset=utf-16>"),
            Some(encoding_rs::UTF_8)
        );
    }

    #[test]
    fn gbk_is_decoded_declared_or_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode("全面部署春耕生产工作，各乡镇要抓好落实。");
        let d = decode(&gbk, None, false);
        assert_eq!(d.text, "全面部署春耕生产工作，各乡镇要抓好落实。");
        assert_eq!(d.source, EncodingSource::Detected);
        assert!(d.encoding == encoding_rs::GBK || d.encoding == encoding_rs::GB18030);
        let mut page = b"<meta charset=gbk><p>".to_vec();
        page.extend_from_slice(&gbk);
        let d = decode(&page, None, true);
        assert_eq!(
            (d.encoding, d.source),
            (encoding_rs::GBK, EncodingSource::Meta)
        );
        assert!(d.text.ends_with("抓好落实。"));
        let d = decode("布署".as_bytes(), None, true);
        assert_eq!(
            (d.encoding, d.source),
            (encoding_rs::UTF_8, EncodingSource::Utf8)
        );
    }
}
