//! # Congress and session numbering (届/次)
//!
//! **What it flags**: the counter word of a congress, plenary or session mixed up:
//!
//! - a Party congress is counted with 次: `第二十届全国代表大会` → `第二十次全国代表大会`
//!   (also `第十二届党代会` → `第十二次党代会`);
//! - a Central Committee is counted with 届, so are its plenaries: `二十次三中全会` →
//!   `二十届三中全会`, `第二十次中央委员会` → `第二十届中央委员会`;
//! - the National People's Congress and the CPPCC are counted with 届 and their yearly sessions
//!   with 次: `十四次全国人大二次会议` → `十四届全国人大二次会议`,
//!   `第十四届全国人民代表大会第二届会议` → `第十四届全国人民代表大会第二次会议`.
//!
//! **Why**: a congress of the Party is one meeting (次) that elects a Central Committee whose term
//! (届) runs until the next congress; people's congresses and CPPCC committees serve a term (届) and
//! meet once a year (次). Mixing them is a serious expression error in inspections of government
//! sites.
//!
//! **Example**: `深入学习贯彻党的二十次三中全会精神` → `wrong-session-counter` on `二十次三中全会`,
//! suggestion `二十届三中全会`.
//!
//! **What to write instead**: 第二十次全国代表大会 (党的二十大), 二十届三中全会, 十四届全国人大二次会议,
//! 全国政协十四届二次会议.

use crate::finding::{Applicability, Finding};
use crate::rules::{rule_meta, Context, Family, RuleMeta};

/// What an anchor word is counted with, and what the rule looks for around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// 全国代表大会 / 党代会: counted with 次; flag `N届` before it.
    PartyCongress,
    /// 中全会: `N届M中全会`; flag `N次M中全会`.
    Plenary,
    /// 中央委员会: `第N届中央委员会`; flag `第N次中央委员会`.
    CentralCommittee,
    /// 全国人民代表大会, 全国人大, 全国政协, 全国委员会: counted with 届; flag `N次` before it when
    /// the text is clearly about a term (第…, or a session follows).
    Legislature,
    /// 届会议: a session of a people's congress or the CPPCC is counted with 次.
    Session,
}

const ANCHORS: &[(&str, Anchor)] = &[
    ("全国代表大会", Anchor::PartyCongress),
    ("党代会", Anchor::PartyCongress),
    ("中全会", Anchor::Plenary),
    ("中央委员会", Anchor::CentralCommittee),
    ("全国人民代表大会", Anchor::Legislature),
    ("全国人大", Anchor::Legislature),
    ("全国政协", Anchor::Legislature),
    ("全国委员会", Anchor::Legislature),
    ("届会议", Anchor::Session),
];

/// Bodies whose yearly meetings are counted with 次 (`…第二次会议`). UN bodies (联合国大会第七十八届
/// 会议) rightly use 届会议 and end otherwise.
const SESSION_BODIES: &[&str] = &[
    "人民代表大会",
    "人大",
    "政协",
    "全国委员会",
    "常委会",
    "常务委员会",
];

/// Where an anchor that [`SessionNumbering::mixup`] can judge may start: every mix-up has its
/// counter 届 or 次 at the anchor (`届会议`), right before it (`第二十届全国代表大会`) or before
/// the numerals before it (`二十次三中全会`). So the counters are found (`memmem`, much faster
/// than an automaton pass) and the anchors looked for only there. No anchor contains a numeral
/// or ends in 届/次, so an anchor starting at such a place is never inside an earlier anchor: the
/// anchors found are the ones a leftmost-longest scan of the whole text finds there.
fn anchor_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for counter in ["届", "次"] {
        for p in memchr::memmem::find_iter(text.as_bytes(), counter.as_bytes()) {
            let after = p + counter.len();
            let numerals: usize = text[after..]
                .chars()
                .take_while(|&c| is_numeral(c))
                .map(char::len_utf8)
                .sum();
            starts.extend([p, after, after + numerals]);
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// The longest anchor at byte `at` of `text`: its end and kind.
fn anchor_at(text: &str, at: usize) -> Option<(usize, Anchor)> {
    ANCHORS
        .iter()
        .filter(|(p, _)| text[at..].starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .map(|&(p, a)| (at + p.len(), a))
}

const MESSAGE: &str = "届次用法错误：党的全国代表大会按“次”计（第二十次全国代表大会），\
中央委员会按“届”计（二十届三中全会）；全国人大、全国政协按“届”计，其每年的会议按“次”计\
（十四届全国人大二次会议）。";

/// The session-numbering family.
/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: "wrong-session-counter",
    family: "session_numbering",
    kind: Expression,
    severity: Error,
    summary: "届 and 次 mixed up in congress, plenary and session numbers",
    explanation: "A Party congress is one meeting (第二十次全国代表大会) that elects a Central \
        Committee whose term is a 届 (二十届三中全会); people's congresses and CPPCC committees \
        serve a 届 and meet once a year (十四届全国人大二次会议). Mixing the two counters \
        misstates the institution and is a serious expression error in inspections. Write the \
        suggestion.",
    source: "《中国共产党章程》第二十条、第二十二条; 《中华人民共和国宪法》第六十条、第六十一条; 《中国人民政治协商会议章程》第二十二条",
    fires: ["深入学习贯彻党的二十次三中全会精神。"],
    quiet: ["深入学习贯彻党的二十届三中全会精神。"],
}];

#[derive(Debug)]
pub(crate) struct SessionNumbering {
    meta: &'static RuleMeta,
}

impl SessionNumbering {
    pub(crate) fn new() -> SessionNumbering {
        SessionNumbering { meta: &RULES[0] }
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '〇' | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
        )
}

/// Start of the run of numerals that ends at `pos` (`pos` itself when there is none).
fn numeral_start(text: &str, pos: usize) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_numeral(c))
        .last()
        .map_or(pos, |(i, _)| i)
}

