//! The era variants of the house style: settings a content root or a meeting chooses.

use serde::{Deserialize, Serialize};

use super::wording::{
    CoOptedLayout, ContactBlock, CouncillorTitle, EmployeeLayout, MinuteNumber, NameList,
    PageRangePlace, PresentLabels,
};
use super::{Colour, Date};

/// The settings that changed between eras of the house style, and each council's own
/// wording of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Style {
    /// How the front sheet's notes are printed.
    pub notes: NotesStyle,
    /// Which access paragraph the front sheet prints.
    pub access: Access,
    /// How dates are written on the front sheet and in running text.
    pub dates: DateStyle,
    /// How the signatory's publication date is written.
    pub signatory_date: SignatoryDateStyle,
    /// Whether a public report repeats its title after the cover.
    pub report_title: ReportTitle,
    /// The front sheet's own wording.
    pub front_sheet: FrontSheetWording,
    /// The minutes' own wording.
    pub minutes: MinutesWording,
    /// The date style of each place that prints dates.
    pub places: DatePlaces,
    /// The work programme's own wording.
    pub programme: ProgrammeWording,
    /// The council's colour: the web edition's header (the PDFs do not use it).
    pub colour: Option<Colour>,
}

/// The front sheet's wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrontSheetWording {
    /// Where `(Pages X - Y)` goes.
    pub page_range: PageRangePlace,
    /// The `Contact:` block's layout.
    pub contact_block: ContactBlock,
    /// How lists of names are joined.
    pub name_lists: NameList,
    /// The access paragraph's heading, e.g. `Please note:`.
    pub access_heading: String,
    /// The access paragraph's text.
    pub access_text: String,
    /// What separates several contacts, and several authors run on in one line.
    pub contact_separator: String,
}

/// The minutes' wording.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MinutesWording {
    /// `Cllr` or `Councillor`.
    pub councillor: CouncillorTitle,
    /// The labels of the `Present:` block.
    pub labels: PresentLabels,
    /// How employees are listed.
    pub employees: EmployeeLayout,
    /// How co-opted members are listed.
    pub co_opted: CoOptedLayout,
    /// `15` or `15.`.
    pub minute_numbers: MinuteNumber,
}

/// The date style of each place; a council may mix them in one pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DatePlaces {
    /// The front sheet's `Time and Date` line.
    pub front_sheet: DateStyle,
    /// The `Date:` of briefing notes and reports.
    pub notes: DateStyle,
    /// The minutes' `held at ... on <date>` line (`plain`, with its weekday, by default).
    pub minutes: DateStyle,
    /// The work programme.
    pub work_programme: DateStyle,
    /// Whether a note's date carries its `Date:` label.
    pub note_date_label: bool,
}

impl Default for DatePlaces {
    fn default() -> Self {
        Self {
            front_sheet: DateStyle::default(),
            notes: DateStyle::default(),
            minutes: DateStyle::Plain,
            work_programme: DateStyle::default(),
            note_date_label: true,
        }
    }
}

/// The work programme's wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeWording {
    /// What a meeting with nothing planned shows (empty: nothing).
    pub no_items: String,
    /// Whether the programme's title heads every page of its table.
    pub title_on_every_page: bool,
}

impl Default for ProgrammeWording {
    fn default() -> Self {
        Self {
            no_items: "No items planned yet".to_string(),
            title_on_every_page: false,
        }
    }
}

/// The `Report title: ...` line at the top of a public report's first section page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportTitle {
    /// Printed, repeating the cover's `Title:`.
    #[default]
    Repeated,
    /// Left out: the title is printed once, on the cover.
    Omitted,
}

/// The front sheet's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotesStyle {
    /// `Notes: 1) ... 2) ... 3) ...`, from the meeting's `notes:`.
    #[default]
    Numbered,
    /// A single note naming the contact person, made from `contacts:` (later eras).
    ContactNote,
}

/// The front sheet's access paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// The hearing loop and British Sign Language paragraph.
    #[default]
    HearingLoop,
    /// The later paragraph about attending, webcasting and registering to speak.
    PublicAccess,
}

impl Access {
    /// The stock heading of the paragraph.
    pub fn heading(self) -> &'static str {
        match self {
            Self::HearingLoop => "Please note:",
            Self::PublicAccess => "Public Access:",
        }
    }

    /// The stock text of the paragraph.
    pub fn text(self) -> &'static str {
        match self {
            Self::HearingLoop => {
                "a hearing loop is available in the committee rooms. If you require a British Sign Language interpreter for this meeting, or information in another format or language, please contact the officer named below."
            }
            Self::PublicAccess => {
                "Any member of the public who would like to attend the meeting in person is encouraged to contact the officer below in advance. The meeting will be webcast where the room allows; anyone wishing to speak on an item must register with the officer named below by 12 noon on the working day before the meeting."
            }
        }
    }
}

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateStyle {
    /// `Thursday, 5th November, 2026` on the front sheet, `5th November 2026` in text.
    #[default]
    Ordinal,
    /// `Thursday, 5 November 2026` on the front sheet, `5 November 2026` in text.
    Plain,
}

/// How the signatory's publication date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatoryDateStyle {
    /// `Wednesday, 10 July 2026`.
    #[default]
    Weekday,
    /// As dates in running text (`10th July 2026` or `10 July 2026`).
    Running,
}

impl DateStyle {
    /// A date in running text and document headers.
    pub fn running(self, date: Date) -> String {
        match self {
            Self::Ordinal => date.ordinal(),
            Self::Plain => date.plain(),
        }
    }

    /// A date with its weekday: the front sheet's `Time and Date` line, minutes headers.
    pub fn front_sheet(self, date: Date) -> String {
        match self {
            Self::Ordinal => date.front_sheet(),
            Self::Plain => date.long(),
        }
    }
}

impl Style {
    /// The signatory's publication date.
    pub fn signatory(&self, date: Date) -> String {
        match self.signatory_date {
            SignatoryDateStyle::Weekday => date.long(),
            SignatoryDateStyle::Running => self.dates.running(date),
        }
    }
}
