//! The documents of an agenda item: notes, minutes and external PDFs.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{AppendixScheme, AuthorBlock, Date, Recommendations, Report, Time};

/// One document: it starts on an odd page and is padded to an even one.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it was read from, relative to the meeting folder.
    pub file: PathBuf,
    /// What it is and what it says.
    pub body: DocumentBody,
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Present {
    /// The Chair; also listed in `members`.
    pub chair: String,
    /// The members present.
    pub members: Vec<String>,
    /// Co-opted members present.
    #[serde(default)]
    pub co_opted: Vec<String>,
    /// Other members and invited people, each with their role.
    #[serde(default)]
    pub others: Vec<String>,
    /// Employees, grouped by directorate: label, then names.
    #[serde(default)]
    pub employees: indexmap::IndexMap<String, Vec<String>>,
}

/// A PDF supplied by another body, placed as its own document.
#[derive(Debug, Clone)]
pub struct ExternalPdf {
    /// Its title, for the bookmark and screen readers.
    pub title: String,
    /// How many pages it has.
    pub page_count: usize,
}
