//! # Leader names and titles
//!
//! **What it flags**, from `dictionaries/rules/leaders.tsv` (who held which office, from when
//! until when) and the reference date:
//!
//! - `leader-wrong-office`: a leader's name next to an office they do not hold on the reference
//!   date: `国务院总理赵乐际`, `全国政协主席李强`, or a former holder without a historical marker
//!   (`国务院总理李克强` as of 2025). `<office><name>` is read, and the short titles 总书记、总理、
//!   副总理、委员长、主席 in either order (`赵乐际总理`, `李强总书记`, `总书记李强`, `李强主席`;
//!   主席 stands for 国家主席, 中央军委主席 or 全国政协主席, and before a name only when no
//!   Chinese character precedes it, since 县政协主席李强 is someone else). `时任栗战书委员长` is
//!   reported too: 时任 goes with the full office before the name (`时任全国人大常委会委员长栗战书`).
//!   `县委书记李强` stays quiet (书记 alone is a title at every level). A chain of offices
//!   (`中共中央总书记、国家主席、中央军委主席习近平`) applies to the name after it.
//! - `leader-name-misspelled`: a name next to an office that differs in one character from the
//!   holder's name on that date (`国务院总理李墙` → `李强`).
//!
//! **Why**: a wrong name or title of a Party or state leader is the first item on every inspection
//! list of serious expression errors (严重表述错误).
//!
//! **Historical use stays quiet**: `时任国务院总理李克强`, `原…`, `前…`, and sentences that name a year
//! in which the person held the office (`2015年，国务院总理李克强……`). An office whose holders the
//! table does not cover on the reference date is not judged.
//!
//! **Example**: `国务院总理赵乐际主持会议。` (as of 2025) → `leader-wrong-office` on `国务院总理赵乐际`,
//! suggestions `国务院总理李强`, `全国人大常委会委员长赵乐际`.
//!
//! **What to write instead**: the office the person holds on the date of the text, or `时任…` for a
//! past office.

use std::sync::LazyLock;

use crate::date::Date;
use crate::finding::{Applicability, Finding};
use crate::lexicon::leftmost_longest;
use crate::rules::{history, rule_meta, rule_of, Context, Family, List, RuleMeta};

const TABLE: &str = crate::embedded::RULES_LEADERS_TSV;

const SOURCE: &str = "dictionaries/rules/leaders.tsv (中央委员会全体会议公报、全国人大和全国政协选举和决定任命的公告)";

/// Full and alternative names of the offices in the table: `(written form, office)`.
const ALIASES: &[(&str, &str)] = &[
    ("中华人民共和国主席", "国家主席"),
    ("中华人民共和国副主席", "国家副主席"),
    ("全国人民代表大会常务委员会委员长", "全国人大常委会委员长"),
    ("中国人民政治协商会议全国委员会主席", "全国政协主席"),
    ("中央军事委员会主席", "中央军委主席"),
    ("中央纪律检查委员会书记", "中央纪委书记"),
    ("中华人民共和国国务院总理", "国务院总理"),
];

/// One row of the leaders table: `name` held `office` from `from` until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) name: String,
    pub(crate) office: String,
    pub(crate) from: Date,
    pub(crate) until: Option<Date>,
    pub(crate) source: String,
}

impl Term {
    fn holds_on(&self, d: Date) -> bool {
        self.from <= d && self.until.is_none_or(|u| d < u)
    }

    /// True when the term overlaps calendar year `y` (and month `m` when given).
    fn overlaps(&self, y: i32, m: Option<u32>) -> bool {
        let (first, last) = match m.and_then(|m| {
            Some((
                Date::new(y, m, 1)?,
                Date::new(y, m, crate::date::days_in_month(y, m))?,
            ))
        }) {
            Some(r) => r,
            None => (
                Date::new(y, 1, 1).expect("valid"),
                Date::new(y, 12, 31).expect("valid"),
            ),
        };
        self.from <= last && self.until.is_none_or(|u| first < u)
    }
}

