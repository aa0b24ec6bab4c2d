//! Confusion sets: for a Chinese character, the characters a writer may type in its place —
//! same pinyin, near pinyin (z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing) or similar shape.
//!
//! The embedded sets come from the `zhproof-model` crate (built by
//! `scripts/build_typo_model.py` from pypinyin's tables, pycorrector's shape groups and the
//! glyphs of a CJK font (characters drawn alike: 白/自, 淮/准); see that
//! crate's README for sources and licences). They cover the ~5,000 characters common in the
//! training text.
//!
//! ```
//! use zhproof::confusion::{ConfusionSet, Similarity};
//!
//! let set = ConfusionSet::embedded();
//! assert_eq!(set.similarity('署', '暑'), Some(Similarity::SamePinyin));
//! assert!(set.candidates('署').iter().any(|&(c, _)| c == '暑'));
//! assert!(set.candidates('a').is_empty());
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use crate::error::{Error, Result};

/// How a candidate relates to the character it may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Similarity {
    /// Same toneless pinyin (one of the readings of each).
    SamePinyin,
    /// Pinyin that differs in a commonly confused initial or final (z/zh, n/l, an/ang …).
    NearPinyin,
    /// Similar written shape.
    SimilarShape,
}

/// Candidate replacements per character.
#[derive(Debug, Clone, Default)]
pub struct ConfusionSet {
    /// The embedded sets are parsed a row at a time, when a character's candidates are first
    /// asked for ([`Rows`]); sets from [`ConfusionSet::from_tsv`] are parsed whole (and checked).
    rows: Option<Rows>,
    index: HashMap<char, Range<usize>>,
    /// `index` for the CJK characters U+3400–U+9FFF, by code point from U+3400 (start and end
    /// of the range; empty when the character has no row): the detector asks for the
    /// candidates of many characters, and this saves hashing each.
    dense: Vec<(u32, u32)>,
    candidates: Vec<(char, Similarity)>,
}

/// First code point of [`ConfusionSet::dense`].
const DENSE_FIRST: u32 = 0x3400;
/// Number of code points in [`ConfusionSet::dense`] (up to U+9FFF).
const DENSE_LEN: usize = 0x9FFF - 0x3400 + 1;

/// A well-formed TSV (checked by [`ConfusionSet::from_tsv`] in the tests) read a row at a time:
/// finding the rows costs one pass over the line ends (0.6 MB, a fraction of a millisecond),
/// where parsing every candidate of all 5,000 rows cost 17 M instructions, a third of a whole
/// check of a 5 KB article; a text needs the rows of the few characters the detector scores.
#[derive(Debug, Clone)]
struct Rows {
    tsv: &'static str,
    /// Byte range of each CJK character's row in `tsv` (U+3400–U+9FFF, like
    /// [`ConfusionSet::dense`]; empty when the character has no row).
    lines: Vec<(u32, u32)>,
    /// The same for characters outside that block.
    other: HashMap<char, (u32, u32)>,
    /// The candidates of each row of `lines`, parsed on first use.
    parsed: Box<[ParsedRow]>,
    other_parsed: HashMap<char, ParsedRow>,
}

/// A row's candidates, once parsed.
type ParsedRow = OnceLock<Box<[(char, Similarity)]>>;

