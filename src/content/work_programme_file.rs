//! Loading a work programme from its YAML data file.

use std::path::Path;

use serde::Deserialize;

use super::image_file::{self, NamedImage};
use super::text_file::{self, YAML_LIMIT};
use super::yaml::YamlText;
use crate::error::{ContentError, Result};
use crate::model::{
    Date, FlowChart, MeetingState, ProgrammeGroup, ProgrammeItem, ProgrammeMeeting, WorkProgramme,
};

/// The shape of a work programme file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeFile {
    kind: FileKind,
    title: String,
    last_updated: Date,
    #[serde(default)]
    introduction: String,
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
    date: Date,
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
    let mut file: ProgrammeFile = yaml.parse()?;
    let FileKind::WorkProgramme = file.kind;
    let meetings = meetings(&yaml, file.meetings)?;
    if !meetings.iter().any(|m| m.date == meeting_date) {
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
    if let Some(chart) = &mut file.flow_chart {
        let image = NamedImage::under(&yaml, "flow_chart", &mut chart.file, &chart.alt);
        let at = image.file_at.clone();
        image_file::check(image, meeting_dir, "the flow chart")?;
        chart.at = Some(at);
    }
    Ok(WorkProgramme {
        title: file.title,
        last_updated: file.last_updated,
        introduction: file
            .introduction
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        meetings,
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
    })
}

/// Validates the meetings: dates in order and once each, a move to a programmed date.
fn meetings(yaml: &YamlText, entries: Vec<MeetingEntry>) -> Result<Vec<ProgrammeMeeting>> {
    let dates: Vec<Date> = entries.iter().map(|m| m.date).collect();
    let at = |index: usize, key: &str| yaml.key_at(&format!("meetings[{index}].{key}"));
    for (index, pair) in dates.windows(2).enumerate() {
        if pair[1] <= pair[0] {
            let problem = if pair[1] == pair[0] {
                "is listed twice"
            } else {
                "is out of date order"
            };
            return Err(ContentError::new(
                at(index + 1, "date"),
                format!("the meeting on {} {problem}", pair[1].ordinal()),
            )
            .with_hint("list each meeting once, in date order")
            .into());
        }
    }
    entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let state = match (entry.cancelled, entry.moved_to) {
                (false, None) => MeetingState::Planned,
                (true, None) => MeetingState::Cancelled,
                (false, Some(to)) if dates.contains(&to) => MeetingState::MovedTo(to),
                (false, Some(to)) => {
                    return Err(ContentError::new(
                        at(index, "moved_to"),
                        format!(
                            "moved to {}, which is not a meeting in the programme",
                            to.ordinal()
                        ),
                    )
                    .with_hint("add that meeting to `meetings:`, or correct the date")
                    .into());
                }
                (true, Some(_)) => {
                    return Err(ContentError::new(
                        at(index, "cancelled"),
                        "a meeting is either cancelled or moved, not both",
                    )
                    .with_hint("remove `cancelled: true` or `moved_to:`")
                    .into());
                }
            };
            Ok(ProgrammeMeeting {
                date: entry.date,
                state,
                items: entry.items,
            })
        })
        .collect()
}
