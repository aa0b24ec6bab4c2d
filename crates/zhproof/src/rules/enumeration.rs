//! # Ordered enumerations
//!
//! **What it flags**: a list of members of an official enumeration (四个意识, 四个自信,
//! 社会主义核心价值观, 新发展理念, 五位一体, 四个全面, 三个务必, 四个伟大 … kept in
//! `dictionaries/rules/enumerations.tsv`) written in the wrong order, with a member missing or with
//! a member replaced (`法制` for `法治`). The whole list is reported as one finding whose suggestion
//! is the list in the official order.
//!
//! **Why**: these formulations are fixed by Party and state documents, members and order alike;
//! inspections of government sites count a reordered or incomplete one as a serious expression
//! error (严重表述错误).
//!
//! **How**: members are matched in one pass; members joined by `、`, `，`, `和`, `与` or `及`
//! form a list. A list of three or more members (both members for the two-member sets) is judged
//! when the set's name (its cue, e.g. `四个意识`) is near it, or when it has enough members to be
//! unmistakable without one (`min_alone`). A missing member is only reported with the cue nearby,
//! and a group of the official text listed on its own (`富强、民主、文明、和谐`) is correct. Texts
//! checked as of a date before a formulation was set are not judged.
//!
//! **Example**: `增强政治意识、核心意识、大局意识、看齐意识` → `distorted-enumeration` on
//! `政治意识、核心意识、大局意识、看齐意识`, suggestion `政治意识、大局意识、核心意识、看齐意识`.
//!
//! **What to write instead**: the official wording, e.g. `富强、民主、文明、和谐，自由、平等、
//! 公正、法治，爱国、敬业、诚信、友善`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::date::Date;
use crate::finding::{Applicability, Finding};
use crate::lexicon::leftmost_longest;
use crate::rules::{rule_meta, Context, Family, List, RuleMeta};

/// The embedded table.
const TABLE: &str = crate::embedded::RULES_ENUMERATIONS_TSV;

const COLUMNS: [&str; 8] = [
    "name",
    "official",
    "members",
    "cues",
    "variants",
    "min_alone",
    "since",
    "source",
];

/// Words that join two members of one list.
const SEPARATORS: &[&str] = &["、", "，", ",", "和", "与", "及", "以及", "、以及"];

/// Separators that may stand on the outer side of a list's first or last slot.
const EDGE_SEPARATORS: &[&str] = &["、", "和", "与", "及", "以及", "、以及"];

/// The longest text (in characters) between two separators taken as an unknown list item.
const MAX_SLOT: usize = 14;

/// The pattern id of an unknown item: a word between separators that is no member.
const UNKNOWN: usize = usize::MAX;

/// How far (in characters) before and after a list its cue may stand.
const CUE_BEFORE: usize = 40;
const CUE_AFTER: usize = 20;

/// One official enumeration (one row of the table).
#[derive(Debug, Clone)]
pub(crate) struct Enumeration {
    /// Its name, e.g. `四个意识`; rows sharing a name are alternative correct forms.
    pub(crate) name: String,
    /// The official wording: the suggestion.
    pub(crate) official: String,
    /// The members, in official order.
    pub(crate) members: Vec<String>,
    /// For each member, the `，`-separated group of `official` it is in.
    group_of: Vec<usize>,
    /// The text of each group of `official`.
    groups: Vec<String>,
    /// Words whose presence near a list lets three members be judged.
    cues: Vec<String>,
    /// `(wrong, member index)` replacements.
    variants: Vec<(String, usize)>,
    /// Distinct members needed to judge a list without a cue.
    min_alone: usize,
    /// The date the formulation was set.
    since: Date,
    /// Where it comes from.
    source: String,
    /// Characters every member starts with (`伟大` of 伟大斗争、伟大工程…), possibly empty.
    prefix: String,
    /// Characters every member ends with (`意识` of 政治意识、大局意识…), possibly empty.
    suffix: String,
}

/// The longest common prefix of `words`, in whole characters.
fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = 0;
    for (i, c) in first.char_indices() {
        let stop = i + c.len_utf8();
        if words
            .iter()
            .all(|w| w.len() > stop && w.get(..stop) == Some(&first[..stop]))
        {
            end = stop;
        } else {
            break;
        }
    }
    first[..end].to_string()
}

/// The longest common suffix of `words`, in whole characters.
fn common_suffix(words: &[String]) -> String {
    let rev: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
    common_prefix(&rev).chars().rev().collect()
}

