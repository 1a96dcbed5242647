//! The era variants of the house style: settings a content root or a meeting chooses.

use serde::{Deserialize, Serialize};

use super::Date;

/// The settings that changed between eras of the house style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

    /// The date of the front sheet's `Time and Date` line.
    pub fn front_sheet(self, date: Date) -> String {
        match self {
            Self::Ordinal => date.front_sheet(),
            Self::Plain => date.long(),
        }
    }
}

impl Style {
    /// The signatory's publication date.
    pub fn signatory(self, date: Date) -> String {
        match self.signatory_date {
            SignatoryDateStyle::Weekday => date.long(),
            SignatoryDateStyle::Running => self.dates.running(date),
        }
    }
}
