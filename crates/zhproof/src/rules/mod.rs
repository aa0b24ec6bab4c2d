//! Rule families and the rule registry.
//!
//! Every rule is declared once, as a [`RuleMeta`] in the module of the family that reports it:
//! id, kind, default severity, a one-line summary, a longer explanation (why it matters on a
//! government site and the norm it comes from) and examples that fire and stay quiet.
//! [`registry`] lists them all; [`rule`] looks one up, and [`did_you_mean`] suggests the nearest
//! id for a misspelled one. The CLI's `zhproof rules`, the JSON of `zhproof rules --json`, the
//! Python binding and the option checks of [`CheckerBuilder::build`](crate::CheckerBuilder::build)
//! all read this registry.
//!
//! Families:
//!
//! - `terms`: every dictionary entry (typos, sensitive words, fixed formulations, Xinhua norms,
//!   outdated names, variant forms), matched in one pass. Its rules are declared in
//!   `terms.rs`; every `rule` column value of the embedded TSV files must be a registry id of the
//!   same kind (a test checks it). User dictionaries may add rule ids of their own.
//! - `city_province`: a city written after a province it does not belong to (甘肃银川).
//! - `dates`: dates that do not exist and weekdays that do not match their date.
//! - `enumeration`: official enumerations out of order, incomplete or with a member replaced.
//! - `evasion`: `sensitive` terms disguised with noise between their characters.
//! - `idioms`: four-character idioms with one character replaced by a homophone or two
//!   characters swapped (严惩不怠 for 严惩不贷).
//! - `injected_spam`: gambling, lottery and porn text injected into hacked or cloned pages.
//! - `leader_title`: leaders' names next to offices they do not hold, misspelled names.
//! - `name_changes`: outdated names of central and local bodies, suggestions valid on the date.
//!   It reports `outdated-name`, the rule the dated dictionary entries report too: the rule is
//!   declared once, in `terms::RULES`, and `name_changes` lists it in its `FamilyDecl::borrows`
//!   (so that selecting `outdated-name` runs both); its own `RULES` slice is empty.
//! - `numbers`: numbers in Chinese text (GB/T 15835-2011).
//! - `protected_names`: protected names and formulations one edit away (中华人民共合国).
//! - `pii`: personal data (identity, mobile and bank-card numbers) and masking.
//! - `punctuation`: punctuation (GB/T 15834-2011) and doubled characters.
//! - `session_numbering`: 届 and 次 mixed up in congress, plenary and session numbers.
//! - [`statistical_typo`]: characters that read like typos in context (character n-grams,
//!   confirmed by a word language model); warnings from confidence 0.9, info below.
//!
//! # How to add a rule to an existing family
//!
//! 1. Add a [`RuleMeta`] to the family's `RULES` slice with the `rule_meta!` macro: a kebab-case id
//!    that names the problem (`skipped-ordinal`, not `fix-ordinal`), kind, default severity,
//!    summary, explanation, source, and at least one example that fires and one that stays
//!    quiet (read as of [`EXAMPLE_DATE`]).
//! 2. Report it from the family's `check` with `RULES[i].finding(..)` (or
//!    `rule_of(RULES, "id").finding(..)`): positions other than byte offsets are filled in by the
//!    checker, the same way for every family.
//! 3. Add a golden case under `tests/golden/<family>/` that fires it, and list the rule under
//!    `"quiet"` in a golden case that shows it staying quiet (`ZHPROOF_BLESS=1 cargo test
//!    --test golden` writes the findings; the `"quiet"` list is kept).
//! 4. `cargo test -p zhproof --lib rules::` checks ids are unique, docs present and examples
//!    behave; `zhproof rules <id>` shows the result.
//!
//! A dictionary rule (one whose findings come from TSV entries) is declared in
//! `terms::RULES` and used in the `rule` column of the TSV files.
//!
//! # How to add a family
//!
//! 1. A new module `rules/<family>.rs` opening with a doc comment (what it flags, why, an
//!    example, what to write instead), a `pub(crate) const RULES: &[RuleMeta]` and a type
//!    implementing `Family` (`name` and `check`; `check` must not read the clock, the date is
//!    `Context::as_of`).
//! 2. One line in `FAMILIES`: `family!(name, RULES, constructor)`.
//! 3. Golden cases as above. Nothing else lists families or rules.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::date::Date;
use crate::dictionary::Entry;
use crate::finding::{Applicability, Finding, Kind, Severity};
use crate::lexicon::{AutomatonSet, Match};

