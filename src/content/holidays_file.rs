//! `holidays.yaml` in the content root: the council's nation and its one-off or
//! moved bank holidays, read into the [`HolidayCalendar`] that clear days count by.

use std::path::Path;

use chrono::Datelike;
use serde::Deserialize;

use super::root_file;
use super::yaml::YamlText;
use crate::error::{ContentError, Result};
use crate::model::{Date, Holiday, HolidayCalendar, Nation, regular_holidays};

/// The file in the content root that sets the bank holidays.
pub const HOLIDAYS_FILE: &str = "holidays.yaml";

/// `holidays.yaml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidaysFile {
    #[serde(default)]
    nation: Nation,
    #[serde(default)]
    extra: Vec<Holiday>,
    #[serde(default)]
    removed: Vec<Date>,
}

/// The calendar of the content root: England and Wales' regular bank holidays when
/// there is no `holidays.yaml`.
pub fn load_calendar(root: &Path) -> Result<HolidayCalendar> {
    let Some((file, text)) = root_file::read(root, HOLIDAYS_FILE)? else {
        return Ok(HolidayCalendar::default());
    };
    let yaml = YamlText::read(&file, &text, 1)?;
    let written: HolidaysFile = yaml.parse()?;
    validate(&yaml, &written)?;
    Ok(HolidayCalendar::new(
        written.nation,
        written.extra,
        written.removed,
    ))
}

/// A removed day must be a regular holiday, and an extra one not already one.
fn validate(yaml: &YamlText, written: &HolidaysFile) -> Result<(), ContentError> {
    let is_regular = |date: Date| {
        regular_holidays(written.nation, date.naive().year())
            .iter()
            .any(|h| h.date == date)
    };
    for (index, date) in written.removed.iter().enumerate() {
        if !is_regular(*date) {
            return Err(ContentError::new(
                yaml.at(&format!("removed[{index}]")),
                format!(
                    "{} is not a regular bank holiday of {}, so it cannot be removed",
                    date.long(),
                    written.nation.written()
                ),
            )
            .with_hint("list under `removed` only a regular holiday that was moved, and its new day under `extra`"));
        }
    }
    for (index, holiday) in written.extra.iter().enumerate() {
        let at = || yaml.at(&format!("extra[{index}].date"));
        if is_regular(holiday.date) && !written.removed.contains(&holiday.date) {
            return Err(ContentError::new(
                at(),
                format!(
                    "{} is already a regular bank holiday of {}",
                    holiday.date.long(),
                    written.nation.written()
                ),
            )
            .with_hint("list under `extra` only one-off holidays (a coronation, a jubilee)"));
        }
        if holiday.name.trim().is_empty() {
            return Err(ContentError::new(
                yaml.at(&format!("extra[{index}].name")),
                "the holiday has no name",
            )
            .with_hint("name it as gov.uk does, e.g. `name: Coronation of King Charles III`"));
        }
    }
    Ok(())
}
