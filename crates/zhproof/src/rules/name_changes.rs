//! # Outdated institution names, at every level, with suggestions valid on the reference date
//!
//! **What it flags** (`outdated-name`, the rule of the dated dictionary entries too): the name of
//! a body that no longer existed on the reference date — central bodies whose successor was
//! itself replaced (`银监会` → 银保监会 → 国家金融监督管理总局), and the bureaus of provinces,
//! cities and counties renamed in the 2018 and 2023 reforms (`县工商局`, `县环保局`, `县卫计局`,
//! `县国土资源局`, `县扶贫办` …).
//!
//! **Why**: a government page that names a body abolished years ago is out of date; inspections
//! count it as an expression error.
//!
//! **Suggestions follow the chain to the reference date**: as of 2020 `银监会` suggests
//! `银保监会` (the body of 2018–2023), never `国家金融监督管理总局` (created 2023); as of 2024
//! `国务院扶贫办` suggests `农业农村部`, not `国家乡村振兴局`, abolished in 2023. A short form
//! suggests its successor's short form (`银监会` → `银保监会`).
//!
//! **Example**: `县工商局、县环保局联合检查` as of 2025 → `outdated-name` on `工商局` (suggestion
//! `市场监督管理局`) and on `环保局` (`生态环境局`).
//!
//! **What to write instead**: the suggestion, or mark the mention historical (`原县工商局`,
//! `2017年县工商局……`): like the dated dictionary entries, a mention right after 原、时任、前
//! or in a sentence that names a year before the change stays quiet.
//!
//! The table is `dictionaries/rules/name_changes.tsv` (names, dates, successors, source of each
//! body). Bodies that still exist are in it too, so the outdated names they contain are not read
//! inside them (`文化和旅游局` holds `旅游局`, `国家卫生和计划生育委员会` holds the local
//! `卫生和计划生育委员会`).

use std::sync::LazyLock;

use crate::date::Date;
use crate::finding::{Applicability, Finding};
use crate::lexicon::leftmost_longest;
use crate::rules::{history, rule_of, Context, Family, List, RuleMeta};

/// One body of the table.
#[derive(Debug)]
struct Body {
    /// Full name first, then short forms.
    names: Vec<&'static str>,
    from: Option<Date>,
    until: Option<Date>,
    /// Indices of the successor bodies.
    successors: Vec<usize>,
    note: &'static str,
    source: &'static str,
}

/// The table and an automaton over every name (pattern `k` is `names[k]` of body `owner[k]`).
struct Table {
    bodies: Vec<Body>,
    /// (body, index of the name within the body) per pattern.
    patterns: Vec<(usize, usize)>,
    /// The name of each pattern: the list of the shared scan ([`List::NameChanges`]).
    names: Vec<&'static str>,
}

const TABLE: &str = crate::embedded::RULES_NAME_CHANGES_TSV;

fn parse_date(s: &str, line: usize) -> Option<Date> {
    if s.is_empty() {
        return None;
    }
    Some(
        s.parse()
            .unwrap_or_else(|e| panic!("name_changes.tsv:{line}: {e}")),
    )
}

