//! Shared by the date-aware families: is a mention historical?
//!
//! A name that changed on a date (an institution renamed, a leader who left office) is still
//! right when the text speaks of the time before: `原国家卫生计生委`, `时任国务院总理李克强`, or a
//! year before the change in the same sentence (`2017年国家卫生计生委印发……`). These helpers
//! read only the text; the reference date comes from the caller.

use crate::date::Date;

/// Words that, right before a name, mark it as the name of the time (原、时任、前 …).
const HISTORICAL_PREFIXES: &[&str] = &["原", "时任", "前", "曾任", "当时的", "原来的"];

/// Characters that end a sentence for the purpose of finding years "in the same sentence".
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n' | '\r' | '!' | '?' | ';')
}

/// How far (in characters) a sentence is read on each side of a mention. Real sentences are
/// shorter; the bound keeps text without sentence ends (a list of words, a table dump) from
/// costing a pass over the whole text per mention.
const SENTENCE_REACH: usize = 300;

/// The byte range of the sentence around `start..end`, at most [`SENTENCE_REACH`] characters
/// on each side.
pub(crate) fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut from = start;
    for (i, c) in text[..start].char_indices().rev().take(SENTENCE_REACH) {
        if ends_sentence(c) {
            break;
        }
        from = i;
    }
    let mut to = end;
    for (i, c) in text[end..].char_indices().take(SENTENCE_REACH) {
        if ends_sentence(c) {
            break;
        }
        to = end + i + c.len_utf8();
    }
    (from, to)
}

/// True when `text[..start]` ends with a word marking a historical mention (原、时任 …).
pub(crate) fn has_historical_prefix(text: &str, start: usize) -> bool {
    let before = &text[..start];
    HISTORICAL_PREFIXES.iter().any(|p| before.ends_with(p))
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | 'О' | 'o' | 'O' => Some(0),
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

/// The month written right after a year (`2017年3月`, `二〇一七年十一月`), 1..=12.
fn month_after(rest: &str) -> Option<u32> {
    let head: String = rest.chars().take_while(|&c| c != '月').take(3).collect();
    if !rest[head.len()..].starts_with('月') || head.is_empty() {
        return None;
    }
    let month = match head.as_str() {
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        _ => head
            .chars()
            .try_fold(0, |m, c| Some(m * 10 + digit_value(c)?))?,
    };
    (1..=12).contains(&month).then_some(month)
}

/// Every `YYYY年` (Arabic, full-width or Chinese digits) in `s`, with the month when one follows.
pub(crate) fn years(s: &str) -> Vec<(i32, Option<u32>)> {
    let mut out = Vec::new();
    if !s.contains('年') {
        return out;
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '年' || k < 4 {
            continue;
        }
        let digits: Option<Vec<u32>> = chars[k - 4..k]
            .iter()
            .map(|&(_, c)| digit_value(c))
            .collect();
        let before_ok = k == 4 || digit_value(chars[k - 5].1).is_none();
        if let (Some(d), true) = (digits, before_ok) {
            let year = d.iter().fold(0, |y, v| y * 10 + *v) as i32;
            if (1900..=2100).contains(&year) {
                out.push((year, month_after(&s[i + '年'.len_utf8()..])));
            }
        }
    }
    out
}

/// True when the sentence around `start..end` names a year (and month) before `date`.
pub(crate) fn sentence_dates_before(text: &str, start: usize, end: usize, date: Date) -> bool {
    let (from, to) = sentence(text, start, end);
    years(&text[from..to])
        .into_iter()
        .any(|(y, m)| y < date.year() || (y == date.year() && m.is_some_and(|m| m < date.month())))
}

/// True when the mention at `start..end` speaks of the time before `date`: a historical prefix
/// right before it, or a year before `date` in the same sentence.
pub(crate) fn is_historical(text: &str, start: usize, end: usize, date: Date) -> bool {
    has_historical_prefix(text, start) || sentence_dates_before(text, start, end, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_years_and_months() {
        assert_eq!(years("2017年国家卫生计生委印发"), [(2017, None)]);
        assert_eq!(years("二〇一八年三月十七日"), [(2018, Some(3))]);
        assert_eq!(
            years("2018年12月，以及１９９８年"),
            [(2018, Some(12)), (1998, None)]
        );
        assert_eq!(years("二〇一八年十一月"), [(2018, Some(11))]);
        assert!(years("12345年，100年，第十年").is_empty());
    }

    #[test]
    fn historical_mentions() {
        let d = Date::new(2018, 3, 17).unwrap();
        let t = "原国家卫生计生委印发通知。";
        assert!(is_historical(t, "原".len(), t.len() - 3, d));
        let t = "2017年国家卫生计生委印发通知。国家卫生计生委";
        let s = "2017年".len();
        assert!(is_historical(t, s, s + "国家卫生计生委".len(), d));
        let later = t.rfind("国家").unwrap();
        assert!(!is_historical(t, later, t.len(), d));
        let t = "2018年2月国家卫生计生委";
        assert!(is_historical(t, t.find('国').unwrap(), t.len(), d));
        let t = "2018年5月国家卫生计生委";
        assert!(!is_historical(t, t.find('国').unwrap(), t.len(), d));
    }

    #[test]
    fn sentences_end_at_punctuation_or_reach() {
        let t = "前句。2017年国家卫生计生委印发通知；后句";
        let s = t.find("国家").unwrap();
        let (a, b) = sentence(t, s, s + "国家卫生计生委".len());
        assert_eq!(&t[a..b], "2017年国家卫生计生委印发通知");
        let long = "字".repeat(SENTENCE_REACH + 50);
        let t = format!("{long}布署{long}");
        let s = long.len();
        let (a, b) = sentence(&t, s, s + "布署".len());
        assert_eq!(t[a..s].chars().count(), SENTENCE_REACH);
        assert_eq!(t[s + "布署".len()..b].chars().count(), SENTENCE_REACH);
        assert_eq!(sentence("布署", 0, 6), (0, 6));
    }
}
