//! Turns byte offsets into character offsets, lines and columns, in one pass over the input.

use crate::finding::Finding;

/// Fills `char_start`, `char_end`, `line` and `column` of findings sorted by `byte_start`.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`; columns count characters from 1.
pub(crate) fn fill(text: &str, findings: &mut [Finding]) {
    // Every byte offset we need, sorted, with where to write it back.
    let mut wanted: Vec<(usize, usize, bool)> = Vec::with_capacity(findings.len() * 2);
    for (i, f) in findings.iter().enumerate() {
        wanted.push((f.byte_start, i, true));
        wanted.push((f.byte_end, i, false));
    }
    wanted.sort_unstable();
    let mut at = Cursor::default();
    for (target, i, is_start) in wanted {
        at.advance(text.as_bytes(), target);
        let f = &mut findings[i];
        if is_start {
            f.char_start = at.chars;
            f.line = at.line;
            f.column = at.chars - at.line_start_chars + 1;
        } else {
            f.char_end = at.chars;
        }
    }
}

/// A position in a text: byte offset, characters before it, its line and where that line starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor {
    pub(crate) byte: usize,
    pub(crate) chars: usize,
    pub(crate) line: usize,
    pub(crate) line_start_chars: usize,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            byte: 0,
            chars: 0,
            line: 1,
            line_start_chars: 0,
        }
    }
}

/// Characters in `bytes` (UTF-8): the bytes that are not continuation bytes (`0b10xx_xxxx`),
/// counted 64 at a time in byte-sized lanes, which the compiler vectorises.
fn count_chars(bytes: &[u8]) -> usize {
    let starts = |b: u8| u8::from((b as i8) >= -0x40);
    let blocks = bytes.chunks_exact(64);
    let rest = blocks.remainder();
    let mut n = 0usize;
    for block in blocks {
        let block: &[u8; 64] = block.try_into().expect("64 bytes");
        n += usize::from(block.iter().fold(0u8, |k, &b| k + starts(b)));
    }
    n + rest.iter().map(|&b| usize::from(starts(b))).sum::<usize>()
}

impl Cursor {
    /// Moves forward to byte `target` of `bytes` (the whole text; no-op when already there).
    /// Line breaks are found with `memchr` and characters counted in bulk, so a long stretch
    /// between findings costs a vectorized pass, not a branch per byte.
    pub(crate) fn advance(&mut self, bytes: &[u8], target: usize) {
        if target <= self.byte {
            return;
        }
        let mut last_break = None;
        for p in memchr::memchr2_iter(b'\n', b'\r', &bytes[self.byte..target]) {
            let p = self.byte + p;
            // `\r\n` counts once, at its `\n`.
            if bytes[p] == b'\n' || bytes.get(p + 1) != Some(&b'\n') {
                self.line += 1;
                last_break = Some(p);
            }
        }
        self.chars += count_chars(&bytes[self.byte..target]);
        if let Some(p) = last_break {
            self.line_start_chars = self.chars - count_chars(&bytes[p + 1..target]);
        }
        self.byte = target;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Kind, Severity};

    fn at(text: &str, needle: &str) -> Finding {
        let s = text.find(needle).unwrap();
        let mut f = [Finding {
            rule: "r".into(),
            kind: Kind::Typo,
            severity: Severity::Warning,
            byte_start: s,
            byte_end: s + needle.len(),
            char_start: 0,
            char_end: 0,
            line: 0,
            column: 0,
            text: needle.into(),
            message: String::new(),
            suggestions: vec![],
            source: String::new(),
            applicability: Applicability::DisplayOnly,
        }];
        fill(text, &mut f);
        f[0].clone()
    }

    #[test]
    fn line_endings() {
        for text in ["ab\n中文X", "ab\r\n中文X", "ab\r中文X"] {
            let f = at(text, "X");
            assert_eq!((f.line, f.column), (2, 3), "{text:?}");
        }
        let f = at("一\r\r\n二\n\n三X", "X");
        assert_eq!((f.line, f.column, f.char_start, f.char_end), (5, 2, 8, 9));
    }

    /// The positions a reader counts by hand: characters before `byte`, line and column.
    fn naive(text: &str, byte: usize) -> (usize, usize, usize) {
        let before = &text[..byte];
        let chars = before.chars().count();
        let lines = before.replace("\r\n", "\n").replace('\r', "\n");
        let line = lines.matches('\n').count() + 1;
        let column = lines.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (chars, line, column)
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_counting_by_hand(
            text in "[a\r\n中😀é]{0,60}",
            picks in proptest::collection::vec(0usize..64, 1..6),
        ) {
            // Char boundaries, except inside a `\r\n` (no finding starts or ends there).
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i) && !(i > 0 && text[..i].ends_with('\r') && text[i..].starts_with('\n')))
                .collect();
            let mut spans: Vec<(usize, usize)> = picks
                .windows(2)
                .map(|w| {
                    let (a, b) = (bounds[w[0] % bounds.len()], bounds[w[1] % bounds.len()]);
                    (a.min(b), a.max(b))
                })
                .collect();
            spans.sort_unstable();
            let mut fs: Vec<Finding> = spans
                .iter()
                .map(|&(s, e)| {
                    let mut f = at("", "");
                    f.byte_start = s;
                    f.byte_end = e;
                    f
                })
                .collect();
            fill(&text, &mut fs);
            for f in &fs {
                let (c, l, col) = naive(&text, f.byte_start);
                proptest::prop_assert_eq!((f.char_start, f.line, f.column), (c, l, col));
                proptest::prop_assert_eq!(f.char_end, naive(&text, f.byte_end).0);
            }
        }
    }
}