/// Parses the leaders table; errors name the line.
pub(crate) fn parse(text: &str) -> Result<Vec<Term>, String> {
    const COLUMNS: [&str; 5] = ["name", "office", "from", "until", "source"];
    let table = crate::tsv::read("leaders.tsv", text, &COLUMNS).map_err(|e| e.to_string())?;
    table
        .require("leaders.tsv", &COLUMNS)
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (line, cells) in &table.rows {
        let err = |m: String| format!("leaders.tsv:{line}: {m}");
        let [name, office, from, until, source] = COLUMNS.map(|c| table.cell(cells, c));
        if name.is_empty() || office.is_empty() || source.trim().is_empty() {
            return Err(err("name, office and source must not be empty".into()));
        }
        let from: Date = from.parse().map_err(err)?;
        let until: Option<Date> = match until {
            "" => None,
            u => Some(u.parse().map_err(err)?),
        };
        if until.is_some_and(|u| u <= from) {
            return Err(err("`until` is not after `from`".into()));
        }
        out.push(Term {
            name: name.to_string(),
            office: office.to_string(),
            from,
            until,
            source: source.to_string(),
        });
    }
    Ok(out)
}

#[derive(Debug)]
struct Index {
    terms: Vec<Term>,
    /// Names, longest first.
    names: Vec<String>,
    /// Office patterns (offices of the table and their aliases) and the office each stands for.
    /// (The office patterns are the list of the shared scan, [`List::Offices`].)
    offices: Vec<(String, String)>,
}

/// The titles of [`NAME_TITLES`] (which are also [`TITLES_BEFORE_NAMES`]), in their order: the
/// list of the shared scan [`List::NameTitles`].
pub(crate) fn titles() -> Vec<&'static str> {
    NAME_TITLES.iter().map(|(t, _)| *t).collect()
}

/// The starts of the occurrences of title `t` (an index into [`NAME_TITLES`]), left to right:
/// every occurrence, as `memmem` finds them (no title overlaps itself, a test checks, so
/// searching for non-overlapping occurrences finds them all).
fn title_starts<'a>(cx: &Context<'a>, t: usize) -> impl Iterator<Item = usize> + 'a {
    cx.occurrences(List::NameTitles)
        .iter()
        .filter(move |m| m.2 == t)
        .map(|m| m.0)
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let terms = parse(TABLE).expect("leaders.tsv is validated by tests");
    let mut names: Vec<String> = terms.iter().map(|t| t.name.clone()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    let mut offices: Vec<(String, String)> = Vec::new();
    for t in &terms {
        if !offices.iter().any(|(p, _)| *p == t.office) {
            offices.push((t.office.clone(), t.office.clone()));
        }
    }
    for (alias, office) in ALIASES {
        if offices.iter().any(|(_, o)| o == office) {
            offices.push((alias.to_string(), office.to_string()));
        }
    }
    Index {
        terms,
        names,
        offices,
    }
});

/// The pattern list of [`List::Offices`].
pub(crate) fn offices() -> Vec<&'static str> {
    INDEX.offices.iter().map(|(p, _)| p.as_str()).collect()
}

impl Index {
    fn holders(&self, office: &str, d: Date) -> Vec<&Term> {
        self.terms
            .iter()
            .filter(|t| t.office == office && t.holds_on(d))
            .collect()
    }

    /// The first date the table covers `office` from.
    fn coverage(&self, office: &str) -> Option<Date> {
        self.terms
            .iter()
            .filter(|t| t.office == office)
            .map(|t| t.from)
            .min()
    }
}

/// Every `(start, name)` of a known name directly followed by one of [`NAME_TITLES`], i.e. the
/// same pairs as searching the text for each name and keeping those a title follows.
fn names_before_titles<'i>(index: &'i Index, cx: &Context<'_>) -> Vec<(usize, &'i str)> {
    let text = cx.text;
    let mut ends: Vec<usize> = Vec::new();
    for t in 0..NAME_TITLES.len() {
        ends.extend(title_starts(cx, t));
    }
    ends.sort_unstable();
    ends.dedup();
    let mut out = Vec::new();
    for end in ends {
        let before = &text[..end];
        for name in &index.names {
            if before.ends_with(name.as_str()) {
                out.push((end - name.len(), name.as_str()));
            }
        }
    }
    out
}

/// The years of the sentence around `start..end`, read on the first call and remembered.
fn sentence_years(
    text: &str,
    start: usize,
    end: usize,
) -> impl FnMut() -> Vec<(i32, Option<u32>)> + '_ {
    let mut cache: Option<Vec<(i32, Option<u32>)>> = None;
    move || {
        cache
            .get_or_insert_with(|| {
                let (from, to) = history::sentence(text, start, end);
                history::years(&text[from..to])
            })
            .clone()
    }
}

