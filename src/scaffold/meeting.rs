//! `new meeting`: a meeting folder dated from its name, published in time for the
//! five clear days, with a briefing note listed.

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::write::{refuse_existing, write_new};
use super::{Scaffold, meeting_file, note_text, render};
use crate::content;
use crate::error::Result;
use crate::model::{Date, latest_publication_in};

/// The stock meeting.yaml.
const MEETING_TEMPLATE: &str = include_str!("../../templates/scaffold/meeting.yaml.j2");
/// The note a new meeting starts with.
const FIRST_NOTE: &str = "briefing-note.md";
/// A Thursday meeting is normally published the Wednesday of the week before.
const USUAL_NOTICE_DAYS: i64 = 8;

/// Creates the meeting folder `dir` with a meeting.yaml and one briefing note. The
/// meeting is on the date its folder's name starts with (`2026-10-15-...`), or else
/// on a Thursday at least four weeks after `today`; it is published eight days before,
/// or earlier when bank holidays would leave fewer than five clear days.
pub fn meeting(dir: &Path, today: NaiveDate) -> Result<Scaffold> {
    let yaml_path = meeting_file(dir);
    let note_path = dir.join(FIRST_NOTE);
    refuse_existing(&yaml_path)?;
    refuse_existing(&note_path)?;
    let date = date_from_folder_name(dir).unwrap_or_else(|| next_thursday(today));
    let usual = Date::from_naive(date - Duration::days(USUAL_NOTICE_DAYS));
    // Clear days count the holidays of the content root's `holidays.yaml`, if any.
    let calendar = content::load_calendar(dir.parent().unwrap_or(Path::new(".")))?;
    let publication = usual.min(latest_publication_in(&calendar, Date::from_naive(date)));
    let yaml = render(
        MEETING_TEMPLATE,
        minijinja::context! {
            meeting_date => date.to_string(),
            publication_date => publication.to_string(),
            note => FIRST_NOTE,
        },
    )?;
    // The note first: a folder with a meeting.yaml is a meeting, and it lists the note.
    write_new(&note_path, &note_text("Title of the Briefing Note")?)?;
    write_new(&yaml_path, &yaml)?;
    Ok(Scaffold {
        files: vec![yaml_path, note_path],
        listing: None,
    })
}

/// The date a folder's name starts with: `2026-10-15-children-scrutiny`.
fn date_from_folder_name(dir: &Path) -> Option<NaiveDate> {
    let name = dir.file_name()?.to_str()?;
    let (head, rest) = name.split_at_checked(10)?;
    if !(rest.is_empty() || rest.starts_with(['-', '_', ' '])) {
        return None;
    }
    Date::parse(head).ok().map(Date::naive)
}

/// The first Thursday at least four weeks after `today`.
fn next_thursday(today: NaiveDate) -> NaiveDate {
    let mut date = today + Duration::days(28);
    while date.weekday() != Weekday::Thu {
        date += Duration::days(1);
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clear_days;

    fn yaml_dates(dir: &Path) -> (Date, Date) {
        let yaml = std::fs::read_to_string(meeting_file(dir)).unwrap();
        let value = |prefix: &str| {
            let line = yaml.lines().find(|l| l.starts_with(prefix)).unwrap();
            Date::parse(line.trim_start_matches(prefix)).unwrap()
        };
        (value("date: "), value("  date: "))
    }

    #[test]
    fn the_date_comes_from_the_folder_name_with_five_clear_days() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for (name, date, published) in [
            ("2026-10-15-board", "2026-10-15", "2026-10-07"),
            // Christmas and Boxing Day (moved to the 28th) are not clear days.
            ("2026-12-31-board", "2026-12-31", "2026-12-21"),
            // No date in the name: a Thursday four weeks on.
            ("board", "2026-12-24", "2026-12-16"),
            ("2026-13-01-board", "2026-12-24", "2026-12-16"),
        ] {
            let meeting_dir = dir.path().join(name);
            meeting(&meeting_dir, today).unwrap();
            let (meeting_date, publication) = yaml_dates(&meeting_dir);
            assert_eq!(meeting_date.to_string(), date, "{name}");
            assert_eq!(publication.to_string(), published, "{name}");
            assert!(clear_days(publication, meeting_date) >= 5, "{name}");
            assert!(meeting(&meeting_dir, today).is_err(), "never overwrites");
        }
    }
}
