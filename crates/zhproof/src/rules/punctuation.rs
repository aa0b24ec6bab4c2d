//! # Punctuation (GB/T 15834-2011《标点符号用法》) and doubled characters
//!
//! **What it flags**:
//! - `unpaired-mark`: a `《》`, `“”` or `（）` without its partner in the same paragraph
//!   (`印发《关于加强管理的通知。`). A paragraph that leaves a `“` open is fine when the next one
//!   opens with `“` (a quotation of several paragraphs, GB/T 15834-2011 on 引号), and a lone `）`
//!   after a short ordinal at the start of an item (`1）`, `一）`) is an enumeration, not an error.
//! - `comma-between-titles` (severity `info`): a 顿号 between two titles
//!   (`《宪法》、《民法典》` → `《宪法》《民法典》`; GB/T 15834-2011 4.5.3.5: coordinate titles
//!   usually take no 顿号). Only directly adjacent marks count: with something between them
//!   (`《A》（2020年）、《B》`) the 顿号 is right. Safe fix. The norm says *usually*, and official
//!   texts still write `》、《` (52 times in the clean government laws and reports dated after
//!   2012, e.g. 《军人抚恤优待条例》 (2024)), so this is a hint, not a warning. The same norm covers quotations (`“A”、“B”`),
//!   but government prose writes `”、“` all the time (269 times in the same corpus), so they are
//!   left alone. Texts dated before GB/T 15834-2011 took effect (2012-06-01) are not checked
//!   for it: GB/T 15834-1995 had no such clause.
//! - `half-width-punctuation`: `, ; : ? !` between two Chinese characters (`各部门,各单位`):
//!   Chinese text takes the full-width forms `，；：？！` (GB/T 15834-2011 5.1). Safe fix.
//!   Numbers (`1,000`), times (`10:30`), ratios, URLs, code and English sentences never have a
//!   Chinese character on both sides, so they stay quiet.
//! - `doubled-character`: a function character written twice by mistake (`的的`, `了了`, `是是`),
//!   from a short explicit list, when jieba reads each of the two as a word of its own. Legitimate
//!   reduplication stays quiet: words like `谢谢`, `常常`, `天天` are not on the list, words that
//!   contain the pair (`不了了之`, `的的确确`) or end or start at it (`目的的`, `了了解`) are read
//!   differently by jieba, AABB forms (`是是非非`) and runs of three or more are left alone. Safe
//!   fix: drop one.
//!
//! **Why**: inspections of government sites count punctuation and repeated-character slips as
//! editing errors; GB/T 15834-2011 is the national norm for punctuation.
//!
//! **Example**: `学习《宪法》、《民法典》,了解的的规定` → `comma-between-titles` on `》、《`
//! (suggestion `》《`), `half-width-punctuation` on `,` (suggestion `，`), `doubled-character` on
//! `的的` (suggestion `的`).
//!
//! **What to write instead**: the suggestion; for an unpaired mark, add its partner or delete it.

use crate::date::Date;
use crate::finding::{Applicability, Finding};
use crate::rules::{bytescan, rule_meta, rule_of, Context, Family, RuleMeta};
use crate::segment;

/// Function characters that are almost never written twice in a row on purpose.
const DOUBLED: &[char] = &[
    '的', '了', '是', '在', '和', '与', '及', '被', '把', '为', '于', '而', '并', '就', '也', '都',
    '又', '以', '之', '其', '这',
];

/// A CJK ideograph (unified, extension A, compatibility, extensions B and later).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}')
}

const SOURCE: &str = "GB/T 15834-2011《标点符号用法》";

