//! Calendar dates and clock times as the house style prints them.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Timelike};
use serde_with::DeserializeFromStr;

/// The years a date in the content may fall in: wide enough for any agenda, narrow
/// enough that date arithmetic (clear days, Easter, the PDF's dates) cannot overflow.
pub const YEARS: RangeInclusive<i32> = 1900..=2200;

/// A calendar date, written `YYYY-MM-DD` in content files, in the [`YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, DeserializeFromStr)]
pub struct Date(NaiveDate);

impl Date {
    /// The date for a year, month and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self)
    }

    /// Parses `YYYY-MM-DD`, a date in the [`YEARS`].
    pub fn parse(text: &str) -> Result<Self, String> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|date| YEARS.contains(&date.year()))
            .map(Self)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a date from {} to {}: write it as YYYY-MM-DD, e.g. 2026-07-16",
                    YEARS.start(),
                    YEARS.end()
                )
            })
    }

    /// The calendar date, for date arithmetic in the model.
    pub(crate) fn naive(self) -> NaiveDate {
        self.0
    }

    /// The date of a calendar date.
    pub(crate) fn from_naive(date: NaiveDate) -> Self {
        Self(date)
    }

    /// Year, month (1-12) and day (1-31).
    pub fn ymd(self) -> (i32, u32, u32) {
        (self.0.year(), self.0.month(), self.0.day())
    }

    /// `16th July 2026`: dates in running text and document headers.
    pub fn ordinal(self) -> String {
        format!("{} {}", ordinal(self.0.day()), self.0.format("%B %Y"))
    }

    /// `16 July 2026`: dates in running text in the plain style.
    pub fn plain(self) -> String {
        self.0.format("%-d %B %Y").to_string()
    }

    /// The municipal year (May to April) the date falls in, by its first calendar year.
    pub fn municipal_year(self) -> i32 {
        if self.0.month() >= 5 {
            self.0.year()
        } else {
            self.0.year() - 1
        }
    }

    /// `Thursday, 16th July, 2026`: the front sheet's time and date line.
    pub fn front_sheet(self) -> String {
        format!(
            "{}, {} {}, {}",
            self.0.format("%A"),
            ordinal(self.0.day()),
            self.0.format("%B"),
            self.0.year()
        )
    }

    /// `Wednesday, 8 July 2026`: the signatory's publication date and minutes headers.
    pub fn long(self) -> String {
        self.0.format("%A, %-d %B %Y").to_string()
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`...
fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::parse(text)
    }
}

/// A clock time, written 24-hour `HH:MM` in content files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, DeserializeFromStr)]
pub struct Time(chrono::NaiveTime);

impl Time {
    /// Parses `HH:MM` (24-hour).
    pub fn parse(text: &str) -> Result<Self, String> {
        chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .map(Self)
            .map_err(|_| {
                format!("`{text}` is not a time: write it 24-hour as \"HH:MM\", e.g. \"14:00\"")
            })
    }

    /// `14:00`: the time as content files write it.
    pub fn written(self) -> String {
        self.0.format("%H:%M").to_string()
    }

    /// The time `minutes` later, stopping at 23:59 rather than wrapping to the next day.
    pub fn later(self, minutes: i64) -> Self {
        let (later, wrapped) = self
            .0
            .overflowing_add_signed(chrono::Duration::minutes(minutes));
        if wrapped == 0 {
            Self(later)
        } else {
            Self(chrono::NaiveTime::from_hms_opt(23, 59, 0).expect("a real time"))
        }
    }
}

impl fmt::Display for Time {
    /// `2.00 pm`, `10.30 am`, `12 noon`, as the house style prints times.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (hour, minute) = (self.0.hour(), self.0.minute());
        if hour == 12 && minute == 0 {
            return f.write_str("12 noon");
        }
        let suffix = if hour < 12 { "am" } else { "pm" };
        let hour12 = match hour % 12 {
            0 => 12,
            h => h,
        };
        write!(f, "{hour12}.{minute:02} {suffix}")
    }
}

impl FromStr for Time {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Self::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_in_each_house_style_form() {
        let date = Date::parse("2026-07-16").unwrap();
        assert_eq!(date.ordinal(), "16th July 2026");
        assert_eq!(date.front_sheet(), "Thursday, 16th July, 2026");
        assert_eq!(date.plain(), "16 July 2026");
        assert_eq!(
            Date::parse("2026-07-08").unwrap().long(),
            "Wednesday, 8 July 2026"
        );
    }

    #[test]
    fn the_municipal_year_runs_from_may_to_april() {
        let year = |d| Date::parse(d).unwrap().municipal_year();
        assert_eq!(year("2026-05-01"), 2026);
        assert_eq!(year("2027-04-30"), 2026);
        assert_eq!(year("2026-04-30"), 2025);
    }

    #[test]
    fn ordinals_handle_the_teens() {
        let days: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinal).into();
        assert_eq!(
            days,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }

    #[test]
    fn bad_dates_are_rejected_with_the_expected_form() {
        for bad in [
            "2026-02-30",
            "16/07/2026",
            "2026-7-16x",
            "",
            "+12026-07-01",
            "-0001-07-01",
            "1899-12-31",
            "2201-01-01",
        ] {
            let err = Date::parse(bad).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }

    #[test]
    fn times_use_a_dot_and_lower_case_am_pm() {
        let shown: Vec<String> = ["14:00", "10:00", "12:00", "00:15", "16:05", "12:30"]
            .iter()
            .map(|t| Time::parse(t).unwrap().to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "2.00 pm", "10.00 am", "12 noon", "12.15 am", "4.05 pm", "12.30 pm"
            ]
        );
        assert!(Time::parse("2pm").is_err());
    }
}