/// True for a Han character (the only characters of an unknown list item).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Parses the enumeration table; errors name the line.
pub(crate) fn parse(text: &str) -> Result<Vec<Enumeration>, String> {
    let table = crate::tsv::read("enumerations.tsv", text, &COLUMNS).map_err(|e| e.to_string())?;
    table
        .require("enumerations.tsv", &COLUMNS)
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (line, cells) in &table.rows {
        let err = |m: String| format!("enumerations.tsv:{line}: {m}");
        let [name, official, members, cues, variants, min_alone, since, source] =
            COLUMNS.map(|c| table.cell(cells, c));
        let list = |s: &str| -> Vec<String> {
            s.split('|')
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        let members = list(members);
        if members.len() < 2 {
            return Err(err("an enumeration needs two members or more".into()));
        }
        let mut group_of = Vec::new();
        let mut at = 0;
        for m in &members {
            let pos = official[at..]
                .find(m.as_str())
                .ok_or_else(|| err(format!("member `{m}` is not in `official` in order")))?;
            group_of.push(official[..at + pos].matches('，').count());
            at += pos + m.len();
        }
        let mut vs = Vec::new();
        for v in list(variants) {
            let (wrong, right) = v
                .split_once('=')
                .ok_or_else(|| err(format!("variant `{v}` is not wrong=right")))?;
            let idx = members
                .iter()
                .position(|m| m == right)
                .ok_or_else(|| err(format!("variant `{v}`: `{right}` is not a member")))?;
            vs.push((wrong.to_string(), idx));
        }
        if source.trim().is_empty() {
            return Err(err("empty source".into()));
        }
        out.push(Enumeration {
            prefix: common_prefix(&members),
            suffix: common_suffix(&members),
            name: name.to_string(),
            official: official.to_string(),
            groups: official.split('，').map(str::to_string).collect(),
            members,
            group_of,
            cues: list(cues),
            variants: vs,
            min_alone: min_alone
                .parse()
                .map_err(|_| err(format!("min_alone `{min_alone}` is not a number")))?,
            since: since.parse().map_err(err)?,
            source: source.to_string(),
        });
    }
    Ok(out)
}

/// Every enumeration and the patterns of all members and variants (matched by the shared scan,
/// [`List::EnumerationMembers`]).
#[derive(Debug)]
struct Index {
    sets: Vec<Enumeration>,
    patterns: Vec<String>,
    /// For each pattern: `(set, member, is_variant)`.
    hits: Vec<Vec<(usize, usize, bool)>>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let sets = parse(TABLE).expect("enumerations.tsv is validated by tests");
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut hits: Vec<Vec<(usize, usize, bool)>> = Vec::new();
    let mut add = |p: &str, hit: (usize, usize, bool)| {
        let id = *ids.entry(p.to_string()).or_insert_with(|| {
            patterns.push(p.to_string());
            hits.push(Vec::new());
            patterns.len() - 1
        });
        hits[id].push(hit);
    };
    for (s, set) in sets.iter().enumerate() {
        for (m, member) in set.members.iter().enumerate() {
            add(member, (s, m, false));
        }
        for (wrong, m) in &set.variants {
            add(wrong, (s, *m, true));
        }
    }
    Index {
        patterns,
        sets,
        hits,
    }
});

/// A list item: a matched member or variant.
#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    pattern: usize,
}

/// What is wrong with a run of members.
#[derive(Debug, Default)]
struct Problems {
    order: bool,
    missing: Vec<usize>,
    replaced: Vec<(usize, usize)>,
    /// A member replaced by a word that is no listed variant: `(member, start, end)`.
    slot: Option<(usize, usize, usize)>,
}

/// The verdict on one run of one set's members.
#[derive(Debug)]
enum Verdict {
    Correct,
    Wrong {
        problems: Problems,
        expected: String,
    },
    NotJudged,
}

fn cue_near(text: &str, start: usize, end: usize, cues: &[String]) -> bool {
    let before = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c != '\n')
        .take(CUE_BEFORE)
        .last()
        .map_or(start, |(i, _)| i);
    let after = text[end..]
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .take(CUE_AFTER)
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    let window = &text[before..after];
    cues.iter().any(|c| window.contains(c.as_str()))
}