/// GB/T 15834-2011 took effect on 2012-06-01 (published 2011-12-30), replacing GB/T 15834-1995.
const GB_T_15834_2011: Date = match Date::new(2012, 6, 1) {
    Some(d) => d,
    None => unreachable!(),
};

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: "comma-between-titles",
        family: "punctuation",
        kind: Usage,
        severity: Info,
        summary: "a 顿号 between two titles (《A》、《B》)",
        explanation: "GB/T 15834-2011 4.5.3.5: coordinate titles in 书名号 usually take no 顿号 \
            between them (《宪法》《民法典》). The norm says usually and official texts still write \
            》、《, so this is a hint (info), not a warning; texts dated before the norm took effect \
            (2012-06-01) are not checked. Safe fix: drop the 顿号.",
        source: "GB/T 15834-2011《标点符号用法》4.5.3.5",
        fires: ["学习《宪法》、《民法典》。"],
        quiet: ["学习《宪法》《民法典》。", "学习《民法典》（2020年）、《宪法》。"],
    },
    rule_meta! {
        id: "doubled-character",
        family: "punctuation",
        kind: Usage,
        severity: Warning,
        summary: "a function character written twice by mistake (的的, 了了)",
        explanation: "A doubled function character is a typing slip that inspections count \
            like a typo. Only a short list of function characters is checked, and only when \
            jieba reads each of the two as a word of its own, so reduplication (谢谢, 常常), \
            words containing the pair (不了了之, 的确确) and AABB forms stay quiet. Safe fix: \
            drop one.",
        source: "《现代汉语词典》第7版; 《党政机关公文处理工作条例》（文字准确）",
        fires: ["了解的的规定。"],
        quiet: ["此事不了了之。", "谢谢大家。"],
    },
    rule_meta! {
        id: "half-width-punctuation",
        family: "punctuation",
        kind: Usage,
        severity: Warning,
        summary: "a half-width , ; : ? ! between Chinese characters",
        explanation: "Chinese text takes full-width punctuation (GB/T 15834-2011 5.1); a \
            half-width comma between two Chinese characters is a typesetting error visible on \
            every page that repeats it. Numbers (1,000), times (10:30), URLs and English never \
            have a Chinese character on both sides, so they stay quiet. Safe fix: the full-width \
            mark.",
        source: "GB/T 15834-2011《标点符号用法》5.1",
        fires: ["各部门,各单位。"],
        quiet: ["共1,000人，10:30开会。"],
    },
    rule_meta! {
        id: "unpaired-mark",
        family: "punctuation",
        kind: Usage,
        severity: Warning,
        summary: "a 《》, “” or （） without its partner in the same paragraph",
        explanation: "A title mark or quotation mark left open makes the extent of a document \
            title or quotation unclear, which in an official notice can change what is cited. A \
            paragraph leaving “ open is fine when the next one opens with “ (a quotation of \
            several paragraphs), and 1） at the start of an item is an enumeration. Add the \
            partner or delete the mark.",
        source: SOURCE,
        fires: ["印发《关于加强管理的通知。"],
        quiet: ["印发《关于加强管理的通知》。", "1）加强管理。"],
    },
];

/// The punctuation family.
#[derive(Debug)]
pub(crate) struct Punctuation {
    unpaired: &'static RuleMeta,
    titles: &'static RuleMeta,
    half_width: &'static RuleMeta,
    doubled: &'static RuleMeta,
}

impl Punctuation {
    pub(crate) fn new() -> Punctuation {
        Punctuation {
            unpaired: rule_of(RULES, "unpaired-mark"),
            titles: rule_of(RULES, "comma-between-titles"),
            half_width: rule_of(RULES, "half-width-punctuation"),
            doubled: rule_of(RULES, "doubled-character"),
        }
    }

