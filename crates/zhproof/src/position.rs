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
    let bytes = text.as_bytes();
    let (mut pos, mut chars, mut line, mut line_start_chars) = (0usize, 0usize, 1usize, 0usize);
    for (target, i, is_start) in wanted {
        while pos < target {
            let b = bytes[pos];
            if b == b'\n' || (b == b'\r' && bytes.get(pos + 1) != Some(&b'\n')) {
                line += 1;
                line_start_chars = chars + 1;
            }
            // Count a char at each non-continuation byte.
            if b & 0xC0 != 0x80 {
                chars += 1;
            }
            pos += 1;
        }
        let f = &mut findings[i];
        if is_start {
            f.char_start = chars;
            f.line = line;
            f.column = chars - line_start_chars + 1;
        } else {
            f.char_end = chars;
        }
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
}
