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

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::dictionary::Entry;
use crate::finding::{Finding, Kind};
use crate::lexicon::{Lexicon, Target};
use crate::rules::{history, rule_meta, Context, RuleMeta};
use crate::segment;

const SPAM_WHY: &str = "Spam injected into government sites (hidden links, hacked pages, \
    comment spam) is one of the findings that vetoes a whole site in the monthly inspections \
    (《政府网站与政务新媒体检查指标》: 出现违法违规或不良信息). The terms are advertising phrases \
    that no government text uses; the quiet examples show the lawful wording (打击……犯罪) the \
    rule leaves alone. Delete the injected text and find how it got there.";

/// The rules whose findings come from dictionary entries (besides `leader-name-misspelled`,
/// declared by `leader_title`). Every `rule` value of the embedded TSV files is a registry id.
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: "city-name-misspelled",
        family: "terms",
        kind: Expression,
        severity: Error,
        summary: "a city or county name written with a wrong character (石家桩 for 石家庄)",
        explanation: "Place names are fixed by the administrative-division register; a wrong \
            character in a city's name on a government page is counted as a serious expression \
            error in inspections. Each entry is a near-homophone or near-shape misspelling of a \
            real name. Write the registered name.",
        source: "民政部“全国行政区划信息查询平台”（地名用字）",
        fires: ["石家桩市人民政府。"],
        quiet: ["石家庄市人民政府。"],
    },
    rule_meta! {
        id: "common-typo",
        family: "terms",
        kind: Typo,
        severity: Warning,
        summary: "a common misspelling of a word or idiom (布署 for 部署)",
        explanation: "Typos (错别字) cost marks in every inspection of government sites and \
            new-media accounts (《政府网站与政务新媒体检查指标》, 错别字 counted per page). The \
            entries pair a misspelling with the standard form of 《现代汉语词典》第7版; entries \
            that could be part of a longer correct word only fire on a word boundary (jieba). \
            Write the suggestion.",
        source: "《现代汉语词典》第7版; dictionaries/sources (同音、形近误写)",
        fires: ["会议对下一阶段工作进行了全面布署。"],
        quiet: ["会议对下一阶段工作进行了全面部署。"],
    },
    rule_meta! {
        id: "distorted-formulation",
        family: "terms",
        kind: Expression,
        severity: Error,
        summary: "an official formulation (提法) with a word added, dropped or swapped",
        explanation: "Fixed formulations of Party and state documents (一个中国原则, 四个全面, \
            两个确立 …) must be quoted exactly; a distorted one is a serious expression error \
            (严重表述错误) that vetoes a site in the monthly inspections. Entries are generated \
            from the congress reports and plenary decisions listed as their source. Quote the \
            formulation as the source writes it.",
        source: "中国共产党全国代表大会报告（第十九次 2017、第二十次 2022）及中央全会决定",
        fires: ["坚持一个一中国原则。"],
        quiet: ["坚持一个中国原则。"],
    },
    rule_meta! {
        id: "document-forgery-spam",
        family: "terms",
        kind: Sensitive,
        severity: Error,
        summary: "advertising for forged certificates, diplomas or seals (办假证)",
        explanation: SPAM_WHY,
        source: "《中华人民共和国刑法》第二百八十条; 《网络信息内容生态治理规定》第六条",
        fires: ["热门推荐：办假证，点击进入。"],
        quiet: ["政务服务中心为群众办理身份证、驾驶证等证件。"],
    },
    rule_meta! {
        id: "drug-weapon-spam",
        family: "terms",
        kind: Sensitive,
        severity: Error,
        summary: "advertising for drugs, firearms or banned medicines (出售冰毒)",
        explanation: SPAM_WHY,
        source: "《中华人民共和国刑法》第三百四十七条; 《网络信息内容生态治理规定》第六条",
        fires: ["热门推荐：出售冰毒，点击进入。"],
        quiet: ["严厉打击毒品犯罪和涉枪涉爆违法犯罪。"],
    },
    rule_meta! {
        id: "fraud-spam",
        family: "terms",
        kind: Sensitive,
        severity: Error,
        summary: "advertising for fraud, personal-data trading or illegal loans (黑户贷款)",
        explanation: SPAM_WHY,
        source: "《中华人民共和国刑法》第二百五十三条之一、第二百八十七条之二; 《中华人民共和国反电信网络诈骗法》",
        fires: ["热门推荐：黑户贷款，点击进入。"],
        quiet: ["严厉打击电信网络诈骗，守护群众钱袋子。"],
    },
    rule_meta! {
        id: "gambling-spam",
        family: "terms",
        kind: Sensitive,
        severity: Error,
        summary: "gambling vocabulary typical of injected hidden links (百家乐)",
        explanation: SPAM_WHY,
        source: "《中华人民共和国刑法》第三百零三条; 《网络信息内容生态治理规定》第六条",
        fires: ["热门推荐：百家乐，点击进入。"],
        quiet: ["严厉打击跨境赌博和电信网络诈骗违法犯罪。"],
    },
    rule_meta! {
        id: "invoice-spam",
        family: "terms",
        kind: Sensitive,
        severity: Error,
        summary: "advertising for issuing false invoices (专业代开发票)",
        explanation: SPAM_WHY,
        source: "《中华人民共和国发票管理办法》第二十一条、第三十五条",
        fires: ["热门推荐：专业代开发票，点击进入。"],
        quiet: ["纳税人可以向税务机关申请代开发票。"],
    },
    rule_meta! {
        id: "outdated-name",
        family: "terms",
        kind: Expression,
        severity: Warning,
        summary: "an institution or official name replaced by a reform (国家卫生计生委, 县工商局)",
        explanation: "Using an abolished institution's name for the current one misstates who \
            is responsible, and inspections count it as an expression error. It is reported by \
            the dated dictionary entries (terms/outdated_names.tsv) and by the name_changes \
            family, which also knows local bodies (县工商局, 市环保局) and suggests the name valid \
            on the reference date. It fires only when the reference date is on or after the \
            change, and never on a historical mention (原国家卫生计生委, a year before the change \
            in the same sentence). Write the current name.",
        source: "《国务院机构改革方案》(1998, 2008, 2013, 2018, 2023); 《深化党和国家机构改革方案》(2018); \
            《党和国家机构改革方案》(2023); the notices cited per entry",
        fires: ["国家卫生计生委发布通知。", "县工商局、县环保局联合检查。"],
        quiet: ["原国家卫生计生委发布通知。", "原县工商局发布通知。"],
    },
    rule_meta! {
        id: "place-name-wrong",
        family: "terms",
        kind: Expression,
        severity: Error,
        summary: "a provincial-level unit given the wrong status or name (广西省)",
        explanation: "Autonomous regions and special administrative regions are not provinces \
            or cities; calling 广西 a 省 or 香港 a 市 misstates the constitutional order and is \
            treated as a serious expression error. Write the full official name.",
        source: "《中华人民共和国行政区划简册》(民政部); 《中华人民共和国宪法》第三十条、第三十一条",
        fires: ["广西省南宁市召开会议。"],
        quiet: ["广西壮族自治区南宁市召开会议。"],
    },
    rule_meta! {
        id: "porn-spam",
        family: "terms",
        kind: Sensitive,
        severity: Error,
        summary: "pornographic advertising typical of injected hidden links (裸聊)",
        explanation: SPAM_WHY,
        source: "《中华人民共和国刑法》第三百六十三条、第三百六十四条; 《网络信息内容生态治理规定》第六条",
        fires: ["热门推荐：裸聊，点击进入。"],
        quiet: ["严厉打击网络淫秽色情信息和电信网络诈骗违法犯罪。"],
    },
    rule_meta! {
        id: "variant-form",
        family: "terms",
        kind: Usage,
        severity: Warning,
        summary: "a non-recommended variant form of a word (案语 for 按语)",
        explanation: "GF 1001-2001 picks one recommended form for each group of variant forms \
            (异形词); official publications use the recommended one. Write the suggestion.",
        source: "《第一批异形词整理表》(GF 1001-2001)",
        fires: ["这里的“案语”一词应规范。"],
        quiet: ["这里的“按语”一词符合规范。"],
    },
    rule_meta! {
        id: "xinhua-banned-term",
        family: "terms",
        kind: Expression,
        severity: Error,
        summary: "a term Xinhua's style rules forbid, mostly on sovereignty (台湾政府)",
        explanation: "Xinhua's list of banned terms is the reference for wording on Taiwan, Hong \
            Kong, Macao, territory and ethnic groups; a banned term on a government site is a \
            serious expression error (政治性表述错误). Write the suggested wording.",
        source: "新华社《新闻信息报道中的禁用词和慎用词》(2016年7月修订)",
        fires: ["台湾政府宣布新措施。"],
        quiet: ["台湾当局宣布新措施。"],
    },
    rule_meta! {
        id: "xinhua-discouraged-term",
        family: "terms",
        kind: Usage,
        severity: Warning,
        summary: "a term Xinhua's style rules advise against (蒙族 for 蒙古族)",
        explanation: "Xinhua's list of terms to use with care: abbreviated ethnic names and \
            similar wording that official texts write in full. Write the suggestion.",
        source: "新华社《新闻信息报道中的禁用词和慎用词》(2016年7月修订)",
        fires: ["他是蒙族干部。"],
        quiet: ["他是蒙古族干部。"],
    },
];

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

    /// A [`RuleMeta`] for each rule id of `entries` that is not built in (rules a user
    /// dictionary defines), described from its first entry.
    pub(crate) fn user_rules(entries: &[Entry]) -> Vec<RuleMeta> {
        let mut by_id: BTreeMap<&str, RuleMeta> = BTreeMap::new();
        for e in entries {
            if crate::rules::rule(&e.rule).is_some() {
                continue;
            }
            by_id.entry(&e.rule).or_insert_with(|| RuleMeta {
                id: Cow::Owned(e.rule.clone()),
                family: "terms",
                kind: e.kind,
                severity: e.severity,
                summary: Cow::Owned(format!("user dictionary rule ({})", e.origin.file)),
                explanation: Cow::Borrowed(""),
                source: Cow::Owned(e.source.clone()),
                fires: &[],
                quiet: &[],
                opt_in: false,
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
        Finding::at(
            e.rule.clone(),
            e.kind,
            e.severity,
            cx.text,
            start..end,
            message(e, matched),
            e.suggestions.clone(),
            e.source.clone(),
            e.fix,
        )
    }

    /// Appends findings to `out` (when given) and allow-listed spans to `allowed`.
    ///
    /// The automaton reports leftmost-longest, non-overlapping matches, so a match that its
    /// context rejects (习贯 inside 学习贯切, cut through by 学习) would hide the matches that
    /// overlap it (贯切). Each rejected match is therefore scanned again from its second
    /// character, and the matches found there that start inside it are judged in turn.
    pub(crate) fn check(
        &self,
        cx: &Context<'_>,
        mut out: Option<&mut Vec<Finding>>,
        allowed: &mut Vec<(usize, usize)>,
    ) {
        let mut rejected: Vec<(usize, usize)> = Vec::new();
        self.lexicon
            .for_each_match(cx.text, |start, end, target| match (target, out.as_mut()) {
                (Target::Allow, _) => allowed.push((start, end)),
                (Target::Entry(_), None) => {}
                (Target::Entry(i), Some(out)) => {
                    let e = self.lexicon.entry(i as usize);
                    if Terms::accept(e, cx, start, end) {
                        out.push(Terms::finding(e, cx, start, end));
                    } else {
                        rejected.push((start, end));
                    }
                }
            });
        // Matches are judged (and rejected) only when findings are wanted.
        let Some(out) = out.filter(|_| !rejected.is_empty()) else {
            return;
        };
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