    /// Unpaired marks, one paragraph (line) at a time.
    fn unpaired(&self, text: &str, out: &mut Vec<Finding>) {
        let mut hits: Vec<(usize, char)> = Vec::new();
        for_each_paired_mark(text, |s, c| hits.push((s, c)));
        let mut lone: Vec<(usize, char)> = Vec::new();
        let mut k = 0;
        while k < hits.len() {
            let bytes = text.as_bytes();
            let line_start = memchr::memrchr(b'\n', &bytes[..hits[k].0]).map_or(0, |n| n + 1);
            let line_end =
                memchr::memchr(b'\n', &bytes[hits[k].0..]).map_or(text.len(), |n| hits[k].0 + n);
            let mut stack: Vec<(usize, char)> = Vec::new();
            // Where in `stack` each kind of opener sits (indices, bottom to top): the innermost
            // opener of a kind is found in O(1) instead of by a search down the stack, which
            // was quadratic on `《《《…”””…`.
            let mut by_kind: [Vec<usize>; 3] = Default::default();
            while k < hits.len() && hits[k].0 < line_end {
                let (at, c) = hits[k];
                k += 1;
                let Some(open) = opener_of(c) else {
                    by_kind[kind_of(c)].push(stack.len());
                    stack.push((at, c));
                    continue;
                };
                if let Some(&j) = by_kind[kind_of(open)].last() {
                    // Everything above the partner is left open: lone. Each of those sits on
                    // top of its own kind's list, so popping them keeps the lists in step.
                    for &(_, o) in &stack[j..] {
                        by_kind[kind_of(o)].pop();
                    }
                    lone.extend(stack.drain(j..).skip(1));
                } else if !(c == '）' && is_item_ordinal(&text[line_start..at])) {
                    lone.push((at, c));
                }
            }
            if stack.iter().any(|&(_, c)| c == '“') && next_paragraph_opens_quote(&text[line_end..])
            {
                stack.retain(|&(_, c)| c != '“');
            }
            lone.extend(stack);
        }
        lone.sort_unstable();
        for (at, c) in lone {
            let partner = match opener_of(c) {
                Some(o) => o,
                None => closer_of(c),
            };
            out.push(self.unpaired.finding(
                text,
                at..at + c.len_utf8(),
                format!("成对使用的标点 {c} 在本段中缺少与之配对的 {partner}（GB/T 15834-2011）：请补全或删去。"),
                vec![],
                Applicability::DisplayOnly,
            ));
        }
    }

    /// 》、《.
    fn titles(&self, text: &str, out: &mut Vec<Finding>) {
        const PAT: &str = "》、《";
        for at in memchr::memmem::find_iter(text.as_bytes(), PAT) {
            out.push(
                self.titles.finding(
                    text,
                    at..at + PAT.len(),
                    "标有书名号的并列成分之间通常不用顿号（GB/T 15834-2011 4.5.3.5）：应为“》《”。"
                        .to_string(),
                    vec!["》《".to_string()],
                    Applicability::Safe,
                ),
            );
        }
    }

    /// , ; : ? ! between Chinese characters, and , ; after a number in Chinese text
    /// (`增长5.2%,位居`; spaces after the mark are replaced too).
    fn half_width(&self, text: &str, out: &mut Vec<Finding>) {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        bytescan::for_each_position(
            bytes,
            |w, k| {
                let b = w[k];
                (b == b',') | (b == b';') | (b == b':') | (b == b'?') | (b == b'!')
            },
            |at| hits.push((at, bytes[at])),
        );
        for (at, b) in hits {
            let full = match b {
                b',' => "，",
                b';' => "；",
                b':' => "：",
                b'?' => "？",
                b'!' => "！",
                _ => continue,
            };
            let before = text[..at].chars().next_back();
            let after_chinese = before.is_some_and(|c| is_han(c) || matches!(c, '”' | '》' | '）'));
            let after_number = matches!(b, b',' | b';') && number_in_chinese(&text[..at]);
            if !after_chinese && !after_number {
                continue;
            }
            let rest = &text[at + 1..];
            let after = rest.trim_start_matches(' ');
            if !after
                .chars()
                .next()
                .is_some_and(|c| is_han(c) || matches!(c, '“' | '《' | '（'))
            {
                continue;
            }
            if inside_title(&text[..at]) {
                continue; // 《黑神话:悟空》: a title keeps its own spelling
            }
            let end = at + 1 + (rest.len() - after.len());
            out.push(self.half_width.finding(
                text,
                at..end,
                format!(
                    "中文语句中应使用全角标点“{full}”，而非半角“{}”（GB/T 15834-2011）。",
                    b as char
                ),
                vec![full.to_string()],
                Applicability::Safe,
            ));
        }
    }

