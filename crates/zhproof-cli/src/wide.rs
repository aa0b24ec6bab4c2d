//! UTF-16 and UTF-32 text that starts with a byte-order mark: decoded to UTF-8, whole
//! ([`Wide::decode`]) or as a stream ([`WideReader`]), instead of being skipped as binary for the
//! NUL bytes its ASCII characters contain (issue 13).
//!
//! Without a BOM such a file is still taken for binary (a NUL byte in its first 8 KiB): guessing
//! the byte order of an unmarked file is left to `--encoding utf-16le` and the like.

use std::io::{self, Read};

/// A BOM-marked Unicode encoding other than UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wide {
    /// UTF-16, little-endian (BOM `FF FE`).
    Utf16Le,
    /// UTF-16, big-endian (BOM `FE FF`).
    Utf16Be,
    /// UTF-32, little-endian (BOM `FF FE 00 00`).
    Utf32Le,
    /// UTF-32, big-endian (BOM `00 00 FE FF`).
    Utf32Be,
}

impl Wide {
    /// The encoding whose BOM `bytes` start with (UTF-32 is tried first: its little-endian BOM
    /// starts with UTF-16's).
    pub fn sniff(bytes: &[u8]) -> Option<Wide> {
        if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
            Some(Wide::Utf32Le)
        } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
            Some(Wide::Utf32Be)
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            Some(Wide::Utf16Le)
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            Some(Wide::Utf16Be)
        } else {
            None
        }
    }

    /// The encoding's name, as reported to the user.
    pub fn name(self) -> &'static str {
        match self {
            Wide::Utf16Le => "UTF-16LE",
            Wide::Utf16Be => "UTF-16BE",
            Wide::Utf32Le => "UTF-32LE",
            Wide::Utf32Be => "UTF-32BE",
        }
    }

    /// Bytes of the BOM (and of one code unit).
    pub fn unit(self) -> usize {
        match self {
            Wide::Utf16Le | Wide::Utf16Be => 2,
            Wide::Utf32Le | Wide::Utf32Be => 4,
        }
    }

    /// Decodes `bytes` (the BOM included) to UTF-8 without the BOM. An invalid code unit (a lone
    /// surrogate, a value past U+10FFFF, a truncated last unit) is replaced with U+FFFD when
    /// `lossy`, else its byte offset is the error.
    pub fn decode(self, bytes: &[u8], lossy: bool) -> Result<String, usize> {
        let mut out = String::with_capacity(bytes.len());
        let used = self.decode_into(&bytes[self.unit()..], self.unit(), true, lossy, &mut out)?;
        debug_assert_eq!(used, bytes.len() - self.unit());
        Ok(out)
    }

    /// Decodes the complete units of `bytes` (at byte `offset` of the input) into `out` and
    /// returns how many bytes were used: all of them when `last`, else a trailing partial unit
    /// or a high surrogate waiting for its pair is left for the next call.
    fn decode_into(
        self,
        bytes: &[u8],
        offset: usize,
        last: bool,
        lossy: bool,
        out: &mut String,
    ) -> Result<usize, usize> {
        let unit = self.unit();
        let mut i = 0;
        while i + unit <= bytes.len() {
            let (c, len) = match self {
                Wide::Utf32Le | Wide::Utf32Be => {
                    let b = [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
                    let v = if self == Wide::Utf32Le {
                        u32::from_le_bytes(b)
                    } else {
                        u32::from_be_bytes(b)
                    };
                    (char::from_u32(v), 4)
                }
                Wide::Utf16Le | Wide::Utf16Be => {
                    let at = |j: usize| {
                        let b = [bytes[j], bytes[j + 1]];
                        if self == Wide::Utf16Le {
                            u16::from_le_bytes(b)
                        } else {
                            u16::from_be_bytes(b)
                        }
                    };
                    let hi = at(i);
                    if (0xD800..0xDC00).contains(&hi) {
                        if i + 4 > bytes.len() {
                            if !last {
                                break;
                            }
                            (None, 2)
                        } else {
                            let lo = at(i + 2);
                            if (0xDC00..0xE000).contains(&lo) {
                                let v = 0x10000
                                    + ((u32::from(hi) - 0xD800) << 10)
                                    + (u32::from(lo) - 0xDC00);
                                (char::from_u32(v), 4)
                            } else {
                                (None, 2)
                            }
                        }
                    } else {
                        (char::from_u32(u32::from(hi)), 2)
                    }
                }
            };
            match c {
                Some(c) => out.push(c),
                None if lossy => out.push('\u{FFFD}'),
                None => return Err(offset + i),
            }
            i += len;
        }
        if last && i < bytes.len() {
            if !lossy {
                return Err(offset + i);
            }
            out.push('\u{FFFD}');
            i = bytes.len();
        }
        Ok(i)
    }
}

