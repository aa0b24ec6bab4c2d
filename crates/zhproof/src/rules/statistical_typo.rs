//! `statistical-typo`: a character that reads like a typo in its context (错别字 no dictionary
//! lists).
//!
//! ## What it flags
//! One character whose neighbours rarely follow or precede it, when a character of the same or
//! near pinyin or of similar shape fits the context much better and forms a common word, e.g.
//! `大力培育发展大数局产业` (局 → 据).
//!
//! ## Why
//! Dictionaries catch the misspellings someone listed; editors make others. Inspections count
//! every 错别字.
//!
//! ## Method
//! Character 1–3-gram counts from about 9 M characters of laws and 1978–2012 government work
//! reports (evaluation text and its near-duplicates removed), and jieba's dictionary, are
//! embedded in the `zhproof-model` crate as a hash table read in place. Only positions where a
//! neighbouring bigram is rare are scored: for each candidate from [`crate::confusion`] the
//! detector compares a stupid-backoff trigram score of the window around the character with the
//! original, and whether the candidate, unlike the original, forms a dictionary word. Characters
//! inside dictionary words, likely person names (jieba's `nr` words, a surname followed by one
//! or two characters) and proper names are held to a much higher bar. The resulting confidence
//! (0–1, in the message) decides the severity: `warning` at or above
//! [`WARNING_CONFIDENCE`], `info` below it down to [`INFO_CONFIDENCE`], nothing below that.
//! Thresholds were chosen on half of ECSpell's odw train set only (see
//! `scripts/eval_typo.py`).
//!
//! ## What to write instead
//! The suggested character, after reading the sentence: suggestions are never applied by `fix`
//! (`DisplayOnly`), since a statistical guess is not right often enough to apply unseen.

use std::sync::LazyLock;

use zhproof_model::{Namespace, Table, BOUNDARY};

use super::{Context, Family, RuleMeta};
use crate::confusion::{ConfusionSet, Similarity};
use crate::finding::{Applicability, Finding, Kind, Severity};

/// Confidence at and above which a finding is a `warning` (shown by default).
pub const WARNING_CONFIDENCE: f64 = 0.9;
/// Confidence at and above which a finding is reported at all (as `info` below
/// [`WARNING_CONFIDENCE`]).
pub const INFO_CONFIDENCE: f64 = 0.5;

/// A bigram seen at least this often (quantized: 1 + 8·log2 count) makes its position ordinary.
const COMMON_BIGRAM: u8 = 1 + 8 * 4; // 16 occurrences

static MODEL: LazyLock<Table> = LazyLock::new(Table::embedded);

/// One scored position: the best candidate replacement for a character and what the decision
/// was based on.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Byte range of the character in the text.
    pub byte_start: usize,
    /// End of the character's byte range.
    pub byte_end: usize,
    /// The character as written.
    pub original: char,
    /// Candidates, best first (at most four).
    pub candidates: Vec<char>,
    /// How the best candidate relates to the original.
    pub similarity: Similarity,
    /// Log2 gain of the trigram score of the window when the best candidate replaces the original.
    pub gain: f64,
    /// Best quantized jieba frequency of a word (2–4 characters) containing the position, with
    /// the candidate in place.
    pub word_new: u8,
    /// The same with the original character.
    pub word_old: u8,
    /// Best quantized frequency of a person name (jieba `nr`) containing the original.
    pub name_old: u8,
    /// Best quantized frequency of another proper name (jieba `ns`/`nt`/`nz`) containing it.
    pub proper_old: u8,
    /// Whether a frequent surname stands one or two characters before the original.
    pub after_surname: bool,
    /// The resulting confidence, 0–1.
    pub confidence: f64,
}

