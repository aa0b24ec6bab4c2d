//! Reading what to check: standard input, files and directories.
//!
//! Text is decoded on purpose: a UTF-8 BOM is dropped (and remembered, so `fix --write` keeps it),
//! invalid UTF-8 is an error naming the byte offset (or replaced with `--lossy`), and a file with
//! a NUL byte in its first 8 KiB is treated as binary and skipped with a message.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, shown as `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name used in output: `-` for standard input, else the path as given.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// A decoded text.
#[derive(Debug, Clone)]
pub struct Text {
    /// Where it came from.
    pub source: Source,
    /// The text, without a leading BOM.
    pub text: String,
    /// Whether the bytes started with a UTF-8 BOM.
    pub bom: bool,
    /// Whether invalid UTF-8 was replaced with U+FFFD (`--lossy`): such a text is not the file's
    /// contents, so `fix --write` refuses to write it back.
    pub lossy: bool,
    /// The encoding the bytes were decoded from (`UTF-8`, or e.g. `GBK`, see [`crate::page`]);
    /// `fix --write` only rewrites UTF-8 files.
    pub encoding: &'static str,
}

/// What reading one source gave.
#[derive(Debug)]
pub enum Outcome {
    /// A text to check.
    Text(Text),
    /// Not checked, for a reason that is not an error (a binary file).
    Skipped(Source, String),
    /// Could not be read or decoded: reported, exit status 2.
    Failed(Source, String),
    /// Not read yet: standard input or a file larger than a chunk, to be read chunk by chunk
    /// (see [`crate::stream`]).
    Large(Source),
}

/// Whether `source` is read in chunks of `chunk` bytes: standard input, pipes and devices (their
/// size is unknown: `/dev/zero`, `<(yes …)`) and files larger than a chunk.
pub fn is_large(source: &Source, chunk: usize) -> bool {
    match source {
        Source::Stdin => true,
        Source::File(p) => {
            std::fs::metadata(p).is_ok_and(|m| !m.is_file() || m.len() > chunk as u64)
        }
    }
}

/// The most read whole from standard input, a pipe or a device (when an input must be read
/// whole: a page, `--encoding`, `fix --write`); more is refused rather than read until memory
/// runs out.
pub const WHOLE_LIMIT: u64 = 256 << 20;

/// How many leading bytes are looked at for a NUL byte.
pub const BINARY_SNIFF: usize = 8192;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes bytes read from `source`.
pub fn decode(source: Source, bytes: Vec<u8>, lossy: bool) -> Outcome {
    decode_with(source, bytes, lossy, None)
}

/// Decodes bytes read from `source`: in `forced` (`--encoding`) if given; else as UTF-8, and
/// bytes that are not UTF-8 from their declared (`<meta charset>`) or detected encoding when that
/// decodes them without errors (see [`crate::decode::decode_other`]).
pub fn decode_with(
    source: Source,
    mut bytes: Vec<u8>,
    lossy: bool,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Outcome {
    // UTF-16 and UTF-32 with a BOM: their NUL bytes do not make them binary.
    if let Some(wide) = crate::wide::Wide::sniff(&bytes).filter(|_| forced.is_none()) {
        return match wide.decode(&bytes, lossy) {
            Ok(text) => Outcome::Text(Text {
                source,
                text,
                bom: false,
                lossy,
                encoding: wide.name(),
            }),
            Err(offset) => Outcome::Failed(
                source,
                format!(
                    "invalid {} at byte offset {offset} (use --lossy to replace invalid units)",
                    wide.name()
                ),
            ),
        };
    }
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Outcome::Skipped(source, "binary file (contains NUL bytes), skipped".into());
    }
    if forced.is_some() || std::str::from_utf8(&bytes).is_err() {
        let html = match &source {
            Source::File(p) => crate::decode::has_html_extension(p),
            Source::Stdin => false,
        } || zhproof_html::looks_like_html(&bytes);
        if let Some((text, encoding)) = crate::decode::decode_other(&bytes, forced, html) {
            if encoding != "UTF-8" || forced.is_some() {
                return Outcome::Text(Text {
                    source,
                    text,
                    bom: false,
                    lossy: false,
                    encoding,
                });
            }
        }
    }
    let bom = bytes.starts_with(BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Outcome::Text(Text {
            source,
            text,
            bom,
            lossy: false,
            encoding: "UTF-8",
        }),
        Err(e) if lossy => Outcome::Text(Text {
            source,
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            bom,
            lossy: true,
            encoding: "UTF-8",
        }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to() + if bom { BOM.len() } else { 0 };
            Outcome::Failed(
                source,
                format!(
                    "invalid UTF-8 at byte offset {offset} (use --lossy to replace invalid bytes)"
                ),
            )
        }
    }
}

