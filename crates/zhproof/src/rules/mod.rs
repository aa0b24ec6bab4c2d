//! Rule families. Each family is one module with its own documentation; this module holds the
//! registry and what families share.
//!
//! - [`terms`]: every dictionary entry (typos, sensitive words, fixed formulations, Xinhua norms,
//!   outdated names, variant forms), matched in one pass.
//! - [`enumeration`]: official enumerations out of order, incomplete or with a member replaced.
//! - [`evasion`]: `sensitive` terms disguised with noise between their characters.
//! - [`leader_title`]: leaders' names next to offices they do not hold, misspelled names.
//! - [`numbers`]: numbers in Chinese text (GB/T 15835-2011).
//! - [`pii`]: personal data (identity, mobile and bank-card numbers) and masking.
//! - [`punctuation`]: punctuation (GB/T 15834-2011) and doubled characters.
//! - [`session_numbering`]: 届 and 次 mixed up in congress, plenary and session numbers.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::date::Date;
use crate::dictionary::Entry;
use crate::finding::{Applicability, Finding, Kind, Severity};
use crate::lexicon::Automaton;

pub mod pii;
pub mod terms;

mod bytescan;
mod enumeration;
mod evasion;
mod history;
mod leader_title;
mod numbers;
mod punctuation;
mod session_numbering;

/// What a family sees of one check.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The whole input.
    pub text: &'a str,
    /// The reference date for date-aware rules.
    pub as_of: Date,
}

/// Static description of one rule. Its JSON form (serde) is what `zhproof rules --json` prints
/// and the server's rule list serves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleMeta {
    /// Kebab-case id, e.g. `common-typo`.
    pub id: String,
    /// The family module that implements it, e.g. `terms`.
    pub family: &'static str,
    /// The kind of its findings.
    pub kind: Kind,
    /// Its default severity.
    pub severity: Severity,
    /// One line saying what it flags.
    pub summary: String,
    /// Where its facts come from.
    pub source: String,
}

impl RuleMeta {
    /// A finding of this rule over `span` of `input`; positions other than bytes are filled in
    /// by the checker.
    #[allow(dead_code)] // for structured families
    pub(crate) fn finding(
        &self,
        input: &str,
        span: Range<usize>,
        message: String,
        suggestions: Vec<String>,
        applicability: Applicability,
    ) -> Finding {
        Finding {
            rule: self.id.clone(),
            kind: self.kind,
            severity: self.severity,
            byte_start: span.start,
            byte_end: span.end,
            char_start: 0,
            char_end: 0,
            line: 0,
            column: 0,
            text: input[span].to_string(),
            message,
            suggestions,
            source: self.source.clone(),
            applicability,
        }
    }
}

