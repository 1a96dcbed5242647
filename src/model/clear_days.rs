//! Clear days before a meeting: the legal minimum notice of an agenda (section 8 of
//! the house style; Local Government Act 1972, s.100B).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{Date, HolidayCalendar};

/// The number of clear days the agenda must be open to inspection before the meeting.
pub const REQUIRED_CLEAR_DAYS: u32 = 5;

/// The clear days between publication and the meeting in England and Wales' regular
/// calendar (see [`clear_days_in`] for a council's own).
pub fn clear_days(published: Date, meeting: Date) -> u32 {
    clear_days_in(&HolidayCalendar::default(), published, meeting)
}

/// The last day to publish in England and Wales' regular calendar (see
/// [`latest_publication_in`] for a council's own).
pub fn latest_publication(meeting: Date) -> Date {
    latest_publication_in(&HolidayCalendar::default(), meeting)
}

/// The clear days between publication and the meeting: neither day itself, nor
/// weekends, nor the calendar's bank holidays count.
pub fn clear_days_in(calendar: &HolidayCalendar, published: Date, meeting: Date) -> u32 {
    let mut day = published.naive() + Duration::days(1);
    let mut count = 0;
    while day < meeting.naive() {
        count += u32::from(is_working_day(calendar, day));
        day += Duration::days(1);
    }
    count
}

/// The last day the agenda can be published with the required clear days.
pub fn latest_publication_in(calendar: &HolidayCalendar, meeting: Date) -> Date {
    let mut day = meeting.naive();
    let mut counted = 0;
    while counted < REQUIRED_CLEAR_DAYS {
        day -= Duration::days(1);
        counted += u32::from(is_working_day(calendar, day));
    }
    Date::from_naive(day - Duration::days(1))
}

/// The deadline a document published on `published` missed, when it gives fewer than
/// the required clear days before the meeting (a supplement, a late item's papers).
pub fn publish_by_if_late(
    calendar: &HolidayCalendar,
    published: Date,
    meeting: Date,
) -> Option<Date> {
    (clear_days_in(calendar, published, meeting) < REQUIRED_CLEAR_DAYS)
        .then(|| latest_publication_in(calendar, meeting))
}

fn is_working_day(calendar: &HolidayCalendar, day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !calendar.is_holiday(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Nation;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
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

    #[test]
    fn each_nation_counts_its_own_holidays() {
        // Monday 13 July 2026 is Northern Ireland's Boyne holiday, not England's.
        let ni = HolidayCalendar::new(Nation::NorthernIreland, vec![], vec![]);
        assert_eq!(latest_publication_in(&ni, d("2026-07-16")), d("2026-07-07"));
        // Friday 2 January 2026 is a holiday in Scotland only.
        let scotland = HolidayCalendar::new(Nation::Scotland, vec![], vec![]);
        assert_eq!(clear_days(d("2025-12-31"), d("2026-01-09")), 5);
        assert_eq!(
            clear_days_in(&scotland, d("2025-12-31"), d("2026-01-09")),
            4
        );
    }
}
