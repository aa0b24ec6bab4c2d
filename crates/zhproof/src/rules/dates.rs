//! # Dates that cannot be
//!
//! **What it flags**:
//! - `impossible-date`: a calendar date that does not exist: `2024年2月30日`, `2024年13月5日`,
//!   `4月31日`, `2023年2月29日` (not a leap year), written with Arabic (half- or full-width) or
//!   Chinese numerals (`二〇二四年二月三十日`).
//! - `wrong-weekday`: a weekday that does not match its date, `2024年3月1日（星期三）` (a Friday).
//!
//! **Why**: a date that cannot exist, or a weekday that contradicts it, is a factual error in a
//! notice (a meeting that cannot be attended); inspections count it as a serious error.
//!
//! **Example**: `会议定于2024年3月1日（星期三）召开` → `wrong-weekday` on `星期三`,
//! suggestion `星期五`.
//!
//! **What to write instead**: the right date or weekday (the suggestion gives the weekday of the
//! written date; which of the two is wrong only the author knows, so nothing is fixed
//! automatically).
//!
//! Lunar dates (`农历二月三十`, `腊月三十`) are not Gregorian and stay quiet, as do a month and
//! day without a year that exist in some year (`2月29日`).

use crate::date::{days_in_month, Date};
use crate::finding::{Applicability, Finding};
use crate::rules::{rule_meta, rule_of, Context, Family, RuleMeta};

const CALENDAR: &str = "公历（格里高利历）：大月31日，小月30日，平年2月28日、闰年2月29日";

/// The rules of this family.
pub(crate) const RULES: &[RuleMeta] = &[
    rule_meta! {
        id: "impossible-date",
        family: "dates",
        kind: Expression,
        severity: Error,
        summary: "a date that does not exist (2024年2月30日, 2024年13月5日)",
        explanation: "A calendar date that cannot exist, such as 2月30日, 4月31日, 13月 or 2月29日 \
            in a year that is not a leap year, is a factual error in a notice or report: readers \
            cannot tell which day was meant, and inspections of government sites count it as a \
            serious expression error. Check the source and write the real date. Lunar dates \
            (农历二月三十) are not Gregorian dates and are left alone.",
        source: CALENDAR,
        fires: ["会议定于2024年2月30日召开。", "2023年2月29日发布。", "二〇二四年十三月五日"],
        quiet: ["会议定于2024年2月29日召开。", "农历二月三十日", "每年2月29日前后"],
    },
    rule_meta! {
        id: "wrong-weekday",
        family: "dates",
        kind: Expression,
        severity: Error,
        summary: "a weekday that does not match its date (2024年3月1日（星期三）)",
        explanation: "A weekday written next to a date must be the weekday of that date: \
            2024年3月1日 was a Friday, so 2024年3月1日（星期三） tells readers two different days \
            and a meeting notice becomes impossible to follow. Inspections count it as a factual \
            error. The suggestion gives the weekday of the written date; only the author knows \
            whether the date or the weekday is wrong, so nothing is fixed automatically.",
        source: CALENDAR,
        fires: ["会议定于2024年3月1日（星期三）召开。"],
        quiet: ["会议定于2024年3月1日（星期五）召开。", "3月1日（星期三）"],
    },
];

/// The dates family.
#[derive(Debug)]
pub(crate) struct Dates {
    impossible: &'static RuleMeta,
    weekday: &'static RuleMeta,
}

/// The value of a digit: ASCII, full-width or a Chinese numeral used as a digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | '○' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A number read backwards from the end of `s`: its value and its start. Arabic digits (any
/// count up to 4) or Chinese numerals (十, 二十三, 三十一, or digit by digit for a year).
fn number_before(s: &str, year: bool) -> Option<(u32, usize)> {
    let mut chars = s.char_indices().rev().peekable();
    let &(_, last) = chars.peek()?;
    if is_arabic(last) {
        let mut start = s.len();
        let mut digits = Vec::new();
        while let Some(&(i, c)) = chars.peek() {
            if !is_arabic(c) || digits.len() == 4 {
                break;
            }
            digits.push(digit(c)?);
            start = i;
            chars.next();
        }
        // Part of a longer number (12345年) or of a decimal (1.5月): not a date.
        if chars
            .peek()
            .is_some_and(|&(_, c)| is_arabic(c) || matches!(c, '.' | '．' | ',' | '-' | '/' | '第'))
        {
            return None;
        }
        let value = digits.iter().rev().fold(0, |v, d| v * 10 + d);
        return Some((value, start));
    }
    // Chinese numerals.
    let mut start = s.len();
    let mut run: Vec<char> = Vec::new();
    while let Some(&(i, c)) = chars.peek() {
        if digit(c).is_none() && c != '十' || run.len() == 4 {
            break;
        }
        run.push(c);
        start = i;
        chars.next();
    }
    if run.is_empty()
        || chars
            .peek()
            .is_some_and(|&(_, c)| matches!(c, '百' | '千' | '万' | '亿' | '第' | '几' | '两'))
    {
        return None;
    }
    run.reverse();
    let value = if year {
        if run.len() != 4 || run.contains(&'十') {
            return None;
        }
        run.iter().try_fold(0, |v, &c| Some(v * 10 + digit(c)?))?
    } else {
        match run.as_slice() {
            ['十'] => 10,
            [d] => digit(*d)?,
            ['十', d] => 10 + digit(*d)?,
            [t, '十'] => digit(*t)? * 10,
            [t, '十', d] => digit(*t)? * 10 + digit(*d)?,
            _ => return None,
        }
    };
    Some((value, start))
}