/// Scores every position of `text` the detector looks at, returning the best candidate of each
/// position where one scores better than the original (whatever its confidence).
///
/// ```
/// let scored = zhproof::rules::statistical_typo::score("内蒙古自治区乌兰察布市大力培育发展大数局产业。");
/// let best = scored.iter().max_by(|a, b| a.confidence.total_cmp(&b.confidence)).unwrap();
/// assert_eq!((best.original, best.candidates[0]), ('局', '据'));
/// ```
pub fn score(text: &str) -> Vec<Scored> {
    let mut out = Vec::new();
    let model = &*MODEL;
    let confusion = ConfusionSet::embedded();
    let mut run: Vec<u32> = Vec::new();
    let mut offsets: Vec<usize> = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some(&(_, c)) = it.peek() {
        if !is_cjk(c) {
            it.next();
            continue;
        }
        run.clear();
        offsets.clear();
        run.push(BOUNDARY);
        offsets.push(0);
        while let Some(&(i, c)) = it.peek() {
            if !is_cjk(c) {
                break;
            }
            run.push(c as u32);
            offsets.push(i);
            it.next();
        }
        run.push(BOUNDARY);
        offsets.push(it.peek().map_or(text.len(), |&(i, _)| i));
        score_run(model, confusion, text, &run, &offsets, &mut out);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF)
}

fn score_run(
    model: &Table,
    confusion: &ConfusionSet,
    text: &str,
    run: &[u32],
    offsets: &[usize],
    out: &mut Vec<Scored>,
) {
    let n = run.len();
    if n < 4 {
        return; // a single character between non-CJK text: no context to judge it by
    }
    let bigrams: Vec<u8> = run
        .windows(2)
        .map(|w| model.get(Namespace::Ngram, w))
        .collect();
    let mut w = run.to_vec();
    for i in 1..n - 1 {
        if bigrams[i - 1] >= COMMON_BIGRAM && bigrams[i] >= COMMON_BIGRAM {
            continue;
        }
        let Some(orig) = char::from_u32(run[i]) else {
            continue;
        };
        let cands = confusion.candidates(orig);
        if cands.is_empty() {
            continue;
        }
        let base = window_score(model, &w, i);
        let mut best: Vec<(f64, char, Similarity, u8)> = Vec::new();
        for &(c, sim) in cands {
            let cp = c as u32;
            // cheap filter: the candidate must form a seen bigram with a neighbour, more often
            // than the original does
            let l = model.get(Namespace::Ngram, &[run[i - 1], cp]);
            let r = model.get(Namespace::Ngram, &[cp, run[i + 1]]);
            if l <= bigrams[i - 1] && r <= bigrams[i] {
                continue;
            }
            w[i] = cp;
            let s = window_score(model, &w, i);
            if s > base {
                let word = best_word(model, Namespace::Word, &w, i);
                best.push((s - base, c, sim, word));
            }
            w[i] = run[i];
        }
        if best.is_empty() {
            continue;
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let (gain, cand, sim, word_new) = best[0];
        let word_old = best_word(model, Namespace::Word, &w, i);
        let name_old = best_word(model, Namespace::PersonName, &w, i);
        let proper_old = best_word(model, Namespace::ProperName, &w, i);
        let after_surname = (1..=2).any(|k| i > k && is_surname(model, run[i - k]));
        let mut s = Scored {
            byte_start: offsets[i],
            byte_end: offsets[i] + orig.len_utf8(),
            original: orig,
            candidates: std::iter::once(cand)
                .chain(best.iter().skip(1).map(|b| b.1).take(3))
                .collect(),
            similarity: sim,
            gain,
            word_new,
            word_old,
            name_old,
            proper_old,
            after_surname,
            confidence: 0.0,
        };
        debug_assert!(text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end));
        s.confidence = confidence(&s);
        out.push(s);
    }
}

/// Log2 stupid-backoff probability of the characters whose trigram history includes `i`.
fn window_score(model: &Table, w: &[u32], i: usize) -> f64 {
    let total = (model.total().max(1) as f64).log2();
    let backoff = 0.4f64.log2();
    let mut s = 0.0;
    for j in i..(i + 3).min(w.len()) {
        s += if j >= 2 {
            let t = model.get(Namespace::Ngram, &w[j - 2..=j]);
            let h = if t > 0 {
                model.get(Namespace::Ngram, &w[j - 2..j])
            } else {
                0
            };
            if t > 0 && h > 0 {
                Table::log2_count(t) - Table::log2_count(h)
            } else {
                bigram_score(model, w, j, total) + backoff
            }
        } else {
            bigram_score(model, w, j, total)
        };
    }
    s
}

