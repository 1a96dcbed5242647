//! Bank holidays: the regular ones of each UK nation computed from their rules, and a
//! council's one-off and moved holidays (`holidays.yaml`) on top.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

use super::Date;

/// The nation whose bank holidays a council keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    /// England and Wales (the default).
    #[default]
    EnglandAndWales,
    /// Scotland: 2 January and St Andrew's Day, the summer holiday early in August, no
    /// Easter Monday.
    Scotland,
    /// Northern Ireland: England's, with St Patrick's Day and the Battle of the Boyne.
    NorthernIreland,
}

impl Nation {
    /// The name as `holidays.yaml` writes it.
    pub fn written(self) -> &'static str {
        match self {
            Self::EnglandAndWales => "england-and-wales",
            Self::Scotland => "scotland",
            Self::NorthernIreland => "northern-ireland",
        }
    }
}

/// One bank holiday.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The day off.
    pub date: Date,
    /// Its name, e.g. `Coronation of King Charles III`.
    pub name: String,
}

/// The days that are not working days besides weekends: a nation's regular bank
/// holidays, less those moved away (`removed`), plus one-off ones (`extra`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    nation: Nation,
    extra: Vec<Holiday>,
    removed: Vec<Date>,
}

impl HolidayCalendar {
    /// A calendar validated by its loader: every `removed` date is a regular holiday.
    pub fn new(nation: Nation, extra: Vec<Holiday>, removed: Vec<Date>) -> Self {
        Self {
            nation,
            extra,
            removed,
        }
    }

    /// The nation whose regular holidays are kept.
    pub fn nation(&self) -> Nation {
        self.nation
    }

    /// Whether `day` is a bank holiday.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.extra.iter().any(|h| h.date.naive() == day)
            || (regular(self.nation, day.year())
                .iter()
                .any(|h| h.date.naive() == day)
                && !self.removed.iter().any(|r| r.naive() == day))
    }

    /// The bank holidays of a calendar year, in date order.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let mut holidays: Vec<Holiday> = regular(self.nation, year)
            .into_iter()
            .filter(|h| !self.removed.contains(&h.date))
            .chain(
                self.extra
                    .iter()
                    .filter(|h| h.date.naive().year() == year)
                    .cloned(),
            )
            .collect();
        holidays.sort_by_key(|h| h.date);
        holidays
    }
}

/// The regular bank holidays of a nation in a calendar year, in date order.
pub fn regular(nation: Nation, year: i32) -> Vec<Holiday> {
    let date = |month, d| NaiveDate::from_ymd_opt(year, month, d).expect("a real date");
    let easter = easter_sunday(year);
    let (new_year, second_january) = pair(date(1, 1));
    let (christmas, boxing_day) = pair(date(12, 25));
    let mut days = vec![(new_year, "New Year's Day")];
    if nation == Nation::Scotland {
        days.push((second_january, "2nd January"));
    }
    if nation == Nation::NorthernIreland {
        days.push((substitute(date(3, 17)), "St Patrick's Day"));
    }
    days.push((easter - Duration::days(2), "Good Friday"));
    if nation != Nation::Scotland {
        days.push((easter + Duration::days(1), "Easter Monday"));
    }
    days.push((nth_monday(year, 5, 1), "Early May bank holiday"));
    days.push((last_monday(year, 5), "Spring bank holiday"));
    if nation == Nation::NorthernIreland {
        days.push((
            substitute(date(7, 12)),
            "Battle of the Boyne (Orangemen's Day)",
        ));
    }
    days.push(match nation {
        Nation::Scotland => (nth_monday(year, 8, 1), "Summer bank holiday"),
        _ => (last_monday(year, 8), "Summer bank holiday"),
    });
    if nation == Nation::Scotland {
        days.push((substitute(date(11, 30)), "St Andrew's Day"));
    }
    days.push((christmas, "Christmas Day"));
    days.push((boxing_day, "Boxing Day"));
    let mut holidays: Vec<Holiday> = days
        .into_iter()
        .map(|(day, name)| Holiday {
            date: Date::from_naive(day),
            name: name.to_string(),
        })
        .collect();
    holidays.sort_by_key(|h| h.date);
    holidays
}

/// Two holidays on consecutive days (Christmas and Boxing Day, 1 and 2 January): a
/// weekend moves them to the next working days, neither onto the other.
fn pair(first: NaiveDate) -> (NaiveDate, NaiveDate) {
    let moved = substitute(first);
    let second = if moved == first {
        substitute(first + Duration::days(1))
    } else {
        moved + Duration::days(1)
    };
    (moved, second)
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

    fn dates(nation: Nation, year: i32) -> Vec<String> {
        regular(nation, year)
            .iter()
            .map(|h| h.date.to_string())
            .collect()
    }

    fn d(text: &str) -> NaiveDate {
        Date::parse(text).unwrap().naive()
    }

    #[test]
    fn england_and_wales() {
        assert_eq!(
            dates(Nation::EnglandAndWales, 2026),
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
        let calendar = HolidayCalendar::default();
        assert!(calendar.is_holiday(d("2027-12-27")));
        assert!(calendar.is_holiday(d("2027-12-28")));
        assert_eq!(easter_sunday(2027), d("2027-03-28"));
        assert_eq!(easter_sunday(2028), d("2028-04-16"));
    }

    #[test]
    fn scotland_as_published_by_the_government() {
        // gov.uk/bank-holidays, Scotland 2024 and 2025.
        assert_eq!(
            dates(Nation::Scotland, 2024),
            [
                "2024-01-01",
                "2024-01-02",
                "2024-03-29",
                "2024-05-06",
                "2024-05-27",
                "2024-08-05",
                "2024-12-02",
                "2024-12-25",
                "2024-12-26"
            ]
        );
        // 1 January 2022 a Saturday: 3 and 4 January; 2023 a Sunday: 2 and 3.
        assert!(
            dates(Nation::Scotland, 2022).starts_with(&["2022-01-03".into(), "2022-01-04".into()])
        );
        assert!(
            dates(Nation::Scotland, 2023).starts_with(&["2023-01-02".into(), "2023-01-03".into()])
        );
        assert!(dates(Nation::Scotland, 2025).contains(&"2025-12-01".to_string()));
    }

    #[test]
    fn northern_ireland_as_published_by_the_government() {
        assert_eq!(
            dates(Nation::NorthernIreland, 2026),
            [
                "2026-01-01",
                "2026-03-17",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-07-13",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
    }

    #[test]
    fn one_off_and_moved_holidays() {
        // 2020: the early May bank holiday moved to VE Day, Friday 8 May.
        let calendar = HolidayCalendar::new(
            Nation::EnglandAndWales,
            vec![Holiday {
                date: Date::parse("2020-05-08").unwrap(),
                name: "VE Day".into(),
            }],
            vec![Date::parse("2020-05-04").unwrap()],
        );
        assert!(!calendar.is_holiday(d("2020-05-04")));
        assert!(calendar.is_holiday(d("2020-05-08")));
        assert!(calendar.holidays(2020).iter().any(|h| h.name == "VE Day"));
        assert_eq!(calendar.holidays(2020).len(), 8);
    }
}
