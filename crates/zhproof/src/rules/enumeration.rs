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
use crate::lexicon::Automaton;
use crate::rules::{rule_meta, Context, Family, RuleMeta};

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

/// Every enumeration and one automaton over all members and variants.
#[derive(Debug)]
struct Index {
    sets: Vec<Enumeration>,
    automaton: Automaton,
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
        automaton: Automaton::new(&patterns),
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
        if !(cue || (alone && !missing_only)) {
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
            },
            expected,
        }
    }

    fn message(&self, text: &str, problems: &Problems, expected: &str) -> String {
        let mut parts = Vec::new();
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
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
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
}];

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
    fn chains(text: &str) -> Vec<Vec<Item>> {
        let mut chains: Vec<Vec<Item>> = Vec::new();
        let mut current: Vec<Item> = Vec::new();
        INDEX.automaton.for_each(text, |start, end, pattern| {
            let item = Item {
                start,
                end,
                pattern,
            };
            if let Some(last) = current.last() {
                if !SEPARATORS.contains(&&text[last.end..start]) {
                    chains.push(std::mem::take(&mut current));
                }
            }
            current.push(item);
        });
        chains.push(current);
        chains.retain(|c| c.len() >= 2);
        chains
    }
}

impl Family for Enumerations {
    fn name(&self) -> &'static str {
        "enumeration"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let index = &*INDEX;
        let text = cx.text;
        for chain in Enumerations::chains(text) {
            let mut sets: Vec<usize> = chain
                .iter()
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
                    if run.is_empty() {
                        return;
                    }
                    let (start, end) = (run[0].2, run[run.len() - 1].3);
                    match set.judge(text, run, cx.as_of) {
                        Verdict::Correct => correct.push((&set.name, start, end)),
                        Verdict::Wrong { problems, expected } => {
                            wrong.push((s, start, end, problems, expected))
                        }
                        Verdict::NotJudged => {}
                    }
                    run.clear();
                };
                for it in &chain {
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
}