impl Enumeration {
    /// Judges a run of members (`(member, is_variant, start, end)`, text order).
    fn judge(&self, text: &str, run: &[(usize, bool, usize, usize)], as_of: Date) -> Verdict {
        let n = self.members.len();
        if run.len() < n.min(3) {
            return Verdict::NotJudged;
        }
        let mut seen = vec![false; n];
        for &(m, ..) in run {
            if std::mem::replace(&mut seen[m], true) {
                return Verdict::NotJudged;
            }
        }
        let in_order = run.windows(2).all(|w| w[0].0 < w[1].0);
        let replaced: Vec<(usize, usize)> = run
            .iter()
            .filter(|r| r.1)
            .map(|&(m, _, s, _)| (m, s))
            .collect();
        let group = self.group_of[run[0].0];
        let one_group = run.iter().all(|r| self.group_of[r.0] == group);
        let group_size = self.group_of.iter().filter(|&&g| g == group).count();
        let whole_group = one_group && run.len() == group_size && self.groups.len() > 1;
        let complete = run.len() == n;
        if replaced.is_empty() && in_order && (complete || whole_group) {
            return Verdict::Correct;
        }
        if as_of < self.since {
            return Verdict::NotJudged;
        }
        let (start, end) = (run[0].2, run[run.len() - 1].3);
        let cue = cue_near(text, start, end, &self.cues);
        let alone = run.len() >= self.min_alone && n > 2;
        let missing_only = replaced.is_empty() && in_order;
        // One member missing from the middle of an otherwise complete list in official order
        // (政治意识、大局意识、看齐意识) is unmistakable without the cue; a list short of its first
        // or last member is often an older, shorter formulation (道路自信、理论自信、制度自信).
        // The missing member named nearby was left out on purpose (推进伟大工程，要结合伟大斗争、
        // 伟大事业、伟大梦想的实践).
        let interior_gap = missing_only
            && n >= 4
            && run.len() == n - 1
            && seen[0]
            && seen[n - 1]
            && (0..n)
                .find(|&m| !seen[m])
                .is_some_and(|m| !cue_near(text, start, end, &self.members[m..=m]));
        if !(cue || (alone && (!missing_only || interior_gap))) {
            return Verdict::NotJudged;
        }
        let expected = if one_group && self.groups.len() > 1 {
            self.groups[group].clone()
        } else {
            self.official.clone()
        };
        let missing = (0..n)
            .filter(|&m| {
                !seen[m] && (!one_group || self.groups.len() == 1 || self.group_of[m] == group)
            })
            .collect();
        Verdict::Wrong {
            problems: Problems {
                order: !in_order,
                missing,
                replaced,
                slot: None,
            },
            expected,
        }
    }

    /// Judges a list that holds all members but one, in official order, with a word that is
    /// no member where the missing one belongs: between two separators (`slot`, the unknown
    /// item of the run) or, when the missing member is the first or last, next to the list.
    /// The word must look like the member it replaces: share the members' common prefix or
    /// suffix (`全局意识` among the `…意识`), or, for sets without one, a character with it
    /// (`开发` for `开放`). `known` holds the members in text order.
    fn judge_slot(
        &self,
        text: &str,
        known: &[(usize, bool, usize, usize)],
        slot: Option<(usize, usize, usize)>,
        as_of: Date,
    ) -> Option<Verdict> {
        let n = self.members.len();
        if n < 3 || known.len() != n - 1 || as_of < self.since {
            return None;
        }
        if known.iter().any(|k| k.1) || !known.windows(2).all(|w| w[0].0 < w[1].0) {
            return None;
        }
        let missing = (0..n).find(|m| known.iter().all(|k| k.0 != *m))?;
        let member = &self.members[missing];
        let len = member.chars().count();
        let (start, end) = match slot {
            // `slot`: (items of `known` before it, start, end).
            Some((before, a, b)) => {
                let l = text[a..b].chars().count();
                if before != missing || l + 1 < len || l > len + 2 {
                    return None;
                }
                (a, b)
            }
            None if missing == 0 => {
                let first = known[0].2;
                let sep = EDGE_SEPARATORS
                    .iter()
                    .filter(|s| text[..first].ends_with(**s))
                    .max_by_key(|s| s.len())?;
                let b = first - sep.len();
                let a = text[..b]
                    .char_indices()
                    .rev()
                    .nth(len - 1)
                    .map(|(i, _)| i)?;
                (a, b)
            }
            None if missing == n - 1 => {
                let last = known[known.len() - 1].3;
                let sep = EDGE_SEPARATORS
                    .iter()
                    .filter(|s| text[last..].starts_with(**s))
                    .max_by_key(|s| s.len())?;
                let a = last + sep.len();
                let b = text[a..]
                    .char_indices()
                    .nth(len - 1)
                    .map(|(i, c)| a + i + c.len_utf8())?;
                (a, b)
            }
            None => return None,
        };
        let word = &text[start..end];
        if !word.chars().all(is_han)
            || self.members.iter().any(|m| word.contains(m.as_str()))
            || word
                .chars()
                .any(|c| "、，和与及".contains(c) && !member.contains(c))
        {
            return None;
        }
        let affixed = !self.prefix.is_empty() || !self.suffix.is_empty();
        let looks_like = if affixed {
            word.starts_with(self.prefix.as_str())
                && word.ends_with(self.suffix.as_str())
                && word.len() > self.prefix.len() + self.suffix.len()
        } else {
            word.chars().any(|c| member.contains(c))
        };
        let (first, last) = (start.min(known[0].2), end.max(known[known.len() - 1].3));
        let cue = cue_near(text, first, last, &self.cues);
        if !looks_like || !(cue || (n >= 4 && n >= self.min_alone)) {
            return None;
        }
        Some(Verdict::Wrong {
            problems: Problems {
                slot: Some((missing, start, end)),
                ..Problems::default()
            },
            expected: self.official.clone(),
        })
    }

