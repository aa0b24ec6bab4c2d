//! Telling pages and encodings apart in input bytes: HTML file extensions, `--encoding`, and
//! decoding bytes that are not UTF-8 from the declared or detected encoding (GBK, GB2312,
//! GB18030 …). Used by input reading (`input`) and page checking (`page`) alike.

use std::path::Path;

use anyhow::{anyhow, Result};
use zhproof_html::encoding;

/// File extensions read as HTML.
pub const HTML_EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "xht", "asp", "aspx", "jsp", "php",
];

/// Whether `path` has an HTML extension.
pub fn has_html_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| HTML_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Parses `--encoding`.
pub fn parse_encoding(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>> {
    match label {
        None => Ok(None),
        Some(l) => encoding::by_label(l).map(Some).ok_or_else(|| {
            anyhow!("--encoding: unknown encoding `{l}` (try gbk, gb18030, big5, utf-8)")
        }),
    }
}

/// Decodes bytes that are not UTF-8 (or all bytes, with `forced`): the declared charset of a page,
/// else `chardetng`'s guess. `None` when the result would contain replacement characters, so the
/// caller keeps its "invalid UTF-8" error.
pub fn decode_other(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    html: bool,
) -> Option<(String, &'static str)> {
    let declared = html && encoding::declared_charset(bytes).is_some();
    if forced.is_none() && !declared && mostly_utf8(bytes) {
        // UTF-8 with a few damaged bytes, not another encoding: keep the UTF-8 error.
        return None;
    }
    let d = encoding::decode(bytes, forced, html);
    // A guess is trusted only for the multi-byte CJK encodings: a text that is neither UTF-8 nor
    // one of them (one stray byte in ASCII, a Latin-1 file) keeps its "invalid UTF-8" error
    // instead of being read as windows-1252.
    if d.source == encoding::EncodingSource::Detected && !is_cjk(d.encoding) {
        return None;
    }
    (forced.is_some() || !d.had_errors).then(|| (d.text, d.encoding.name()))
}

/// The legacy multi-byte encodings of Chinese (and its neighbours) that detection may pick.
fn is_cjk(e: &'static encoding_rs::Encoding) -> bool {
    [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&e)
}

/// Whether `bytes` are UTF-8 with damage rather than another encoding: more valid multi-byte
/// UTF-8 sequences than invalid ones (GBK text seldom forms valid UTF-8 sequences).
fn mostly_utf8(mut bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let ok = &bytes[..e.valid_up_to()];
                valid += std::str::from_utf8(ok)
                    .map_or(0, |s| s.chars().filter(|c| c.len_utf8() > 1).count());
                invalid += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
    valid > invalid
}
