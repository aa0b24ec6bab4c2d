//! A calendar date, the reference date of date-aware rules.
//!
//! Rules never read the clock: the date comes from [`CheckerBuilder::as_of`](crate::CheckerBuilder::as_of).

use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date.
///
/// ```
/// use zhproof::Date;
/// let d: Date = "2022-12-26".parse().unwrap();
/// assert_eq!(d, Date::new(2022, 12, 26).unwrap());
/// assert!(d > Date::new(2018, 3, 21).unwrap());
/// assert!("2023-02-30".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Number of days in `month` of `year`, or 0 for a month outside 1..=12.
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` if it does not exist (2023-02-29, month 13 …).
    pub const fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if year < 1 || year > 9999 || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1..=12.
    pub fn month(self) -> u32 {
        self.month.into()
    }
    /// The day of the month, 1..=31.
    pub fn day(self) -> u32 {
        self.day.into()
    }

    /// Days from 1970-01-01 to this date, negative before it (Howard Hinnant's `days_from_civil`);
    /// the inverse of [`Date::from_unix_days`].
    ///
    /// ```
    /// use zhproof::Date;
    /// assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    /// let d = Date::new(2024, 2, 29).unwrap();
    /// assert_eq!(Date::from_unix_days(d.days_since_epoch()), d);
    /// ```
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            year: y as i32,
            month: m as u8,
            day: d as u8,
        }
    }

    /// Today's date in UTC+8 (China Standard Time), read from the system clock.
    ///
    /// Only front ends (the CLI) call this; the library never reads the clock on its own.
    pub fn today_china() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_unix_days((secs + 8 * 3600).div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "invalid date `{}` (expected YYYY-MM-DD)",
                crate::error::quote(s)
            )
        };
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let num = |t: &str| -> Result<u32, String> {
            if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (y, m, d) = (num(y)?, num(m)?, num(d)?);
        Date::new(y as i32, m, d)
            .ok_or_else(|| format!("date `{}` does not exist", crate::error::quote(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_round_trip_known_dates() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_352).to_string(), "2022-12-26");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn days_since_epoch_is_the_inverse_over_the_whole_range() {
        let first = Date::new(1, 1, 1).unwrap().days_since_epoch();
        let last = Date::new(9999, 12, 31).unwrap().days_since_epoch();
        // Consecutive days, so every month length and leap rule is crossed.
        let mut prev = Date::from_unix_days(first);
        assert_eq!(prev, Date::new(1, 1, 1).unwrap());
        for days in first + 1..=last {
            let d = Date::from_unix_days(days);
            assert!(d > prev, "{d} after {prev}");
            assert_eq!(d.days_since_epoch(), days, "{d}");
            prev = d;
        }
        assert_eq!(prev, Date::new(9999, 12, 31).unwrap());
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "2023-2-01",
            "2023/02/01",
            "20230201",
            "2023-13-01",
            "2023-00-10",
            "abcd-ef-gh",
            "",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2023-02-29".parse::<Date>().is_err());
    }
}