fn differs_in_one_han(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .filter(|(x, y)| x != y)
            .all(|(x, _)| ('\u{4e00}'..='\u{9fff}').contains(x))
        && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

/// The rules of this family (`leader-name-misspelled` is also the rule of the generated entries
/// of `dictionaries/terms/leaders.tsv`, which catch misspellings the office-name reading misses).
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: "leader-name-misspelled",
        family: "leader_title",
        kind: Expression,
        severity: Error,
        summary: "a misspelled name next to a leader's office",
        explanation: "A misspelled name of a Party or state leader is the first item on every \
            inspection list of serious expression errors (严重表述错误), enough to veto a site. A \
            name next to an office that differs in one character from the holder's name on the \
            reference date is reported, and so are the IME and near-shape misspellings of \
            dictionaries/terms/leaders.tsv next to a title. Write the holder's name (a safe fix).",
        source: SOURCE,
        fires: ["国务院总理李墙作报告。"],
        quiet: ["国务院总理李强作报告。"],
    },
    rule_meta! {
        id: "leader-wrong-office",
        family: "leader_title",
        kind: Expression,
        severity: Error,
        summary: "a leader's name next to an office they do not hold on the reference date",
        explanation: "Giving a leader an office they do not hold (国务院总理赵乐际), or a former \
            office without a historical marker, is a serious expression error (严重表述错误) that \
            vetoes a site. Offices and terms come from the appointment announcements; historical \
            mentions (时任, 原, a year in which the person held the office) stay quiet. Write the \
            office the person holds on the date of the text, or 时任… for a past one.",
        source: SOURCE,
        fires: ["国务院总理赵乐际主持会议。"],
        quiet: ["时任国务院总理李克强指出。"],
    },
];

/// The leader-title family.
#[derive(Debug)]
pub(crate) struct LeaderTitle {
    wrong_office: &'static RuleMeta,
    misspelled: &'static RuleMeta,
}

/// What a mention of `name` with `office` says, judged on `as_of`.
enum Judgement {
    Fine,
    /// Held it before (until the date) and the text does not mark it as past.
    Former(Date),
    /// Takes it later (from the date).
    NotYet(Date),
    /// Never held it (per the table).
    Never,
}

impl LeaderTitle {
    pub(crate) fn new() -> LeaderTitle {
        LeaderTitle {
            wrong_office: rule_of(RULES, "leader-wrong-office"),
            misspelled: rule_of(RULES, "leader-name-misspelled"),
        }
    }

