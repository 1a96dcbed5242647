//! What a Markdown body is converted as and with: its house-style layout (the
//! document kind's numbering rules), where its images live, and what comes out.

use std::path::{Path, PathBuf};

use crate::error::Location;
use crate::model::{
    AppendixScheme, DocumentBody, MarkdownSource, MinuteRef, Recommendations, SubParagraphs,
};

/// Which house-style layout a body is converted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour<'a> {
    /// Sections `1 Purpose of the Note`, paragraphs `1.1`, appendices.
    BriefingNote {
        /// How appendices are labelled.
        appendices: AppendixScheme,
        /// Recommendations from the front matter, printed as section 2.
        recommendations: Option<&'a Recommendations>,
        /// The paragraphs under a sub-heading marked `{.numbered}`.
        sub_paragraphs: SubParagraphs,
    },
    /// Sections `1. Context`, paragraphs `1.1`, sub-headings numbered like paragraphs
    /// (`5.1 Financial implications`), appendices.
    Report {
        /// How appendices are labelled.
        appendices: AppendixScheme,
        /// The paragraphs under a numbered sub-heading.
        sub_paragraphs: SubParagraphs,
    },
    /// A standalone appendix: headings and paragraphs unnumbered.
    Appendix,
    /// Minutes numbered from `first_minute`, `RESOLVED` blocks.
    Minutes {
        /// The number of the first minute.
        first_minute: u32,
    },
}

/// Where a document's images live: the meeting folder and the document's folder in it.
pub struct Assets<'a> {
    /// The meeting folder; nothing outside it may be referenced.
    pub meeting_dir: &'a Path,
    /// The folder of the Markdown file, relative to the meeting folder.
    pub document_dir: PathBuf,
}

/// A converted body: the main text, and the appendices that follow the author block.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Everything before the first appendix (typst markup, or an HTML fragment).
    pub body: String,
    /// The appendices in the same source, each starting on a new page (in HTML, each
    /// a `<section class="appendix">`).
    pub appendices: String,
    /// The images the body uses, in order of use, each once: their paths inside the
    /// meeting folder, `/`-separated, as the HTML's `src` gives them (filled for both
    /// targets).
    pub images: Vec<String>,
    /// The minutes referred to with `[[minute 22/26]]`, and where.
    pub minute_refs: Vec<(MinuteRef, Location)>,
    /// How many numbered minutes were printed (minutes only): the minute book counts
    /// with this, so its advice agrees with the printed numbers.
    pub minute_count: u32,
}

impl<'a> Flavour<'a> {
    /// The Markdown of a document and the flavour it is converted in, for every kind
    /// written in Markdown (not a supplied PDF or the work programme), so every
    /// target converts a document the same way.
    pub fn of(body: &'a DocumentBody) -> Option<(&'a MarkdownSource, Self)> {
        Some(match body {
            DocumentBody::BriefingNote(note) => (
                &note.markdown,
                Flavour::BriefingNote {
                    appendices: note.appendix_scheme,
                    recommendations: note.recommendations.as_ref(),
                    sub_paragraphs: note.sub_paragraphs,
                },
            ),
            DocumentBody::Report(report) => (
                &report.markdown,
                Flavour::Report {
                    appendices: report.appendix_scheme,
                    sub_paragraphs: report.sub_paragraphs,
                },
            ),
            DocumentBody::Minutes(minutes) => (
                &minutes.markdown,
                Flavour::Minutes {
                    first_minute: minutes.first_minute,
                },
            ),
            DocumentBody::Appendix(appendix) => (&appendix.markdown, Flavour::Appendix),
            DocumentBody::ExternalPdf(_) | DocumentBody::WorkProgramme(_) => return None,
        })
    }
}
