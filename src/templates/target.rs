//! The two outputs one template context is made for: the pack's typst source and the
//! web edition's HTML. Everything that differs between them is written here; what
//! the model says (numbers, exempt rules, names, dates) is shared.

use std::path::Path;

use minijinja::Value;

use crate::error::ContentError;
use crate::markup::{
    self, Assets, Flavour, Rendered, escape_html, escape_markup, html_with_autolinks,
    string_literal, text_with_autolinks,
};
use crate::model::{DocumentBody, MarkdownSource};
use crate::typeset::CONTENT_DIR;

/// The markup a context's prepared text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Typst markup, for the pack.
    Typst,
    /// HTML fragments, for the web edition.
    Html,
}

impl Target {
    /// A Markdown body converted to this target.
    pub(super) fn render(
        self,
        source: &MarkdownSource,
        flavour: Flavour,
        assets: &Assets,
    ) -> Result<Rendered, Vec<ContentError>> {
        match self {
            Self::Typst => markup::render(source, flavour, assets),
            Self::Html => markup::render_html(source, flavour, assets),
        }
    }

    /// Plain text escaped, its `<address>`es live links.
    pub(super) fn text_with_links(self, text: &str) -> Value {
        Value::from_safe_string(match self {
            Self::Typst => text_with_autolinks(text),
            Self::Html => html_with_autolinks(text),
        })
    }

    /// Plain text escaped.
    pub(super) fn text(self, text: &str) -> String {
        match self {
            Self::Typst => escape_markup(text),
            Self::Html => escape_html(text),
        }
    }

    /// An e-mail address as a live link.
    pub(super) fn email(self, address: &str) -> String {
        match self {
            Self::Typst => format!("#email({})", string_literal(address)),
            Self::Html => format!(
                "<a href=\"mailto:{}\">{}</a>",
                escape_html(address),
                escape_html(address)
            ),
        }
    }

    /// A table cell's text: escaped, each line break of the data kept.
    pub(super) fn cell(self, text: &str) -> Value {
        let lines: Vec<String> = text.trim_end().lines().map(|l| self.text(l)).collect();
        let separator = match self {
            Self::Typst => " \\ ",
            Self::Html => "<br>",
        };
        Value::from_safe_string(lines.join(separator))
    }

    /// Where the output reads a file of the meeting folder: typst's virtual path, or
    /// the path relative to the meeting's folder of the site (the file is copied there).
    pub fn file_path(self, file: &Path) -> String {
        let segments: Vec<String> = file
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match self {
            Self::Typst => format!("{CONTENT_DIR}/{}", segments.join("/")),
            Self::Html => segments.join("/"),
        }
    }

    /// The template that prints a document of this kind.
    pub(super) fn template(self, body: &DocumentBody) -> &'static str {
        match (self, body) {
            (Self::Typst, DocumentBody::BriefingNote(_)) => "briefing-note.typ.j2",
            (Self::Typst, DocumentBody::Minutes(_)) => "minutes.typ.j2",
            (Self::Typst, DocumentBody::Report(_)) => "report.typ.j2",
            (Self::Typst, DocumentBody::Appendix(_)) => "appendix.typ.j2",
            (Self::Typst, DocumentBody::ExternalPdf(_)) => "external-pdf.typ.j2",
            (Self::Typst, DocumentBody::WorkProgramme(_)) => "work-programme.typ.j2",
            (Self::Html, DocumentBody::BriefingNote(_)) => "briefing-note.html.j2",
            (Self::Html, DocumentBody::Minutes(_)) => "minutes.html.j2",
            (Self::Html, DocumentBody::Report(_)) => "report.html.j2",
            (Self::Html, DocumentBody::Appendix(_)) => "appendix.html.j2",
            (Self::Html, DocumentBody::ExternalPdf(_)) => "external-pdf.html.j2",
            (Self::Html, DocumentBody::WorkProgramme(_)) => "work-programme.html.j2",
        }
    }
}
