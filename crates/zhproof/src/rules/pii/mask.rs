//! Masking personal data in the form inspections expect, keeping the text's length in characters.
//!
//! | rule | kept | example | source |
//! | --- | --- | --- | --- |
//! | `id-card-number` (18) | first 6, last 4 | `360702********2312` | convention used by the issue: the area code and the last 4 stay, the birth date and sequence code are hidden. No national standard fixes the positions for identity numbers; GB/T 35273-2020 §6.2 and GB/T 37964-2019 only require de-identification |
//! | `id-card-number` (15) | first 6, last 3 | `360702******123` | the same rule applied to the legacy layout (6 area + 6 birth + 3 sequence), so that no digit of the birth date stays |
//! | `mobile-number` | first 3, last 4 (and `+86`) | `139****1234` | common practice of operators and government 公示 (the network code and the last 4 digits) |
//! | `bank-card-number` | first 6, last 4 | `621700******5670` | the most a payment card may show in the clear per PCI DSS v4.0 requirement 3.4.1 (issuer identification number and last four digits), the form Chinese banks print on receipts |
//! | any other `privacy` finding (user dictionaries) | nothing | `***` | |
//!
//! Each hidden character becomes one `*` (`＊` for a full-width character), and separators stay
//! where they are, so `text.chars().count()` never changes and character offsets of other
//! findings remain valid.
//!
//! ```
//! let checker = zhproof::Checker::builder()
//!     .as_of(zhproof::Date::new(2025, 6, 1).unwrap())
//!     .build()?;
//! assert_eq!(
//!     checker.mask("身份证号360702198506122312，手机139 0000 1234"),
//!     "身份证号360702********2312，手机139 **** 1234"
//! );
//! # Ok::<(), zhproof::Error>(())
//! ```

use super::{scan, BANK_CARD, ID_CARD, MOBILE};
use crate::finding::{Finding, Kind};

/// The mask for hiding `c`: `＊` for full-width characters, else `*`.
fn star(c: char) -> char {
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        '＊'
    } else {
        '*'
    }
}

/// `s` (the text of a finding of `rule`) masked.
pub(crate) fn mask_span(rule: &str, s: &str) -> String {
    let is_data = |c: char| scan::word_char(c).is_some_and(|w| w != b'_');
    let n = s.chars().filter(|&c| is_data(c)).count();
    let (head, tail) = match rule {
        ID_CARD if n == 15 => (6, 3),
        ID_CARD | BANK_CARD => (6, 4),
        MOBILE => (n.saturating_sub(11) + 3, 4),
        _ => (0, 0),
    };
    let known = matches!(rule, ID_CARD | BANK_CARD | MOBILE) && head + tail < n;
    let mut k = 0;
    s.chars()
        .map(|c| {
            if !known {
                return if c.is_whitespace() { c } else { star(c) };
            }
            if !is_data(c) {
                return c;
            }
            k += 1;
            if k <= head || k > n - tail {
                c
            } else {
                star(c)
            }
        })
        .collect()
}

/// `text` with the span of every `privacy` finding masked (identity and bank-card numbers keep six and four characters, mobile numbers three and four).
///
/// `findings` must come from checking this `text` (e.g. [`Checker::check`](crate::Checker::check));
/// findings of other kinds are ignored, as are overlapping ones and spans that do not match
/// the text. The result has as many characters as `text`.
pub fn mask_findings(text: &str, findings: &[Finding]) -> String {
    let mut spans: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.kind == Kind::Privacy
                && text.get(f.byte_start..f.byte_end) == Some(f.text.as_str())
                && f.byte_start < f.byte_end
        })
        .collect();
    spans.sort_by_key(|f| (f.byte_start, std::cmp::Reverse(f.byte_end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in spans {
        if f.byte_start < at {
            continue;
        }
        out.push_str(&text[at..f.byte_start]);
        out.push_str(&mask_span(&f.rule, &f.text));
        at = f.byte_end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_keep_length() {
        for (rule, s, want) in [
            (ID_CARD, "360702198506122312", "360702********2312"),
            (ID_CARD, "36070219850612107x", "360702********107x"),
            (ID_CARD, "360702850612123", "360702******123"),
            (ID_CARD, "360702 19850612 2312", "360702 ******** 2312"),
            (MOBILE, "13900001234", "139****1234"),
            (MOBILE, "+86 139-0000-1234", "+86 139-****-1234"),
            (MOBILE, "１３９００００１２３４", "１３９＊＊＊＊１２３４"),
            (BANK_CARD, "6217000012345670", "621700******5670"),
            (BANK_CARD, "6217 0000 1234 5670", "6217 00** **** 5670"),
            ("user-rule", "张 三", "* *"),
            (MOBILE, "123", "***"),
        ] {
            let got = mask_span(rule, s);
            assert_eq!(got, want, "{rule} {s}");
            assert_eq!(got.chars().count(), s.chars().count());
        }
    }
}
