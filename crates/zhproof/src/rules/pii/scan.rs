//! One linear pass that cuts the text into number candidates.
//!
//! A *group* is a maximal run of word characters: ASCII and full-width digits and Latin letters,
//! and `_` (so identifiers such as `art_13912345678` stay whole). Groups joined by exactly one
//! separator (space, no-break space, ideographic space, hyphen, full-width hyphen) form a
//! *chain*, e.g. `139 1234 5678`. Candidates are
//!
//! - the whole chain, when it has two to five numeric groups and one separator character
//!   throughout (`139 1234 5678`, `6217-0000-0000-0000-001`);
//! - each numeric group of the chain on its own, unless a hyphen ties it to a neighbour (a
//!   hyphenated serial number like `2023-13912345678-01` is one identifier).
//!
//! A group is numeric when it has only digits, or digits and a final `X` (identity numbers).
//! Groups glued to a decimal point (`3.13912345678`, `13912345678.5`) are not candidates at that
//! end: they are amounts and statistics.

use std::ops::Range;

use crate::rules::bytescan;

/// The longest chain tried as a whole (`86 139 1234 5678` has four groups, `4-4-4-4-3` five).
const MAX_CHAIN: usize = 5;

/// A maximal run of word characters.
#[derive(Debug, Clone)]
struct Group {
    span: Range<usize>,
    /// The characters normalised to ASCII upper case (full-width folded).
    value: Vec<u8>,
    /// Whether the run ends at a decimal point or thousands separator on its left / right.
    glued_left: bool,
    glued_right: bool,
}

impl Group {
    fn numeric(&self) -> bool {
        match self.value.split_last() {
            Some((last, rest)) => {
                rest.iter().all(u8::is_ascii_digit) && (last.is_ascii_digit() || *last == b'X')
            }
            None => false,
        }
    }
}

/// A number candidate: its byte span in the text, its characters (ASCII, upper case) and the
/// lengths of its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    pub span: Range<usize>,
    pub value: Vec<u8>,
    pub layout: Vec<usize>,
}

/// `c` as an ASCII word character (digits, upper-case letters, `_`), if it is one.
pub(super) fn word_char(c: char) -> Option<u8> {
    let c = match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    };
    match c {
        '0'..='9' | 'A'..='Z' | '_' => Some(c as u8),
        'a'..='z' => Some(c.to_ascii_uppercase() as u8),
        _ => None,
    }
}

/// Whether a [`word_char`] may start at a byte `b0` followed by `b1`, `b2`: the test of
/// [`starts_word`] written without branches, so that [`bytescan`] vectorises it (Chinese text,
/// mostly bytes `0x80..` and full-width punctuation `EF BC 8C`, is passed over in bulk).
#[inline(always)]
fn may_start_word(b0: u8, b1: u8, b2: u8) -> bool {
    let within = |b: u8, lo: u8, hi: u8| b.wrapping_sub(lo) <= hi - lo;
    let ascii =
        within(b0, b'0', b'9') | within(b0, b'A', b'Z') | within(b0, b'a', b'z') | (b0 == b'_');
    let full_width = (b0 == 0xEF)
        & (((b1 == 0xBC) & (within(b2, 0x90, 0x99) | within(b2, 0xA1, 0xBA)))
            | ((b1 == 0xBD) & within(b2, 0x81, 0x9A)));
    ascii | full_width
}

/// Whether a [`word_char`] starts at byte `i`: an ASCII digit, letter or `_`, or a full-width
/// digit or letter (`EF BC 90..99`, `EF BC A1..BA`, `EF BD 81..9A`; not `，` `：` `（`, which
/// share the lead byte).
fn starts_word(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xEF => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xBC), Some(0x90..=0x99 | 0xA1..=0xBA)) | (Some(0xBD), Some(0x81..=0x9A))
        ),
        b => b.is_ascii_alphanumeric() || b == b'_',
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Separators allowed inside a grouped number.
pub(super) fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{3000}' | '-' | '\u{2010}' | '\u{2011}' | '－'
    )
}

