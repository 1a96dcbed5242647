//! Loading a work programme from its YAML data file.

use std::path::Path;

use serde::Deserialize;

use super::image_file::{self, NamedImage};
use super::text_file::{self, YAML_LIMIT};
use super::yaml::YamlText;
use crate::error::{ContentError, Gathered, Result};
use crate::model::{
    Date, FlowChart, MeetingState, ProgrammeGroup, ProgrammeItem, ProgrammeMeeting, ProgrammeSlot,
    WorkProgramme,
};

/// The shape of a work programme file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeFile {
    kind: FileKind,
    title: String,
    last_updated: Option<Date>,
    #[serde(default)]
    introduction: String,
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    flow_chart: Option<FlowChart>,
    meetings: Vec<MeetingEntry>,
    #[serde(default)]
    later: Vec<GroupEntry>,
    #[serde(default)]
    information_only: Vec<ProgrammeItem>,
}

/// The one kind a programme file declares, so a stray YAML file is not mistaken for one.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FileKind {
    WorkProgramme,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingEntry {
    /// A meeting's date; or, instead, the `heading` of a group without one.
    date: Option<Date>,
    heading: Option<String>,
    note: Option<String>,
    moved_from: Option<Date>,
    #[serde(default)]
    cancelled: bool,
    moved_to: Option<Date>,
    #[serde(default)]
    items: Vec<ProgrammeItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    heading: String,
    items: Vec<ProgrammeItem>,
}

/// Reads the work programme at `path` in the meeting folder `meeting_dir`, checking
/// its dates and its flow chart. `meeting_date` is the date of the meeting whose pack
/// it goes in; a programme without that meeting gets a warning.
pub fn load(
    path: &Path,
    meeting_dir: &Path,
    meeting_date: Date,
    warnings: &mut Vec<ContentError>,
) -> Result<WorkProgramme> {
    let text = text_file::read(path, YAML_LIMIT)?;
    let yaml = YamlText::read(path, &text, 1)?;
    let mut parsed = yaml.parse_all::<ProgrammeFile>();
    let mut gathered = Gathered::default();
    gathered.extend(std::mem::take(&mut parsed.errors));
    let Some(mut file) = parsed.value.take() else {
        return gathered.fail(Vec::new());
    };
    // Checks of values with errors of their own would report their stand-ins.
    let checked = |path: &str| !parsed.tainted(path);
    let FileKind::WorkProgramme = file.kind;
    // The meetings without mistakes, and whether there were none.
    let meetings = checked("meetings").then(|| {
        let (slots, errors) = meetings(&yaml, file.meetings);
        let clean = errors.is_empty();
        gathered.extend(errors);
        (slots, clean)
    });
    if let Some((meetings, _)) = &meetings
        && checked("columns")
        && checked("later")
        && checked("information_only")
    {
        gathered.extend(check_cells(
            &yaml,
            &file.columns,
            meetings,
            &file.later,
            &file.information_only,
        ));
    }
    if let Some((meetings, true)) = &meetings
        && !meetings
            .iter()
            .filter_map(ProgrammeSlot::meeting)
            .any(|m| m.date == meeting_date)
    {
        warnings.push(
            ContentError::new(
                yaml.key_at("meetings"),
                format!(
                    "the programme lists no meeting on {}, the date of this meeting",
                    meeting_date.ordinal()
                ),
            )
            .with_hint("add the meeting with its items, or check the dates"),
        );
    }
    if checked("flow_chart")
        && let Some(chart) = &mut file.flow_chart
    {
        let image = NamedImage::under(&yaml, "flow_chart", &mut chart.file, &chart.alt);
        let at = image.file_at.clone();
        gathered.take(image_file::check(image, meeting_dir, "the flow chart"))?;
        chart.at = Some(at);
    }
    let programme = WorkProgramme {
        title: file.title,
        last_updated: file.last_updated,
        introduction: file
            .introduction
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        columns: file.columns,
        meetings: meetings.map(|(slots, _)| slots).unwrap_or_default(),
        later: file
            .later
            .into_iter()
            .map(|g| ProgrammeGroup {
                heading: g.heading,
                items: g.items,
            })
            .collect(),
        information_only: file.information_only,
        flow_chart: file.flow_chart,
    };
    gathered.finish(programme, Vec::new())
}

/// Validates the meetings: dates in order and once each, a move to a programmed date;
/// an entry with a `heading:` instead of a date is a group kept in its place. Returns
/// the entries without mistakes, and every mistake of the others.
fn meetings(
    yaml: &YamlText,
    entries: Vec<MeetingEntry>,
) -> (Vec<ProgrammeSlot>, Vec<ContentError>) {
    let at = |index: usize, key: &str| yaml.key_at(&format!("meetings[{index}].{key}"));
    let dated: Vec<(usize, Date)> = entries
        .iter()
        .enumerate()
        .filter_map(|(index, m)| m.date.map(|date| (index, date)))
        .collect();
    let mut errors = Vec::new();
    for pair in dated.windows(2) {
        let ((_, before), (index, date)) = (pair[0], pair[1]);
        if date <= before {
            let problem = if date == before {
                "is listed twice"
            } else {
                "is out of date order"
            };
            errors.push(
                ContentError::new(
                    at(index, "date"),
                    format!("the meeting on {} {problem}", date.ordinal()),
                )
                .with_hint("list each meeting once, in date order"),
            );
        }
    }
    let dates: Vec<Date> = dated.iter().map(|&(_, date)| date).collect();
    let mut slots = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        match slot(yaml, index, entry, &dates) {
            Ok(slot) => slots.push(slot),
            Err(wrong) => errors.extend(wrong),
        }
    }
    (slots, errors)
}

