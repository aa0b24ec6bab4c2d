//! The offset map from a visible text back to the source document.
//!
//! A visible text is built from pieces of the source: runs copied byte for byte (identity pieces)
//! and replaced pieces (an entity `&#x5E03;` read as `布`, a `\r\n` read as `\n`, a block tag read
//! as a line break, collapsed white space). Each piece records its range in the text and in the
//! source; an offset inside an identity piece maps exactly, one inside a replaced piece maps to
//! that piece's start (for a span's start) or end (for a span's end), so a mapped span always
//! covers what the reader saw and lies on character boundaries of the source.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    text_end: usize,
    src_start: usize,
    src_end: usize,
    identity: bool,
}

/// Maps byte offsets of a visible text to byte offsets of the source document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// Records that the `text_len` bytes appended to the text at `text_start` come from `src`;
    /// `identity` says they are the same bytes (then `text_len == src.len()`). Adapters that
    /// build a document out of pieces of another file (a feed item's HTML out of its XML) use it
    /// to map back to that file.
    ///
    /// ```
    /// let mut map = zhproof_html::OffsetMap::default();
    /// map.push(0, 3, 10..13, true); // "<p>" copied from bytes 10..13
    /// map.push(3, 1, 13..17, false); // "<" read from "&lt;"
    /// assert_eq!(map.span(0..4), 10..17);
    /// ```
    pub fn push(&mut self, text_start: usize, text_len: usize, src: Range<usize>, identity: bool) {
        let identity = identity && text_len == src.len();
        if let Some(last) = self.pieces.last_mut() {
            // Adjacent identity pieces merge, so the map stays small on plain prose.
            if identity && last.identity && last.text_end == text_start && last.src_end == src.start
            {
                last.text_end += text_len;
                last.src_end = src.end;
                return;
            }
        }
        self.pieces.push(Piece {
            text_start,
            text_end: text_start + text_len,
            src_start: src.start,
            src_end: src.end,
            identity,
        });
    }

    fn find(&self, t: usize, is_end: bool) -> Option<usize> {
        let i = self.pieces.partition_point(|p| {
            if is_end {
                p.text_end < t
            } else {
                p.text_end <= t
            }
        });
        (i < self.pieces.len()).then_some(i)
    }

    /// The source offset of text offset `t` taken as a span's start.
    pub fn start(&self, t: usize) -> usize {
        match self.find(t, false) {
            Some(i) => {
                let p = self.pieces[i];
                if t <= p.text_start || !p.identity {
                    p.src_start
                } else {
                    p.src_start + (t - p.text_start)
                }
            }
            None => self.pieces.last().map_or(0, |p| p.src_end),
        }
    }

    /// The source offset of text offset `t` taken as a span's end.
    pub fn end(&self, t: usize) -> usize {
        match self.find(t, true) {
            Some(i) => {
                let p = self.pieces[i];
                if t >= p.text_end || (!p.identity && t > p.text_start) {
                    p.src_end
                } else if t <= p.text_start {
                    p.src_start
                } else {
                    p.src_start + (t - p.text_start)
                }
            }
            None => self.pieces.last().map_or(0, |p| p.src_end),
        }
    }

    /// The source range of the text range `r`: `start(r.start)..end(r.end)`, never reversed.
    pub fn span(&self, r: Range<usize>) -> Range<usize> {
        let s = self.start(r.start);
        let e = self.end(r.end).max(s);
        s..e
    }
}