fn bigram_score(model: &Table, w: &[u32], j: usize, total: f64) -> f64 {
    let backoff = 0.4f64.log2();
    let b = model.get(Namespace::Ngram, &w[j - 1..=j]);
    let u = if b > 0 {
        model.get(Namespace::Ngram, &w[j - 1..j])
    } else {
        0
    };
    if b > 0 && u > 0 {
        Table::log2_count(b) - Table::log2_count(u)
    } else {
        let u = model.get(Namespace::Ngram, &w[j..=j]);
        let c = if u > 0 { Table::log2_count(u) } else { -2.0 };
        backoff + c - total + backoff
    }
}

/// Best value in `ns` of a 2–4-character key of `w` covering position `i` (boundaries excluded).
fn best_word(model: &Table, ns: Namespace, w: &[u32], i: usize) -> u8 {
    let mut best = 0;
    for len in 2..=4usize {
        for start in (i + 1).saturating_sub(len)..=i {
            let end = start + len;
            if start == 0 || end > w.len() - 1 {
                continue;
            }
            best = best.max(model.get(ns, &w[start..end]));
        }
    }
    best
}

/// Whether `c` is a common surname: it starts many of jieba's person names.
fn is_surname(model: &Table, c: u32) -> bool {
    // jieba tags a frequent surname itself as `nr` (e.g. 王, 李, 张)
    model.get(Namespace::PersonName, &[c]) > 0
}

/// Maps the features of a scored position to a confidence in 0–1 (a logistic model whose
/// weights were fitted on the tune half of ECSpell odw and clean 1978–2012 work-report text).
fn confidence(s: &Scored) -> f64 {
    let word_gain = (s.word_new as f64 - s.word_old as f64) / 8.0;
    let mut z = -6.0 + 0.35 * s.gain + 0.4 * word_gain;
    if s.word_new == 0 {
        z -= 2.0;
    }
    if s.name_old > 0 || s.after_surname {
        z -= 2.0;
    }
    if s.proper_old > 0 {
        z -= 2.0;
    }
    if s.similarity == Similarity::SimilarShape {
        z -= 0.5;
    }
    1.0 / (1.0 + (-z).exp())
}

/// The family: reports [`score`]'s positions at or above [`INFO_CONFIDENCE`].
#[derive(Debug)]
pub(crate) struct StatisticalTypo {
    meta: RuleMeta,
}

impl StatisticalTypo {
    pub(crate) fn new() -> Self {
        StatisticalTypo {
            meta: RuleMeta {
                id: "statistical-typo".into(),
                family: "statistical_typo",
                kind: Kind::Typo,
                severity: Severity::Warning,
                summary: "a character that reads like a typo in its context (n-gram model)".into(),
                source: "character n-grams of PRC laws and 1978–2012 government work reports, \
                         jieba's dictionary, pypinyin, pycorrector's shape groups \
                         (crates/zhproof-model/README.md)"
                    .into(),
            },
        }
    }
}

impl Family for StatisticalTypo {
    fn name(&self) -> &'static str {
        "statistical_typo"
    }

    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in score(cx.text) {
            if s.confidence < INFO_CONFIDENCE {
                continue;
            }
            let best = s.candidates[0];
            let message = format!(
                "「{}」疑为「{}」之误（统计判断，置信度 {:.2}）",
                s.original, best, s.confidence
            );
            let mut f = self.meta.finding(
                cx.text,
                s.byte_start..s.byte_end,
                message,
                s.candidates.iter().map(|c| c.to_string()).collect(),
                Applicability::DisplayOnly,
            );
            if s.confidence < WARNING_CONFIDENCE {
                f.severity = Severity::Info;
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{assert_flags, assert_quiet};

    const RULE: &str = "statistical-typo";

    #[test]
    fn scores_a_typical_typo_above_the_original() {
        let s = score("内蒙古自治区乌兰察布市大力培育发展大数局产业。");
        let best = s
            .iter()
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
            .unwrap();
        assert_eq!((best.original, best.candidates[0]), ('局', '据'));
    }

    #[test]
    fn quiet_on_empty_and_non_chinese_text() {
        assert!(score("").is_empty());
        assert!(score("Hello, world! 2025-06-01 ABC").is_empty());
        assert_quiet("", RULE);
    }

    #[test]
    fn flags_typical_typos_in_official_text() {
        assert_flags(
            "内蒙古自治区乌兰察布市大力培育发展大数局产业。",
            RULE,
            "局",
            Some("据"),
        );
    }
}
