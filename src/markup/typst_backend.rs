//! The typst back end: each construct as a call to the house-style functions of
//! `templates/style.typ`, with source markers so a typst error finds its Markdown line.

use std::path::Path;

use super::backend::{Backend, Figure, Footnote, Heading, Inline};
use super::escape::{escape_markup, string_literal};
use super::list::list_markup;
use super::source_map;
use super::table::TableLayout;
use super::table_typst::{is_all_strong, table_markup};
use crate::typeset::CONTENT_DIR;

/// Spells converted Markdown in typst markup.
pub(super) struct Typst;

impl Backend for Typst {
    fn text(&self, text: &str) -> String {
        escape_markup(text)
    }

    fn code(&self, code: &str) -> String {
        format!("#raw({});", string_literal(code))
    }

    fn line_break(&self) -> String {
        "#linebreak();".into()
    }

    fn page_break(&self) -> String {
        "#pagebreak(weak: true)\n\n".into()
    }

    fn footnote_reference(&self, note: &Footnote) -> String {
        // typst numbers and places footnotes itself.
        format!("#footnote[{}]", note.body)
    }

    fn footnotes(&self, _notes: &[Footnote]) -> String {
        String::new()
    }

    fn source_marker(&self, line: usize, column: usize) -> String {
        source_map::line_marker(line, column)
    }

    fn body(&self, file: &Path, markup: String) -> String {
        format!(
            "{}{markup}{}",
            source_map::file_marker(file),
            source_map::END_MARKER
        )
    }

    fn foreign(&self, file: &Path, markup: String, resume: &str) -> String {
        format!(
            "{}{markup}{}{resume}",
            source_map::END_MARKER,
            source_map::file_marker(file)
        )
    }

    fn link(&self, marker: &str, url: &str, inner: &str) -> String {
        format!("{marker}#link({})[{inner}]", string_literal(url))
    }

    fn inline(&self, style: Inline, inner: &str) -> String {
        let function = match style {
            Inline::Emphasis => "emph",
            Inline::Strong => "strong",
            Inline::Strikethrough => "strike",
        };
        format!("#{function}[{inner}]")
    }

    fn code_block(&self, lang: Option<&str>, code: &str) -> String {
        let lang = match lang {
            Some(lang) => format!(", lang: {}", string_literal(lang)),
            None => String::new(),
        };
        format!("#raw(block: true{lang}, {})\n\n", string_literal(code))
    }

    fn list(&self, start: Option<u64>, pattern: Option<&str>, items: &[String]) -> String {
        list_markup(start, pattern, items)
    }

    fn nested_list(&self, list: &str) -> String {
        format!("{list}\n")
    }

    fn list_block(&self, list: &str) -> String {
        format!("{list}\n\n")
    }

    fn indented(&self, list: &str) -> String {
        format!("#indented[{list}]\n\n")
    }

    fn quote(&self, inner: &str) -> String {
        format!("#quote(block: true)[{inner}]\n\n")
    }

    fn paragraph(&self, markup: &str) -> String {
        format!("{markup}\n\n")
    }

    fn numbered_paragraph(&self, label: &str, _id: &str, markup: &str) -> String {
        format!("#numbered-par(\"{label}\")[{markup}]\n\n")
    }

    fn figure_block(&self, markup: &str) -> String {
        format!("{markup}\n\n")
    }

    fn resolved(&self, decision: &str, list: Option<&str>) -> String {
        match list {
            Some(list) => format!("#resolved[{decision}\n\n{list}]\n\n"),
            None => format!("#resolved[{decision}]\n\n"),
        }
    }

    fn landscape(&self, inner: &str) -> String {
        format!("#landscape[\n{inner}]\n\n")
    }

    fn figure(&self, figure: &Figure) -> String {
        // Only captioned figures are numbered, like tables.
        let caption = match figure.caption {
            None => ", none)".to_string(),
            Some((number, title)) => format!(")[Figure {number}: {}]", escape_markup(title)),
        };
        format!(
            "{}#captioned-figure({}, alt: {}, width: {}{caption}",
            figure.marker,
            string_literal(&format!("{CONTENT_DIR}/{}", figure.path)),
            string_literal(figure.alt),
            figure.width.unwrap_or("100%"),
        )
    }

    fn heading(&self, heading: Heading) -> String {
        let call = match heading {
            Heading::Section { label, title, .. } => {
                format!("#section-heading(\"{label}\")[{title}]")
            }
            Heading::NumberedSub { label, title, .. } => {
                format!("#numbered-subheading(\"{label}\")[{title}]")
            }
            Heading::Sub { title } => format!("#subheading[{title}]"),
            Heading::Unnumbered { title } => format!("#unnumbered-section[{title}]"),
            Heading::Business { title } => format!("#business-heading[{title}]"),
            Heading::Minute { number, title, .. } => {
                format!("#minute-heading(\"{number}\")[{title}]")
            }
            Heading::Appendix {
                label,
                plain,
                title,
                ..
            } => format!(
                "#appendix-heading({}, {})[{title}]",
                string_literal(label),
                string_literal(plain)
            ),
            Heading::Part { plain, title, .. } => {
                format!("#part-heading({})[{title}]", string_literal(plain))
            }
        };
        format!("{call}\n\n")
    }

    fn appendix_end(&self) -> &'static str {
        ""
    }

    fn is_all_strong(&self, markup: &str) -> bool {
        is_all_strong(markup)
    }

    fn table(&self, table: &TableLayout, number: u32, _id: &str) -> String {
        table_markup(table, number)
    }
}
