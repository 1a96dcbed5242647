//! A public report (the older committee report) and the parts only reports have.

use serde::Deserialize;

use super::{AppendixScheme, Author, AuthorBlock, Date, MarkdownSource, Recommendations};

/// A public report: a cover block of labelled answers, then numbered sections.
#[derive(Debug, Clone)]
pub struct Report {
    /// `Title:`, and the document's bookmark.
    pub title: String,
    /// The committee it goes to.
    pub to: String,
    /// The meeting date.
    pub date: Date,
    /// `Name of Cabinet Member:`.
    pub cabinet_member: String,
    /// `Director Approving Submission of the report:`.
    pub director: String,
    /// `Ward(s) affected:`.
    pub wards: Vec<String>,
    /// `Is this a key decision?`: the reason when it is, `None` when it is not.
    pub key_decision: Option<String>,
    /// `Executive Summary:`, as paragraphs.
    pub executive_summary: Vec<String>,
    /// `Recommendations:`.
    pub recommendations: Recommendations,
    /// `List of Appendices included:`.
    pub appendices_included: Vec<String>,
    /// `Other useful background papers:`.
    pub background_papers: Vec<String>,
    /// `Has it been or will it be considered by Scrutiny?`
    pub scrutiny: String,
    /// `Has it been or will it be considered by any other Council Committee, ...?`
    pub other_bodies: String,
    /// `Will this report go to Council?`
    pub council: String,
    /// `Report author(s):`.
    pub authors: Vec<Author>,
    /// How the authors are printed.
    pub author_block: AuthorBlock,
    /// The contributors/approvers table.
    pub contributors: Vec<Contributor>,
    /// How appendices in the same source are labelled.
    pub appendix_scheme: AppendixScheme,
    /// The numbered sections.
    pub markdown: MarkdownSource,
}

/// A row of a report's contributors/approvers table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    /// Their name.
    pub name: String,
    /// Their job title.
    pub title: String,
    /// Their directorate or organisation.
    pub directorate: String,
    /// When the draft was sent to them.
    pub sent: Option<Date>,
    /// When they responded or approved it.
    pub approved: Option<Date>,
}