/// Parses the embedded table. Built-in data is validated by the tests, so errors panic with
/// file:line.
fn parse() -> Table {
    const COLUMNS: [&str; 7] = [
        "names",
        "from",
        "until",
        "successors",
        "scope",
        "note",
        "source",
    ];
    let table = crate::tsv::read("name_changes.tsv", TABLE, &COLUMNS)
        .and_then(|t| t.require("name_changes.tsv", &COLUMNS).map(|()| t))
        .unwrap_or_else(|e| panic!("{e}"));
    // Each row's cells in the order of COLUMNS.
    let rows: Vec<(usize, [&'static str; 7])> = table
        .rows
        .iter()
        .map(|(line, cells)| (*line, COLUMNS.map(|c| table.cell(cells, c))))
        .collect();
    let full: Vec<&str> = rows
        .iter()
        .map(|(_, c)| c[0].split('|').next().unwrap_or(""))
        .collect();
    let bodies: Vec<Body> = rows
        .iter()
        .map(|(line, c)| Body {
            names: c[0].split('|').collect(),
            from: parse_date(c[1], *line),
            until: parse_date(c[2], *line),
            successors: c[3]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(|s| {
                    full.iter().position(|f| f == &s).unwrap_or_else(|| {
                        panic!("name_changes.tsv:{line}: unknown successor `{s}`")
                    })
                })
                .collect(),
            note: c[5],
            source: c[6],
        })
        .collect();
    let mut patterns = Vec::new();
    let mut names = Vec::new();
    for (b, body) in bodies.iter().enumerate() {
        for (k, name) in body.names.iter().enumerate() {
            patterns.push((b, k));
            names.push(*name);
        }
    }
    Table {
        names,
        bodies,
        patterns,
    }
}

static TABLE_DATA: LazyLock<Table> = LazyLock::new(parse);

/// The pattern list of [`List::NameChanges`].
pub(crate) fn names() -> &'static [&'static str] {
    &TABLE_DATA.names
}

impl Table {
    /// The bodies that carry on body `b` on `date` (following successors that were themselves
    /// replaced), in table order, without duplicates.
    fn valid_successors(&self, b: usize, date: Date, depth: usize, out: &mut Vec<usize>) {
        for &s in &self.bodies[b].successors {
            let body = &self.bodies[s];
            if body.until.is_some_and(|u| date >= u) && depth < 8 {
                self.valid_successors(s, date, depth + 1, out);
            } else if body.from.is_none_or(|f| date >= f) && !out.contains(&s) {
                out.push(s);
            }
        }
    }
}

/// The rules of this family: none of its own. It reports `outdated-name`, declared once in
/// `terms::RULES` (the dated dictionary entries report it too) and listed in this family's
/// `FamilyDecl::borrows`, so that selecting `outdated-name` runs it.
pub(crate) const RULES: &[RuleMeta] = &[];

/// The ids of rules declared by another family that this one reports.
pub(crate) const BORROWS: &[&str] = &["outdated-name"];

/// The name-changes family.
#[derive(Debug)]
pub(crate) struct NameChanges {
    meta: &'static RuleMeta,
}

impl NameChanges {
    pub(crate) fn new() -> NameChanges {
        NameChanges {
            meta: rule_of(crate::rules::terms::RULES, "outdated-name"),
        }
    }
}

/// Words right before a name that make it a reform's own wording (不再保留国家旅游局, 将工商局的职责).
const REFORM_WORDING: &[&str] = &["不再保留", "撤销", "将", "组建", "整合"];

/// True when one of `words` comes before `start` in the same clause, followed only by a place
/// (原县工商局, 原XX市环保局, 将县扶贫办): the words apply to the name through its place.
fn before_place(text: &str, start: usize, words: &[&str]) -> bool {
    let mut from = start;
    for (i, c) in text[..start].char_indices().rev().take(12) {
        if !crate::rules::punctuation::is_han(c) {
            break;
        }
        from = i;
    }
    let clause = &text[from..start];
    words.iter().any(|w| {
        clause.match_indices(w).any(|(i, _)| {
            let rest = &clause[i + w.len()..];
            rest.is_empty() || rest.ends_with(['省', '市', '县', '区', '州', '旗', '镇', '乡'])
        })
    })
}

/// Characters right after a name that make it part of another word (环保局限性, 农业局面,
/// 环境保护部门, 环保部署).
fn continues_word(rest: &str) -> bool {
    rest.starts_with(['限', '面', '势', '门', '署', '分'])
}

impl Family for NameChanges {
    fn name(&self) -> &'static str {
        "name_changes"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        let table = &*TABLE_DATA;
        for (start, end, id) in leftmost_longest(cx.occurrences(List::NameChanges), 0) {
            let (b, k) = table.patterns[id];
            let body = &table.bodies[b];
            let Some(until) = body.until else { continue };
            if cx.as_of < until
                || history::is_historical(text, start, end, until)
                || before_place(text, start, REFORM_WORDING)
                || before_place(text, start, &["原", "时任", "曾任", "当时的", "原来的"])
                || continues_word(&text[end..])
            {
                continue;
            }
            let mut succ = Vec::new();
            table.valid_successors(b, cx.as_of, 0, &mut succ);
            let suggestions: Vec<String> = succ
                .iter()
                .map(|&s| {
                    let names = &table.bodies[s].names;
                    // A short form suggests the successor's form of the same rank, or its
                    // shortest (银监会 → 银保监会, 中国银监会 → 中国银保监会).
                    names[k.min(names.len() - 1)].to_string()
                })
                .collect();
            let matched = &text[start..end];
            let mut message = format!("机构名称已变更：“{matched}”");
            match suggestions.as_slice() {
                [] => message.push_str("已不再保留"),
                [one] => message.push_str(&format!("，截至{}应为“{one}”", cx.as_of)),
                many => message.push_str(&format!(
                    "，截至{}应为{}",
                    cx.as_of,
                    many.iter()
                        .map(|s| format!("“{s}”"))
                        .collect::<Vec<_>>()
                        .join("或")
                )),
            }
            message.push_str(&format!("。{}。", body.note));
            let mut f = self.meta.finding(
                text,
                start..end,
                message,
                suggestions,
                Applicability::Unsafe,
            );
            f.source = body.source.to_string();
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TABLE_DATA;
    use crate::rules::test_util::{assert_flags, assert_quiet};
    use crate::{Checker, Date};

    const RULE: &str = "outdated-name";

    fn on(text: &str, y: i32, m: u32, d: u32) -> Vec<(String, Vec<String>)> {
        Checker::builder()
            .as_of(Date::new(y, m, d).unwrap())
            .select([crate::Selector::Rule(RULE.into())])
            .build()
            .unwrap()
            .check(text)
            .into_iter()
            .map(|f| (f.text, f.suggestions))
            .collect()
    }

    #[test]
    fn the_table_parses_and_every_body_ends_its_chain() {
        let t = &*TABLE_DATA;
        assert!(t.bodies.len() > 40);
        for (b, body) in t.bodies.iter().enumerate() {
            assert!(!body.source.is_empty(), "{:?}", body.names);
            if body.until.is_some() {
                let mut s = Vec::new();
                t.valid_successors(b, Date::new(2026, 1, 1).unwrap(), 0, &mut s);
                assert!(!s.is_empty(), "{:?} has no successor today", body.names);
                assert!(!body.note.is_empty(), "{:?} has no note", body.names);
            }
        }
    }

    #[test]
    fn every_name_is_found_wherever_it_stands() {
        // At the very start and end of the text, next to other names, far from any other name.
        let far = "的工作".repeat(2_000);
        for text in [
            "工商局".to_string(),
            format!("{far}县工商局"),
            format!("县工商局{far}"),
            format!("{far}。县工商局会议室召开{far}"),
        ] {
            let all = on(&text, 2025, 6, 1);
            let texts: Vec<&str> = all.iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(texts, ["工商局"], "{}", text.len());
        }
    }

    #[test]
    fn local_bureaus_renamed_in_2018_are_flagged() {
        assert_flags("县工商局开展专项检查", RULE, "工商局", Some("市场监管局"));
        assert_flags(
            "县工商行政管理局",
            RULE,
            "工商行政管理局",
            Some("市场监督管理局"),
        );
        assert_flags("市质监局召开会议", RULE, "质监局", Some("市场监管局"));
        assert_flags(
            "县国土资源局发布公告",
            RULE,
            "国土资源局",
            Some("自然资源局"),
        );
        assert_flags("县农业局组织培训", RULE, "农业局", Some("农业农村局"));
        assert_flags("区安监局通报", RULE, "安监局", Some("应急管理局"));
        assert_flags("县卫计局印发方案", RULE, "卫计局", Some("卫健局"));
        assert_flags(
            "省卫生计生委发布通知",
            RULE,
            "卫生计生委",
            Some("卫生健康委"),
        );
        let all = on("县环保局、县卫计局、县国土资源局联合检查", 2025, 6, 1);
        let texts: Vec<&str> = all.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["环保局", "卫计局", "国土资源局"]);
    }

    #[test]
    fn suggestions_are_valid_on_the_reference_date() {
        assert_eq!(
            on("银监会发布通知", 2020, 1, 1),
            [("银监会".into(), vec!["银保监会".into()])]
        );
        assert_eq!(
            on("银监会发布通知", 2024, 1, 1),
            [("银监会".into(), vec!["国家金融监管总局".into()])]
        );
        assert_eq!(
            on("国务院扶贫办发布通知", 2022, 1, 1),
            [("国务院扶贫办".into(), vec!["国家乡村振兴局".into()])]
        );
        assert_eq!(
            on("国务院扶贫办发布通知", 2024, 1, 1),
            [("国务院扶贫办".into(), vec!["农业农村部".into()])]
        );
        assert_eq!(
            on("县扶贫办", 2022, 1, 1),
            [("扶贫办".into(), vec!["乡村振兴局".into()])]
        );
        assert_eq!(
            on("县扶贫办", 2025, 6, 1),
            [("扶贫办".into(), vec!["农业农村局".into()])]
        );
        assert_eq!(
            on("国家人口和计划生育委员会", 2015, 1, 1),
            [(
                "国家人口和计划生育委员会".into(),
                vec!["国家卫生和计划生育委员会".into()]
            )]
        );
        let msg = Checker::builder()
            .as_of(Date::new(2024, 1, 1).unwrap())
            .build()
            .unwrap()
            .check("国务院扶贫办");
        assert!(!msg
            .iter()
            .any(|f| f.suggestions.iter().any(|s| s == "国家乡村振兴局")));
    }

    #[test]
    fn current_names_history_and_dates_before_the_change_stay_quiet() {
        for text in [
            "县市场监督管理局开展专项检查",
            "市生态环境局召开会议",
            "县卫生健康局印发方案",
            "县文化和旅游局组织活动",
            "省卫生健康委员会发布通知",
            "原县工商局职能划入县市场监督管理局",
            "原平安县环保局",
            "将县扶贫办的职责划入县农业农村局",
            "2017年，县环保局开展执法检查。",
            "不再保留县工商局",
            "农业局面貌一新",
            "环保局限性",
            "发挥环境保护部门的监督职能。",
        ] {
            assert_quiet(text, RULE);
        }
        assert!(on("县工商局开展专项检查", 2018, 6, 1).is_empty());
        assert!(on("银监会发布通知", 2017, 6, 1).is_empty());
    }
}