/// A reader giving the UTF-8 text of a UTF-16 or UTF-32 stream whose BOM was already read.
#[derive(Debug)]
pub struct WideReader<R> {
    inner: R,
    wide: Wide,
    lossy: bool,
    /// Input bytes not decoded yet (a partial unit or surrogate pair).
    pending: Vec<u8>,
    /// Input bytes before `pending` (the BOM included), for error offsets.
    offset: usize,
    /// Decoded UTF-8 not handed out yet.
    out: Vec<u8>,
    done: bool,
}

impl<R: Read> WideReader<R> {
    /// Decodes `inner`, positioned just after the BOM of `wide`.
    pub fn new(inner: R, wide: Wide, lossy: bool) -> Self {
        WideReader {
            inner,
            wide,
            lossy,
            pending: Vec::new(),
            offset: wide.unit(),
            out: Vec::new(),
            done: false,
        }
    }
}

impl<R: Read> Read for WideReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out.is_empty() && !self.done {
            let mut block = [0u8; 64 * 1024];
            let n = loop {
                match self.inner.read(&mut block) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    r => break r?,
                }
            };
            self.done = n == 0;
            self.pending.extend_from_slice(&block[..n]);
            let mut text = String::new();
            let used = self
                .wide
                .decode_into(&self.pending, self.offset, self.done, self.lossy, &mut text)
                .map_err(|at| {
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("invalid {} at byte offset {at}", self.wide.name()),
                    )
                })?;
            self.pending.drain(..used);
            self.offset += used;
            self.out = text.into_bytes();
        }
        let n = buf.len().min(self.out.len());
        buf[..n].copy_from_slice(&self.out[..n]);
        self.out.drain(..n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, wide: Wide) -> Vec<u8> {
        let mut out = match wide {
            Wide::Utf16Le => vec![0xFF, 0xFE],
            Wide::Utf16Be => vec![0xFE, 0xFF],
            Wide::Utf32Le => vec![0xFF, 0xFE, 0, 0],
            Wide::Utf32Be => vec![0, 0, 0xFE, 0xFF],
        };
        match wide {
            Wide::Utf16Le => text
                .encode_utf16()
                .for_each(|u| out.extend(u.to_le_bytes())),
            Wide::Utf16Be => text
                .encode_utf16()
                .for_each(|u| out.extend(u.to_be_bytes())),
            Wide::Utf32Le => text
                .chars()
                .for_each(|c| out.extend((c as u32).to_le_bytes())),
            Wide::Utf32Be => text
                .chars()
                .for_each(|c| out.extend((c as u32).to_be_bytes())),
        }
        out
    }

    #[test]
    fn every_wide_encoding_round_trips_whole_and_streamed() {
        let text = "全面布署工作。\nA line, 𠮷 (a pair).\r\n".repeat(5000);
        for wide in [Wide::Utf16Le, Wide::Utf16Be, Wide::Utf32Le, Wide::Utf32Be] {
            let bytes = encode(&text, wide);
            assert_eq!(Wide::sniff(&bytes), Some(wide));
            assert_eq!(wide.decode(&bytes, false).as_deref(), Ok(text.as_str()));
            let mut streamed = String::new();
            WideReader::new(&bytes[wide.unit()..], wide, false)
                .read_to_string(&mut streamed)
                .unwrap();
            assert_eq!(streamed, text, "{wide:?}");
        }
    }

    #[test]
    fn invalid_units_are_errors_with_offsets_or_replaced() {
        // A lone low surrogate after "a", then "b".
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xDC, b'b', 0];
        assert_eq!(Wide::Utf16Le.decode(&bytes, false), Err(4));
        assert_eq!(
            Wide::Utf16Le.decode(&bytes, true).as_deref(),
            Ok("a\u{FFFD}b")
        );
        // A truncated last unit.
        assert_eq!(
            Wide::Utf16Le.decode(&[0xFF, 0xFE, b'a', 0, b'b'], false),
            Err(4)
        );
        // Past U+10FFFF.
        let bytes = [0, 0, 0xFE, 0xFF, 0, 0x11, 0, 0];
        assert_eq!(Wide::Utf32Be.decode(&bytes, false), Err(4));
        let mut s = String::new();
        let err = WideReader::new(&bytes[4..], Wide::Utf32Be, false)
            .read_to_string(&mut s)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("invalid UTF-32BE at byte offset 4"),
            "{err}"
        );
        assert_eq!(Wide::sniff(b"\xEF\xBB\xBFabc"), None);
    }
}