/// Chinese weekday names and their index (Monday = 0).
const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// The weekday written right after a date: `（星期三）`, `(周三)`, `，星期三`, ` 星期三`.
/// Returns its span (the name, e.g. `星期三`), index and prefix (`星期`, `礼拜` or `周`). After a
/// comma only `星期`/`礼拜` count (`3月1日，周三报送` may start a new phrase).
fn weekday_after(text: &str, at: usize) -> Option<(usize, usize, usize, &'static str)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{3000}']);
    let mut p = at + (rest.len() - trimmed.len());
    let opener = ["（", "(", "，", ",", "、"]
        .into_iter()
        .find(|o| trimmed.starts_with(o));
    let comma = opener.is_some_and(|o| !matches!(o, "（" | "("));
    let body = &trimmed[opener.map_or(0, str::len)..];
    p += opener.map_or(0, str::len);
    for prefix in ["星期", "礼拜", "周"] {
        if comma && prefix == "周" {
            continue;
        }
        if let Some(r) = body.strip_prefix(prefix) {
            let c = r.chars().next()?;
            let idx = match c {
                '天' => 6,
                _ => WEEKDAYS.iter().position(|w| w.starts_with(c))?,
            };
            // 周一至周五: a range, not the weekday of the date.
            let end = p + prefix.len() + c.len_utf8();
            if text[end..].starts_with(['至', '到', '-', '—', '~', '～']) {
                return None;
            }
            return Some((p, end, idx, prefix));
        }
    }
    None
}

/// Day of the week of `d`, Monday = 0 (1970-01-01 was a Thursday).
fn weekday(d: Date) -> usize {
    (d.days_since_epoch() + 3).rem_euclid(7) as usize
}

/// True when the clause before `at` speaks of the lunar calendar.
fn lunar(text: &str, at: usize, month_text: &str) -> bool {
    if matches!(month_text, "正" | "腊" | "冬" | "闰") {
        return true;
    }
    let before: String = text[..at]
        .chars()
        .rev()
        .take_while(|&c| !matches!(c, '。' | '；' | '\n'))
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    ["农历", "阴历", "夏历", "旧历", "闰"]
        .iter()
        .any(|w| before.contains(w))
}

impl Dates {
    pub(crate) fn new() -> Dates {
        Dates {
            impossible: rule_of(RULES, "impossible-date"),
            weekday: rule_of(RULES, "wrong-weekday"),
        }
    }
}

