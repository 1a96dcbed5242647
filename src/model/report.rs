//! A public report (the older committee report) and the parts only reports have.

use serde::{Deserialize, Serialize};

use super::{
    AppendixScheme, Author, AuthorBlock, Date, MarkdownSource, Recommendations, SubParagraphs,
};

/// A public report: a cover block of labelled answers, then numbered sections.
#[derive(Debug, Clone)]
pub struct Report {
    /// `Title:`, and the document's bookmark.
    pub title: String,
    /// The committees or meetings it goes to, each with its date (one or more).
    pub addressees: Vec<Addressee>,
    /// `Name of Cabinet Member:`, printed only when given.
    pub cabinet_member: Option<String>,
    /// `Director Approving Submission of the report:`, printed only when given.
    pub director: Option<String>,
    /// `Ward(s) affected:`, printed only when given.
    pub wards: Option<Vec<String>>,
    /// `Is this a key decision?`: the reason when it is, `None` when it is not.
    pub key_decision: Option<String>,
    /// `Executive Summary:`, as paragraphs and numbered lists.
    pub executive_summary: Vec<SummaryBlock>,
    /// `Recommendations:`.
    pub recommendations: Recommendations,
    /// Text printed after the recommendations list, when given.
    pub recommendations_after: Option<String>,
    /// `List of Appendices included:`.
    pub appendices_included: Vec<String>,
    /// `Other useful background papers:`.
    pub background_papers: Vec<String>,
    /// `Has it been or will it be considered by Scrutiny?`, printed only when given.
    pub scrutiny: Option<String>,
    /// `Has it been or will it be considered by any other Council Committee, ...?`,
    /// printed only when given.
    pub other_bodies: Option<String>,
    /// `Will this report go to Council?`, printed only when given.
    pub council: Option<String>,
    /// `Report author(s):`.
    pub authors: Vec<Author>,
    /// How the authors are printed.
    pub author_block: AuthorBlock,
    /// The contributors/approvers table.
    pub contributors: Vec<Contributor>,
    /// How appendices in the same source are labelled.
    pub appendix_scheme: AppendixScheme,
    /// How paragraphs under a numbered sub-heading are numbered.
    pub sub_paragraphs: SubParagraphs,
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

/// A committee or meeting a report goes to, and the date it goes there.
#[derive(Debug, Clone)]
pub struct Addressee {
    /// The committee.
    pub to: String,
    /// The meeting date.
    pub date: Date,
}

/// A block of the executive summary: a paragraph, or a numbered list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryBlock {
    /// A paragraph of text.
    Paragraph(String),
    /// A numbered list, from lines written `1. ...` or `1) ...`.
    Numbered(Vec<String>),
}

impl SummaryBlock {
    /// Reads an executive summary: paragraphs separated by blank lines; lines that
    /// start `1.` or `1)` (any number) are the items of a numbered list, and a line
    /// after an item without a number continues it.
    pub fn read_all(text: &str) -> Vec<Self> {
        let mut blocks = Vec::new();
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let mut lead: Vec<&str> = Vec::new();
            let mut items: Vec<String> = Vec::new();
            for line in paragraph.lines().map(str::trim) {
                match list_item(line) {
                    Some(item) => items.push(item.to_string()),
                    None if !items.is_empty() => {
                        let last = items.last_mut().expect("not empty");
                        last.push(' ');
                        last.push_str(line);
                    }
                    None => lead.push(line),
                }
            }
            if !lead.is_empty() {
                blocks.push(Self::Paragraph(lead.join("\n")));
            }
            if !items.is_empty() {
                blocks.push(Self::Numbered(items));
            }
        }
        blocks
    }
}

/// The text of a numbered list item `12. text` or `12) text`.
fn list_item(line: &str) -> Option<&str> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = line[digits..]
        .strip_prefix('.')
        .or_else(|| line[digits..].strip_prefix(')'))?;
    rest.strip_prefix(' ').map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_executive_summary_keeps_its_numbered_lists() {
        let text = "The Council consulted.\n\nThe report:\n1. sets out a policy\n2) asks for\n   approval\n\nA 2026 figure. 3 items";
        assert_eq!(
            SummaryBlock::read_all(text),
            [
                SummaryBlock::Paragraph("The Council consulted.".into()),
                SummaryBlock::Paragraph("The report:".into()),
                SummaryBlock::Numbered(vec![
                    "sets out a policy".into(),
                    "asks for approval".into()
                ]),
                SummaryBlock::Paragraph("A 2026 figure. 3 items".into()),
            ]
        );
    }
}