pub(crate) mod pii;
pub mod statistical_typo;
pub(crate) mod terms;

mod bytescan;
mod city_province;
mod dates;
pub(crate) mod enumeration;
mod evasion;
mod history;
mod idioms;
pub(crate) mod injected_spam;
pub(crate) mod leader_title;
mod name_changes;
mod numbers;
mod protected_names;
mod punctuation;
mod session_numbering;

/// The pattern lists of the families' whole-text automata, matched in one pass over a text
/// ([`AutomatonSet`]) instead of a pass each: the passes cost more than anything else the
/// families do, and one pass over the union costs little more than one of them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum List {
    /// `protected_names`: the halves of the names.
    ProtectedHalves,
    /// `protected_names`: the names but the bodies' generic ones.
    ProtectedNames,
    /// `protected_names`: confusable variants of the bodies' generic names.
    ProtectedBodies,
    /// `city_province`: the provinces' short and full names.
    Provinces,
    /// `enumeration`: the members of the enumerations and their variants.
    EnumerationMembers,
    /// `injected_spam`: the vocabulary, in every case.
    Spam,
    /// `name_changes`: the names of the bodies.
    NameChanges,
    /// `leader_title`: the offices and their aliases.
    Offices,
    /// `enumeration`: the wrong wordings of the verb-dependent formulations.
    VerbWordings,
    /// `leader_title`: the short titles written next to names (总理, 主席 …).
    NameTitles,
}

/// The automaton over every [`List`], in its order.
static SHARED: LazyLock<AutomatonSet> = LazyLock::new(|| {
    let [halves, names, bodies] = protected_names::lists();
    let lists: [&[&str]; 10] = [
        &halves.iter().map(String::as_str).collect::<Vec<_>>(),
        &names.iter().map(String::as_str).collect::<Vec<_>>(),
        &bodies.iter().map(String::as_str).collect::<Vec<_>>(),
        &city_province::patterns(),
        &enumeration::patterns()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &injected_spam::patterns()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        name_changes::names(),
        &leader_title::offices(),
        &enumeration::verb_wordings()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &leader_title::titles(),
    ];
    AutomatonSet::new(&lists)
});

/// The shared scan of one text ([`Context::occurrences`]), run when a family first asks.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    occurrences: std::cell::OnceCell<Vec<Vec<Match>>>,
}

impl<'a> Context<'a> {
    /// A context over `text` with a shared scan of its own.
    #[cfg(test)]
    pub(crate) fn new(text: &'a str, as_of: Date, shared: &'a Shared) -> Context<'a> {
        Context {
            text,
            as_of,
            masking: false,
            shared,
        }
    }

    /// Every occurrence in the text of every pattern of `list`, sorted by start and, at one
    /// start, longest first; [`leftmost_longest`](crate::lexicon::leftmost_longest) picks the matches an automaton over `list`
    /// alone reports.
    pub(crate) fn occurrences(&self, list: List) -> &'a [Match] {
        &self
            .shared
            .occurrences
            .get_or_init(|| SHARED.occurrences(self.text))[list as usize]
    }
}

