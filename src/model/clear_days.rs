//! Clear days before a meeting: the legal minimum notice of an agenda (section 8 of
//! the house style; Local Government Act 1972, s.100B).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::Date;

/// The number of clear days the agenda must be open to inspection before the meeting.
pub const REQUIRED_CLEAR_DAYS: u32 = 5;

/// The clear days between publication and the meeting: neither day itself, nor
/// weekends, nor bank holidays (England and Wales) count.
pub fn clear_days(published: Date, meeting: Date) -> u32 {
    let mut day = published.naive() + Duration::days(1);
    let mut count = 0;
    while day < meeting.naive() {
        count += u32::from(is_working_day(day));
        day += Duration::days(1);
    }
    count
}

/// The last day the agenda can be published with the required clear days.
pub fn latest_publication(meeting: Date) -> Date {
    let mut day = meeting.naive();
    let mut counted = 0;
    while counted < REQUIRED_CLEAR_DAYS {
        day -= Duration::days(1);
        counted += u32::from(is_working_day(day));
    }
    Date::from_naive(day - Duration::days(1))
}

/// The deadline a document published on `published` missed, when it gives fewer than
/// the required clear days before the meeting (a supplement, a late item's papers).
pub fn publish_by_if_late(published: Date, meeting: Date) -> Option<Date> {
    (clear_days(published, meeting) < REQUIRED_CLEAR_DAYS).then(|| latest_publication(meeting))
}

fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_bank_holiday(day)
}

/// The regular bank holidays of England and Wales (one-off holidays are not known).
fn is_bank_holiday(day: NaiveDate) -> bool {
    let year = day.year();
    let easter = easter_sunday(year);
    let date = |month, d| NaiveDate::from_ymd_opt(year, month, d).expect("a real date");
    let christmas = substitute(date(12, 25));
    let boxing_day = if christmas == date(12, 25) {
        substitute(date(12, 26))
    } else {
        christmas + Duration::days(1)
    };
    [
        substitute(date(1, 1)),
        easter - Duration::days(2),
        easter + Duration::days(1),
        nth_monday(year, 5, 1),
        last_monday(year, 5),
        last_monday(year, 8),
        christmas,
        boxing_day,
    ]
    .contains(&day)
}

/// A holiday falling at a weekend moves to the next Monday.
fn substitute(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + Duration::days(2),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}

fn nth_monday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n).expect("a Monday")
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let fifth = NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5);
    fifth.unwrap_or_else(|| nth_monday(year, month, 4))
}

/// Easter Sunday (Gregorian calendar, the anonymous algorithm of 1876).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("a real date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn bank_holidays_of_england_and_wales() {
        let holidays: Vec<String> = (0..366)
            .map(|n| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(n))
            .filter(|&day| day.year() == 2026 && is_bank_holiday(day))
            .map(|day| day.to_string())
            .collect();
        assert_eq!(
            holidays,
            [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        // Christmas on a Saturday: both days move to the Monday and Tuesday.
        assert!(is_bank_holiday(d("2027-12-27").naive()));
        assert!(is_bank_holiday(d("2027-12-28").naive()));
        assert_eq!(easter_sunday(2027), d("2027-03-28").naive());
        assert_eq!(easter_sunday(2028), d("2028-04-16").naive());
    }

    #[test]
    fn clear_days_leave_out_both_ends_weekends_and_bank_holidays() {
        // Published Wednesday 8 July for Thursday 16 July 2026: 9, 10, 13, 14, 15.
        assert_eq!(clear_days(d("2026-07-08"), d("2026-07-16")), 5);
        assert_eq!(clear_days(d("2026-07-09"), d("2026-07-16")), 4);
        assert_eq!(latest_publication(d("2026-07-16")), d("2026-07-08"));
        // The late May bank holiday (25 May 2026) does not count.
        assert_eq!(clear_days(d("2026-05-20"), d("2026-05-28")), 4);
        assert_eq!(latest_publication(d("2026-05-28")), d("2026-05-19"));
    }
}
