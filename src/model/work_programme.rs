//! A board's work programme: its planned business for the municipal year.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Date;

/// The work programme document (house style section 6).
#[derive(Debug, Clone)]
pub struct WorkProgramme {
    /// Its title, e.g. `Scrutiny Board Work Programme 2026/27`.
    pub title: String,
    /// When it was last changed: `Last updated 3rd July 2026`.
    pub last_updated: Date,
    /// Paragraphs printed before the summary.
    pub introduction: Vec<String>,
    /// The board's meetings in date order, with what each will consider.
    pub meetings: Vec<ProgrammeMeeting>,
    /// Groups after the dated meetings: a later year, `Date to be determined`.
    pub later: Vec<ProgrammeGroup>,
    /// Items for information only.
    pub information_only: Vec<ProgrammeItem>,
    /// An optional flow chart of how items are chosen.
    pub flow_chart: Option<FlowChart>,
}

/// One meeting in the programme.
#[derive(Debug, Clone)]
pub struct ProgrammeMeeting {
    /// Its date.
    pub date: Date,
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
