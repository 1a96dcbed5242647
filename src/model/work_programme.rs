//! A board's work programme: its planned business for the municipal year.

use std::path::PathBuf;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::Date;

/// The work programme document (house style section 6).
#[derive(Debug, Clone)]
pub struct WorkProgramme {
    /// Its title, e.g. `Scrutiny Board Work Programme 2026/27`.
    pub title: String,
    /// When it was last changed, if it says: `Last updated 3rd July 2026`.
    pub last_updated: Option<Date>,
    /// Paragraphs printed before the summary.
    pub introduction: Vec<String>,
    /// The headings of the table's columns after `Cabinet Member/ Lead Officer`.
    pub columns: Vec<String>,
    /// The board's meetings in date order, with what each will consider, and any group
    /// without a date (`Date to be arranged`) where the data places it.
    pub meetings: Vec<ProgrammeSlot>,
    /// Groups after the dated meetings: a later year, `Date to be determined`.
    pub later: Vec<ProgrammeGroup>,
    /// Items for information only.
    pub information_only: Vec<ProgrammeItem>,
    /// An optional flow chart of how items are chosen.
    pub flow_chart: Option<FlowChart>,
}

/// A place in the programme's run of meetings.
#[derive(Debug, Clone)]
pub enum ProgrammeSlot {
    /// A meeting on a date.
    Meeting(ProgrammeMeeting),
    /// A group without a date, placed among the meetings.
    Group(ProgrammeGroup),
}

impl ProgrammeSlot {
    /// The meeting, if this is one.
    pub fn meeting(&self) -> Option<&ProgrammeMeeting> {
        match self {
            Self::Meeting(meeting) => Some(meeting),
            Self::Group(_) => None,
        }
    }
}

/// One meeting in the programme.
#[derive(Debug, Clone)]
pub struct ProgrammeMeeting {
    /// Its date.
    pub date: Date,
    /// Words printed beside the date: `- to take place at ...`, `PM`.
    pub note: Option<String>,
    /// The date it was moved from, earlier or later: `(moved from 1st October 2026)`.
    pub moved_from: Option<Date>,
    /// Whether it goes ahead.
    pub state: MeetingState,
    /// What it will consider.
    pub items: Vec<ProgrammeItem>,
}

/// Whether a programmed meeting goes ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingState {
    /// It is planned as shown.
    Planned,
    /// It was cancelled.
    Cancelled,
    /// It was moved to another programmed meeting's date.
    MovedTo(Date),
}

/// A named group of items without a meeting date.
#[derive(Debug, Clone)]
pub struct ProgrammeGroup {
    /// The group's heading, e.g. `2027/28` or `Date to be determined`.
    pub heading: String,
    /// Its items.
    pub items: Vec<ProgrammeItem>,
}

/// One planned item.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    /// Its title.
    pub title: String,
    /// What it covers.
    #[serde(default)]
    pub detail: String,
    /// `Cabinet Member/ Lead Officer`.
    #[serde(default)]
    pub lead: String,
    /// The cells of the programme's extra `columns:`, by column heading.
    #[serde(default)]
    pub cells: IndexMap<String, String>,
}

/// A flow chart image with its alternative text.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlowChart {
    /// The image, relative to the meeting folder.
    pub file: PathBuf,
    /// What it shows, for screen readers.
    pub alt: String,
    /// The caption printed below it.
    #[serde(default)]
    pub caption: String,
    /// Where `file` is written in the programme, for errors the image itself causes.
    #[serde(skip)]
    pub at: Option<crate::error::Location>,
}