    /// Judges `name` as holder of `office` for a mention at `start..end`; `years` are the
    /// years of the sentence around it (from [`sentence_years`], computed lazily and once per
    /// chain of offices: a chain of N offices must not read its sentence N times).
    fn judge(
        index: &Index,
        text: &str,
        start: usize,
        name: &str,
        office: &str,
        as_of: Date,
        years: &mut dyn FnMut() -> Vec<(i32, Option<u32>)>,
    ) -> Judgement {
        let terms: Vec<&Term> = index
            .terms
            .iter()
            .filter(|t| t.name == name && t.office == office)
            .collect();
        if terms.iter().any(|t| t.holds_on(as_of)) {
            return Judgement::Fine;
        }
        let years = years();
        // A year in the sentence in which the person held the office: a historical mention.
        if years
            .iter()
            .any(|&(y, m)| terms.iter().any(|t| t.overlaps(y, m)))
        {
            return Judgement::Fine;
        }
        let coverage = index.coverage(office);
        // Years before the table covers the office: we do not know who held it.
        if years
            .iter()
            .any(|&(y, _)| coverage.is_none_or(|c| y < c.year()))
        {
            return Judgement::Fine;
        }
        if let Some(t) = terms
            .iter()
            .filter(|t| t.until.is_some_and(|u| u <= as_of))
            .max_by_key(|t| t.from)
        {
            if history::has_historical_prefix(text, start) {
                return Judgement::Fine;
            }
            return Judgement::Former(t.until.expect("filtered"));
        }
        if let Some(t) = terms
            .iter()
            .filter(|t| t.from > as_of)
            .min_by_key(|t| t.from)
        {
            return Judgement::NotYet(t.from);
        }
        if coverage.is_none_or(|c| as_of < c) {
            return Judgement::Fine;
        }
        Judgement::Never
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        index: &Index,
        text: &str,
        span: (usize, usize),
        name_at: usize,
        name: &str,
        office: &str,
        judgement: Judgement,
        as_of: Date,
        reversed: bool,
        out: &mut Vec<Finding>,
    ) {
        let (start, end) = span;
        let holders = index.holders(office, as_of);
        let current: Vec<&str> = index
            .terms
            .iter()
            .filter(|t| t.name == name && t.holds_on(as_of))
            .map(|t| t.office.as_str())
            .collect();
        let written = &text[start..end];
        let with_holder = |h: &str| {
            if reversed {
                format!("{h}{}", &text[name_at + name.len()..end])
            } else {
                format!("{}{h}", &text[start..name_at])
            }
        };
        let mut suggestions = Vec::new();
        let now = match holders.as_slice() {
            [] => String::new(),
            hs => {
                let list: Vec<&str> = hs.iter().map(|t| t.name.as_str()).collect();
                format!("截至{as_of}，{office}为{}", list.join("、"))
            }
        };
        let message = match judgement {
            Judgement::Fine => return,
            Judgement::Former(until) => {
                suggestions.push(format!("时任{written}"));
                format!("{name}已于{until}卸任{office}，提及其任职期间的事应写“时任{office}”")
            }
            Judgement::NotYet(from) => format!("{name}于{from}起任{office}"),
            Judgement::Never => {
                let held = if current.is_empty() {
                    String::new()
                } else {
                    format!("（现任{}）", current.join("、"))
                };
                format!("{name}{held}并非{office}")
            }
        };
        if let [h] = holders.as_slice() {
            suggestions.push(with_holder(&h.name));
        }
        let single_office = index
            .offices
            .iter()
            .any(|(p, _)| *p == text[start..name_at]);
        if let ([o], false, true) = (current.as_slice(), reversed, single_office) {
            suggestions.push(format!("{o}{name}"));
        }
        suggestions.dedup();
        let message = if now.is_empty() {
            format!("领导人姓名与职务不符：{message}。")
        } else {
            format!("领导人姓名与职务不符：{message}；{now}。")
        };
        out.push(self.wrong_office.finding(
            text,
            start..end,
            message,
            suggestions,
            Applicability::Unsafe,
        ));
    }
}