impl Family for Dates {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.text;
        // Every 月 with a number before it.
        for at in memchr::memmem::find_iter(text.as_bytes(), "月") {
            let Some((month, m_start)) = number_before(&text[..at], false) else {
                continue;
            };
            let month_text = &text[m_start..at];
            // A year right before the month: 2024年 or 二〇二四年.
            let year = text[..m_start]
                .strip_suffix('年')
                .and_then(|s| number_before(s, true))
                .filter(|&(y, _)| (1000..=2999).contains(&y));
            let start = year.map_or(m_start, |(_, s)| s);
            let after = at + '月'.len_utf8();
            // The day, if any: 月 followed by a number and 日 or 号.
            let day_end = text[after..]
                .char_indices()
                .take_while(|&(_, c)| digit(c).is_some() || c == '十')
                .last()
                .map(|(i, c)| after + i + c.len_utf8());
            let day = day_end.and_then(|e| {
                let unit = text[e..].chars().next()?;
                if unit != '日' && unit != '号' {
                    return None;
                }
                let (d, s) = number_before(&text[..e], false)?;
                (s == after).then_some((d, e + unit.len_utf8()))
            });
            let month_is_lunar = lunar(text, start, month_text);
            if month == 0 || month > 12 {
                // Only with a year or a day: `13月` alone may be a count (十三个月 is written
                // with 个, but 第13月 …), so a bare month number stays quiet.
                if year.is_none() && day.is_none() {
                    continue;
                }
                let end = day.map_or(after, |(_, e)| e);
                out.push(self.impossible.finding(
                    text,
                    start..end,
                    format!("日期“{}”不存在：一年只有12个月。", &text[start..end]),
                    vec![],
                    Applicability::DisplayOnly,
                ));
                continue;
            }
            let Some((day, end)) = day else { continue };
            if month_is_lunar {
                continue;
            }
            let max = match year {
                Some((y, _)) => days_in_month(y as i32, month),
                None if month == 2 => 29,
                None => days_in_month(2001, month),
            };
            if day == 0 || day > max {
                let why = if month == 2 && day == 29 {
                    format!("{}年不是闰年，2月只有28天", year.map_or(0, |y| y.0))
                } else {
                    format!("{month}月只有{max}天")
                };
                out.push(self.impossible.finding(
                    text,
                    start..end,
                    format!("日期“{}”不存在：{why}。", &text[start..end]),
                    vec![],
                    Applicability::DisplayOnly,
                ));
                continue;
            }
            let Some((y, _)) = year else { continue };
            let Some(date) = Date::new(y as i32, month, day) else {
                continue;
            };
            if let Some((ws, we, idx, prefix)) = weekday_after(text, end) {
                let actual = weekday(date);
                if idx != actual {
                    let written = &text[ws..we];
                    let right = format!("{prefix}{}", WEEKDAYS[actual]);
                    out.push(self.weekday.finding(
                        text,
                        ws..we,
                        format!(
                            "星期与日期不符：{date}是{}，不是“{written}”。",
                            format_args!("星期{}", WEEKDAYS[actual])
                        ),
                        vec![right],
                        Applicability::Unsafe,
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::weekday;
    use crate::rules::test_util::{assert_flags, assert_quiet};
    use crate::Date;

    #[test]
    fn weekdays_of_known_dates() {
        let w = |y, m, d| weekday(Date::new(y, m, d).unwrap());
        assert_eq!(w(1970, 1, 1), 3); // Thursday
        assert_eq!(w(2024, 3, 1), 4); // Friday
        assert_eq!(w(2000, 2, 29), 1); // Tuesday
        assert_eq!(w(2026, 11, 30), 0); // Monday
    }

    #[test]
    fn dates_that_do_not_exist_are_flagged() {
        let r = "impossible-date";
        assert_flags("会议于2024年2月30日召开", r, "2024年2月30日", None);
        assert_flags("2024年13月5日发布", r, "2024年13月5日", None);
        assert_flags("截至2023年2月29日", r, "2023年2月29日", None);
        assert_flags("定于4月31日前完成", r, "4月31日", None);
        assert_flags("二〇二四年二月三十日", r, "二〇二四年二月三十日", None);
        assert_flags("２０２４年６月３１日", r, "２０２４年６月３１日", None);
        assert_flags("于2月30号前报送", r, "2月30号", None);
        assert_flags(
            "二〇二三年十一月三十一日",
            r,
            "二〇二三年十一月三十一日",
            None,
        );
    }

    #[test]
    fn real_and_lunar_dates_stay_quiet() {
        for text in [
            "2024年2月29日是闰日",
            "2月29日前报送",
            "2024年12月31日",
            "二〇二四年二月二十九日",
            "二〇二四年十月三十一日",
            "农历二月三十日",
            "腊月三十日",
            "1至13月累计",
            "连续13个月",
            "12345年3月1日",
            "2024年1.5月",
            "第13月",
            "2024年3月",
        ] {
            assert_quiet(text, "impossible-date");
        }
    }

    #[test]
    fn a_weekday_that_does_not_match_its_date_is_flagged() {
        let r = "wrong-weekday";
        assert_flags(
            "会议定于2024年3月1日（星期三）召开",
            r,
            "星期三",
            Some("星期五"),
        );
        assert_flags("2024年3月1日(周日)", r, "周日", Some("周五"));
        assert_flags("2024年3月2日，星期五", r, "星期五", Some("星期六"));
        assert_flags("二〇二四年三月三日 礼拜一", r, "礼拜一", Some("礼拜日"));
    }

    #[test]
    fn matching_weekdays_stay_quiet() {
        for text in [
            "会议定于2024年3月1日（星期五）召开",
            "2024年3月3日（星期日）",
            "2024年3月3日（星期天）",
            "2024年3月4日周一至周五",
            "3月1日（星期三）",
            "2024年3月1日，周三报送材料后",
        ] {
            assert_quiet(text, "wrong-weekday");
        }
    }
}
