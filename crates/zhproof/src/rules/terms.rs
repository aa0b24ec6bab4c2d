//! # Dictionary terms
//!
//! **What it flags**: every entry of the loaded dictionaries (the embedded ones under
//! `dictionaries/terms/` and any user dictionary): typos (`布署`), spam vocabulary (`百家乐`),
//! distorted formulations, Xinhua wording norms, outdated names, variant forms.
//!
//! **How**: one leftmost-longest pass of one automaton over all terms and allow-listed terms. An
//! allow-listed term that covers a match suppresses it. Entries marked `boundary = word` only fire
//! when jieba's segmentation of the clause agrees that the match is a word of its own (so
//! `确定单位` does not yield `定单`). Context conditions (`since`, `not_after` …) decide the rest.
//!
//! **Dates**: an entry with a `since` date (the day a name changed) fires only when the reference
//! date is on or after it, and never on a historical mention: right after 原、时任、前、曾任, or
//! in a sentence that names a year (or year and month) before the change
//! (`2017年国家卫生计生委印发……` stays quiet as of 2025). This holds for every dated entry,
//! without per-entry `not_after` lists; the reference date is the checker's `as_of`, never the
//! clock.
//!
//! **Example**: `会议对下一阶段工作进行了全面布署。` → `common-typo` on `布署`, suggestion `部署`.
//!
//! **What to write instead**: the entry's first suggestion.

use std::collections::BTreeMap;

use crate::dictionary::Entry;
use crate::finding::{Finding, Kind};
use crate::lexicon::{Lexicon, Target};
use crate::rules::{history, Context, RuleMeta};
use crate::segment;

/// The dictionary-term family.
#[derive(Debug)]
pub(crate) struct Terms {
    lexicon: Lexicon,
}

fn ends_with_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.ends_with(w.as_str()))
}

fn starts_with_any(s: &str, words: &[String]) -> bool {
    words.iter().any(|w| s.starts_with(w.as_str()))
}

/// The Chinese message for a match of `e`.
pub(crate) fn message(e: &Entry, matched: &str) -> String {
    let what = match e.kind {
        Kind::Typo => "疑似错别字",
        Kind::Sensitive => "违法违规或不良信息用语",
        Kind::Expression => "表述错误",
        Kind::Privacy => "个人隐私信息",
        Kind::Usage => "用法不规范",
    };
    let mut m = format!("{what}：“{matched}”");
    match e.suggestions.as_slice() {
        [] => {}
        [one] => m.push_str(&format!("，应为“{one}”")),
        many => {
            let list: Vec<String> = many.iter().map(|s| format!("“{s}”")).collect();
            m.push_str(&format!("，应为{}", list.join("或")));
        }
    }
    m.push('。');
    let note = e.note.trim();
    if !note.is_empty() {
        m.push_str(note);
        if !note.ends_with(['。', '！', '？', '）', '”']) {
            m.push('。');
        }
    }
    m
}

impl Terms {
    pub(crate) fn new(lexicon: Lexicon) -> Terms {
        Terms { lexicon }
    }

    pub(crate) fn entries(&self) -> &[Entry] {
        self.lexicon.entries()
    }

    /// The number of entries, without parsing lazily loaded ones.
    pub(crate) fn entries_of_kind(&self, kind: Kind) -> Vec<&Entry> {
        self.lexicon.entries_of_kind(kind)
    }

    /// The kinds of the entries when known without parsing them (see [`Lexicon::lazy_kinds`]).
    pub(crate) fn lazy_kinds(&self) -> Option<Vec<Kind>> {
        self.lexicon.lazy_kinds()
    }

    pub(crate) fn entry_count(&self) -> usize {
        self.lexicon.entry_count()
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.lexicon.automaton_heap_bytes()
    }

    /// One [`RuleMeta`] per rule id found in the entries (kind and severity of its first entry).
    pub(crate) fn rules(&self) -> Vec<RuleMeta> {
        let mut by_id: BTreeMap<&str, RuleMeta> = BTreeMap::new();
        for e in self.entries() {
            by_id.entry(&e.rule).or_insert_with(|| RuleMeta {
                id: e.rule.clone(),
                family: "terms",
                kind: e.kind,
                severity: e.severity,
                summary: format!(
                    "dictionary entries of rule `{}` ({})",
                    e.rule, e.origin.file
                ),
                source: e.source.clone(),
            });
        }
        by_id.into_values().collect()
    }