    /// 的的, 了了 … read by jieba as two words of one character each.
    fn doubled(&self, text: &str, out: &mut Vec<Finding>) {
        for_each_doubled(text, |i, end| {
            let before = &text[..i];
            let after = &text[end..];
            let Some(c) = text[i..].chars().next() else {
                return;
            };
            let mut back = before.chars().rev();
            let (prev, prev2) = (back.next(), back.next());
            let mut fwd = after.chars();
            let (next, next2) = (fwd.next(), fwd.next());
            // Exactly two, and not half of an AABB form.
            if prev == Some(c) || next == Some(c) {
                return;
            }
            let pair = |a: Option<char>, b: Option<char>| a.is_some_and(is_han) && a == b;
            if pair(next, next2) || pair(prev, prev2) {
                return;
            }
            let mid = i + c.len_utf8();
            if segment::cuts_through_word(text, i, mid)
                || segment::cuts_through_word(text, mid, end)
            {
                return;
            }
            out.push(self.doubled.finding(
                text,
                i..end,
                format!("“{c}”字重复，疑为多打了一个：应为“{c}”。"),
                vec![c.to_string()],
                Applicability::Safe,
            ));
        });
    }
}

/// Calls `f(offset, mark)` for each `《“（》”）` of `text`, left to right.
///
/// A byte filter finds them (they are `E3 80 8A/8B`, `E2 80 9C/9D` and `EF BC 88/89` in UTF-8),
/// many times faster than an automaton pass over the six marks.
fn for_each_paired_mark(text: &str, mut f: impl FnMut(usize, char)) {
    let bytes = text.as_bytes();
    bytescan::for_each_position(
        bytes,
        |w, k| {
            let (b0, b1, b2) = (w[k], w[k + 1], w[k + 2] | 1);
            // `&` and `|`, not `&&` and `||`: no branches, so the test vectorises.
            (b1 == 0x80) & (((b0 == 0xE3) & (b2 == 0x8B)) | ((b0 == 0xE2) & (b2 == 0x9D)))
                | ((b0 == 0xEF) & (b1 == 0xBC) & (b2 == 0x89))
        },
        |at| {
            let mark = match bytes.get(at..at + 3) {
                Some([0xE3, 0x80, 0x8A]) => '《',
                Some([0xE3, 0x80, 0x8B]) => '》',
                Some([0xE2, 0x80, 0x9C]) => '“',
                Some([0xE2, 0x80, 0x9D]) => '”',
                Some([0xEF, 0xBC, 0x88]) => '（',
                Some([0xEF, 0xBC, 0x89]) => '）',
                _ => return,
            };
            f(at, mark);
        },
    );
}

/// Calls `f(start, end)` for each of [`DOUBLED`] written twice, left to right and without
/// overlaps, as a leftmost-longest scan for these pairs reports them (`的的的的` gives two).
///
/// A byte filter finds the places where a three-byte sequence repeats right away (rare in
/// Chinese text); only there is the character looked up.
fn for_each_doubled(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut next = 0;
    bytescan::for_each_position(
        bytes,
        |w, k| (w[k] == w[k + 3]) & (w[k + 1] == w[k + 4]) & (w[k + 2] == w[k + 5]),
        |at| {
            // Every character of DOUBLED takes three bytes and starts with a lead byte, so a
            // pair found at a byte offset starts on a character boundary.
            if at < next || bytes.get(at..at + 3) != bytes.get(at + 3..at + 6) {
                return;
            }
            let Some(c) = text.get(at..at + 3).and_then(|s| s.chars().next()) else {
                return;
            };
            if DOUBLED.contains(&c) {
                next = at + 6;
                f(at, at + 6);
            }
        },
    );
}