/// The separator that chains two groups when `between` (the text between them) is one: a
/// [`is_separator`] character, or (issue 13: numbers written to slip past masking) up to three
/// characters of separators, tabs and zero-width spaces with at most one line break
/// (`139  0000\t1234`, `139\u{200B}0000…`, a number broken across lines). The separator
/// returned is the first hyphen, else the first character.
fn chain_gap(between: &str) -> Option<char> {
    let mut n = 0;
    let mut breaks = 0;
    let mut first = None;
    let mut hyphen = None;
    for c in between.chars() {
        n += 1;
        if n > 3 {
            return None;
        }
        match c {
            '\n' | '\r' => breaks += 1,
            '\t' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if is_separator(c) => {}
            _ => return None,
        }
        if is_hyphen(c) && hyphen.is_none() {
            hyphen = Some(c);
        }
        first.get_or_insert(c);
    }
    // `\r\n` is one line break.
    if breaks > 1 && !(breaks == 2 && between.contains("\r\n")) {
        return None;
    }
    hyphen.or(first)
}

fn is_hyphen(c: char) -> bool {
    is_separator(c) && !c.is_whitespace()
}

/// Decimal points. (Thousands separators never leave 11 or more digits in one group, and
/// commas also separate items of a list, so they are not glue.)
fn is_glue(c: char) -> bool {
    matches!(c, '.' | '．')
}

/// Whether `cs` starts with a decimal point or thousands separator and then a digit.
fn glue_then_digit(mut cs: impl Iterator<Item = char>) -> bool {
    matches!((cs.next(), cs.next()), (Some(g), Some(d)) if is_glue(g) && is_digit(d))
}

/// All groups of `text`, in order.
fn groups(text: &str) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let bytes = text.as_bytes();
    // Offsets before `next` belong to a group already taken.
    let mut next = 0;
    bytescan::for_each_position(
        bytes,
        |w, k| may_start_word(w[k], w[k + 1], w[k + 2]),
        |start| {
            if start < next || !starts_word(bytes, start) {
                return;
            }
            let mut value = Vec::new();
            let mut end = start;
            for c in text[start..].chars() {
                let Some(w) = word_char(c) else {
                    break;
                };
                value.push(w);
                end += c.len_utf8();
            }
            next = end;
            out.push(Group {
                span: start..end,
                value,
                glued_left: false,
                glued_right: false,
            });
        },
    );
    for g in &mut out {
        g.glued_left = glue_then_digit(text[..g.span.start].chars().rev());
        g.glued_right = glue_then_digit(text[g.span.end..].chars());
    }
    out
}