    fn message(&self, text: &str, problems: &Problems, expected: &str) -> String {
        let mut parts = Vec::new();
        if let Some((m, a, b)) = problems.slot {
            parts.push(format!("“{}”应为“{}”", &text[a..b], self.members[m]));
        }
        for &(m, at) in &problems.replaced {
            let wrong: String = self
                .variants
                .iter()
                .filter(|v| v.1 == m && text[at..].starts_with(v.0.as_str()))
                .map(|v| v.0.clone())
                .next()
                .unwrap_or_default();
            parts.push(format!("“{wrong}”应为“{}”", self.members[m]));
        }
        if !problems.missing.is_empty() {
            let list: Vec<String> = problems
                .missing
                .iter()
                .map(|&m| format!("“{}”", self.members[m]))
                .collect();
            parts.push(format!("缺少{}", list.join("、")));
        }
        if problems.order {
            parts.push("顺序有误".into());
        }
        format!(
            "“{}”的规范表述为“{expected}”，此处{}。",
            self.name,
            parts.join("，")
        )
    }
}

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: "distorted-enumeration",
        family: "enumeration",
        kind: Expression,
        severity: Error,
        summary: "official enumeration in the wrong order, incomplete or with a member replaced",
        explanation: "Enumerations such as 四个意识, 四个自信, 新发展理念 and the core socialist \
            values are fixed by Party and state documents, members and order alike; a reordered, \
            incomplete or altered one is a serious expression error (严重表述错误) in inspections. \
            A list is judged when the set's name is near it or when it has enough members to be \
            unmistakable; a group listed on its own (富强、民主、文明、和谐) is correct. Write the \
            official wording (the suggestion).",
        source: "dictionaries/rules/enumerations.tsv (党的全国代表大会报告、中央全会决定、《中国共产党章程》)",
        fires: ["要不断增强政治意识、核心意识、大局意识、看齐意识。"],
        quiet: ["要不断增强政治意识、大局意识、核心意识、看齐意识。"],
    },
    rule_meta! {
        id: "verb-dependent-formulation",
        family: "enumeration",
        kind: Expression,
        severity: Error,
        summary: "fixed formulation worded for another verb (维护习近平同志党中央的核心…)",
        explanation: "Some fixed formulations are worded according to the verb that governs them: \
            the Party constitution says 坚决维护习近平总书记党中央的核心、全党的核心地位, the 2021 \
            resolution says 确立习近平同志党中央的核心、全党的核心地位; one says 做到“两个维护” and \
            领悟“两个确立”的决定性意义. The wording of one verb after the other is a serious \
            expression error. Write the wording that goes with the verb (the suggestion).",
        source: "dictionaries/rules/verb_formulations.tsv (《中国共产党章程》、历史决议、党的二十大报告)",
        fires: ["坚决维护习近平同志党中央的核心、全党的核心地位。"],
        quiet: [
            "坚决维护习近平总书记党中央的核心、全党的核心地位。",
            "“两个确立”即确立习近平同志党中央的核心、全党的核心地位。",
        ],
    },
];

/// The table of verb-dependent formulations.
const VERB_TABLE: &str = crate::embedded::RULES_VERB_FORMULATIONS_TSV;

const VERB_COLUMNS: [&str; 6] = ["verb", "wrong", "right", "reach", "since", "source"];

/// A formulation whose wording depends on its verb (one row of `verb_formulations.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct VerbFormulation {
    verb: String,
    wrong: String,
    right: String,
    reach: usize,
    since: Date,
    source: String,
}

/// Parses the verb-dependent formulations; errors name the line.
pub(crate) fn parse_verbs(text: &str) -> Result<Vec<VerbFormulation>, String> {
    const FILE: &str = "verb_formulations.tsv";
    let t = crate::tsv::read(FILE, text, &VERB_COLUMNS).map_err(|e| e.to_string())?;
    t.require(FILE, &VERB_COLUMNS).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (line, cells) in &t.rows {
        let [verb, wrong, right, reach, since, source] = VERB_COLUMNS.map(|c| t.cell(cells, c));
        let err = |m: String| format!("{FILE}:{line}: {m}");
        if verb.is_empty() || wrong.is_empty() || right.is_empty() || wrong == right {
            return Err(err(
                "verb, wrong and right must be non-empty, wrong ≠ right".into(),
            ));
        }
        if source.trim().is_empty() {
            return Err(err("empty source".into()));
        }
        out.push(VerbFormulation {
            verb: verb.to_string(),
            wrong: wrong.to_string(),
            right: right.to_string(),
            reach: reach
                .parse()
                .map_err(|_| err(format!("reach `{reach}` is not a number")))?,
            since: since.parse().map_err(err)?,
            source: source.to_string(),
        });
    }
    Ok(out)
}

/// The wrong wordings of the verb table, and their automaton.
struct Verbs {
    rows: Vec<VerbFormulation>,
    /// The wrong wording of each row: the list of the shared scan ([`List::VerbWordings`]).
    wrong: Vec<String>,
}