/// A number with `counter` ending at `pos`: `[第]N<counter>`. Returns the start (at 第 when
/// present), the byte offset of the counter, and whether 第 is there.
fn counted_before(text: &str, pos: usize, counter: char) -> Option<(usize, usize, bool)> {
    let counter_at = pos.checked_sub(counter.len_utf8())?;
    if !text[..pos].ends_with(counter) {
        return None;
    }
    let n = numeral_start(text, counter_at);
    if n == counter_at {
        return None;
    }
    let di = text[..n].ends_with('第');
    Some((if di { n - '第'.len_utf8() } else { n }, counter_at, di))
}

/// True when `rest` starts with a session: `[常委会]第?N[次届]会议`.
fn session_follows(rest: &str) -> bool {
    let rest = ["常委会", "常务委员会"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let digits: usize = rest
        .chars()
        .take_while(|&c| is_numeral(c))
        .map(char::len_utf8)
        .sum();
    digits > 0 && (rest[digits..].starts_with("次会议") || rest[digits..].starts_with("届会议"))
}

/// `text[start..end]` with the counter at `counter_at` replaced by `counter`.
fn swap_counter(text: &str, start: usize, counter_at: usize, end: usize, counter: &str) -> String {
    let old = text[counter_at..].chars().next().map_or(0, char::len_utf8);
    format!(
        "{}{counter}{}",
        &text[start..counter_at],
        &text[counter_at + old..end]
    )
}

impl SessionNumbering {
    /// The span and the corrected text of a mix-up at the anchor `start..end`, if any.
    fn mixup(text: &str, start: usize, end: usize, anchor: Anchor) -> Option<(usize, String)> {
        match anchor {
            Anchor::PartyCongress => {
                let (s, c, _) = counted_before(text, start, '届')?;
                Some((s, swap_counter(text, s, c, end, "次")))
            }
            Anchor::Plenary => {
                let m = numeral_start(text, start);
                if m == start {
                    return None;
                }
                let (s, c, _) = counted_before(text, m, '次')?;
                Some((s, swap_counter(text, s, c, end, "届")))
            }
            Anchor::CentralCommittee => match counted_before(text, start, '次')? {
                (s, c, true) => Some((s, swap_counter(text, s, c, end, "届"))),
                _ => None,
            },
            Anchor::Legislature => {
                let (s, c, di) = counted_before(text, start, '次')?;
                (di || session_follows(&text[end..]))
                    .then(|| (s, swap_counter(text, s, c, end, "届")))
            }
            Anchor::Session => {
                let counter_at = start;
                let n = numeral_start(text, counter_at);
                if n == counter_at {
                    return None;
                }
                let s = if text[..n].ends_with('第') {
                    n - '第'.len_utf8()
                } else {
                    n
                };
                // `全国政协十四届二届会议`: skip the term number before the session number.
                let body_end = counted_before(text, s, '届').map_or(s, |(t, _, _)| t);
                SESSION_BODIES
                    .iter()
                    .any(|b| text[..body_end].ends_with(b))
                    .then(|| (s, swap_counter(text, s, counter_at, end, "次")))
            }
        }
    }
}

impl Family for SessionNumbering {
    fn name(&self) -> &'static str {
        "session_numbering"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        for start in anchor_starts(text) {
            let Some((end, anchor)) = anchor_at(text, start) else {
                continue;
            };
            if let Some((s, fixed)) = SessionNumbering::mixup(text, start, end, anchor) {
                out.push(self.meta.finding(
                    text,
                    s..end,
                    MESSAGE.to_string(),
                    vec![fixed],
                    Applicability::Safe,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{assert_flags, assert_quiet};

    const RULE: &str = "wrong-session-counter";

    #[test]
    fn party_congress_takes_ci() {
        assert_flags(
            "中国共产党第二十届全国代表大会胜利召开。",
            RULE,
            "第二十届全国代表大会",
            Some("第二十次全国代表大会"),
        );
        assert_flags(
            "市第十二届党代会以来",
            RULE,
            "第十二届党代会",
            Some("第十二次党代会"),
        );
        assert_quiet("中国共产党第二十次全国代表大会胜利召开。", RULE);
        assert_quiet("深入学习贯彻党的二十大精神。", RULE);
        assert_quiet("第十四届全国人民代表大会第二次会议。", RULE);
    }

    #[test]
    fn plenary_takes_jie() {
        assert_flags(
            "深入学习贯彻党的二十次三中全会精神。",
            RULE,
            "二十次三中全会",
            Some("二十届三中全会"),
        );
        assert_flags(
            "中国共产党第二十次中央委员会第三次全体会议",
            RULE,
            "第二十次中央委员会",
            Some("第二十届中央委员会"),
        );
        assert_quiet("深入学习贯彻党的二十届三中全会精神。", RULE);
        assert_quiet(
            "中国共产党第二十届中央委员会第三次全体会议于2024年7月召开。",
            RULE,
        );
        assert_quiet("党的十一届三中全会以来，历次三中全会都研究改革。", RULE);
    }

    #[test]
    fn legislature_sessions() {
        assert_flags(
            "十四次全国人大二次会议在京开幕。",
            RULE,
            "十四次全国人大",
            Some("十四届全国人大"),
        );
        assert_flags(
            "第十四届全国人民代表大会第二届会议",
            RULE,
            "第二届会议",
            Some("第二次会议"),
        );
        assert_flags("全国政协十四届二届会议", RULE, "二届会议", Some("二次会议"));
        assert_flags(
            "中国人民政治协商会议第十四次全国委员会",
            RULE,
            "第十四次全国委员会",
            Some("第十四届全国委员会"),
        );
        assert_quiet("十四届全国人大二次会议在京开幕。", RULE);
        assert_quiet("全国政协十四届二次会议在京闭幕。", RULE);
        assert_quiet("十四届全国人大常委会第十次会议审议。", RULE);
        assert_quiet("联合国大会第七十八届会议在纽约开幕。", RULE);
        assert_quiet("草案经过三次全国人大常委会审议。", RULE);
    }

    /// The anchors and mix-ups found from the counters are those of a leftmost-longest automaton
    /// pass over the whole text (how this family first found them).
    fn by_automaton(text: &str) -> Vec<(usize, usize, String)> {
        let patterns: Vec<&str> = super::ANCHORS.iter().map(|(p, _)| *p).collect();
        let automaton = crate::lexicon::Automaton::new(&patterns);
        let mut out = Vec::new();
        automaton.for_each(text, |start, end, id| {
            if let Some((s, fixed)) =
                super::SessionNumbering::mixup(text, start, end, super::ANCHORS[id].1)
            {
                out.push((s, end, fixed));
            }
        });
        out
    }

    fn by_counters(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for start in super::anchor_starts(text) {
            if let Some((end, anchor)) = super::anchor_at(text, start) {
                if let Some((s, fixed)) = super::SessionNumbering::mixup(text, start, end, anchor) {
                    out.push((s, end, fixed));
                }
            }
        }
        out.sort();
        out
    }

    proptest::proptest! {
        #[test]
        fn counters_find_what_an_automaton_pass_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "第", "二十", "十四", "3", "届", "次", "三", "二", "全国代表大会", "党代会", "中全会",
                "中央委员会", "全国人民代表大会", "全国人大", "全国政协", "全国委员会", "届会议",
                "会议", "常委会", "人民", "代表大会", "中", "。",
            ]), 0..14)
        ) {
            let text = parts.concat();
            let mut expected = by_automaton(&text);
            expected.sort();
            proptest::prop_assert_eq!(by_counters(&text), expected);
        }
    }
}