/// Calls `f` with every candidate of `text`. Within a chain, the whole chain comes first, then
/// its single groups; `f` returns whether it reported the candidate, and single groups inside a
/// reported chain are skipped. Candidates with fewer than `min_len` characters are left out
/// (and not built): a caller that needs 11 digits skips years and counts cheaply.
pub(super) fn candidates(text: &str, min_len: usize, mut f: impl FnMut(&Candidate) -> bool) {
    let gs = groups(text);
    // The separator between group i-1 and group i, if they are chained.
    let sep_before = |i: usize| -> Option<char> {
        if i == 0 {
            return None;
        }
        let between = &text[gs[i - 1].span.end..gs[i].span.start];
        chain_gap(between)
    };
    let mut i = 0;
    while i < gs.len() {
        let mut j = i + 1;
        let mut seps = Vec::new();
        while j < gs.len() {
            match sep_before(j) {
                Some(c) => seps.push(c),
                None => break,
            }
            j += 1;
        }
        let chain = &gs[i..j];
        let mut whole_reported = false;
        if (2..=MAX_CHAIN).contains(&chain.len())
            && chain.iter().map(|g| g.value.len()).sum::<usize>() >= min_len
            && chain.iter().all(Group::numeric)
            && !chain[0].glued_left
            && !chain[chain.len() - 1].glued_right
        {
            let cand = Candidate {
                span: chain[0].span.start..chain[chain.len() - 1].span.end,
                value: chain.iter().flat_map(|g| g.value.iter().copied()).collect(),
                layout: chain.iter().map(|g| g.value.len()).collect(),
            };
            whole_reported = f(&cand);
        }
        if !whole_reported {
            for (k, g) in chain.iter().enumerate() {
                let hyphen_left = k > 0 && is_hyphen(seps[k - 1]);
                let hyphen_right = k + 1 < chain.len() && is_hyphen(seps[k]);
                if g.value.len() >= min_len
                    && g.numeric()
                    && !hyphen_left
                    && !hyphen_right
                    && !g.glued_left
                    && !g.glued_right
                {
                    f(&Candidate {
                        span: g.span.clone(),
                        value: g.value.clone(),
                        layout: vec![g.value.len()],
                    });
                }
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, Vec<usize>)> {
        let mut out = Vec::new();
        candidates(text, 0, |c| {
            out.push((text[c.span.clone()].to_string(), c.layout.clone()));
            false
        });
        out
    }

    #[test]
    fn groups_chains_and_glue() {
        assert_eq!(
            all("电话139 1234 5678。"),
            [
                ("139 1234 5678".into(), vec![3, 4, 4]),
                ("139".into(), vec![3]),
                ("1234".into(), vec![4]),
                ("5678".into(), vec![4]),
            ]
        );
        assert!(
            all("a-1-2").is_empty(),
            "letters are not numeric, hyphens tie"
        );
        assert_eq!(all("a 1")[0].1, vec![1]);
        assert_eq!(all("2023-13912345678-01")[0].1, vec![4, 11, 2]);
        assert_eq!(
            all("2023-13912345678-01").len(),
            1,
            "no single group of a hyphenated run"
        );
        assert!(all("3.13912345678").is_empty());
        assert!(all("13912345678.5").is_empty());
        assert_eq!(all("13912345678。5").len(), 2);
        assert_eq!(all("art_13912345678").len(), 0);
        assert_eq!(all("１３９１２３４５６７８")[0].0, "１３９１２３４５６７８");
        assert_eq!(all("１３９１２３４５６７８")[0].1, vec![11]);
        assert_eq!(all("12345678901234567X")[0].1, vec![18]);
        assert!(all("1234567890123456X7").is_empty());
    }

    #[test]
    fn the_vectorised_word_start_test_agrees_with_starts_word() {
        for b0 in 0..=255u8 {
            for b1 in [0x00, 0xBB, 0xBC, 0xBD, 0xBE] {
                for b2 in 0..=255u8 {
                    let bytes = [b0, b1, b2];
                    assert_eq!(
                        may_start_word(b0, b1, b2),
                        starts_word(&bytes, 0),
                        "{bytes:x?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn groups_are_the_maximal_runs_of_word_characters(
            text in "[中，。：１ａＺｚ９０9a_ \n（＿]{0,40}"
        ) {
            let mut naive: Vec<(usize, usize)> = Vec::new();
            for (i, c) in text.char_indices() {
                if word_char(c).is_some() {
                    match naive.last_mut() {
                        Some(last) if last.1 == i => last.1 = i + c.len_utf8(),
                        _ => naive.push((i, i + c.len_utf8())),
                    }
                }
            }
            let found: Vec<(usize, usize)> =
                groups(&text).iter().map(|g| (g.span.start, g.span.end)).collect();
            proptest::prop_assert_eq!(found, naive);
        }
    }

    #[test]
    fn short_candidates_are_left_out() {
        let mut seen = Vec::new();
        candidates("电话139 1234 5678，编号12345678901", 11, |c| {
            seen.push(text_of(c));
            false
        });
        fn text_of(c: &Candidate) -> String {
            String::from_utf8(c.value.clone()).unwrap()
        }
        assert_eq!(seen, ["13912345678", "12345678901"]);
    }
}