static VERBS: LazyLock<Verbs> = LazyLock::new(|| {
    let rows = parse_verbs(VERB_TABLE).expect("verb_formulations.tsv is validated by tests");
    let wrong: Vec<String> = rows.iter().map(|r| r.wrong.clone()).collect();
    Verbs { wrong, rows }
});

/// The pattern list of [`List::VerbWordings`].
pub(crate) fn verb_wordings() -> &'static [String] {
    &VERBS.wrong
}

/// Reports the verb-dependent formulations of `cx.text` written with the wording of another verb.
fn check_verbs(meta: &'static RuleMeta, cx: &Context<'_>, out: &mut Vec<Finding>) {
    let verbs = &*VERBS;
    let rows = &verbs.rows;
    let text = cx.text;
    for (start, end, pattern) in leftmost_longest(cx.occurrences(List::VerbWordings), 0) {
        let wrong = &rows[pattern].wrong;
        // Rows sharing a wording (each with its own verb) are all tried.
        for row in rows.iter().filter(|r| &r.wrong == wrong) {
            if cx.as_of < row.since {
                continue;
            }
            let before: String = text[..start]
                .chars()
                .rev()
                .take_while(|c| is_han(*c))
                .take(row.verb.chars().count() + row.reach)
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .collect();
            if !before.contains(row.verb.as_str()) {
                continue;
            }
            let message = format!(
                "与“{}”搭配的规范表述为“{}{}”，不是“{}{}”。",
                row.verb, row.verb, row.right, row.verb, row.wrong
            );
            let mut f = meta.finding(
                text,
                start..end,
                message,
                vec![row.right.clone()],
                Applicability::Unsafe,
            );
            f.source = row.source.clone();
            out.push(f);
            break;
        }
    }
}

/// The correct runs of one list, by set name, for "does a correct run of this name overlap
/// `start..end`" in O(log n).
struct CorrectRuns<'a> {
    /// Per name: runs sorted by start, with the largest end seen so far.
    by_name: HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> CorrectRuns<'a> {
    fn new(runs: Vec<(&'a str, usize, usize)>) -> Self {
        let mut by_name: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (name, a, b) in runs {
            by_name.entry(name).or_default().push((a, b));
        }
        for v in by_name.values_mut() {
            v.sort_unstable();
            let mut max_end = 0;
            for r in v.iter_mut() {
                max_end = max_end.max(r.1);
                r.1 = max_end;
            }
        }
        CorrectRuns { by_name }
    }

    /// True when a run of `name` overlaps `start..end`: among the runs starting before `end`,
    /// the furthest end reaches past `start`.
    fn overlaps(&self, name: &str, start: usize, end: usize) -> bool {
        let Some(v) = self.by_name.get(name) else {
            return false;
        };
        let n = v.partition_point(|&(a, _)| a < end);
        n > 0 && v[n - 1].1 > start
    }
}

/// The pattern list of [`List::EnumerationMembers`].
pub(crate) fn patterns() -> &'static [String] {
    &INDEX.patterns
}

/// The ordered-enumeration family.
#[derive(Debug)]
pub(crate) struct Enumerations {
    meta: &'static RuleMeta,
}

impl Enumerations {
    pub(crate) fn new() -> Enumerations {
        Enumerations { meta: &RULES[0] }
    }

    /// Lists: maximal chains of items joined by separators.
    fn chains(cx: &Context<'_>) -> Vec<Vec<Item>> {
        let text = cx.text;
        let mut chains: Vec<Vec<Item>> = Vec::new();
        let mut current: Vec<Item> = Vec::new();
        for (start, end, pattern) in leftmost_longest(cx.occurrences(List::EnumerationMembers), 0) {
            let item = Item {
                start,
                end,
                pattern,
            };
            if let Some(last) = current.last() {
                let gap = &text[last.end..start];
                if !SEPARATORS.contains(&gap) {
                    match Enumerations::slot(gap) {
                        Some((a, b)) => current.push(Item {
                            start: last.end + a,
                            end: last.end + b,
                            pattern: UNKNOWN,
                        }),
                        None => chains.push(std::mem::take(&mut current)),
                    }
                }
            }
            current.push(item);
        }
        chains.push(current);
        chains.retain(|c| c.len() >= 2);
        chains
    }

    /// The unknown item of a gap between two members: `、X、` (or `，X和` …) with `X` a short
    /// run of Han characters; returns X's offsets in the gap.
    fn slot(gap: &str) -> Option<(usize, usize)> {
        let open = ["、", "，", ","].into_iter().find(|s| gap.starts_with(s))?;
        let close = SEPARATORS
            .iter()
            .filter(|s| gap.len() > open.len() + s.len() && gap.ends_with(**s))
            .max_by_key(|s| s.len())?;
        let (a, b) = (open.len(), gap.len() - close.len());
        let word = &gap[a..b];
        let ok = word.chars().count() <= MAX_SLOT && word.chars().all(is_han);
        ok.then_some((a, b))
    }
}