/// What a family sees of one check.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The whole input.
    pub text: &'a str,
    /// The reference date for date-aware rules.
    pub as_of: Date,
    /// Whether the findings are for masking ([`crate::Checker::mask`]): the personal-data rules
    /// then take a number followed by a unit (`13912345678元`) too, as masking errs on the side
    /// of privacy.
    pub masking: bool,
    /// The shared automaton pass over `text`.
    pub shared: &'a Shared,
}

/// The reference date at which the registry's examples are checked.
pub const EXAMPLE_DATE: Date = match Date::new(2025, 6, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The declaration of one rule: everything `zhproof rules <id>` shows.
///
/// Built-in rules are `'static` declarations in their family's module; rules that only a user
/// dictionary defines are described from their first entry (borrowed fields become owned).
///
/// Its JSON form (serde) is what `zhproof rules --json` prints and the server's rule list serves.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct RuleMeta {
    /// Kebab-case id naming the problem, e.g. `common-typo`.
    pub id: Cow<'static, str>,
    /// The family module that implements it, e.g. `terms`.
    pub family: &'static str,
    /// The kind of its findings (what users select and ignore by).
    pub kind: Kind,
    /// Its default severity.
    pub severity: Severity,
    /// One line saying what it flags.
    pub summary: Cow<'static, str>,
    /// Why it matters on a government site or official account, and what to write instead
    /// (a few sentences; empty only for rules a user dictionary defines).
    pub explanation: Cow<'static, str>,
    /// The norm or document the rule's facts come from.
    pub source: Cow<'static, str>,
    /// Texts the rule flags (as of [`EXAMPLE_DATE`]).
    pub fires: &'static [&'static str],
    /// Texts close to those that the rule leaves alone (as of [`EXAMPLE_DATE`]).
    pub quiet: &'static [&'static str],
    /// Off unless selected by its id (`--select <id>`): selecting its kind, or no selection at
    /// all, leaves it off. For rules too slow or too noisy to run by default.
    pub opt_in: bool,
}

/// Declares a built-in [`RuleMeta`] (`const`-evaluable).
macro_rules! rule_meta {
    (
        id: $id:expr,
        family: $family:literal,
        kind: $kind:ident,
        severity: $severity:ident,
        summary: $summary:expr,
        explanation: $explanation:expr,
        source: $source:expr,
        fires: [$($fire:expr),* $(,)?],
        quiet: [$($quiet:expr),* $(,)?]
        $(, opt_in: $opt_in:literal)? $(,)?
    ) => {
        $crate::rules::RuleMeta {
            id: ::std::borrow::Cow::Borrowed($id),
            family: $family,
            kind: $crate::finding::Kind::$kind,
            severity: $crate::finding::Severity::$severity,
            summary: ::std::borrow::Cow::Borrowed($summary),
            explanation: ::std::borrow::Cow::Borrowed($explanation),
            source: ::std::borrow::Cow::Borrowed($source),
            fires: &[$($fire),*],
            quiet: &[$($quiet),*],
            opt_in: false $(|| $opt_in)?,
        }
    };
}
pub(crate) use rule_meta;

