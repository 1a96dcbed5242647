//! The minutes found in the content, so minute numbers and cross references can be
//! checked across meetings.

use std::fmt;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::str::FromStr;

use super::Date;
use crate::error::Location;

/// The numbers `first_minute` may take: a municipal year's minutes stay far below the
/// top, so numbering on from it never overflows.
pub const FIRST_MINUTES: RangeInclusive<u32> = 1..=9999;

/// Whether a level-1 heading of minutes opens a part of the meeting (`Public Business`,
/// `Private Business`) rather than a numbered minute.
pub fn is_business_heading(title: &str) -> bool {
    matches!(title.trim(), "Public Business" | "Private Business")
}

/// One set of minutes: the meeting it minutes and the numbers it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteRecord {
    /// The Markdown file holding them.
    pub file: PathBuf,
    /// The day of the minuted meeting.
    pub date: Date,
    /// The number of the first minute.
    pub first: u32,
    /// How many numbered minutes there are.
    pub count: u32,
    /// Where `first_minute` is written.
    pub location: Location,
}

impl MinuteRecord {
    /// The number the next meeting's minutes should start at.
    pub fn next(&self) -> u32 {
        self.first + self.count
    }
}

/// Every set of minutes in the content root, by date of the minuted meeting.
#[derive(Debug, Clone, Default)]
pub struct MinuteBook {
    records: Vec<MinuteRecord>,
}

impl MinuteBook {
    /// A book of `records`; the same meeting's minutes found twice count once.
    pub fn new(mut records: Vec<MinuteRecord>) -> Self {
        records.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        records.dedup_by_key(|r| r.date);
        Self { records }
    }

    /// Every set of minutes, in date order.
    pub fn records(&self) -> &[MinuteRecord] {
        &self.records
    }

    /// The minutes of the last meeting before `date` in the same municipal year.
    pub fn previous(&self, date: Date) -> Option<&MinuteRecord> {
        self.records
            .iter()
            .rev()
            .find(|r| r.date < date && r.date.municipal_year() == date.municipal_year())
    }

    /// Whether a minute with this reference exists in the content.
    pub fn contains(&self, reference: MinuteRef) -> bool {
        self.records.iter().any(|r| {
            (r.date.municipal_year() % 100) as u32 == reference.year
                && (r.first..r.next()).contains(&reference.number)
        })
    }
}

/// A cross reference to a minute: number and two-digit municipal year, `22/26`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinuteRef {
    /// The minute's number.
    pub number: u32,
    /// The last two digits of the first year of its municipal year.
    pub year: u32,
}

impl FromStr for MinuteRef {
    type Err = ();

    /// Parses `22/26`.
    fn from_str(text: &str) -> Result<Self, ()> {
        let (number, year) = text.trim().split_once('/').ok_or(())?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty();
        if !digits(number) || year.len() != 2 || !digits(year) {
            return Err(());
        }
        Ok(Self {
            number: number.parse().map_err(|_| ())?,
            year: year.parse().map_err(|_| ())?,
        })
    }
}

impl fmt::Display for MinuteRef {
    /// `Minute 22/26`, as cross references are printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Minute {}/{:02}", self.number, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(date: &str, first: u32, count: u32) -> MinuteRecord {
        MinuteRecord {
            file: PathBuf::from(format!("{date}.md")),
            date: Date::parse(date).unwrap(),
            first,
            count,
            location: Location::new(format!("{date}.md"), 1, 1),
        }
    }

    #[test]
    fn references_parse_and_print_as_the_house_style_writes_them() {
        let reference: MinuteRef = "22/26".parse().unwrap();
        assert_eq!(
            reference,
            MinuteRef {
                number: 22,
                year: 26
            }
        );
        assert_eq!(reference.to_string(), "Minute 22/26");
        for bad in ["22", "22/2026", "a/26", "/26", "22/2b"] {
            assert!(bad.parse::<MinuteRef>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_previous_minutes_are_looked_for_in_the_same_municipal_year() {
        let book = MinuteBook::new(vec![
            record("2026-06-18", 7, 8),
            record("2026-05-28", 1, 6),
            record("2026-03-12", 80, 5),
        ]);
        let date = |d| Date::parse(d).unwrap();
        assert_eq!(book.previous(date("2026-07-16")).unwrap().next(), 15);
        assert_eq!(book.previous(date("2026-06-18")).unwrap().next(), 7);
        assert!(book.previous(date("2026-05-28")).is_none());
        assert!(book.contains("14/26".parse().unwrap()));
        assert!(!book.contains("15/26".parse().unwrap()));
        assert!(book.contains("84/25".parse().unwrap()));
        assert!(!book.contains("3/25".parse().unwrap()));
    }
}
