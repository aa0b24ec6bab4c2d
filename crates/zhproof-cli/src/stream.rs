//! Checking a large input in bounded memory: the input is read in chunks cut after a line break,
//! each chunk is checked on its own, and the findings' offsets, lines and columns are shifted so
//! they are those of the whole input.
//!
//! **Same output as a whole-text check**, because every rule reads within a line: sentences end at
//! a line break, and findings never span one. Two exceptions, both bounded by the chunk size:
//!
//! - a line longer than the chunk is cut at a character boundary (else memory would grow with the
//!   line): a finding across that cut is missed, and context-reading rules (an enumeration's cue,
//!   a year in the sentence) see only their side of it. Columns stay right.
//! - context that a rule reads across a line break (an enumeration's cue word up to 40 characters
//!   before the list) is not seen across a chunk boundary. The chunker avoids the cuts where this
//!   matters most (see `Chunks::cut`): before a paragraph opening with `“` (a quotation of
//!   several paragraphs), before a blank line, and between digits (a number broken across lines).
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r` alike: a file with lone-CR line endings is cut
//! at its line breaks too. UTF-16 and UTF-32 input with a BOM is decoded on the way
//! ([`crate::wide`]).

use std::io::{self, Read};

use zhproof::Finding;

use crate::input::Source;

/// Files larger than this are streamed (smaller ones are read whole, a few in parallel, with
/// their encoding detected).
pub const CHUNK_BYTES: usize = 16 << 20;

/// Size of the chunks a streamed input is read in: what is held at once is one chunk's text and
/// findings. Kept at 16 MiB: a line longer than a chunk is cut inside (a finding across the cut
/// is missed), and 1 MiB cut real long lines (hostile tests); smaller chunks need a cut that
/// keeps findings across it first.
pub const PIECE_BYTES: usize = CHUNK_BYTES;

/// The chunk size for streaming: `--chunk-bytes` if given (tests), else [`PIECE_BYTES`].
pub fn piece(chunk_bytes: Option<usize>) -> usize {
    chunk_bytes.unwrap_or(PIECE_BYTES)
}

/// Where a chunk starts in the whole input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Base {
    /// Bytes before the chunk (after the BOM, which is not part of the text).
    pub bytes: usize,
    /// Whether the whole input started with a UTF-8 BOM (so `fix` can print it back).
    pub bom: bool,
    /// Characters before the chunk.
    pub chars: usize,
    /// Line breaks before the chunk.
    pub lines: usize,
    /// Characters before the start of the line the chunk starts in (equal to `chars` unless the
    /// previous chunk was cut inside a long line).
    pub line_start_chars: usize,
}

impl Base {
    /// `f`, found in a chunk starting at `self`, as a finding of the whole input.
    pub fn shift(&self, f: &Finding) -> Finding {
        let mut g = f.clone();
        g.byte_start += self.bytes;
        g.byte_end += self.bytes;
        g.char_start += self.chars;
        g.char_end += self.chars;
        if f.line == 1 {
            g.column += self.chars - self.line_start_chars;
        }
        g.line += self.lines;
        g
    }

    /// The base of the chunk after `chunk`.
    pub(crate) fn after(&self, chunk: &str) -> Base {
        let bytes = chunk.as_bytes();
        let count = count_chars;
        let mut next = Base {
            bytes: self.bytes + bytes.len(),
            chars: self.chars + count(bytes),
            ..*self
        };
        let mut last_break = None;
        for p in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A `\r` directly before `\n` is part of one break. (A chunk never ends between
            // them: see `Chunks::cut`.)
            if bytes[p] == b'\n' || bytes.get(p + 1) != Some(&b'\n') {
                next.lines += 1;
                last_break = Some(p);
            }
        }
        if let Some(p) = last_break {
            next.line_start_chars = next.chars - count(&bytes[p + 1..]);
        }
        next
    }
}

/// The number of characters of the UTF-8 text `bytes`: its bytes that are not continuation
/// bytes (`10xxxxxx`), counted eight at a time.
fn count_chars(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut continuation = 0usize;
    for w in words.by_ref() {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        // Bit 7 of each byte set and bit 6 clear: one 1 per continuation byte, summed by the
        // multiplication into the top byte.
        let marks = (x & !(x << 1) & HIGH) >> 7;
        continuation += (marks.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    let rest = words.remainder();
    continuation += rest.iter().filter(|&&b| (b as i8) < -0x40).count();
    bytes.len() - continuation
}

/// Why reading a chunk failed.
#[derive(Debug)]
pub enum ChunkError {
    /// The reader failed.
    Io(io::Error),
    /// Invalid UTF-8 at this byte offset of the whole input (BOM included).
    InvalidUtf8(usize),
    /// A NUL byte in the first [`crate::input::BINARY_SNIFF`] bytes.
    Binary,
}

impl std::fmt::Display for ChunkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChunkError::Io(e) => write!(f, "cannot read: {e}"),
            ChunkError::InvalidUtf8(offset) => write!(
                f,
                "invalid UTF-8 at byte offset {offset} (use --lossy to replace invalid bytes)"
            ),
            ChunkError::Binary => write!(f, "binary file (contains NUL bytes), skipped"),
        }
    }
}

/// Reads `source` chunk by chunk (chunks of at most `chunk` bytes) and calls `each` with every
/// chunk's text and where it starts. The outer error is one of `each` (writing output failed);
/// the inner one says why the input could not be read to its end (the chunks before were passed
/// to `each`).
pub fn for_each_chunk(
    source: &Source,
    chunk: usize,
    lossy: bool,
    mut each: impl FnMut(&str, &Base) -> io::Result<()>,
) -> io::Result<Result<(), ChunkError>> {
    let reader: Box<dyn Read> = match source {
        Source::Stdin => Box::new(io::stdin().lock()),
        Source::File(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return Ok(Err(ChunkError::Io(e))),
        },
    };
    // UTF-16 and UTF-32 with a BOM are decoded to UTF-8 on the way (positions are then those of
    // the decoded text, as for a whole read).
    let mut reader = io::BufReader::with_capacity(64 * 1024, reader);
    let head = loop {
        match io::BufRead::fill_buf(&mut reader) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Ok(Err(ChunkError::Io(e))),
            Ok(head) => break head,
        }
    };
    let reader: Box<dyn Read> = match crate::wide::Wide::sniff(head) {
        Some(wide) => {
            io::BufRead::consume(&mut reader, wide.unit());
            Box::new(crate::wide::WideReader::new(reader, wide, lossy))
        }
        None => Box::new(reader),
    };
    let mut chunks = Chunks::new(reader, chunk, lossy);
    while let Some(r) = chunks.next_text() {
        match r {
            Ok((text, base)) => each(
                text.as_str(),
                &Base {
                    bom: chunks.bom,
                    ..base
                },
            )?,
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(()))
}

/// The chunks of an input, decoded as [`crate::input::decode`] decodes a whole one (BOM dropped,
/// NUL sniffing, invalid UTF-8 an error or replaced when `lossy`).
#[derive(Debug)]
pub struct Chunks<R> {
    reader: R,
    chunk: usize,
    lossy: bool,
    buf: Vec<u8>,
    eof: bool,
    started: bool,
    /// Bytes of the input before `buf` (BOM included), for error offsets.
    consumed: usize,
    /// Where the next chunk starts in the text.
    pub base: Base,
    /// Whether the input started with a UTF-8 BOM (known after the first chunk).
    pub bom: bool,
}

/// Whether a cut of `buf` at `at` (just after a line break, before the end) hides nothing from
/// a rule reading across paragraphs: the next line starts with a character that is neither
/// blank, `“` nor a digit, and no digit ends the line before (see `Chunks::cut`).
pub(crate) fn quiet_cut(buf: &[u8], at: usize) -> bool {
    let next = &buf[at..];
    let opens = match next.first() {
        None => return false,
        Some(b) => b.is_ascii_digit() || b.is_ascii_whitespace(),
    };
    // “ is E2 80 9C; U+3000 (ideographic space) is E3 80 80.
    if opens || next.starts_with("“".as_bytes()) || next.starts_with("\u{3000}".as_bytes()) {
        return false;
    }
    let before = buf[..at].iter().rev().find(|&&b| b != b'\n' && b != b'\r');
    !before.is_some_and(u8::is_ascii_digit)
}

impl<R: Read> Chunks<R> {
    /// Chunks of at most `chunk` bytes (at least 4) read from `reader`.
    pub fn new(reader: R, chunk: usize, lossy: bool) -> Self {
        Chunks {
            reader,
            chunk: chunk.max(4),
            lossy,
            buf: Vec::new(),
            eof: false,
            started: false,
            consumed: 0,
            base: Base::default(),
            bom: false,
        }
    }

    fn fill(&mut self, want: usize) -> io::Result<()> {
        if self.eof || self.buf.len() >= want {
            return Ok(());
        }
        // Straight into the buffer's spare room (`read_to_end` retries interrupted reads).
        let n = want - self.buf.len();
        let got = io::Read::by_ref(&mut self.reader)
            .take(n as u64)
            .read_to_end(&mut self.buf)?;
        self.eof = got < n;
        Ok(())
    }

    /// Where to cut `buf`: after a line break within the chunk size (`\n`, `\r\n` or a lone
    /// `\r`), else (a longer line) at the last character boundary, never between `\r` and `\n`.
    ///
    /// Among the line breaks in the second half of the chunk, the last one is taken after which a
    /// rule reading across paragraphs has nothing to see ([`Chunks::quiet_cut`]): not before a
    /// paragraph opening with `“` (a quotation of several paragraphs leaves the previous one open)
    /// or a blank line, not between digits (a number broken across lines is still masked). Only
    /// when there is none is the last line break taken. Every chunk but the last is thus at least
    /// half the chunk size, so the scan stays linear.
    fn cut(&self) -> usize {
        if self.eof && self.buf.len() <= self.chunk {
            return self.buf.len();
        }
        let window = &self.buf[..self.chunk];
        let half = self.chunk / 2;
        let mut last_break = None;
        for p in memchr::memrchr2_iter(b'\n', b'\r', window) {
            // A `\r` whose `\n` lies past the window is no place to cut.
            if window[p] == b'\r' && self.buf.get(p + 1) == Some(&b'\n') {
                continue;
            }
            let at = p + 1;
            if last_break.is_none() {
                last_break = Some(at);
            }
            if at <= half {
                break;
            }
            if self.quiet_cut(at) {
                return at;
            }
        }
        if let Some(at) = last_break {
            return at;
        }
        let mut at = self.chunk;
        while at > 1 && (self.buf[at] as i8) < -0x40 && self.chunk - at < 3 {
            at -= 1;
        }
        if at > 1 && self.buf[at - 1] == b'\r' && self.buf[at] == b'\n' {
            at -= 1;
        }
        at
    }

    /// Whether a cut at `at` (just after a line break) hides nothing from a rule: the next line
    /// starts with a character that is neither blank, `“` nor a digit, and no digit ends the line.
    fn quiet_cut(&self, at: usize) -> bool {
        if at == self.buf.len() {
            return !self.eof;
        }
        quiet_cut(&self.buf, at)
    }

    /// The next chunk's text and where it starts, or `None` at the end.
    pub fn next_chunk(&mut self) -> Option<Result<(String, Base), ChunkError>> {
        self.next_text()
            .map(|r| r.map(|(t, base)| (t.as_str().to_string(), base)))
    }

    /// [`Chunks::next_chunk`], without copying the text out of the bytes read.
    pub fn next_text(&mut self) -> Option<Result<(ChunkText, Base), ChunkError>> {
        if let Err(e) = self.fill(self.chunk + 1) {
            return Some(Err(ChunkError::Io(e)));
        }
        if !self.started {
            self.started = true;
            if self.buf[..self.buf.len().min(crate::input::BINARY_SNIFF)].contains(&0) {
                return Some(Err(ChunkError::Binary));
            }
            if self.buf.starts_with(b"\xEF\xBB\xBF") {
                self.bom = true;
                self.buf.drain(..3);
                self.consumed = 3;
                if let Err(e) = self.fill(self.chunk + 1) {
                    return Some(Err(ChunkError::Io(e)));
                }
            }
        } else if self.buf.is_empty() {
            return None;
        }
        let cut = self.cut();
        // The rest goes into a buffer that holds a whole chunk (no reallocation while filling).
        let mut rest = Vec::with_capacity(self.chunk + 1);
        rest.extend_from_slice(&self.buf[cut..]);
        self.buf.truncate(cut);
        let bytes = std::mem::replace(&mut self.buf, rest);
        // A fast validation (SIMD where the processor has it); the standard one only on failure,
        // for the error's offset.
        let text = if simdutf8::basic::from_utf8(&bytes).is_ok() {
            ChunkText(Ok(bytes))
        } else {
            match String::from_utf8(bytes) {
                Ok(t) => ChunkText(Err(t)),
                Err(e) if self.lossy => {
                    ChunkText(Err(String::from_utf8_lossy(e.as_bytes()).into_owned()))
                }
                Err(e) => {
                    return Some(Err(ChunkError::InvalidUtf8(
                        self.consumed + e.utf8_error().valid_up_to(),
                    )))
                }
            }
        };
        self.consumed += cut;
        let base = self.base;
        self.base = base.after(text.as_str());
        Some(Ok((text, base)))
    }
}

/// The text of a chunk: bytes known to be UTF-8, or a string (replacement characters put in).
#[derive(Debug)]
pub struct ChunkText(Result<Vec<u8>, String>);

impl ChunkText {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Validated when read; validating again costs a small fraction of a copy.
            Ok(bytes) => simdutf8::basic::from_utf8(bytes).expect("validated when read"),
            Err(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhproof::Checker;

    /// Checks `input` in chunks of `chunk` bytes and returns the whole-input findings.
    fn streamed(c: &Checker, input: &str, chunk: usize) -> (Vec<Finding>, usize) {
        let mut chunks = Chunks::new(input.as_bytes(), chunk, false);
        let (mut out, mut n) = (Vec::new(), 0);
        while let Some(r) = chunks.next_chunk() {
            let (text, base) = r.expect("valid input");
            assert!(text.len() <= chunk.max(4));
            n += 1;
            out.extend(c.check(&text).iter().map(|f| base.shift(f)));
        }
        (out, n)
    }

    #[test]
    fn chunked_findings_equal_whole_text_findings() {
        let c = Checker::new();
        // A typo (布署), a leader-title error and a mobile number, on lines of varied length
        // (the longest 85 bytes: every chunk size below holds a whole line), with every kind of
        // line break.
        let lines = [
            "会议对下一阶段工作进行了全面布署。\n",
            "国务院总理赵乐际主持会议。\r\n",
            "联系电话13912345678，欢迎来电。\r",
            "\n",
            "短行\n",
            "中国共产党第二十届全国代表大会胜利召开，全面布署了工作。\n",
        ];
        let input: String = lines.iter().cycle().take(40).copied().collect();
        let whole = c.check(&input);
        assert!(whole.len() >= 30, "{}", whole.len());
        for chunk in [90, 97, 150, 200, 1000, input.len(), input.len() + 1] {
            let (got, n) = streamed(&c, &input, chunk);
            assert_eq!(got, whole, "chunk size {chunk}");
            if chunk < input.len() {
                assert!(n > 1, "chunk size {chunk} gave one chunk");
            }
        }
    }

    #[test]
    fn a_finding_across_a_naive_cut_is_kept() {
        let c = Checker::new();
        let line = "会议对下一阶段工作进行了全面布署。\n";
        let input = line.repeat(3);
        // A naive cut at byte `at` would split 布署 of the second line.
        let at = line.len() + line.find("署").expect("present");
        let naive = c.check(&input[..at]).len() + c.check(&input[at..]).len();
        let whole = c.check(&input);
        assert_eq!(whole.len(), 3);
        assert!(naive < whole.len());
        let (got, _) = streamed(&c, &input, at);
        assert_eq!(got, whole);
    }

    #[test]
    fn a_line_longer_than_the_chunk_is_cut_with_right_columns() {
        let c = Checker::new();
        let input = format!("{}布署。\n第二行布署。\n", "中".repeat(30));
        let whole = c.check(&input);
        let (got, n) = streamed(&c, &input, 40);
        assert!(n >= 3);
        assert_eq!(got, whole);
        assert_eq!((got[0].line, got[0].column), (1, 31));
        assert_eq!((got[1].line, got[1].column), (2, 4));
    }

    #[test]
    fn a_typo_across_a_cut_in_a_lone_cr_file_is_kept() {
        // Issue 13: with lone-CR line endings there was no `\n` to cut after, so the chunk was
        // cut inside a line and 布署 across that cut was missed.
        let c = Checker::new();
        let line = "会议对下一阶段工作进行了全面布署。\r";
        let input = line.repeat(3);
        let at = line.len() + line.find("署").expect("present");
        let whole = c.check(&input);
        assert_eq!(whole.len(), 3);
        let (got, n) = streamed(&c, &input, at);
        assert!(n > 1);
        assert_eq!(got, whole);
    }

    #[test]
    fn a_quotation_of_several_paragraphs_is_not_cut_apart() {
        // Issue 13: a paragraph leaving “ open before one opening with “ is a quotation of
        // several paragraphs; cut between them, the first gave a false unpaired-mark finding.
        let c = Checker::new();
        let filler = "这是一个普通的段落。\n".repeat(8);
        let first = "他说：“第一段的内容。\n";
        let second = "“第二段的内容。”\n";
        let input = format!("{filler}{first}{second}{filler}");
        let whole = c.check(&input);
        assert!(whole.iter().all(|f| f.rule != "unpaired-mark"), "{whole:?}");
        // The last line break within this chunk is the one right before the second paragraph.
        let chunk = filler.len() + first.len() + 3;
        let (got, n) = streamed(&c, &input, chunk);
        assert!(n > 1);
        assert_eq!(got, whole);
    }

    #[test]
    fn bom_binary_and_invalid_utf8() {
        let mut ch = Chunks::new(&b"\xEF\xBB\xBFab\ncd\n"[..], 4, false);
        let (t, b) = ch.next_chunk().unwrap().unwrap();
        assert_eq!((t.as_str(), b.bytes), ("ab\n", 0));
        assert!(ch.bom);
        let (t, b) = ch.next_chunk().unwrap().unwrap();
        assert_eq!((t.as_str(), b.bytes, b.lines), ("cd\n", 3, 1));
        assert!(ch.next_chunk().is_none());
        let mut ch = Chunks::new(&b"a\0b"[..], 4, false);
        assert!(matches!(ch.next_chunk(), Some(Err(ChunkError::Binary))));
        let mut ch = Chunks::new(&b"ab\ncd\xFF\n"[..], 4, false);
        assert!(ch.next_chunk().unwrap().is_ok());
        assert!(matches!(
            ch.next_chunk(),
            Some(Err(ChunkError::InvalidUtf8(5)))
        ));
        let mut ch = Chunks::new(&b""[..], 4, false);
        let (t, _) = ch.next_chunk().unwrap().unwrap();
        assert!(t.is_empty());
        assert!(ch.next_chunk().is_none());
    }
}
