//! # Numbers (GB/T 15835-2011《出版物上数字用法》)
//!
//! **What it flags** (`year-with-ling`): a year written in Chinese numerals with `零` as a digit,
//! e.g. `二零二三年`.
//!
//! **Why**: GB/T 15835-2011 writes the Chinese form of the digit 0 as `零` when a number counts
//! something (`三千零五十二`) and as `〇` when it labels something, as a year does (`二〇一二年`,
//! not `二零一二年`).
//!
//! **Example**: `二零二三年工作总结` → `year-with-ling` on `二零二三年`, suggestion `二〇二三年`
//! (a safe fix: `zhproof fix` applies it).
//!
//! **What to write instead**: `二〇二三年`, or `2023年`.
//!
//! Texts whose reference date is before 2011-11-01, when GB/T 15835-2011 took effect, are not
//! checked: the rule is that norm's.
//!
//! Only four-digit years made of single-digit numerals count: `一年零三个月`, `三千零二年` and
//! `零八年` stay quiet.

use crate::date::Date;
use crate::finding::{Applicability, Finding};
use crate::rules::{rule_meta, Context, Family, RuleMeta};

/// GB/T 15835-2011 took effect on 2011-11-01 (published 2011-07-29).
pub(crate) const GB_T_15835_2011: Date = match Date::new(2011, 11, 1) {
    Some(d) => d,
    None => unreachable!(),
};

/// Chinese numerals used as single digits of a year.
fn is_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// Characters that make the numeral before them part of a larger number or word.
fn extends_number(c: char) -> bool {
    is_digit(c)
        || matches!(
            c,
            '十' | '百' | '千' | '万' | '亿' | '两' | '第' | '○' | 'O'
        )
}

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[rule_meta! {
    id: "year-with-ling",
    family: "numbers",
    kind: Usage,
    severity: Warning,
    summary: "a year in Chinese numerals written with 零 instead of 〇 (二零二三年)",
    explanation: "GB/T 15835-2011 writes the Chinese digit 0 as 〇 when a number labels \
        something, as a year does (二〇二三年), and as 零 only when it counts (三千零五十二). \
        Official documents and their web versions follow it; inspections count 二零二三年 as \
        an error of number usage. Texts dated before the norm took effect (2011-11-01) are not \
        checked. Write 二〇二三年 or 2023年 (a safe fix).",
    source: "GB/T 15835-2011《出版物上数字用法》（“0”用作编号时写作“〇”）",
    fires: ["二零二三年工作总结"],
    quiet: ["二〇二三年工作总结，历时一年零三个月。"],
}];

/// The numbers family.
#[derive(Debug)]
pub(crate) struct Numbers {
    year: &'static RuleMeta,
}

impl Numbers {
    pub(crate) fn new() -> Numbers {
        Numbers { year: &RULES[0] }
    }
}

impl Family for Numbers {
    fn name(&self) -> &'static str {
        "numbers"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // The rule is GB/T 15835-2011's; a text dated before it took effect is not held to it.
        if cx.as_of < GB_T_15835_2011 {
            return;
        }
        let text = cx.text;
        for at in memchr::memmem::find_iter(text.as_bytes(), "年") {
            // The digits right before 年 (up to five): how many, where the fourth starts, and
            // whether one is 零.
            let (mut count, mut start, mut zero) = (0, at, false);
            for (i, c) in text[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_digit(c))
                .take(5)
            {
                count += 1;
                start = i;
                zero |= c == '零';
            }
            if count != 4 || !zero {
                continue;
            }
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(extends_number)
            {
                continue;
            }
            let end = at + '年'.len_utf8();
            let fixed = text[start..end].replace('零', "〇");
            out.push(self.year.finding(
                text,
                start..end,
                format!(
                    "年份“{}”中的“零”应写作“〇”（GB/T 15835-2011）：应为“{fixed}”。",
                    &text[start..end]
                ),
                vec![fixed],
                Applicability::Safe,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{assert_flags, assert_quiet, checker};

    const RULE: &str = "year-with-ling";

    #[test]
    fn years_with_ling_are_flagged_with_a_safe_fix() {
        assert_flags("二零二三年工作总结", RULE, "二零二三年", Some("二〇二三年"));
        assert_flags("自一九九零年以来", RULE, "一九九零年", Some("一九九〇年"));
        assert_flags("二〇零八年奥运会", RULE, "二〇零八年", Some("二〇〇八年"));
        assert_eq!(
            checker().fix("二零二三年和二零零零年"),
            "二〇二三年和二〇〇〇年"
        );
    }

    #[test]
    fn texts_dated_before_the_norm_are_not_held_to_it() {
        use crate::Date;
        let found = |y, m, d| {
            checker()
                .check_as_of("到二零一零年形成体系", Date::new(y, m, d).unwrap())
                .iter()
                .filter(|f| f.rule == RULE)
                .count()
        };
        assert_eq!(found(1997, 9, 12), 0);
        assert_eq!(found(2011, 10, 31), 0);
        assert_eq!(found(2011, 11, 1), 1);
    }

    #[test]
    fn correct_years_and_quantities_stay_quiet() {
        for text in [
            "二〇二三年工作总结",
            "2023年工作总结",
            "历时一年零三个月",
            "三千零二年前",
            "零八年那场雪",
            "一二三零零年",
            "第一二零零年",
            "十二零二三年",
        ] {
            assert_quiet(text, RULE);
        }
    }
}