/// One entry of `meetings:`: a dated meeting, or a group under its heading; else every
/// mistake of the entry.
fn slot(
    yaml: &YamlText,
    index: usize,
    entry: MeetingEntry,
    dates: &[Date],
) -> Result<ProgrammeSlot, Vec<ContentError>> {
    let at = |key: &str| yaml.key_at(&format!("meetings[{index}].{key}"));
    let date = match (entry.date, entry.heading) {
        (Some(date), None) => date,
        (None, Some(heading)) => {
            let dated_keys: Vec<ContentError> = [
                ("note", entry.note.is_some()),
                ("moved_from", entry.moved_from.is_some()),
                ("moved_to", entry.moved_to.is_some()),
                ("cancelled", entry.cancelled),
            ]
            .into_iter()
            .filter(|(_, given)| *given)
            .map(|(key, _)| {
                ContentError::new(
                    at(key),
                    format!("`{key}:` belongs to a meeting with a date, not to a `heading:` group"),
                )
                .with_hint(format!("remove `{key}:`, or give the meeting its `date:`"))
            })
            .collect();
            if !dated_keys.is_empty() {
                return Err(dated_keys);
            }
            return Ok(ProgrammeSlot::Group(ProgrammeGroup {
                heading,
                items: entry.items,
            }));
        }
        (Some(_), Some(_)) => {
            return Err(vec![
                ContentError::new(
                    at("heading"),
                    "an entry of `meetings:` has either a `date:` or a `heading:`, not both",
                )
                .with_hint("remove `heading:` from a dated meeting"),
            ]);
        }
        (None, None) => {
            return Err(
                vec![ContentError::new(
                yaml.at(&format!("meetings[{index}]")),
                "an entry of `meetings:` needs a `date:` (or a `heading:` for a group without one)",
            )
            .with_hint("add `date: YYYY-MM-DD`, or `heading: Date to be arranged`")],
            );
        }
    };
    let mut errors = Vec::new();
    if entry.moved_from == Some(date) {
        errors.push(
            ContentError::new(
                at("moved_from"),
                format!("moved from {}, its own date", date.ordinal()),
            )
            .with_hint("give the date the meeting was moved from, or remove `moved_from:`"),
        );
    }
    let state = match (entry.cancelled, entry.moved_to) {
        (false, None) => MeetingState::Planned,
        (true, None) => MeetingState::Cancelled,
        (false, Some(to)) if dates.contains(&to) => MeetingState::MovedTo(to),
        (false, Some(to)) => {
            errors.push(
                ContentError::new(
                    at("moved_to"),
                    format!(
                        "moved to {}, which is not a meeting in the programme",
                        to.ordinal()
                    ),
                )
                .with_hint("add that meeting to `meetings:`, or correct the date"),
            );
            MeetingState::Planned
        }
        (true, Some(_)) => {
            errors.push(
                ContentError::new(
                    at("cancelled"),
                    "a meeting is either cancelled or moved, not both",
                )
                .with_hint("remove `cancelled: true` or `moved_to:`"),
            );
            MeetingState::Planned
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ProgrammeSlot::Meeting(ProgrammeMeeting {
        date,
        note: entry.note,
        moved_from: entry.moved_from,
        state,
        items: entry.items,
    }))
}

/// Every item's `cells:` must name columns the programme declares in `columns:`:
/// each cell that does not is a mistake.
fn check_cells(
    yaml: &YamlText,
    columns: &[String],
    meetings: &[ProgrammeSlot],
    later: &[GroupEntry],
    information_only: &[ProgrammeItem],
) -> Vec<ContentError> {
    let slot_items = meetings.iter().enumerate().map(|(index, slot)| {
        let items = match slot {
            ProgrammeSlot::Meeting(m) => &m.items,
            ProgrammeSlot::Group(g) => &g.items,
        };
        (format!("meetings[{index}].items"), items.as_slice())
    });
    let later_items = later
        .iter()
        .enumerate()
        .map(|(index, g)| (format!("later[{index}].items"), g.items.as_slice()));
    let information_only = std::iter::once(("information_only".to_string(), information_only));
    slot_items
        .chain(later_items)
        .chain(information_only)
        .flat_map(|(path, items)| unknown_cells(yaml, columns, &path, items))
        .collect()
}

fn unknown_cells(
    yaml: &YamlText,
    columns: &[String],
    path: &str,
    items: &[ProgrammeItem],
) -> Vec<ContentError> {
    let declared = if columns.is_empty() {
        "the programme declares no extra `columns:`".to_string()
    } else {
        format!("the programme's `columns:` are {}", columns.join(", "))
    };
    let mut errors = Vec::new();
    for (index, item) in items.iter().enumerate() {
        for unknown in item.cells.keys().filter(|key| !columns.contains(key)) {
            errors.push(
                ContentError::new(
                    yaml.key_at(&format!("{path}[{index}].cells.{unknown}")),
                    format!("`{unknown}` is not a column of the programme: {declared}"),
                )
                .with_hint(format!(
                    "add `{unknown}` to `columns:` at the top of the file, or correct the name"
                )),
            );
        }
    }
    errors
}