/// Reads and decodes one source.
pub fn read(source: Source, lossy: bool) -> Outcome {
    read_with(source, lossy, None)
}

/// Reads and decodes one source, in `forced` encoding if given (see [`decode_with`]).
pub fn read_with(
    source: Source,
    lossy: bool,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Outcome {
    let too_large = |source| {
        Outcome::Failed(
            source,
            format!("larger than {WHOLE_LIMIT} bytes read whole (a pipe or a device?), not read"),
        )
    };
    let bytes = match &source {
        Source::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin()
                .lock()
                .take(WHOLE_LIMIT + 1)
                .read_to_end(&mut buf)
            {
                Ok(_) if buf.len() as u64 > WHOLE_LIMIT => return too_large(source),
                Ok(_) => buf,
                Err(e) => {
                    return Outcome::Failed(source, format!("cannot read standard input: {e}"))
                }
            }
        }
        Source::File(p) => {
            let regular = std::fs::metadata(p).is_ok_and(|m| m.is_file());
            let read = std::fs::File::open(p).and_then(|f| {
                let mut buf = Vec::new();
                let limit = if regular { u64::MAX } else { WHOLE_LIMIT + 1 };
                f.take(limit).read_to_end(&mut buf).map(|_| buf)
            });
            match read {
                Ok(b) if !regular && b.len() as u64 > WHOLE_LIMIT => return too_large(source),
                Ok(b) => b,
                Err(e) => return Outcome::Failed(source, format!("cannot read: {e}")),
            }
        }
    };
    decode_with(source, bytes, lossy, forced)
}

/// Expands the command line's paths: none or `-` is standard input, a directory is walked
/// (entries sorted by name), anything else is a file. A path that cannot be walked comes back as
/// an error with its name.
///
/// In a directory, hidden files are skipped, and so are files a `.gitignore` excludes when the
/// directory is inside a git repository (a `.gitignore` above a folder that is no repository is
/// not read); `.ignore` files apply everywhere. Symbolic links to files and folders are followed;
/// a link back to a folder being walked (a loop) or to nothing is reported on standard error
/// and skipped.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Source, (Source, String)>> {
    if paths.is_empty() {
        return vec![Ok(Source::Stdin)];
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(Ok(Source::File(p.clone())));
        }
    }
    out
}

/// Whether a walk error is a symbolic-link loop or a link to nothing (skipped with a note).
fn is_bad_link(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_bad_link(err),
        ignore::Error::Io(e) => e.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, (Source, String)>>) {
    let walker = ignore::WalkBuilder::new(dir)
        .sort_by_file_name(|a, b| a.cmp(b))
        .require_git(true)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                out.push(Ok(Source::File(e.into_path())))
            }
            Ok(_) => {}
            Err(err) if is_bad_link(&err) => eprintln!(
                "zhproof: note: {}, skipped",
                crate::output::escape_controls(&err.to_string())
            ),
            Err(err) => out.push(Err((Source::File(dir.to_path_buf()), err.to_string()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        let s = || Source::Stdin;
        match decode(s(), b"\xEF\xBB\xBFabc".to_vec(), false) {
            Outcome::Text(t) => assert!(t.bom && !t.lossy && t.text == "abc"),
            other => panic!("{other:?}"),
        }
        match decode(s(), b"ab\xFFc".to_vec(), false) {
            Outcome::Failed(_, m) => {
                assert!(m.starts_with("invalid UTF-8 at byte offset 2"), "{m}")
            }
            other => panic!("{other:?}"),
        }
        match decode(s(), b"ab\xFFc".to_vec(), true) {
            Outcome::Text(t) => assert!(t.lossy && t.text == "ab\u{FFFD}c"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode(s(), b"a\0b".to_vec(), false),
            Outcome::Skipped(..)
        ));
        assert!(matches!(decode(s(), vec![], false), Outcome::Text(t) if t.text.is_empty()));
    }
}
