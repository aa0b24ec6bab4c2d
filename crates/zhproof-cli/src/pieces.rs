//! Checking one large text on every core: the text is cut into pieces at quiet paragraph
//! boundaries (the cuts [`crate::stream`] makes between chunks), the pieces are checked in
//! parallel, and their findings are shifted and put back in text order.
//!
//! **Same findings as a whole-text check**, for the reason chunks give them (see
//! [`crate::stream`]): every rule reads within a paragraph, and a cut is made only after a line
//! break that is followed by a line opening with neither a blank, `“` nor a digit, and preceded by
//! no digit. A stretch with no such break is not cut (it is checked as one piece).

use rayon::prelude::*;
use zhproof::{Checker, Finding};

use crate::stream::{quiet_cut, Base};

/// Texts shorter than this are checked in one piece (a typical article: nothing to gain).
pub const MIN_PARALLEL_BYTES: usize = 256 * 1024;

/// Pieces are about this long at most (the text is cut into at least eight pieces per thread, so
/// that a slow piece does not leave a core idle at the end).
const MAX_PIECE_BYTES: usize = 2 << 20;

/// Where to cut `text` into pieces of about `target` bytes: the offsets just after quiet line
/// breaks, each in the second half of its piece (a stretch with none is not cut).
fn cuts(text: &str, target: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while bytes.len() - start > target + target / 2 {
        let window = &bytes[start..start + target];
        let found = memchr::memrchr2_iter(b'\n', b'\r', window)
            .map(|p| start + p + 1)
            .take_while(|&at| at > start + target / 2)
            // A `\r` followed by `\n` is no place to cut.
            .find(|&at| !(bytes[at - 1] == b'\r' && bytes[at] == b'\n') && quiet_cut(bytes, at));
        match found {
            Some(at) => {
                out.push(at);
                start = at;
            }
            None => start += target,
        }
    }
    out
}

/// `checker.check(text)`, computed on the current rayon pool's threads when `text` is large.
///
/// ```
/// let c = zhproof::Checker::new();
/// let text = "会议对下一阶段工作进行了全面布署。\n".repeat(6_000);
/// assert_eq!(zhproof_cli::pieces::check(&c, &text), c.check(&text));
/// ```
pub fn check(checker: &Checker, text: &str) -> Vec<Finding> {
    if text.len() < MIN_PARALLEL_BYTES || rayon::current_num_threads() < 2 {
        return checker.check(text);
    }
    let target = (text.len() / (8 * rayon::current_num_threads()))
        .clamp(MIN_PARALLEL_BYTES / 2, MAX_PIECE_BYTES);
    check_cut(checker, text, &cuts(text, target))
}

/// Checks the pieces of `text` between `cuts` in parallel.
fn check_cut(checker: &Checker, text: &str, cuts: &[usize]) -> Vec<Finding> {
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(text.len())))
        .collect();
    let checked: Vec<(Vec<Finding>, Base)> = bounds
        .par_iter()
        .map(|&(a, b)| {
            let piece = &text[a..b];
            (checker.check(piece), Base::default().after(piece))
        })
        .collect();
    let mut out = Vec::with_capacity(checked.iter().map(|(f, _)| f.len()).sum());
    let mut base = Base::default();
    for (findings, local) in checked {
        if base == Base::default() {
            out.extend(findings);
        } else {
            out.extend(findings.iter().map(|f| base.shift(f)));
        }
        base = Base {
            bytes: base.bytes + local.bytes,
            chars: base.chars + local.chars,
            lines: base.lines + local.lines,
            line_start_chars: if local.lines > 0 {
                base.chars + local.line_start_chars
            } else {
                base.line_start_chars
            },
            bom: false,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_give_the_findings_of_the_whole_text() {
        let c = Checker::new();
        let lines = [
            "会议对下一阶段工作进行了全面布署。\n",
            "国务院总理赵乐际主持会议。\r\n",
            "联系电话13912345678，欢迎来电。\n",
            "\n",
            "他说：“第一段的内容。\n",
            "“第二段的内容。”\n",
            "2024年\n",
            "3月1日，依据中华人民共合国宪法。\n",
        ];
        let input: String = lines.iter().cycle().take(400).copied().collect();
        let whole = c.check(&input);
        assert!(whole.len() >= 150, "{}", whole.len());
        for target in [60, 97, 200, 1000] {
            let cut = cuts(&input, target);
            assert!(cut.len() > 3, "target {target}: {cut:?}");
            for &at in &cut {
                assert!(input[..at].ends_with('\n'), "{at}");
                assert!(!input[at..].starts_with(['“', '\n', '3']), "{at}");
            }
            assert_eq!(check_cut(&c, &input, &cut), whole, "target {target}");
        }
    }

    #[test]
    fn a_text_without_a_quiet_break_is_not_cut() {
        let text = format!("{}\n", "中".repeat(1000));
        assert!(cuts(&text, 100).is_empty());
        let blank = "1\n".repeat(1000);
        assert!(cuts(&blank, 100).is_empty());
    }
}
