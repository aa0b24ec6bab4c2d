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
use std::sync::LazyLock;

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

static EMBEDDED: LazyLock<ConfusionSet> = LazyLock::new(|| {
    ConfusionSet::from_tsv(
        "zhproof-model/confusion.tsv",
        zhproof_model::confusion_tsv(),
    )
    .expect("embedded confusion sets are well formed (checked by tests)")
});

impl ConfusionSet {
    /// The embedded confusion sets (parsed on first use, ~1 ms).
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
            let kinds = [
                Similarity::SamePinyin,
                Similarity::NearPinyin,
                Similarity::SimilarShape,
            ];
            for (col, kind) in cols[1..].iter().zip(kinds) {
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
        self.index.len()
    }

    /// Whether no character has candidates.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
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

    #[test]
    fn the_dense_index_agrees_with_the_map() {
        let s = ConfusionSet::embedded();
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