impl Rows {
    fn new(tsv: &'static str) -> Rows {
        let mut lines = vec![(0u32, 0u32); DENSE_LEN];
        let mut other = HashMap::new();
        let mut at = 0usize;
        for line in tsv.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let Some(c) = line.chars().next() else {
                continue;
            };
            if c == '#' || line.trim().is_empty() {
                continue;
            }
            let range = (
                start as u32,
                (start + line.trim_end_matches(['\n', '\r']).len()) as u32,
            );
            match lines.get_mut((c as u32).wrapping_sub(DENSE_FIRST) as usize) {
                Some(slot) => *slot = range,
                None => {
                    other.insert(c, range);
                }
            }
        }
        let parsed = (0..DENSE_LEN).map(|_| OnceLock::new()).collect();
        let other_parsed = other.keys().map(|&c| (c, OnceLock::new())).collect();
        Rows {
            tsv,
            lines,
            other,
            parsed,
            other_parsed,
        }
    }

    fn candidates(&self, c: char) -> &[(char, Similarity)] {
        let (range, slot) = match self
            .lines
            .get((c as u32).wrapping_sub(DENSE_FIRST) as usize)
        {
            Some(&r) => (r, &self.parsed[(c as u32 - DENSE_FIRST) as usize]),
            None => match (self.other.get(&c), self.other_parsed.get(&c)) {
                (Some(&r), Some(slot)) => (r, slot),
                _ => return &[],
            },
        };
        if range.0 == range.1 {
            return &[];
        }
        slot.get_or_init(|| parse_row(&self.tsv[range.0 as usize..range.1 as usize]))
    }

    fn len(&self) -> usize {
        self.lines.iter().filter(|r| r.0 != r.1).count() + self.other.len()
    }
}

/// The candidates of one well-formed row, as [`ConfusionSet::from_tsv`] lists them.
fn parse_row(line: &str) -> Box<[(char, Similarity)]> {
    let mut cols = line.split('\t');
    let c = cols.next().and_then(|k| k.chars().next());
    let mut out: Vec<(char, Similarity)> = Vec::new();
    for (col, kind) in cols.zip(KINDS) {
        for cand in col.chars() {
            if Some(cand) != c && !out.iter().any(|&(x, _)| x == cand) {
                out.push((cand, kind));
            }
        }
    }
    out.into_boxed_slice()
}

/// The candidate columns' kinds, in column order.
const KINDS: [Similarity; 3] = [
    Similarity::SamePinyin,
    Similarity::NearPinyin,
    Similarity::SimilarShape,
];

static EMBEDDED: LazyLock<ConfusionSet> = LazyLock::new(|| ConfusionSet {
    rows: Some(Rows::new(zhproof_model::confusion_tsv())),
    ..ConfusionSet::default()
});