/// The opener of closing mark `c`, `None` for an opener.
/// True when `before` ends with a number (`5.2%`, `2024`, `3.5‰`) written right after a
/// Chinese character (`增长5.2%`): a comma after it belongs to the Chinese sentence. `1,000`
/// never gets here (a Chinese character must follow the comma) and `version 2,` has no Chinese
/// character before its number.
fn number_in_chinese(before: &str) -> bool {
    let rest = before.trim_end_matches(['%', '‰', '％']);
    let digits = rest.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    digits.len() < rest.len()
        && rest[digits.len()..].starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().next_back().is_some_and(is_han)
}

/// True when `before` ends inside an open 《…》 title on the same line (looking back a bounded
/// distance, so a long line full of marks stays linear).
fn inside_title(before: &str) -> bool {
    let mut from = before.len().saturating_sub(192);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    let window = window.rsplit('\n').next().unwrap_or(window);
    match (window.rfind('《'), window.rfind('》')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// 0, 1 or 2 for the three kinds of paired mark (either side of the pair).
fn kind_of(c: char) -> usize {
    match c {
        '《' | '》' => 0,
        '“' | '”' => 1,
        _ => 2,
    }
}

fn opener_of(c: char) -> Option<char> {
    match c {
        '》' => Some('《'),
        '”' => Some('“'),
        '）' => Some('（'),
        _ => None,
    }
}

/// The closer of opening mark `c`.
fn closer_of(c: char) -> char {
    match c {
        '《' => '》',
        '“' => '”',
        _ => '）',
    }
}

/// True when the first non-blank line of `rest` opens with `“`: a quotation of several
/// paragraphs opens each of them with `“` and closes only the last (GB/T 15834-2011 on 引号).
fn next_paragraph_opens_quote(rest: &str) -> bool {
    rest.split('\n')
        .map(|l| l.trim_start_matches([' ', '\t', '\u{3000}', '\r']))
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with('“'))
}

/// True when `before` (the text of the line before a `）`) ends in a short item ordinal at the
/// start of the line or after a sentence break: `1`, `12`, `一`, `a`.
fn is_item_ordinal(before: &str) -> bool {
    let tail: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(*c))
        .take(4)
        .collect();
    if tail.is_empty() || tail.len() > 3 {
        return false;
    }
    let head = &before[..before.len() - tail.iter().map(|c| c.len_utf8()).sum::<usize>()];
    head.trim_end_matches([' ', '\t', '\u{3000}'])
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '\n' | '。' | '；' | '：' | '，' | '！' | '？'))
}

impl Family for Punctuation {
    fn name(&self) -> &'static str {
        "punctuation"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        self.unpaired(cx.text, out);
        // The “通常不用顿号” clause is new in GB/T 15834-2011: texts dated before it took effect
        // followed GB/T 15834-1995, which has no such clause.
        if cx.as_of >= GB_T_15834_2011 {
            self.titles(cx.text, out);
        }
        self.half_width(cx.text, out);
        self.doubled(cx.text, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{assert_flags, assert_quiet, checker, findings};

    #[test]
    fn unpaired_marks_are_reported_without_a_fix() {
        let u = "unpaired-mark";
        assert_flags("印发《关于加强管理的通知。", u, "《", None);
        assert_flags("他说：“我们要加强管理。", u, "“", None);
        assert_flags("会议（扩大）决定）。", u, "）", None);
        assert_flags("见附件）。详见通知", u, "）", None);
        assert_flags("（一）加强领导。（二加强管理。", u, "（", None);
        // The inner mark is the unpaired one.
        assert_flags("《关于“十四五规划》", u, "“", None);
        assert_quiet("印发《关于加强管理的通知》。", u);
        assert_quiet("他说：“《宪法》（2018年修正）是根本法。”", u);
        assert_quiet("（一）加强领导。\n（二）加强管理。", u);
        assert_quiet("1）加强领导；2）加强管理。\n一）总则", u);
        assert_quiet("“第一段引文。\n“第二段引文。”", u);
        assert_quiet("if (a) { b(); } // English (parentheses", u);
    }

    #[test]
    fn unpaired_is_per_paragraph() {
        let f = findings("印发《关于加强管理\n的通知》。", "unpaired-mark");
        let texts: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["《", "》"]);
        assert_eq!(f[1].line, 2);
    }