impl Family for LeaderTitle {
    fn name(&self) -> &'static str {
        "leader_title"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let index = &*INDEX;
        let text = cx.text;
        let matches: Vec<(usize, usize, usize)> =
            leftmost_longest(cx.occurrences(List::Offices), 0).collect();
        let mut i = 0;
        while i < matches.len() {
            // A chain of offices joined by 、 applies to the name after the last one.
            let mut j = i;
            while j + 1 < matches.len()
                && matches!(&text[matches[j].1..matches[j + 1].0], "" | "、")
            {
                j += 1;
            }
            let name_at = matches[j].1;
            let chain = &matches[i..=j];
            i = j + 1;
            let rest = &text[name_at..];
            if let Some(name) = index.names.iter().find(|n| rest.starts_with(n.as_str())) {
                let end = name_at + name.len();
                let mut years = sentence_years(text, chain[0].0, end);
                for &(s, _, id) in chain {
                    let office = &index.offices[id].1;
                    let j = LeaderTitle::judge(
                        index, text, chain[0].0, name, office, cx.as_of, &mut years,
                    );
                    if !matches!(j, Judgement::Fine) {
                        self.report(
                            index,
                            text,
                            (s, end),
                            name_at,
                            name,
                            office,
                            j,
                            cx.as_of,
                            false,
                            out,
                        );
                        break;
                    }
                }
                continue;
            }
            // Not a known name: one character off the holder's name is a misspelling.
            let before = out.len();
            let mut historical = false;
            'offices: for &(s, _, id) in chain {
                let office = &index.offices[id].1;
                for h in index.holders(office, cx.as_of) {
                    let n = h.name.chars().count();
                    let cand_len: usize = rest.chars().take(n).map(char::len_utf8).sum();
                    let cand = &rest[..cand_len];
                    if !differs_in_one_han(cand, &h.name) {
                        continue;
                    }
                    let span = (name_at, name_at + cand_len);
                    let (from, to) = history::sentence(text, s, span.1);
                    let other_time = history::years(&text[from..to])
                        .iter()
                        .any(|&(y, m)| !h.overlaps(y, m));
                    if other_time || history::has_historical_prefix(text, chain[0].0) {
                        historical = true;
                        break 'offices;
                    }
                    out.push(self.misspelled.finding(
                        text,
                        span.0..span.1,
                        format!(
                            "领导人姓名疑似有误：“{cand}”，截至{}，{office}为{}。",
                            cx.as_of, h.name
                        ),
                        vec![h.name.clone()],
                        Applicability::Unsafe,
                    ));
                    break 'offices;
                }
            }
            // `时任国务院总理温家室`: a historical mention is judged against every holder the
            // table has for the office (a former holder's name one character off).
            if out.len() == before
                && (historical || history::has_historical_prefix(text, chain[0].0))
            {
                'former: for &(_, _, id) in chain {
                    let office = &index.offices[id].1;
                    for h in index.terms.iter().filter(|t| t.office == *office) {
                        let n = h.name.chars().count();
                        let cand_len: usize = rest.chars().take(n).map(char::len_utf8).sum();
                        let cand = &rest[..cand_len];
                        if !differs_in_one_han(cand, &h.name) {
                            continue;
                        }
                        out.push(self.misspelled.finding(
                            text,
                            name_at..name_at + cand_len,
                            format!("领导人姓名疑似有误：“{cand}”，曾任{office}的是{}。", h.name),
                            vec![h.name.clone()],
                            Applicability::Unsafe,
                        ));
                        break 'former;
                    }
                }
            }
        }
        // `李强总理`: a known name followed by a short title. The titles are found first (one
        // `memmem` pass each) and the names read backwards from them, rather than a pass over the
        // text per name.
        for (at, name) in names_before_titles(index, cx) {
            let after = &text[at + name.len()..];
            let Some((title, offices)) = NAME_TITLES
                .iter()
                .filter(|(t, _)| after.starts_with(t))
                .max_by_key(|(t, _)| t.len())
            else {
                continue;
            };
            let end = at + name.len() + title.len();
            // `时任栗战书委员长`: 时任 goes with the full office before the name.
            if text[..at].ends_with("时任") {
                let office = LeaderTitle::office_for(index, name, offices);
                let start = at - "时任".len();
                out.push(self.wrong_office.finding(
                    text,
                    start..end,
                    format!("“时任”应与职务全称连用并置于姓名之前：应为“时任{office}{name}”。"),
                    vec![format!("时任{office}{name}")],
                    Applicability::Unsafe,
                ));
                continue;
            }
            self.judge_titles(
                index,
                text,
                (at, end),
                at,
                name,
                offices,
                cx.as_of,
                true,
                out,
            );
        }
        // `总书记李强`: a short title right before a known name, unless it ends a full office
        // (国务院总理 is read above) or is part of a longer title (副总理).
        // Sorted, and searched by bisection: a text of N offices has N titles inside them, and a
        // linear search per title made `国务院总理`×N quadratic (29.5 s at 4 MB).
        let mut office_ends: Vec<usize> = matches.iter().map(|m| m.1).collect();
        office_ends.sort_unstable();
        for (t, (title, offices)) in TITLES_BEFORE_NAMES.iter().enumerate() {
            for p in title_starts(cx, t) {
                let end_title = p + title.len();
                if office_ends.binary_search(&end_title).is_ok() {
                    continue;
                }
                let prev = text[..p].chars().next_back();
                if prev == Some('副')
                    || (*title == "主席" && prev.is_some_and(super::punctuation::is_han))
                {
                    continue;
                }
                let rest = &text[end_title..];
                let Some(name) = index
                    .names
                    .iter()
                    .filter(|n| rest.starts_with(n.as_str()))
                    .max_by_key(|n| n.len())
                else {
                    continue;
                };
                let end = end_title + name.len();
                self.judge_titles(
                    index,
                    text,
                    (p, end),
                    end_title,
                    name,
                    offices,
                    cx.as_of,
                    false,
                    out,
                );
            }
        }
    }
}