impl RuleMeta {
    /// Declares a rule that lives outside the core: the page and site rules of adapter crates
    /// (`zhproof-html`, `zhproof-site`), listed next to the registry by `zhproof rules`. Their
    /// `fires`/`quiet` examples are documents of the adapter's input, checked by its own tests.
    #[allow(clippy::too_many_arguments)]
    pub fn external(
        id: &'static str,
        family: &'static str,
        kind: Kind,
        severity: Severity,
        summary: &'static str,
        explanation: &'static str,
        source: &'static str,
        fires: &'static [&'static str],
        quiet: &'static [&'static str],
    ) -> Self {
        RuleMeta {
            id: Cow::Borrowed(id),
            family,
            kind,
            severity,
            summary: Cow::Borrowed(summary),
            explanation: Cow::Borrowed(explanation),
            source: Cow::Borrowed(source),
            fires,
            quiet,
            opt_in: false,
        }
    }

    /// A finding of this rule over `span` of `input`, with its kind, default severity and source;
    /// positions other than bytes are filled in by the checker.
    pub(crate) fn finding(
        &self,
        input: &str,
        span: Range<usize>,
        message: String,
        suggestions: Vec<String>,
        applicability: Applicability,
    ) -> Finding {
        Finding::at(
            self.id.to_string(),
            self.kind,
            self.severity,
            input,
            span,
            message,
            suggestions,
            self.source.to_string(),
            applicability,
        )
    }

    /// The rule's documentation as `zhproof rules <id>` prints it (plain text, Markdown-like).
    pub fn doc(&self) -> String {
        use std::fmt::Write;
        let mut s = format!("# {} ({})\n\n{}\n\n", self.id, self.kind, self.summary);
        let _ = writeln!(
            s,
            "kind: {} ({}) · default severity: {} · family: {}\n",
            self.kind,
            self.kind.label(),
            self.severity,
            self.family
        );
        if self.opt_in {
            let _ = writeln!(
                s,
                "opt-in: runs only when selected by its id (--select {})\n",
                self.id
            );
        }
        if !self.explanation.is_empty() {
            let _ = writeln!(s, "{}\n", wrap(&self.explanation, 96));
        }
        let _ = writeln!(s, "Source: {}", self.source);
        if !self.fires.is_empty() {
            s.push_str("\nFlags:\n");
            for e in self.fires {
                let _ = writeln!(s, "  {e}");
            }
        }
        if !self.quiet.is_empty() {
            s.push_str("\nLeaves alone:\n");
            for e in self.quiet {
                let _ = writeln!(s, "  {e}");
            }
        }
        s
    }
}

/// `text` with its spaces turned into line breaks so that lines stay under about `width`
/// columns (a CJK character counts two).
fn wrap(text: &str, width: usize) -> String {
    let cols = |w: &str| {
        w.chars()
            .map(|c| if c.len_utf8() > 1 { 2 } else { 1 })
            .sum::<usize>()
    };
    let mut out = String::with_capacity(text.len());
    let mut line = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = cols(word);
        if line > 0 && line + 1 + w > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += w;
    }
    out
}

/// The declaration of `id` in `rules` (a family's own slice).
///
/// # Panics
/// When `id` is not declared there: a family reports only rules it declares (tests reach every
/// call).
pub(crate) fn rule_of(rules: &'static [RuleMeta], id: &str) -> &'static RuleMeta {
    rules
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("rule `{id}` is not declared by its family"))
}

/// A family of structured rules (anything beyond a plain dictionary match).
pub(crate) trait Family: Send + Sync + fmt::Debug {
    /// Module name, used in benchmarks and docs.
    fn name(&self) -> &'static str;
    /// Appends this family's findings for `cx.text` to `out` (byte offsets only, any order).
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// A family's constructor, given the dictionary-term family.
pub(crate) type NewFamily = fn(&Arc<terms::Terms>) -> Box<dyn Family>;

/// One family: its name, its rules and how to build it from the dictionary-term family (some
/// families derive their data from its entries; they must read them lazily, on first check).
pub(crate) struct FamilyDecl {
    /// The module name (every rule it declares says so in `family`; a test checks).
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    /// Every rule it declares.
    pub rules: &'static [RuleMeta],
    /// Ids of rules declared by another family that it reports too (`name_changes` reports the
    /// `outdated-name` of `terms`); selecting one of them runs this family.
    pub borrows: &'static [&'static str],
    /// Its constructor; `None` for the dictionary-term family, which the checker builds itself.
    pub new: Option<NewFamily>,
}

macro_rules! family {
    ($name:ident, $rules:path, $new:expr) => {
        FamilyDecl {
            name: stringify!($name),
            rules: $rules,
            borrows: &[],
            new: Some($new),
        }
    };
    ($name:ident, $rules:path, borrows $borrows:path, $new:expr) => {
        FamilyDecl {
            name: stringify!($name),
            rules: $rules,
            borrows: $borrows,
            new: Some($new),
        }
    };
}