    #[test]
    fn comma_between_titles() {
        let r = "comma-between-titles";
        assert_flags("学习《宪法》、《民法典》。", r, "》、《", Some("》《"));
        assert_quiet("坚持“四个意识”、“四个自信”。", r);
        assert_quiet("学习《宪法》《民法典》。", r);
        assert_quiet("学习《宪法》（2018年修正）、《民法典》。", r);
        assert_eq!(checker().fix("《A》、《B》、《C》"), "《A》《B》《C》");
    }

    #[test]
    fn comma_between_titles_follows_the_norm_in_force() {
        use crate::Date;
        let text = "学习《宪法》、《民法典》。";
        let on = |y, m, d| {
            checker()
                .check_as_of(text, Date::new(y, m, d).unwrap())
                .iter()
                .any(|f| f.rule == "comma-between-titles")
        };
        assert!(!on(1998, 5, 1), "GB/T 15834-1995 had no such clause");
        assert!(!on(2012, 5, 31));
        assert!(on(2012, 6, 1));
    }

    #[test]
    fn half_width_marks_between_chinese_characters() {
        let r = "half-width-punctuation";
        assert_flags("各部门,各单位要高度重视。", r, ",", Some("，"));
        assert_flags("通知如下:一是加强领导。", r, ":", Some("："));
        assert_flags("是否属实?请核实。", r, "?", Some("？"));
        assert_flags("加油!我们能行。", r, "!", Some("！"));
        assert_flags("一是加强领导; 二是加强管理。", r, "; ", Some("；"));
        assert_flags("他说,“好”", r, ",", Some("，"));
        assert_flags("同比增长5.2%,位居全省第一。", r, ",", Some("，"));
        assert_flags("共有1200人,其中", r, ",", Some("，"));
        for quiet in [
            "共计1,000元。",
            "会议于10:30开始。",
            "比例为3:2。",
            "详见 https://www.gov.cn/zhengce/a,b?id=1 网页。",
            "let x = a ? b : c;",
            "Hello, world! How are you?",
            "各部门，各单位要高度重视。",
            "时间：上午9:00",
            "借助《黑神话:悟空》开发相关产品。",
            "version 2,中文版",
            "增长5.2%，位居全省第一。",
        ] {
            assert_quiet(quiet, r);
        }
        assert_eq!(
            checker().fix("各部门,各单位:请于周五前报送?"),
            "各部门，各单位：请于周五前报送?"
        );
    }

    #[test]
    fn doubled_function_characters() {
        let r = "doubled-character";
        assert_flags("这是我们的的工作。", r, "的的", Some("的"));
        assert_flags("会议结束了了。", r, "了了", Some("了"));
        assert_flags("这是是一项重要工作。", r, "是是", Some("是"));
        assert_flags("会议在在北京召开。", r, "在在", Some("在"));
        for quiet in [
            "谢谢大家。",
            "我们常常说，天天向上。",
            "看看，人人都明明白白，往往如此。",
            "他说的的确是事实。",
            "这件事不了了之。",
            "为了达到目的的手段。",
            "做了了解和调研。",
            "是是非非要分清。",
            "的的确确如此。",
            "是是是，马上办。",
            "和和美美过日子。",
        ] {
            assert_quiet(quiet, r);
        }
        assert_eq!(checker().fix("我们的的工作"), "我们的工作");
    }
}