impl LeaderTitle {
    /// The office a short title stands for, for `name`: the one of `offices` they ever held,
    /// else the first.
    fn office_for<'o>(index: &Index, name: &str, offices: &[&'o str]) -> &'o str {
        offices
            .iter()
            .copied()
            .find(|o| index.terms.iter().any(|t| t.name == name && t.office == *o))
            .unwrap_or(offices[0])
    }

    /// Judges a short title that may stand for any of `offices` (主席: 国家主席, 中央军委主席,
    /// 全国政协主席): fine when one of them is; else reported for the office the person held, if
    /// any.
    #[allow(clippy::too_many_arguments)]
    fn judge_titles(
        &self,
        index: &Index,
        text: &str,
        span: (usize, usize),
        name_at: usize,
        name: &str,
        offices: &[&str],
        as_of: Date,
        reversed: bool,
        out: &mut Vec<Finding>,
    ) {
        let mut years = sentence_years(text, span.0, span.1);
        if offices.iter().any(|o| {
            matches!(
                LeaderTitle::judge(index, text, span.0, name, o, as_of, &mut years),
                Judgement::Fine
            )
        }) {
            return;
        }
        let office = LeaderTitle::office_for(index, name, offices);
        let j = LeaderTitle::judge(index, text, span.0, name, office, as_of, &mut years);
        self.report(
            index, text, span, name_at, name, office, j, as_of, reversed, out,
        );
    }
}

/// Short titles written after a name (`李强总理`, `习近平总书记`) and the offices they may stand
/// for. 主席 stands for three national offices; 书记 alone is left out (every level has one).
const NAME_TITLES: &[(&str, &[&str])] = &[
    ("总理", &["国务院总理"]),
    ("副总理", &["国务院副总理"]),
    ("委员长", &["全国人大常委会委员长"]),
    ("总书记", &["中共中央总书记"]),
    ("主席", &["国家主席", "中央军委主席", "全国政协主席"]),
];

