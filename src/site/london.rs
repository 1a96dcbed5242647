//! Europe/London wall-clock times, as the content writes them, turned into instants.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{Europe::London, Tz};

/// The instant of a Europe/London wall-clock time. A time the clocks skip in March is
/// read as the time they show an hour later; a time they repeat in October as its
/// first occurrence.
pub fn instant(local: NaiveDateTime) -> DateTime<Tz> {
    London
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            London
                .from_local_datetime(&(local + Duration::hours(1)))
                .earliest()
        })
        .expect("an hour after a skipped time exists")
}

/// The UTC instant of a Europe/London wall-clock time.
pub fn utc(local: NaiveDateTime) -> DateTime<Utc> {
    instant(local).with_timezone(&Utc)
}

/// The start of a day in London: when a date without a time (a publication date)
/// needs to be an instant.
pub fn start_of(day: NaiveDate) -> DateTime<Tz> {
    instant(day.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn summer_time_is_an_hour_ahead_of_utc() {
        assert_eq!(
            utc(at("2026-07-16 14:00")).to_rfc3339(),
            "2026-07-16T13:00:00+00:00"
        );
        assert_eq!(
            utc(at("2026-12-03 10:00")).to_rfc3339(),
            "2026-12-03T10:00:00+00:00"
        );
    }

    #[test]
    fn clock_changes_are_resolved() {
        // 2026-03-29: 01:00 GMT becomes 02:00 BST; 01:30 does not exist.
        assert_eq!(
            utc(at("2026-03-29 01:30")).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        // 2026-10-25: 01:30 happens twice; the first is BST.
        assert_eq!(
            utc(at("2026-10-25 01:30")).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }

    #[test]
    fn a_day_starts_at_london_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 8).unwrap();
        assert_eq!(start_of(day).to_rfc3339(), "2026-07-08T00:00:00+01:00");
    }
}