impl Family for Enumerations {
    fn name(&self) -> &'static str {
        "enumeration"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        check_verbs(&RULES[1], cx, out);
        let index = &*INDEX;
        let text = cx.text;
        for chain in Enumerations::chains(cx) {
            let mut sets: Vec<usize> = chain
                .iter()
                .filter(|it| it.pattern != UNKNOWN)
                .flat_map(|it| index.hits[it.pattern].iter().map(|h| h.0))
                .collect();
            sets.sort_unstable();
            sets.dedup();
            // (name, start, end) of correct runs, and candidate findings.
            let mut correct: Vec<(&str, usize, usize)> = Vec::new();
            let mut wrong: Vec<(usize, usize, usize, Problems, String)> = Vec::new();
            for &s in &sets {
                let set = &index.sets[s];
                let mut run: Vec<(usize, bool, usize, usize)> = Vec::new();
                let mut flush = |run: &mut Vec<(usize, bool, usize, usize)>| {
                    // Unknown items at either end belong to no list of this set.
                    while run.last().is_some_and(|r| r.0 == UNKNOWN) {
                        run.pop();
                    }
                    let lead = run.iter().take_while(|r| r.0 == UNKNOWN).count();
                    run.drain(..lead);
                    if run.is_empty() {
                        return;
                    }
                    let unknown: Vec<usize> =
                        (0..run.len()).filter(|&i| run[i].0 == UNKNOWN).collect();
                    let known: Vec<(usize, bool, usize, usize)> =
                        run.iter().copied().filter(|r| r.0 != UNKNOWN).collect();
                    let slot = match unknown[..] {
                        [] => set.judge_slot(text, &known, None, cx.as_of),
                        [i] => {
                            set.judge_slot(text, &known, Some((i, run[i].2, run[i].3)), cx.as_of)
                        }
                        _ => None,
                    };
                    let mut parts: Vec<&[(usize, bool, usize, usize)]> = Vec::new();
                    if let Some(Verdict::Wrong { problems, expected }) = slot {
                        let (a, b) = problems.slot.map_or((0, 0), |p| (p.1, p.2));
                        let start = run[0].2.min(a);
                        let end = run[run.len() - 1].3.max(b);
                        wrong.push((s, start, end, problems, expected));
                    } else {
                        parts.extend(run.split(|r| r.0 == UNKNOWN).filter(|p| !p.is_empty()));
                    }
                    for part in parts {
                        let (start, end) = (part[0].2, part[part.len() - 1].3);
                        match set.judge(text, part, cx.as_of) {
                            Verdict::Correct => correct.push((&set.name, start, end)),
                            Verdict::Wrong { problems, expected } => {
                                wrong.push((s, start, end, problems, expected))
                            }
                            Verdict::NotJudged => {}
                        }
                    }
                    run.clear();
                };
                for it in &chain {
                    if it.pattern == UNKNOWN {
                        run.push((UNKNOWN, false, it.start, it.end));
                        continue;
                    }
                    match index.hits[it.pattern].iter().find(|h| h.0 == s) {
                        Some(&(_, m, variant)) => run.push((m, variant, it.start, it.end)),
                        None => flush(&mut run),
                    }
                }
                flush(&mut run);
            }
            // A long list holds many runs: both overlap tests below are logarithmic or O(1),
            // not a pass over all runs per run (which was quadratic on a 4 MB list).
            let correct = CorrectRuns::new(correct);
            // Reported spans are disjoint and pushed in order of start, so only the last one
            // can overlap a later candidate.
            let mut reported_end: Option<usize> = None;
            wrong.sort_by_key(|w| (w.1, std::cmp::Reverse(w.2)));
            for (s, start, end, problems, expected) in wrong {
                let set = &index.sets[s];
                if correct.overlaps(&set.name, start, end)
                    || reported_end.is_some_and(|b| start < b)
                {
                    continue;
                }
                reported_end = Some(end);
                let message = set.message(text, &problems, &expected);
                let mut f = self.meta.finding(
                    text,
                    start..end,
                    message,
                    vec![expected],
                    Applicability::Unsafe,
                );
                f.source = set.source.clone();
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{assert_flags, assert_quiet};

    const RULE: &str = "distorted-enumeration";

    #[test]
    fn table_parses_and_official_forms_are_quiet() {
        let sets = parse(TABLE).unwrap();
        assert!(sets.len() >= 12);
        for set in &sets {
            assert_quiet(&format!("我们要坚持{}。", set.official), RULE);
            assert_quiet(
                &format!("关于“{}”，我们要坚持{}。", set.name, set.official),
                RULE,
            );
        }
        assert!(parse("name\n").is_err());
        let bad = TABLE.replace("看齐意识\t四个意识", "看齐意识|忠诚意识\t四个意识");
        assert!(parse(&bad).unwrap_err().contains("忠诚意识"));
    }

    #[test]
    fn wrong_order_is_one_finding_with_the_official_list() {
        assert_flags(
            "要不断增强政治意识、核心意识、大局意识、看齐意识。",
            RULE,
            "政治意识、核心意识、大局意识、看齐意识",
            Some("政治意识、大局意识、核心意识、看齐意识"),
        );
        assert_flags(
            "坚定理论自信、道路自信、制度自信、文化自信。",
            RULE,
            "理论自信、道路自信、制度自信、文化自信",
            Some("道路自信、理论自信、制度自信、文化自信"),
        );
        assert_flags(
            "贯彻新发展理念，坚持创新、协调、开放、绿色、共享。",
            RULE,
            "创新、协调、开放、绿色、共享",
            Some("创新、协调、绿色、开放、共享"),
        );
        assert_flags(
            "统筹推进经济建设、政治建设、社会建设、文化建设、生态文明建设。",
            RULE,
            "经济建设、政治建设、社会建设、文化建设、生态文明建设",
            Some("经济建设、政治建设、文化建设、社会建设、生态文明建设"),
        );
        assert_flags(
            "统筹推进全面深化改革、全面建设社会主义现代化国家、全面依法治国、全面从严治党。",
            RULE,
            "全面深化改革、全面建设社会主义现代化国家、全面依法治国、全面从严治党",
            Some("全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党"),
        );
    }

    #[test]
    fn replaced_and_missing_members() {
        assert_flags(
            "社会主义核心价值观：富强、民主、文明、和谐，自由、平等、公正、法制，爱国、敬业、诚信、友善。",
            RULE,
            "富强、民主、文明、和谐，自由、平等、公正、法制，爱国、敬业、诚信、友善",
            Some("富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善"),
        );
        let f = crate::rules::test_util::findings(
            "倡导自由、平等、公正、法制的社会主义核心价值观",
            RULE,
        );
        assert_eq!(f[0].suggestions, ["自由、平等、公正、法治"]);
        assert!(
            f[0].message.contains("“法制”应为“法治”"),
            "{}",
            f[0].message
        );
        assert_flags(
            "牢固树立“四个意识”，增强政治意识、大局意识、看齐意识。",
            RULE,
            "政治意识、大局意识、看齐意识",
            Some("政治意识、大局意识、核心意识、看齐意识"),
        );
        let f = crate::rules::test_util::findings(
            "牢固树立“四个意识”，增强政治意识、大局意识、看齐意识。",
            RULE,
        );
        assert!(f[0].message.contains("缺少“核心意识”"), "{}", f[0].message);
    }

    #[test]
    fn correct_forms_and_ordinary_prose_stay_quiet() {
        for quiet in [
            "国家层面倡导富强、民主、文明、和谐，社会层面倡导自由、平等、公正、法治。",
            "全面推进党的政治建设、思想建设、组织建设、作风建设、纪律建设，把制度建设贯穿其中。",
            "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党的战略布局。",
            "打造开放、创新、绿色的城市。",
            "加强思想建设、组织建设、作风建设。",
            "坚持道路自信、理论自信、制度自信。",
            "经济建设、政治建设、文化建设取得新进展。",
        ] {
            assert_quiet(quiet, RULE);
        }
        // Before a formulation was set, lists are not judged.
        let old = crate::Checker::builder()
            .as_of(Date::new(2015, 1, 1).unwrap())
            .build()
            .unwrap();
        assert!(old
            .check("增强政治意识、核心意识、大局意识、看齐意识。")
            .is_empty());
    }

    #[test]
    fn a_member_replaced_by_an_unlisted_word_is_found() {
        // Between two members, with the members' common suffix.
        assert_flags(
            "要增强政治意识、全局意识、核心意识、看齐意识。",
            RULE,
            "政治意识、全局意识、核心意识、看齐意识",
            Some("政治意识、大局意识、核心意识、看齐意识"),
        );
        let f = crate::rules::test_util::findings(
            "要增强政治意识、全局意识、核心意识、看齐意识。",
            RULE,
        );
        assert!(
            f[0].message.contains("“全局意识”应为“大局意识”"),
            "{}",
            f[0].message
        );
        // At the end of the list (joined by 和), and at its start.
        assert_flags(
            "坚定道路自信、理论自信、制度自信和历史自信。",
            RULE,
            "道路自信、理论自信、制度自信和历史自信",
            Some("道路自信、理论自信、制度自信、文化自信"),
        );
        assert_flags(
            "增强责任意识、大局意识、核心意识、看齐意识。",
            RULE,
            "责任意识、大局意识、核心意识、看齐意识",
            Some("政治意识、大局意识、核心意识、看齐意识"),
        );
        // A set without a common affix: the word shares a character with the member.
        assert_flags(
            "坚持创新、协调、绿色、开发、共享的发展理念。",
            RULE,
            "创新、协调、绿色、开发、共享",
            Some("创新、协调、绿色、开放、共享"),
        );
        assert_flags(
            "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、城信、友善。",
            RULE,
            "富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、城信、友善",
            Some("富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善"),
        );
    }

    #[test]
    fn unlisted_words_that_do_not_replace_a_member_stay_quiet() {
        for quiet in [
            // A longer list of its own kind: every member is there.
            "增强政治意识、大局意识、核心意识、看齐意识、责任意识。",
            // Too few members to be the set.
            "增强政治意识、责任意识、看齐意识。",
            "坚持开放、创新、包容、共享。",
            // Not in the missing member's place.
            "增强大局意识、核心意识、看齐意识、责任意识。",
            // Nothing in common with the missing member, no cue.
            "坚持创新、协调、绿色、包容、共享的原则。",
            // A list short of its last member is an older formulation.
            "坚定道路自信、理论自信、制度自信。",
        ] {
            assert_quiet(quiet, RULE);
        }
        let old = crate::Checker::builder()
            .as_of(Date::new(2015, 1, 1).unwrap())
            .build()
            .unwrap();
        assert!(old
            .check("增强政治意识、全局意识、核心意识、看齐意识。")
            .is_empty());
    }

    #[test]
    fn a_member_missing_from_the_middle_is_found_without_the_cue() {
        assert_flags(
            "要不断增强政治意识、大局意识、看齐意识。",
            RULE,
            "政治意识、大局意识、看齐意识",
            Some("政治意识、大局意识、核心意识、看齐意识"),
        );
        assert_flags(
            "坚定道路自信、理论自信、文化自信。",
            RULE,
            "道路自信、理论自信、文化自信",
            Some("道路自信、理论自信、制度自信、文化自信"),
        );
        // The first or last member missing, without the cue: an older or partial list.
        assert_quiet("要增强大局意识、核心意识、看齐意识。", RULE);
        // The missing member is the subject nearby: left out on purpose.
        assert_quiet(
            "推进伟大工程，要结合伟大斗争、伟大事业、伟大梦想的实践来进行。",
            RULE,
        );
        assert_quiet("统筹推进经济建设、政治建设、文化建设、社会建设。", RULE);
    }

    const VERB: &str = "verb-dependent-formulation";

    #[test]
    fn verb_wordings_are_found_wherever_they_stand() {
        // Every wording of the table, right after its verb, at the start and end of a long text
        // and between keys of other wordings.
        let far = "的工作".repeat(2_000);
        for row in &VERBS.rows {
            let phrase = format!("{}{}", row.verb, row.wrong);
            for text in [
                phrase.clone(),
                format!("{far}{phrase}"),
                format!("{phrase}{far}"),
                format!("核心{far}两个{phrase}核心两个{far}"),
            ] {
                let found = crate::rules::test_util::findings(&text, VERB);
                assert!(
                    found.iter().any(|f| f.text == row.wrong),
                    "{} in {} bytes",
                    row.wrong,
                    text.len()
                );
            }
        }
    }

    #[test]
    fn verb_dependent_formulations() {
        assert!(parse_verbs(VERB_TABLE).unwrap().len() >= 2);
        assert!(parse_verbs("verb\twrong\n").is_err());
        let bad = VERB_TABLE.replacen("\t2\t2022-10-22", "\tx\t2022-10-22", 1);
        assert!(parse_verbs(&bad)
            .unwrap_err()
            .contains("verb_formulations.tsv:"));
        assert_flags(
            "坚决维护习近平同志党中央的核心、全党的核心地位。",
            VERB,
            "习近平同志党中央的核心",
            Some("习近平总书记党中央的核心"),
        );
        assert_flags(
            "党确立了习近平总书记党中央的核心、全党的核心地位。",
            VERB,
            "习近平总书记党中央的核心",
            Some("习近平同志党中央的核心"),
        );
        assert_flags(
            "深刻领悟“两个维护”的决定性意义，坚决做到“两个维护”。",
            VERB,
            "“两个维护”的决定性意义",
            Some("“两个确立”的决定性意义"),
        );
        assert_flags(
            "增强“四个意识”、坚定“四个自信”、做到“两个确立”。",
            VERB,
            "“两个确立”",
            Some("“两个维护”"),
        );
        for quiet in [
            "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。",
            "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
            "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
            // Another verb, or the verb in another clause.
            "坚决拥护“两个确立”，坚决做到“两个维护”。",
            "要维护团结，习近平同志党中央的核心地位是历史形成的。",
        ] {
            assert_quiet(quiet, VERB);
        }
        let old = crate::Checker::builder()
            .as_of(Date::new(2020, 1, 1).unwrap())
            .build()
            .unwrap();
        assert!(old
            .check("坚决维护习近平同志党中央的核心、全党的核心地位。")
            .iter()
            .all(|f| f.rule != VERB));
    }
}