/// Every family, the dictionary terms first. Adding a family is one line here.
pub(crate) const FAMILIES: &[FamilyDecl] = &[
    FamilyDecl {
        name: "terms",
        rules: terms::RULES,
        borrows: &[],
        new: None,
    },
    family!(city_province, city_province::RULES, |_| Box::new(
        city_province::CityProvince::new()
    )),
    family!(dates, dates::RULES, |_| Box::new(dates::Dates::new())),
    family!(enumeration, enumeration::RULES, |_| Box::new(
        enumeration::Enumerations::new()
    )),
    family!(evasion, evasion::RULES, |t| Box::new(
        evasion::Evasion::new(t)
    )),
    family!(idioms, idioms::RULES, |_| Box::new(idioms::Idioms::new())),
    family!(injected_spam, injected_spam::RULES, |_| Box::new(
        injected_spam::InjectedSpam::new()
    )),
    family!(leader_title, leader_title::RULES, |_| Box::new(
        leader_title::LeaderTitle::new()
    )),
    family!(
        name_changes,
        name_changes::RULES,
        borrows name_changes::BORROWS,
        |_| Box::new(name_changes::NameChanges::new())
    ),
    family!(numbers, numbers::RULES, |_| Box::new(
        numbers::Numbers::new()
    )),
    family!(pii, pii::RULES, |_| Box::new(pii::Pii::new())),
    family!(protected_names, protected_names::RULES, |_| Box::new(
        protected_names::ProtectedNames::new()
    )),
    family!(punctuation, punctuation::RULES, |_| Box::new(
        punctuation::Punctuation::new()
    )),
    family!(session_numbering, session_numbering::RULES, |_| Box::new(
        session_numbering::SessionNumbering::new()
    )),
    family!(statistical_typo, statistical_typo::RULES, |_| Box::new(
        statistical_typo::StatisticalTypo::new()
    )),
];

static REGISTRY: LazyLock<Vec<RuleMeta>> = LazyLock::new(|| {
    let mut all: Vec<RuleMeta> = FAMILIES
        .iter()
        .flat_map(|f| f.rules.iter().cloned())
        .collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
});

/// Every built-in rule, sorted by id.
///
/// ```
/// let ids: Vec<&str> = zhproof::rules::registry().iter().map(|r| &*r.id).collect();
/// assert!(ids.contains(&"common-typo"));
/// assert!(ids.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn registry() -> &'static [RuleMeta] {
    &REGISTRY
}

/// The built-in rule `id`, if there is one.
///
/// ```
/// let r = zhproof::rules::rule("mobile-number").unwrap();
/// assert_eq!(r.kind, zhproof::Kind::Privacy);
/// assert!(zhproof::rules::rule("mobile-numbers").is_none());
/// ```
pub fn rule(id: &str) -> Option<&'static RuleMeta> {
    REGISTRY
        .binary_search_by(|r| (*r.id).cmp(id))
        .ok()
        .map(|i| &REGISTRY[i])
}

/// Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate nearest to `name` (a misspelled rule id or kind), when one is close enough to
/// be what was meant: at most a third of its characters differ (at least one), or one contains
/// the other.
///
/// ```
/// use zhproof::rules::did_you_mean;
/// assert_eq!(did_you_mean("typos", ["typo", "usage"]), Some("typo"));
/// assert_eq!(did_you_mean("privcy", ["privacy", "typo"]), Some("privacy"));
/// assert_eq!(did_you_mean("nonexistent-rule", ["typo", "usage"]), None);
/// ```
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            let d = edit_distance(name, c);
            let contains = name.len() >= 4 && (c.contains(name) || name.contains(c));
            (if contains { d.min(limit) } else { d }, c)
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