/// Short titles written before a name (`总书记李强`). 主席 only when no Chinese character comes
/// before it (县政协主席李强 is someone else).
const TITLES_BEFORE_NAMES: &[(&str, &[&str])] = NAME_TITLES;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{assert_flags, assert_quiet, findings};
    use crate::Checker;

    const WRONG: &str = "leader-wrong-office";
    const MISSPELLED: &str = "leader-name-misspelled";

    #[test]
    fn no_title_overlaps_itself() {
        // Then its non-overlapping occurrences (the shared scan's) are all of them (memmem's).
        for (i, t) in titles().into_iter().enumerate() {
            let chars: Vec<char> = t.chars().collect();
            for k in 1..chars.len() {
                assert_ne!(chars[..k], chars[chars.len() - k..], "{t}");
            }
            let text = format!("{t}{t}副{t}总书记主席");
            let shared = Default::default();
            let cx = Context::new(&text, Date::new(2025, 6, 1).unwrap(), &shared);
            let got: Vec<usize> = title_starts(&cx, i).collect();
            let memmem: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), t).collect();
            assert_eq!(got, memmem, "{t}");
        }
    }

    fn at(y: i32, m: u32, d: u32, text: &str, rule: &str) -> Vec<Finding> {
        Checker::builder()
            .as_of(Date::new(y, m, d).unwrap())
            .build()
            .unwrap()
            .check(text)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    #[test]
    fn short_titles_in_either_order() {
        let wrong = |t: &str| at(2025, 6, 1, t, WRONG);
        for text in [
            "李强总书记",
            "总书记李强",
            "李强主席",
            "习近平总理",
            "总理赵乐际",
            "强调，总书记李强",
        ] {
            assert_eq!(wrong(text).len(), 1, "{text}");
        }
        assert_eq!(wrong("李强总书记")[0].suggestions, ["习近平总书记"]);
        for text in [
            "习近平总书记",
            "总书记习近平",
            "习近平主席",
            "王沪宁主席",
            "李强总理",
            "总理李强",
            "县委书记李强",
            "县政协主席李强",
            "国务院副总理丁薛祥",
            "丁薛祥副总理",
            "副主席李强",
        ] {
            assert!(wrong(text).is_empty(), "{text}: {:#?}", wrong(text));
        }
        // A former 主席 is judged against the 主席 office they held.
        let f = at(2025, 6, 1, "汪洋主席出席", WRONG);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("全国政协主席"), "{}", f[0].message);
    }

    #[test]
    fn misspelled_former_holders_in_historical_mentions() {
        let f = at(2025, 6, 1, "时任国务院总理温家室主持会议。", MISSPELLED);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestions, ["温家宝"]);
        assert!(at(2025, 6, 1, "时任国务院总理温家宝主持会议。", MISSPELLED).is_empty());
        assert!(at(2025, 6, 1, "时任国务院总理李克强主持会议。", MISSPELLED).is_empty());
    }

    #[test]
    fn shiren_goes_before_the_full_office() {
        let f = at(2025, 6, 1, "时任栗战书委员长出席", WRONG);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "时任栗战书委员长");
        assert_eq!(f[0].suggestions, ["时任全国人大常委会委员长栗战书"]);
        assert!(at(2025, 6, 1, "时任全国人大常委会委员长栗战书出席", WRONG).is_empty());
    }

    #[test]
    fn table_parses() {
        let terms = parse(TABLE).unwrap();
        assert!(terms.len() >= 20);
        assert!(parse(
            "name\toffice\tfrom\tuntil\tsource\n李强\t国务院总理\t2023-03-11\t2020-01-01\ts\n"
        )
        .unwrap_err()
        .contains("until"));
        assert!(parse("x\n").is_err());
    }

    #[test]
    fn name_with_an_office_they_do_not_hold() {
        assert_flags(
            "国务院总理赵乐际主持会议。",
            WRONG,
            "国务院总理赵乐际",
            Some("国务院总理李强"),
        );
        let f = findings("国务院总理赵乐际主持会议。", WRONG);
        assert_eq!(
            f[0].suggestions,
            ["国务院总理李强", "全国人大常委会委员长赵乐际"]
        );
        assert!(
            f[0].message
                .contains("赵乐际（现任全国人大常委会委员长）并非国务院总理"),
            "{}",
            f[0].message
        );
        assert_flags(
            "全国政协主席李强出席。",
            WRONG,
            "全国政协主席李强",
            Some("全国政协主席王沪宁"),
        );
        assert_flags("赵乐际总理强调。", WRONG, "赵乐际总理", Some("李强总理"));
    }

    #[test]
    fn former_holders_need_a_historical_marker() {
        assert_flags(
            "国务院总理李克强指出。",
            WRONG,
            "国务院总理李克强",
            Some("时任国务院总理李克强"),
        );
        for quiet in [
            "时任国务院总理李克强指出。",
            "原国务院总理李克强指出。",
            "2015年，国务院总理李克强在政府工作报告中指出。",
        ] {
            assert_quiet(quiet, WRONG);
        }
        assert!(at(2018, 1, 1, "国务院总理李克强指出。", WRONG).is_empty());
        let f = at(2020, 1, 1, "国务院总理李强指出。", WRONG);
        assert_eq!(f[0].suggestions, ["国务院总理李克强"]);
    }

    #[test]
    fn chains_and_full_titles() {
        for quiet in [
            "中共中央总书记、国家主席、中央军委主席习近平出席。",
            "中华人民共和国主席习近平签署主席令。",
            "国务院副总理何立峰出席。",
            "李强总理强调。",
            "全国人大常委会委员长赵乐际主持。",
        ] {
            assert_quiet(quiet, WRONG);
            assert_quiet(quiet, MISSPELLED);
        }
        assert_flags(
            "中共中央总书记、国务院总理习近平出席。",
            WRONG,
            "国务院总理习近平",
            Some("国务院总理李强"),
        );
    }

    #[test]
    fn misspelled_names() {
        assert_flags("国务院总理李墙主持会议。", MISSPELLED, "李墙", Some("李强"));
        assert_flags("国家主席习近乎出席。", MISSPELLED, "习近乎", Some("习近平"));
        assert_quiet("国务院总理主持会议。", MISSPELLED);
        assert_quiet("时任国务院总理李鹏主持会议。", MISSPELLED);
        assert_quiet("1995年，国务院总理李鹏主持会议。", MISSPELLED);
        assert!(at(2010, 1, 1, "国务院总理李墙主持会议。", MISSPELLED).is_empty());
    }
}
