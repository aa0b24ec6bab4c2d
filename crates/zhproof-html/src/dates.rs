//! Dates as Chinese government pages write them: `2023-10-25`, `2023/10/25`, `2023.10.25`,
//! `2023年10月25日` (optionally followed by a time), found in meta tags and in visible
//! 发布时间/发布日期 lines.

use zhproof::Date;

/// A date found at `start..end` (byte offsets) of the text it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub date: Date,
    /// Byte offset where its text starts.
    pub start: usize,
    /// Byte offset just past its text (the date, not a following time).
    pub end: usize,
}

fn digits(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut k = i;
    while k < b.len() && k - i < max && b[k].is_ascii_digit() {
        k += 1;
    }
    if k - i < min || b.get(k).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(&b[i..k])
        .ok()?
        .parse()
        .ok()
        .map(|n| (n, k))
}

/// Parses a date starting exactly at byte `i` of `s`.
pub fn date_at(s: &str, i: usize) -> Option<FoundDate> {
    let b = s.as_bytes();
    if i > 0 && b[i - 1].is_ascii_digit() {
        return None;
    }
    let (y, k) = digits(b, i, 4, 4)?;
    let rest = &s[k..];
    let (sep_len, cjk) = if rest.starts_with('年') {
        ('年'.len_utf8(), true)
    } else if matches!(rest.as_bytes().first(), Some(b'-' | b'/' | b'.')) {
        (1, false)
    } else {
        return None;
    };
    let sep = rest.as_bytes()[0];
    let (m, k2) = digits(b, k + sep_len, 1, 2)?;
    let rest = &s[k2..];
    let k3 = if cjk {
        rest.strip_prefix('月')?;
        k2 + '月'.len_utf8()
    } else {
        (rest.as_bytes().first() == Some(&sep)).then_some(k2 + 1)?
    };
    let (d, mut end) = digits(b, k3, 1, 2)?;
    if cjk {
        if s[end..].starts_with('日') || s[end..].starts_with('号') {
            end += 3;
        } else {
            return None;
        }
    }
    let date = Date::new(y as i32, m, d)?;
    (1990..=2100).contains(&y).then_some(FoundDate {
        date,
        start: i,
        end,
    })
}

/// The first date in `s`.
pub fn first_date(s: &str) -> Option<FoundDate> {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i].is_ascii_digit() && s.is_char_boundary(i))
        .find_map(|i| date_at(s, i))
}

/// Every date in `s`, left to right, not overlapping.
pub fn all_dates(s: &str) -> Vec<FoundDate> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            if let Some(d) = date_at(s, i) {
                i = d.end;
                out.push(d);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Labels that introduce a page's publication date in its visible text.
pub const PUBLISHED_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "发稿时间",
    "发表时间",
    "发布于",
    "时间",
];

/// The publication date shown in `text`: the first date within 16 bytes after one of
/// `PUBLISHED_LABELS` (`发布时间：2023-10-25 09:12`, `发布日期:2023年10月25日`).
pub fn labelled_date(text: &str) -> Option<FoundDate> {
    let mut best: Option<FoundDate> = None;
    for label in PUBLISHED_LABELS {
        let mut from = 0;
        while let Some(p) = text[from..].find(label) {
            let after = from + p + label.len();
            let window_end = (after + 24).min(text.len());
            let mut w = window_end;
            while !text.is_char_boundary(w) {
                w -= 1;
            }
            let window = &text[after..w];
            let lead = window.trim_start_matches([':', '：', ' ', '\u{a0}', '\u{3000}', '】', ']']);
            if let Some(d) = date_at(text, after + (window.len() - lead.len())) {
                if best.is_none_or(|b| d.start < b.start) {
                    best = Some(d);
                }
                break;
            }
            from = after;
        }
        if best.is_some() && *label != "时间" {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        for s in [
            "2023-10-25",
            "2023/10/25",
            "2023.10.25",
            "2023年10月25日",
            "2023-10-25 09:12",
            "2023年10月25号",
        ] {
            assert_eq!(first_date(s).unwrap().date.to_string(), "2023-10-25", "{s}");
        }
        assert_eq!(
            first_date("2023-1-5").unwrap().date.to_string(),
            "2023-01-05"
        );
        assert!(first_date("12023-10-25").is_none());
        assert!(first_date("2023-13-01").is_none());
        assert!(first_date("2023-10/25").is_none());
        assert!(first_date("电话 0797-8123456").is_none());
        let d = labelled_date("来源：县政府办　发布时间：2024-03-05 10:00　浏览次数：12").unwrap();
        assert_eq!(d.date.to_string(), "2024-03-05");
        assert_eq!(
            labelled_date("2020-01-01 旧闻。发布日期：2024年3月5日")
                .unwrap()
                .date
                .to_string(),
            "2024-03-05"
        );
        assert_eq!(all_dates("[2024-03-05] a [2024-02-01] b").len(), 2);
    }
}
