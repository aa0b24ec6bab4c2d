//! Citizen identity numbers (公民身份号码), GB 11643-1999.
//!
//! An 18-character number is `AAAAAA YYYYMMDD SSS C`: the issuing area (GB/T 2260 code of the
//! county), the date of birth, a sequence code and a check character computed with
//! ISO 7064:1983 MOD 11-2 (`X` stands for 10). The legacy 15-digit form (issued until 1999) is
//! `AAAAAA YYMMDD SSS` with a 19YY year and no check character.

use crate::date::Date;

/// First two digits of a valid issuing area: the provincial-level divisions of GB/T 2260
/// (11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, 81 香港,
/// 82 澳门) plus 83, used with 81 and 82 by the residence permits of Hong Kong, Macao and Taiwan
/// residents (《港澳台居民居住证申领发放办法》, 2018), whose numbers follow GB 11643.
pub(super) const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// The earliest birth year accepted: nobody born before 1900 is alive to hold a number.
pub(super) const MIN_BIRTH_YEAR: i32 = 1900;

/// ISO 7064 MOD 11-2 weights of the first 17 digits (2^(17-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for the first 17 digits (`None` unless they are 17 ASCII digits).
pub(super) fn check_char(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(b"10X98765432"[(sum % 11) as usize])
}

fn province_ok(d: &[u8]) -> bool {
    d.len() >= 2
        && d[..2].iter().all(u8::is_ascii_digit)
        && PROVINCES.contains(&((d[0] - b'0') * 10 + (d[1] - b'0')))
}

fn num(d: &[u8]) -> Option<u32> {
    d.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The birth date `year` + `mmdd`, if it exists, is not before 1900 and not after `as_of`.
fn birth_ok(year: u32, mmdd: &[u8], as_of: Date) -> bool {
    let (Some(m), Some(d)) = (num(&mmdd[..2]), num(&mmdd[2..4])) else {
        return false;
    };
    let year = year as i32;
    year >= MIN_BIRTH_YEAR && Date::new(year, m, d).is_some_and(|b| b <= as_of)
}

/// True for a valid 18-character number (ASCII digits, last one may be `X`) as of `as_of`.
pub(super) fn is_valid_18(d: &[u8], as_of: Date) -> bool {
    d.len() == 18
        && check_char(&d[..17]) == Some(d[17])
        && province_ok(d)
        && num(&d[6..10]).is_some_and(|y| birth_ok(y, &d[10..14], as_of))
}

/// True for a plausible legacy 15-digit number (ASCII digits): area, then a 19YYMMDD birth date.
pub(super) fn is_valid_15(d: &[u8], as_of: Date) -> bool {
    d.len() == 15
        && d.iter().all(u8::is_ascii_digit)
        && province_ok(d)
        && num(&d[6..8]).is_some_and(|yy| birth_ok(1900 + yy, &d[8..12], as_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn check_character_follows_mod_11_2() {
        // Example of GB 11643-1999 Annex: 11010519491231002 → X.
        assert_eq!(check_char(b"11010519491231002"), Some(b'X'));
        assert_eq!(check_char(b"1101051949123100"), None);
        assert_eq!(check_char(b"1101051949123100A"), None);
    }

    #[test]
    fn validates_province_date_and_check() {
        let as_of = d(2025, 6, 1);
        assert!(is_valid_18(b"11010519491231002X", as_of));
        assert!(!is_valid_18(b"110105194912310021", as_of), "wrong check");
        assert!(
            !is_valid_18(b"11010519491231002X", d(1949, 12, 30)),
            "born later"
        );
        assert!(is_valid_18(b"11010519491231002X", d(1949, 12, 31)));
        // 2023-02-29 does not exist, whatever the check character.
        let mut n = *b"36070220230229123_";
        n[17] = check_char(&n[..17]).unwrap();
        assert!(!is_valid_18(&n, as_of));
        // Province 99 does not exist.
        let mut n = *b"99070219900307123_";
        n[17] = check_char(&n[..17]).unwrap();
        assert!(!is_valid_18(&n, as_of));
        assert!(is_valid_15(b"360702900307123", as_of));
        assert!(!is_valid_15(b"360702901307123", as_of), "month 13");
        assert!(!is_valid_15(b"990702900307123", as_of), "province 99");
    }
}
