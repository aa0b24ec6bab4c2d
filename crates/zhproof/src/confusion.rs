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
    candidates: Vec<(char, Similarity)>,
}

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
                    if cand != c && !set.candidates[start..].iter().any(|&(x, _)| x == cand) {
                        set.candidates.push((cand, kind));
                    }
                }
            }
            if set.index.insert(c, start..set.candidates.len()).is_some() {
                return Err(Error::dict(name, n + 1, format!("`{c}` is listed twice")));
            }
        }
        Ok(set)
    }

    /// The candidates for `c`, same pinyin first, then near pinyin, then similar shape.
    pub fn candidates(&self, c: char) -> &[(char, Similarity)] {
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
        let s = ConfusionSet::from_tsv("c.tsv", "在\t再在\t再载\t仕\n").unwrap();
        assert_eq!(
            s.candidates('在'),
            [
                ('再', Similarity::SamePinyin),
                ('载', Similarity::NearPinyin),
                ('仕', Similarity::SimilarShape)
            ]
        );
    }
}