    /// Whether entry `e`, matched at `start..end`, is reported in this context.
    fn accept(e: &Entry, cx: &Context<'_>, start: usize, end: usize) -> bool {
        let c = &e.conditions;
        if c.since.is_some_and(|d| cx.as_of < d) || c.until.is_some_and(|d| cx.as_of >= d) {
            return false;
        }
        // A name that changed on `since` is right when the text speaks of the time before.
        if c.since
            .is_some_and(|d| history::is_historical(cx.text, start, end, d))
        {
            return false;
        }
        let (before, after) = (&cx.text[..start], &cx.text[end..]);
        if ends_with_any(before, &c.not_after) || starts_with_any(after, &c.not_before) {
            return false;
        }
        if !c.only_after.is_empty() && !ends_with_any(before, &c.only_after) {
            return false;
        }
        if !c.only_before.is_empty() && !starts_with_any(after, &c.only_before) {
            return false;
        }
        !(e.word_boundary && segment::cuts_through_word(cx.text, start, end))
    }

    /// The finding of entry `e` matched at `start..end`.
    fn finding(e: &Entry, cx: &Context<'_>, start: usize, end: usize) -> Finding {
        let matched = &cx.text[start..end];
        Finding {
            rule: e.rule.clone(),
            kind: e.kind,
            severity: e.severity,
            byte_start: start,
            byte_end: end,
            char_start: 0,
            char_end: 0,
            line: 0,
            column: 0,
            text: matched.to_string(),
            message: message(e, matched),
            suggestions: e.suggestions.clone(),
            source: e.source.clone(),
            applicability: e.fix,
        }
    }