#[cfg(test)]
mod props {
    //! Arbitrary mixes of the characters these families look at (noise, term characters,
    //! paired marks, digits, line breaks) never panic, spans fall on character boundaries and
    //! fixes are idempotent.
    use proptest::prelude::*;

    use crate::{Checker, Date, Selector};

    const RULES: &[&str] = &[
        "obfuscated-sensitive-term",
        "year-with-ling",
        "unpaired-mark",
        "comma-between-titles",
        "half-width-punctuation",
        "doubled-character",
    ];

    const ALPHABET: &[char] = &[
        '百', '家', '乐', '六', '合', '彩', '代', '开', '发', '票', '的', '了', '是', '年', '零',
        '二', '〇', '三', ' ', '*', '.', ',', ';', ':', '?', '!', '\u{200B}', '\u{FEFF}',
        '\u{3000}', '＊', '·', 'Ｂ', 'b', 'E', '3', '《', '》', '“', '”', '（', '）', '、', '，',
        '。', '\n', '\r', '1', '😀', 'a',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn spans_are_sound_and_fixes_idempotent(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..40),
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            let c = Checker::builder()
                .as_of(Date::new(2025, 6, 1).unwrap())
                .select(RULES.iter().map(|r| Selector::Rule(r.to_string())))
                .build()
                .unwrap();
            for f in c.check(&text) {
                prop_assert!(text.is_char_boundary(f.byte_start) && text.is_char_boundary(f.byte_end));
                prop_assert_eq!(&text[f.byte_start..f.byte_end], f.text.as_str());
                prop_assert!(f.byte_start < f.byte_end);
            }
            let once = c.fix(&text);
            prop_assert_eq!(c.fix(&once), once.clone(), "fixing {:?} twice", text);
        }

        /// The linear matching of marks (issue 13) reports what the former search down the
        /// stack reported.
        #[test]
        fn unpaired_marks_match_a_stack_search(
            picks in proptest::collection::vec(0..MARKS.len(), 0..60),
        ) {
            let text: String = picks.iter().map(|&i| MARKS[i]).collect();
            let mut got = Vec::new();
            super::Punctuation::new().unpaired(&text, &mut got);
            let got: Vec<usize> = got.iter().map(|f| f.byte_start).collect();
            prop_assert_eq!(got, stack_search(&text), "{:?}", text);
        }
    }

    const MARKS: &[char] = &['《', '》', '“', '”', '（', '）', '\n', '1', '甲'];

    /// The former algorithm: for each closer, search down the stack for its opener (quadratic
    /// on `《《《…”””…`, kept here as the reference).
    fn stack_search(text: &str) -> Vec<usize> {
        use super::{is_item_ordinal, next_paragraph_opens_quote, opener_of};
        let mut lone = Vec::new();
        let mut line_start = 0;
        for line in text.split('\n') {
            let line_end = line_start + line.len();
            let mut stack: Vec<(usize, char)> = Vec::new();
            for (i, c) in line.char_indices() {
                let at = line_start + i;
                if !"《》“”（）".contains(c) {
                    continue;
                }
                let Some(open) = opener_of(c) else {
                    stack.push((at, c));
                    continue;
                };
                if let Some(j) = stack.iter().rposition(|&(_, o)| o == open) {
                    lone.extend(stack.drain(j..).skip(1));
                } else if !(c == '）' && is_item_ordinal(&text[line_start..at])) {
                    lone.push((at, c));
                }
            }
            if stack.iter().any(|&(_, c)| c == '“') && next_paragraph_opens_quote(&text[line_end..])
            {
                stack.retain(|&(_, c)| c != '“');
            }
            lone.extend(stack);
            line_start = line_end + 1;
        }
        lone.sort_unstable();
        lone.into_iter().map(|(at, _)| at).collect()
    }
}