/// A family of structured rules (anything beyond a plain dictionary match).
pub(crate) trait Family: Send + Sync + fmt::Debug {
    /// Module name, used in benchmarks and docs.
    fn name(&self) -> &'static str;
    /// The rules this family can report.
    fn rules(&self) -> Vec<RuleMeta>;
    /// Appends this family's findings for `cx.text` to `out` (byte offsets only, any order).
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Calls `f(start, end, pattern_id)` for the matches `automaton.for_each(text, ..)` would report,
/// scanning only around the occurrences of `keys` (found with `memmem`, many times faster than an
/// automaton pass) when every pattern contains one of `keys` and is at most `max_len` bytes long.
///
/// Why the matches are the same: every match lies within `max_len` bytes of a key occurrence, so
/// inside one of the merged regions scanned here, and no match crosses a region's edge; a
/// leftmost-longest scan restarted at a region's start therefore finds the same matches there.
pub(crate) fn for_each_around(
    automaton: &Automaton,
    text: &str,
    keys: &[&str],
    max_len: usize,
    mut f: impl FnMut(usize, usize, usize),
) {
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for key in keys {
        for p in memchr::memmem::find_iter(text.as_bytes(), key.as_bytes()) {
            let mut a = p.saturating_sub(max_len);
            while !text.is_char_boundary(a) {
                a += 1;
            }
            let mut b = (p + max_len).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            regions.push((a, b));
        }
    }
    regions.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(regions.len());
    for (a, b) in regions {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    for (a, b) in merged {
        automaton.for_each(&text[a..b], |s, e, id| f(a + s, a + e, id));
    }
}

/// Every structured family, given the dictionary-term family (some families derive their data
/// from its entries, e.g. evasion-resistant matching of `sensitive` terms: call
/// `terms.entries()` lazily, when the family first checks, not here — the embedded entries are
/// parsed on first use and start-up should not pay for that).
pub(crate) fn structured_families(terms: &Arc<terms::Terms>) -> Vec<Box<dyn Family>> {
    vec![
        Box::new(enumeration::Enumerations::new()),
        Box::new(evasion::Evasion::new(terms)),
        Box::new(leader_title::LeaderTitle::new()),
        Box::new(numbers::Numbers::new()),
        Box::new(pii::Pii::new()),
        Box::new(punctuation::Punctuation::new()),
        Box::new(session_numbering::SessionNumbering::new()),
    ]
}

/// The reference date at which `e`'s examples are meant to be read: its `since` date, else the
/// year before its `until` date, else `default`.
pub fn example_date(e: &Entry, default: Date) -> Date {
    let c = &e.conditions;
    match (c.since, c.until) {
        (Some(s), _) => s,
        (None, Some(u)) => Date::new(u.year() - 1, 1, 1).unwrap_or(default),
        (None, None) => default,
    }
}

/// Problems with entry `e`'s examples under `checker`: its `fire` example must produce a finding of
/// its rule with its suggestions, its `quiet` example must not produce a finding of its rule on
/// its term. An empty list means the entry behaves as documented.
pub fn example_problems(checker: &crate::Checker, e: &Entry) -> Vec<String> {
    let date = example_date(e, checker.as_of());
    let mut problems = Vec::new();
    if let Some(fire) = &e.fire {
        let fired = checker
            .check_as_of(fire, date)
            .iter()
            .any(|f| f.rule == e.rule && f.suggestions == e.suggestions);
        if !fired {
            problems.push(format!(
                "`{}` ({}) does not fire on its fire example {fire:?} (as of {date})",
                e.term, e.rule
            ));
        }
    }
    if let Some(quiet) = &e.quiet {
        let noisy: Vec<String> = checker
            .check_as_of(quiet, date)
            .into_iter()
            .filter(|f| f.rule == e.rule && f.text == e.term)
            .map(|f| f.text)
            .collect();
        if !noisy.is_empty() {
            problems.push(format!(
                "`{}` ({}) fires on its quiet example {quiet:?} (as of {date})",
                e.term, e.rule
            ));
        }
    }
    problems
}

#[cfg(test)]
pub(crate) mod test_util {
    //! Helpers for rule-local tests.
    use crate::{Checker, Date, Finding};

    /// A checker with the embedded dictionaries, as of 2025-06-01.
    pub fn checker() -> Checker {
        Checker::builder()
            .as_of(Date::new(2025, 6, 1).unwrap())
            .build()
            .unwrap()
    }

    /// Findings of `rule` in `text`.
    pub fn findings(text: &str, rule: &str) -> Vec<Finding> {
        checker()
            .check(text)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// Asserts that `rule` flags exactly `flagged` in `text`, with `suggestion` first.
    #[track_caller]
    pub fn assert_flags(text: &str, rule: &str, flagged: &str, suggestion: Option<&str>) {
        let f = findings(text, rule);
        assert_eq!(
            f.len(),
            1,
            "expected one `{rule}` finding in {text:?}, got {f:#?}"
        );
        assert_eq!(f[0].text, flagged);
        assert_eq!(f[0].suggestions.first().map(String::as_str), suggestion);
    }

    /// Asserts that `rule` does not fire on `text`.
    #[track_caller]
    pub fn assert_quiet(text: &str, rule: &str) {
        let f = findings(text, rule);
        assert!(
            f.is_empty(),
            "expected no `{rule}` finding in {text:?}, got {f:#?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn scanning_around_keys_finds_what_a_full_scan_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "国务院", "总理", "副", "主席", "国家", "、", "中", "李", "。", "a", "委员长", "全国人大常委会",
            ]), 0..30)
        ) {
            let patterns = ["国务院总理", "国务院副总理", "国家主席", "国家副主席", "总理", "全国人大常委会委员长",
                "主席李", "副总理"];
            let automaton = Automaton::new(&patterns);
            let text = parts.concat();
            let max_len = patterns.iter().map(|p| p.len()).max().unwrap();
            let (mut full, mut around) = (Vec::new(), Vec::new());
            automaton.for_each(&text, |s, e, id| full.push((s, e, id)));
            for_each_around(&automaton, &text, &["总理", "主席", "委员长"], max_len, |s, e, id| {
                around.push((s, e, id))
            });
            proptest::prop_assert_eq!(around, full);
        }
    }
}
