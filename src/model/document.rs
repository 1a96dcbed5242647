//! The documents of an agenda item: notes, minutes and external PDFs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{
    AppendixScheme, AuthorBlock, Date, Recommendations, Report, SubParagraphs, Time, WorkProgramme,
};

/// One document: it starts on an odd page and is padded to an even one.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it was read from, relative to the meeting folder.
    pub file: PathBuf,
    /// What it is and what it says.
    pub body: DocumentBody,
    /// The supplement it is published in, if it follows the agenda.
    pub supplement: Option<usize>,
}

/// The kinds of document, each with its own house-style layout.
#[derive(Debug, Clone)]
pub enum DocumentBody {
    /// A briefing note written in Markdown.
    BriefingNote(BriefingNote),
    /// Minutes written in Markdown.
    Minutes(Minutes),
    /// A public report written in Markdown.
    Report(Box<Report>),
    /// A PDF supplied by someone else, placed page by page.
    ExternalPdf(ExternalPdf),
    /// An appendix written in Markdown on its own, without a header.
    Appendix(MarkdownAppendix),
    /// The board's work programme, from a data file.
    WorkProgramme(Box<WorkProgramme>),
}

/// What a document is, known from its file before its content is checked: the
/// front matter's `kind:`, or the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A briefing note (`kind: briefing-note`).
    BriefingNote,
    /// Minutes (`kind: minutes`).
    Minutes,
    /// A report (`kind: report`).
    Report,
    /// A standalone appendix in Markdown (`kind: appendix`).
    Appendix,
    /// A supplied PDF.
    ExternalPdf,
    /// A work programme (`.yaml`).
    WorkProgramme,
}

impl DocumentKind {
    /// Whether this is an appendix (Markdown or a supplied PDF), which any item with
    /// documents may carry after its own.
    pub fn is_appendix(self) -> bool {
        matches!(self, Self::Appendix | Self::ExternalPdf)
    }

    /// What the document is, as an author names it: `minutes`, `a briefing note`.
    pub fn described(self) -> &'static str {
        match self {
            Self::BriefingNote => "a briefing note",
            Self::Minutes => "minutes",
            Self::Report => "a report",
            Self::Appendix => "an appendix",
            Self::ExternalPdf => "a supplied PDF",
            Self::WorkProgramme => "a work programme",
        }
    }
}

/// Markdown text and where it came from, so errors can point into it.
#[derive(Debug, Clone)]
pub struct MarkdownSource {
    /// The file, as it should appear in messages.
    pub file: PathBuf,
    /// The Markdown after the front matter.
    pub text: String,
    /// The file's line number of the first line of `text`.
    pub first_line: usize,
}

/// A briefing note.
#[derive(Debug, Clone)]
pub struct BriefingNote {
    /// The `Subject:` line and bookmark.
    pub subject: String,
    /// The `To:` line.
    pub to: String,
    /// The `Date:` line.
    pub date: Date,
    /// Recommendations given in the front matter, printed as section 2.
    pub recommendations: Option<Recommendations>,
    /// Who wrote it, printed at the end.
    pub authors: Vec<Author>,
    /// How the authors are printed.
    pub author_block: AuthorBlock,
    /// Documents relied on that are not published elsewhere, listed after the authors.
    pub background_papers: Vec<String>,
    /// How appendices in the same source are labelled.
    pub appendix_scheme: AppendixScheme,
    /// How paragraphs under a numbered sub-heading are numbered.
    pub sub_paragraphs: SubParagraphs,
    /// The body.
    pub markdown: MarkdownSource,
}

/// An appendix written in Markdown as a document of its own (`kind: appendix`): no
/// note or report header, its headings unnumbered; listed under its item like a
/// supplied PDF.
#[derive(Debug, Clone)]
pub struct MarkdownAppendix {
    /// Its title: printed at its top, and its bookmark.
    pub title: String,
    /// The body.
    pub markdown: MarkdownSource,
}

/// An author or contact of a note.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Their name.
    pub name: String,
    /// Their job title.
    pub title: Option<String>,
    /// Their directorate.
    pub directorate: Option<String>,
    /// Their telephone number.
    pub telephone: Option<String>,
    /// Their e-mail address.
    pub email: Option<String>,
}

/// Minutes of an earlier meeting.
#[derive(Debug, Clone)]
pub struct Minutes {
    /// The day the minuted meeting was held.
    pub date: Date,
    /// When it started.
    pub time: Time,
    /// Where it was held, if the minutes say.
    pub place: Option<String>,
    /// When it closed.
    pub closed: Time,
    /// The number of its first minute (numbering runs through the municipal year).
    pub first_minute: u32,
    /// Who was present.
    pub present: Present,
    /// Who sent apologies.
    pub apologies: Vec<String>,
    /// The minutes themselves.
    pub markdown: MarkdownSource,
}

/// The `Present:` block of minutes.
#[derive(Debug, Clone, Serialize)]
pub struct Present {
    /// The Chair; also listed in `members`.
    pub chair: String,
    /// The members present.
    pub members: Vec<MemberPresent>,
    /// Co-opted members present.
    pub co_opted: Vec<String>,
    /// Cabinet members present, each with their portfolio.
    pub cabinet_members: Vec<Attendee>,
    /// Other councillors present, each with their role.
    pub other_members: Vec<Attendee>,
    /// Employees present, grouped by directorate or service area: label, then names.
    pub employees: indexmap::IndexMap<String, Vec<String>>,
    /// What the employee groups are.
    pub employees_grouped_by: EmployeeGrouping,
    /// People invited to the meeting, each with their organisation.
    pub invited: Vec<Attendee>,
    /// Others present, each with their organisation.
    pub others_present: Vec<Attendee>,
}

/// A member present: a name, or a substitute for another member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberPresent {
    /// Their name.
    pub name: String,
    /// The member they substitute for: `(substitute for Cllr X)`.
    pub substitute_for: Option<String>,
}

/// Someone present in a role: a portfolio or an organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Attendee {
    /// Their name.
    pub name: String,
    /// Their portfolio, role or organisation.
    pub role: String,
}

/// How the employees present are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmployeeGrouping {
    /// `Employees (by Directorate):`.
    #[default]
    Directorate,
    /// `Employees (by Service Area):`.
    ServiceArea,
}

/// A PDF supplied by another body, placed as its own document.
#[derive(Debug, Clone)]
pub struct ExternalPdf {
    /// Its title, for the bookmark and screen readers.
    pub title: String,
    /// How many pages it has.
    pub page_count: usize,
    /// Its pages (from 1) shown wider than tall, placed on landscape pages.
    pub landscape_pages: Vec<usize>,
}
