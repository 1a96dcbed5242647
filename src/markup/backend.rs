//! The seam between the Markdown walker and its outputs: what the target-neutral core
//! has decided (a construct, its number, its id) handed to a back end that only spells
//! it in typst or in HTML.

use std::path::Path;

use super::table::TableLayout;

/// An inline style around converted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Inline {
    Emphasis,
    Strong,
    Strikethrough,
}

/// A heading as the core numbered it; `title` is converted text, `plain` its letters.
#[derive(Debug, Clone, Copy)]
pub(super) enum Heading<'t> {
    /// A numbered section of a note or report: `label` is `2` or `2.`.
    Section {
        label: &'t str,
        id: &'t str,
        title: &'t str,
    },
    /// A sub-heading taking a paragraph number (`5.1`).
    NumberedSub {
        label: &'t str,
        id: &'t str,
        title: &'t str,
    },
    /// A sub-heading without a number.
    Sub { title: &'t str },
    /// A level-1 heading of a standalone appendix.
    Unnumbered { title: &'t str },
    /// `Private Business` and the like in minutes: it takes no minute number.
    Business { title: &'t str },
    /// A numbered minute.
    Minute {
        number: u32,
        id: &'t str,
        title: &'t str,
    },
    /// An appendix inside a document: `label` is `Appendix 2`.
    Appendix {
        label: &'t str,
        plain: &'t str,
        title: &'t str,
        id: &'t str,
    },
    /// A second numbered part after the appendices.
    Part {
        plain: &'t str,
        title: &'t str,
        id: &'t str,
    },
}

/// A figure as the core checked it.
pub(super) struct Figure<'f> {
    /// The image's path inside the meeting folder, `/`-separated.
    pub path: &'f str,
    /// The alternative text (plain).
    pub alt: &'f str,
    /// A width asked for (`60%`), as a length both targets read.
    pub width: Option<&'f str>,
    /// The figure's number and caption text (plain), when it has a caption.
    pub caption: Option<(u32, &'f str)>,
    /// The source marker before it (typst only; empty for HTML).
    pub marker: &'f str,
}

/// A piece of a table cell: a line of text, or a run of bullet lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CellPart {
    Line(String),
    Bullets(Vec<String>),
}

/// A footnote the text referred to, numbered in reading order.
pub(super) struct Footnote {
    pub number: u32,
    /// The footnote's converted text.
    pub body: String,
}

/// One output of the converter. Every method spells a construct whose structure,
/// numbers and ids the core has already decided; none validates or counts.
pub(super) trait Backend {
    /// Author text, escaped so it prints verbatim.
    fn text(&self, text: &str) -> String;
    /// An inline code span.
    fn code(&self, code: &str) -> String;
    /// A hard line break inside a paragraph.
    fn line_break(&self) -> String;
    /// `---`: a page break in print.
    fn page_break(&self) -> String;
    /// A footnote reference where the text refers to footnote `note`.
    fn footnote_reference(&self, note: &Footnote) -> String;
    /// The footnotes referred to in a part of the document, at its end.
    fn footnotes(&self, notes: &[Footnote]) -> String;
    /// A source marker for Markdown `line` and `column` (typst only).
    fn source_marker(&self, line: usize, column: usize) -> String;
    /// A converted body from `file`, with the source markers that frame it.
    fn body(&self, file: &Path, markup: String) -> String;
    /// Text that did not come from the Markdown (front-matter recommendations), set
    /// between the source markers; `resume` is the marker of the block after it.
    fn foreign(&self, file: &Path, markup: String, resume: &str) -> String;
    /// A live link: `marker` is the link's source marker.
    fn link(&self, marker: &str, url: &str, inner: &str) -> String;
    /// Styled inline text.
    fn inline(&self, style: Inline, inner: &str) -> String;
    /// A fenced or indented code block.
    fn code_block(&self, lang: Option<&str>, code: &str) -> String;
    /// A list of converted items: `start` for an ordered one, `pattern` the typst
    /// numbering of a lettered or roman one (`a)`, `(i)`).
    fn list(&self, start: Option<u64>, pattern: Option<&str>, items: &[String]) -> String;
    /// A nested list's block inside its item.
    fn nested_list(&self, list: &str) -> String;
    /// A top-level list.
    fn list_block(&self, list: &str) -> String;
    /// A list under numbered paragraphs, indented to their text.
    fn indented(&self, list: &str) -> String;
    /// A block quotation.
    fn quote(&self, inner: &str) -> String;
    /// A paragraph without a number (also inside lists, quotes and footnotes).
    fn paragraph(&self, markup: &str) -> String;
    /// A numbered paragraph.
    fn numbered_paragraph(&self, label: &str, id: &str, markup: &str) -> String;
    /// A paragraph that is only a figure.
    fn figure_block(&self, markup: &str) -> String;
    /// A minutes decision (`RESOLVED ...`), with the list that completes it.
    fn resolved(&self, decision: &str, list: Option<&str>) -> String;
    /// A landscape section's converted blocks.
    fn landscape(&self, inner: &str) -> String;
    /// A figure.
    fn figure(&self, figure: &Figure) -> String;
    /// A heading.
    fn heading(&self, heading: Heading) -> String;
    /// What closes an appendix before the next appendix, part or the end.
    fn appendix_end(&self) -> &'static str;
    /// Whether converted cell text is one bold run and nothing else.
    fn is_all_strong(&self, markup: &str) -> bool;
    /// A table, numbered `number` when it has a caption; `id` names its caption.
    fn table(&self, table: &TableLayout, number: u32, id: &str) -> String;
}