impl ConfusionSet {
    /// The embedded confusion sets (a row is parsed when first asked for).
    pub fn embedded() -> &'static ConfusionSet {
        &EMBEDDED
    }

    /// Parses a TSV with the columns character, same-pinyin, near-pinyin and similar-shape
    /// candidates (each a string of characters, possibly empty); `#` starts a comment line.
    /// `name` is used in errors.
    pub fn from_tsv(name: &str, tsv: &str) -> Result<ConfusionSet> {
        let mut set = ConfusionSet::default();
        let mut taken = vec![0u32; DENSE_LEN];
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let mut key = cols[0].chars();
            let (Some(c), None) = (key.next(), key.next()) else {
                return Err(Error::dict(
                    name,
                    n + 1,
                    "the first column must be one character",
                ));
            };
            if cols.len() != 4 {
                return Err(Error::dict(
                    name,
                    n + 1,
                    format!("expected 4 columns, found {}", cols.len()),
                ));
            }
            let start = set.candidates.len();
            for (col, kind) in cols[1..].iter().zip(KINDS) {
                for cand in col.chars() {
                    // the first kind listed for a candidate wins: skip those of this row already
                    // taken (by the row's line number in `taken` for the CJK blocks, by search
                    // for others)
                    let listed =
                        match taken.get_mut((cand as u32).wrapping_sub(DENSE_FIRST) as usize) {
                            Some(row) => std::mem::replace(row, n as u32 + 1) == n as u32 + 1,
                            None => set.candidates[start..].iter().any(|&(x, _)| x == cand),
                        };
                    if cand != c && !listed {
                        set.candidates.push((cand, kind));
                    }
                }
            }
            if set.index.insert(c, start..set.candidates.len()).is_some() {
                return Err(Error::dict(name, n + 1, format!("`{c}` is listed twice")));
            }
        }
        set.dense = vec![(0, 0); DENSE_LEN];
        for (&c, r) in &set.index {
            if let Some(d) = set
                .dense
                .get_mut((c as u32).wrapping_sub(DENSE_FIRST) as usize)
            {
                *d = (r.start as u32, r.end as u32);
            }
        }
        Ok(set)
    }

    /// The candidates for `c`, same pinyin first, then near pinyin, then similar shape.
    pub fn candidates(&self, c: char) -> &[(char, Similarity)] {
        if let Some(rows) = &self.rows {
            return rows.candidates(c);
        }
        if let Some(&(start, end)) = self
            .dense
            .get((c as u32).wrapping_sub(DENSE_FIRST) as usize)
        {
            return &self.candidates[start as usize..end as usize];
        }
        self.index
            .get(&c)
            .map_or(&[][..], |r| &self.candidates[r.clone()])
    }

    /// How `b` relates to `a`, if it is one of `a`'s candidates.
    pub fn similarity(&self, a: char, b: char) -> Option<Similarity> {
        self.candidates(a)
            .iter()
            .find(|&&(c, _)| c == b)
            .map(|&(_, k)| k)
    }

    /// Number of characters with candidates.
    pub fn len(&self) -> usize {
        match &self.rows {
            Some(rows) => rows.len(),
            None => self.index.len(),
        }
    }

    /// Whether no character has candidates.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_sets_parse_and_relate_common_confusions() {
        let s = ConfusionSet::embedded();
        assert!(s.len() > 3000, "{}", s.len());
        assert_eq!(s.similarity('在', '再'), Some(Similarity::SamePinyin));
        assert_eq!(s.similarity('年', '连'), Some(Similarity::NearPinyin));
        assert_eq!(s.similarity('未', '末'), Some(Similarity::SimilarShape));
        assert_eq!(s.similarity('人', '山'), None);
    }

    /// The embedded sets, parsed whole and checked.
    fn parsed_whole() -> ConfusionSet {
        ConfusionSet::from_tsv(
            "zhproof-model/confusion.tsv",
            zhproof_model::confusion_tsv(),
        )
        .expect("the embedded confusion sets are well formed")
    }

    #[test]
    fn rows_read_on_demand_equal_the_whole_parse() {
        let whole = parsed_whole();
        let lazy = ConfusionSet::embedded();
        assert_eq!(lazy.len(), whole.len());
        let mut rows = 0;
        for cp in 0..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(lazy.candidates(c), whole.candidates(c), "{c}");
            rows += !whole.candidates(c).is_empty() as usize;
        }
        assert!(rows > 3000, "{rows}");
    }

    #[test]
    fn the_dense_index_agrees_with_the_map() {
        let s = &parsed_whole();
        let mut rows = 0;
        for cp in 0..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let by_map = s
                .index
                .get(&c)
                .map_or(&[][..], |r| &s.candidates[r.clone()]);
            assert_eq!(s.candidates(c), by_map, "{c}");
            rows += !by_map.is_empty() as usize;
        }
        assert_eq!(rows, s.index.values().filter(|r| !r.is_empty()).count());
        assert!(rows > 3000);
    }

    #[test]
    fn malformed_rows_name_the_line() {
        let e = ConfusionSet::from_tsv("c.tsv", "# c\n在\t再\t\t\n在在\t再\t\t\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.tsv:3: the first column must be one character"
        );
        let e = ConfusionSet::from_tsv("c.tsv", "在\t再\n").unwrap_err();
        assert_eq!(e.to_string(), "c.tsv:1: expected 4 columns, found 2");
        let e = ConfusionSet::from_tsv("c.tsv", "在\t再\t\t\n在\t再\t\t\n").unwrap_err();
        assert_eq!(e.to_string(), "c.tsv:2: `在` is listed twice");
    }

    #[test]
    fn candidates_keep_the_first_kind_and_skip_the_character_itself() {
        // (a candidate outside the CJK blocks, 𠀀, is deduplicated too)
        let s = ConfusionSet::from_tsv("c.tsv", "在\t再在𠀀\t再载\t仕𠀀在\n").unwrap();
        assert_eq!(
            s.candidates('在'),
            [
                ('再', Similarity::SamePinyin),
                ('𠀀', Similarity::SamePinyin),
                ('载', Similarity::NearPinyin),
                ('仕', Similarity::SimilarShape)
            ]
        );
    }
}