    /// Appends findings to `out` and allow-listed spans to `allowed`.
    ///
    /// The automaton reports leftmost-longest, non-overlapping matches, so a match that its
    /// context rejects (习贯 inside 学习贯切, cut through by 学习) would hide the matches that
    /// overlap it (贯切). Each rejected match is therefore scanned again from its second
    /// character, and the matches found there that start inside it are judged in turn.
    pub(crate) fn check(
        &self,
        cx: &Context<'_>,
        out: &mut Vec<Finding>,
        allowed: &mut Vec<(usize, usize)>,
    ) {
        let mut rejected: Vec<(usize, usize)> = Vec::new();
        self.lexicon
            .for_each_match(cx.text, |start, end, target| match target {
                Target::Allow => allowed.push((start, end)),
                Target::Entry(i) => {
                    let e = self.lexicon.entry(i as usize);
                    if Terms::accept(e, cx, start, end) {
                        out.push(Terms::finding(e, cx, start, end));
                    } else {
                        rejected.push((start, end));
                    }
                }
            });
        if rejected.is_empty() {
            return;
        }
        let text = cx.text;
        let max_len = self.lexicon.max_pattern_len();
        while let Some((s, e)) = rejected.pop() {
            let Some(c) = text[s..e].chars().next() else {
                continue;
            };
            let from = s + c.len_utf8();
            if from >= e {
                continue;
            }
            let mut to = (e + max_len).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            let mut found: Vec<Finding> = Vec::new();
            let mut covers: Vec<(usize, usize)> = Vec::new();
            self.lexicon
                .for_each_match(&text[from..to], |a, b, target| {
                    let (a, b) = (from + a, from + b);
                    if a >= e {
                        return;
                    }
                    match target {
                        Target::Allow => covers.push((a, b)),
                        Target::Entry(i) => {
                            let entry = self.lexicon.entry(i as usize);
                            if Terms::accept(entry, cx, a, b) {
                                found.push(Terms::finding(entry, cx, a, b));
                            } else {
                                rejected.push((a, b));
                            }
                        }
                    }
                });
            // An allow-listed term found here suppresses the findings it covers, as in the main
            // pass (its span is not added to `allowed`, whose spans must stay disjoint).
            out.extend(found.into_iter().filter(|f| {
                !covers.iter().any(|&(a, b)| {
                    a <= f.byte_start && f.byte_end <= b && (a, b) != (f.byte_start, f.byte_end)
                })
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Date};

    const HEAD: &str =
        "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tboundary\tnot_after\tsince\n";

    fn checker(rows: &str, allow: &str) -> Checker {
        let mut b = Checker::builder()
            .without_defaults()
            .as_of(Date::new(2024, 1, 1).unwrap())
            .dictionary_str("t.tsv", format!("{HEAD}{rows}"));
        if !allow.is_empty() {
            b = b.allow_str("a.tsv", format!("term\n{allow}\n"));
        }
        b.build().unwrap()
    }

    fn texts(c: &Checker, s: &str) -> Vec<String> {
        c.check(s).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn embedded_typo_fires_with_suggestion() {
        use crate::rules::test_util::{assert_flags, assert_quiet};
        assert_flags(
            "会议对下一阶段工作进行了全面布署。",
            "common-typo",
            "布署",
            Some("部署"),
        );
        assert_quiet("会议对下一阶段工作进行了全面部署。", "common-typo");
    }

    #[test]
    fn allow_listed_term_covering_a_match_suppresses_it() {
        let c = checker("出奇\t出其\ttypo\tr\twarning\tn\ts\t\t\t\n", "出奇制胜");
        assert_eq!(texts(&c, "出奇制胜，出奇不意"), ["出奇"]);
        assert_eq!(c.check("出奇制胜，出奇不意")[0].char_start, 5);
    }

    #[test]
    fn word_boundary_entries_skip_matches_inside_words() {
        let c = checker(
            "定单\t订单\ttypo\tr\twarning\tn\ts\tword\t\t\n火伴\t伙伴\ttypo\tr\twarning\tn\ts\tword\t\t\n",
            "",
        );
        assert!(texts(&c, "请确定单位名称。").is_empty());
        assert!(texts(&c, "篝火伴着歌声。").is_empty());
        assert_eq!(texts(&c, "他是我的好火伴。"), ["火伴"]);
    }

    #[test]
    fn a_rejected_boundary_match_does_not_hide_an_overlapping_typo() {
        let c = checker(
            "习贯\t习惯\ttypo\tr\twarning\tn\ts\tword\t\t\n贯切\t贯彻\ttypo\tr\twarning\tn\ts\t\t\t\n",
            "",
        );
        assert_eq!(texts(&c, "要深入学习贯切党的二十大精神"), ["贯切"]);
        assert_eq!(texts(&c, "要深入贯切党的二十大精神"), ["贯切"]);
        assert!(texts(&c, "要深入学习贯彻党的二十大精神").is_empty());
        assert_eq!(texts(&c, "这是一种习贯。"), ["习贯"]);
        // An allow-listed term found in the second scan still covers what it covers.
        let a = checker(
            "习贯\t习惯\ttypo\tr\twarning\tn\ts\tword\t\t\n贯切\t贯彻\ttypo\tr\twarning\tn\ts\t\t\t\n",
            "贯切实",
        );
        assert!(texts(&a, "学习贯切实").is_empty());
    }

    #[test]
    fn embedded_dictionaries_catch_a_typo_behind_a_rejected_match() {
        use crate::rules::test_util::{assert_flags, assert_quiet};
        assert_flags(
            "要深入学习贯切党的二十大精神",
            "common-typo",
            "贯切",
            Some("贯彻"),
        );
        assert_quiet("要深入学习贯彻党的二十大精神", "common-typo");
    }

    #[test]
    fn context_conditions() {
        let c = checker(
            "国家卫生计生委\t国家卫生健康委\texpression\toutdated-name\twarning\tn\ts\t\t原\t2018-03-17\n",
            "",
        );
        assert_eq!(texts(&c, "国家卫生计生委发布通知"), ["国家卫生计生委"]);
        assert!(texts(&c, "原国家卫生计生委发布通知").is_empty());
        let old = Checker::builder()
            .without_defaults()
            .as_of(Date::new(2017, 1, 1).unwrap())
            .dictionary_str("t.tsv", format!("{HEAD}国家卫生计生委\tx\texpression\toutdated-name\twarning\tn\ts\t\t\t2018-03-17\n"))
            .build()
            .unwrap();
        assert!(texts(&old, "国家卫生计生委发布通知").is_empty());
    }

    #[test]
    fn dated_entries_skip_historical_mentions_without_per_entry_lists() {
        // No `not_after` column at all: the historical logic is general.
        let c = checker(
            "国家卫生计生委\t国家卫生健康委\texpression\toutdated-name\twarning\tn\ts\t\t\t2018-03-17\n",
            "",
        );
        assert_eq!(texts(&c, "国家卫生计生委印发通知。"), ["国家卫生计生委"]);
        for quiet in [
            "原国家卫生计生委印发通知。",
            "时任国家卫生计生委主任出席。",
            "2017年国家卫生计生委印发通知。",
            "二〇一六年，国家卫生计生委印发通知。",
            "2018年1月，国家卫生计生委印发通知。",
        ] {
            assert!(texts(&c, quiet).is_empty(), "{quiet}");
        }
        // A year after the change, or a year in another sentence, does not make it historical.
        assert_eq!(
            texts(&c, "2017年起步。国家卫生计生委印发通知。"),
            ["国家卫生计生委"]
        );
        assert_eq!(
            texts(&c, "2019年国家卫生计生委印发通知。"),
            ["国家卫生计生委"]
        );
        // Undated entries are not affected.
        let u = checker("布署\t部署\ttypo\tr\twarning\tn\ts\t\t\t\n", "");
        assert_eq!(texts(&u, "2017年原布署。"), ["布署"]);
    }
}