/// Every name a selector may use: the kinds and the built-in rule ids.
pub(crate) fn known_names() -> impl Iterator<Item = &'static str> {
    Kind::ALL
        .into_iter()
        .map(Kind::as_str)
        .chain(registry().iter().map(|r| match &r.id {
            Cow::Borrowed(s) => *s,
            Cow::Owned(_) => unreachable!("built-in ids are borrowed"),
        }))
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

    /// Findings of `rule` in `text`; an [opt-in](super::RuleMeta::opt_in) rule is selected
    /// (with every kind of the default rules), as a user would.
    pub fn findings(text: &str, rule: &str) -> Vec<Finding> {
        let checker = if super::rule(rule).is_some_and(|r| r.opt_in) {
            Checker::builder()
                .as_of(Date::new(2025, 6, 1).unwrap())
                .select(crate::Kind::ALL.map(crate::Selector::Kind))
                .select([crate::Selector::Rule(rule.into())])
                .build()
                .unwrap()
        } else {
            checker()
        };
        checker
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
    use crate::lexicon::Automaton;
    use crate::Checker;

    #[test]
    fn registry_ids_are_unique_kebab_case_and_declared_by_their_family() {
        let ids: Vec<&str> = registry().iter().map(|r| &*r.id).collect();
        let mut dedup = ids.clone();
        dedup.dedup();
        assert_eq!(ids, dedup, "duplicate rule ids");
        for f in FAMILIES {
            for r in f.rules {
                assert!(crate::dictionary::is_kebab_case(&r.id), "{}", r.id);
                assert_eq!(r.family, f.name, "{} declared in {}", r.id, f.name);
                assert!(matches!(r.id, Cow::Borrowed(_)));
            }
        }
        let families: Vec<&str> = FAMILIES.iter().map(|f| f.name).collect();
        let mut sorted = families[1..].to_vec();
        sorted.sort_unstable();
        assert_eq!(
            families[1..],
            sorted,
            "FAMILIES after `terms` in alphabetical order"
        );
        for f in FAMILIES {
            for id in f.borrows {
                let r = rule(id).unwrap_or_else(|| panic!("{} borrows unknown `{id}`", f.name));
                assert_ne!(r.family, f.name, "{id} is declared by {} itself", f.name);
            }
        }
        assert_eq!(rule("common-typo").map(|r| r.kind), Some(Kind::Typo));
        assert!(rule("no-such-rule").is_none());
    }

    #[test]
    fn every_rule_is_documented_with_examples() {
        for r in registry() {
            let id = &r.id;
            assert!(r.summary.len() >= 20, "{id}: summary too short");
            assert!(
                r.explanation.chars().count() >= 120,
                "{id}: explanation must say why it matters and what to write instead"
            );
            assert!(!r.source.trim().is_empty(), "{id}: no source");
            assert!(!r.fires.is_empty(), "{id}: no example that fires");
            assert!(!r.quiet.is_empty(), "{id}: no example that stays quiet");
            let doc = r.doc();
            assert!(doc.starts_with(&format!("# {id} ")) && doc.contains(&*r.source));
            assert_eq!(
                wrap(&r.explanation, 96).replace('\n', " "),
                r.explanation.trim()
            );
        }
    }

    #[test]
    fn every_rule_fires_on_its_examples_and_stays_quiet_on_the_others() {
        let default = Checker::builder().as_of(EXAMPLE_DATE).build().unwrap();
        let mut problems = Vec::new();
        for r in registry() {
            // An opt-in rule's examples are read with it selected by id (alone).
            let selected;
            let checker = if r.opt_in {
                selected = Checker::builder()
                    .as_of(EXAMPLE_DATE)
                    .select([crate::Selector::Rule(r.id.to_string())])
                    .build()
                    .unwrap();
                &selected
            } else {
                &default
            };
            for text in r.fires {
                if !checker.check(text).iter().any(|f| f.rule == r.id) {
                    problems.push(format!("{}: does not fire on {text:?}", r.id));
                }
            }
            for text in r.quiet {
                let noisy: Vec<_> = checker
                    .check(text)
                    .into_iter()
                    .filter(|f| f.rule == r.id)
                    .collect();
                if !noisy.is_empty() {
                    problems.push(format!("{}: fires on quiet {text:?}: {noisy:?}", r.id));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn embedded_dictionary_rules_are_registry_rules_of_the_same_kind() {
        let mut problems = std::collections::BTreeSet::new();
        for (name, text) in crate::embedded_dictionaries() {
            for e in crate::dictionary::parse_terms(name, text).unwrap() {
                match rule(&e.rule) {
                    None => {
                        problems.insert(format!(
                            "{}: rule `{}` is not in the registry",
                            e.origin, e.rule
                        ));
                    }
                    Some(r) if r.kind != e.kind => {
                        problems.insert(format!(
                            "{}: rule `{}` is {}, the entry says {}",
                            e.origin.file, e.rule, r.kind, e.kind
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn nearest_names_are_suggested() {
        assert_eq!(did_you_mean("typos", known_names()), Some("typo"));
        assert_eq!(did_you_mean("privcy", known_names()), Some("privacy"));
        assert_eq!(
            did_you_mean("comon-typo", known_names()),
            Some("common-typo")
        );
        assert_eq!(
            did_you_mean("mobile-phone-number", known_names()),
            Some("mobile-number")
        );
        assert_eq!(did_you_mean("nonexistent-rule", known_names()), None);
        assert_eq!(did_you_mean("x", known_names()), None);
    }

    #[test]
    fn the_shared_scan_gives_each_family_what_its_own_automaton_finds() {
        let [halves, names, bodies] = protected_names::lists();
        let provinces: Vec<String> = city_province::patterns()
            .into_iter()
            .map(String::from)
            .collect();
        let body_names: Vec<String> = name_changes::names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let offices: Vec<String> = leader_title::offices()
            .into_iter()
            .map(String::from)
            .collect();
        let titles: Vec<String> = leader_title::titles()
            .into_iter()
            .map(String::from)
            .collect();
        let lists: [(List, &[String]); 10] = [
            (List::ProtectedHalves, halves),
            (List::ProtectedNames, names),
            (List::ProtectedBodies, bodies),
            (List::Provinces, &provinces),
            (List::EnumerationMembers, enumeration::patterns()),
            (List::Spam, injected_spam::patterns()),
            (List::NameChanges, &body_names),
            (List::Offices, &offices),
            (List::VerbWordings, enumeration::verb_wordings()),
            (List::NameTitles, &titles),
        ];
        // Every registry example, and texts made of the patterns themselves (overlapping,
        // touching, at the text's start and end).
        let mut texts: Vec<String> = registry()
            .iter()
            .flat_map(|r| r.fires.iter().chain(r.quiet.iter()))
            .map(|t| t.to_string())
            .collect();
        for (_, list) in &lists {
            for w in list.chunks(3) {
                texts.push(w.concat());
                texts.push(format!("，{}。", w.join("、")));
            }
        }
        texts.push("中华人民共合国与中华人民共和国、甘肃银川，陕西西安和榆林市检查院".into());
        let own: Vec<Automaton> = lists.iter().map(|(_, p)| Automaton::new(p)).collect();
        for text in &texts {
            let shared = Shared::default();
            let cx = Context::new(text, EXAMPLE_DATE, &shared);
            for ((list, _), automaton) in lists.iter().zip(&own) {
                let mut own = Vec::new();
                automaton.for_each(text, |s, e, id| own.push((s, e, id)));
                let got: Vec<Match> =
                    crate::lexicon::leftmost_longest(cx.occurrences(*list), 0).collect();
                assert_eq!(got, own, "{list:?} in {text:?}");
            }
        }
    }
}
