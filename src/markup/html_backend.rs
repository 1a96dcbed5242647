//! The HTML back end of the web edition: each construct as an HTML fragment, every
//! piece of author text escaped (pulldown-cmark's escaping), ids as the core gave them.

use std::path::Path;

use pulldown_cmark_escape::escape_href;

use super::backend::{Backend, Figure, Footnote, Heading, Inline};
use super::table::TableLayout;
use super::table_html::table_html;

/// Spells converted Markdown in HTML.
pub(super) struct Html;

/// `text` escaped for HTML text and double-quoted attribute values.
pub(super) use super::escape::escape_html as escape;

/// `url` escaped for an `href` or `src` attribute.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    escape_href(&mut out, url).expect("writing to a String cannot fail");
    out
}

/// The `type` of an `<ol>` for a lettered or roman list's typst pattern (`(a)`).
fn list_type(pattern: &str) -> Option<char> {
    pattern.chars().find(|c| matches!(c, 'a' | 'A' | 'i' | 'I'))
}

impl Backend for Html {
    fn text(&self, text: &str) -> String {
        escape(text)
    }

    fn code(&self, code: &str) -> String {
        format!("<code>{}</code>", escape(code))
    }

    fn line_break(&self) -> String {
        "<br>".into()
    }

    fn page_break(&self) -> String {
        "<hr>\n".into()
    }

    fn footnote_reference(&self, note: &Footnote) -> String {
        let n = note.number;
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\">{n}</a></sup>")
    }

    fn footnotes(&self, notes: &[Footnote]) -> String {
        let first = notes.first().map_or(1, |note| note.number);
        let start = if first == 1 {
            String::new()
        } else {
            format!(" start=\"{first}\"")
        };
        let items: String = notes
            .iter()
            .map(|note| {
                let n = note.number;
                format!(
                    "<li id=\"fn-{n}\">{} <a href=\"#fnref-{n}\" class=\"footnote-back\" aria-label=\"Back to the text of footnote {n}\">\u{21a9}\u{fe0e}</a></li>\n",
                    note.body
                )
            })
            .collect();
        format!(
            "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol{start}>\n{items}</ol>\n</section>\n"
        )
    }

    fn source_marker(&self, _line: usize, _column: usize) -> String {
        String::new()
    }

    fn body(&self, _file: &Path, markup: String) -> String {
        markup
    }

    fn foreign(&self, _file: &Path, markup: String, _resume: &str) -> String {
        markup
    }

    fn link(&self, _marker: &str, url: &str, inner: &str) -> String {
        format!("<a href=\"{}\">{inner}</a>", escape_url(url))
    }

    fn inline(&self, style: Inline, inner: &str) -> String {
        let tag = match style {
            Inline::Emphasis => "em",
            Inline::Strong => "strong",
            Inline::Strikethrough => "s",
        };
        format!("<{tag}>{inner}</{tag}>")
    }

    fn code_block(&self, lang: Option<&str>, code: &str) -> String {
        let class = match lang {
            Some(lang) => format!(" class=\"language-{}\"", escape(lang)),
            None => String::new(),
        };
        format!("<pre><code{class}>{}</code></pre>\n", escape(code))
    }

    fn list(&self, start: Option<u64>, pattern: Option<&str>, items: &[String]) -> String {
        let items: String = items
            .iter()
            .map(|item| format!("<li>{item}</li>\n"))
            .collect();
        let Some(start) = start else {
            return format!("<ul>\n{items}</ul>");
        };
        let mut attributes = String::new();
        if start != 1 {
            attributes.push_str(&format!(" start=\"{start}\""));
        }
        if let Some(kind) = pattern.and_then(list_type) {
            attributes.push_str(&format!(" type=\"{kind}\""));
        }
        format!("<ol{attributes}>\n{items}</ol>")
    }

    fn nested_list(&self, list: &str) -> String {
        format!("\n{list}")
    }

    fn list_block(&self, list: &str) -> String {
        format!("{list}\n")
    }

    fn indented(&self, list: &str) -> String {
        format!("<div class=\"indented\">\n{list}\n</div>\n")
    }

    fn quote(&self, inner: &str) -> String {
        format!("<blockquote>\n{inner}\n</blockquote>\n")
    }

    fn paragraph(&self, markup: &str) -> String {
        format!("<p>{markup}</p>\n")
    }

    fn numbered_paragraph(&self, label: &str, id: &str, markup: &str) -> String {
        format!(
            "<p id=\"{}\"><span class=\"number\">{}</span> {markup}</p>\n",
            escape(id),
            escape(label)
        )
    }

    fn figure_block(&self, markup: &str) -> String {
        format!("{markup}\n")
    }

    fn resolved(&self, decision: &str, list: Option<&str>) -> String {
        let list = list.map(|list| format!("{list}\n")).unwrap_or_default();
        format!("<div class=\"resolved\">\n<p>{decision}</p>\n{list}</div>\n")
    }

    fn landscape(&self, inner: &str) -> String {
        // A screen has no page to turn: wide tables scroll in their own region.
        inner.to_string()
    }

    fn figure(&self, figure: &Figure) -> String {
        let style = figure
            .width
            .map(|width| format!(" style=\"width: {}\"", escape(width)))
            .unwrap_or_default();
        let caption = figure
            .caption
            .map(|(number, title)| {
                format!(
                    "<figcaption>Figure {number}: {}</figcaption>",
                    escape(title)
                )
            })
            .unwrap_or_default();
        format!(
            "<figure><img src=\"{}\" alt=\"{}\"{style}>{caption}</figure>",
            escape_url(figure.path),
            escape(figure.alt)
        )
    }

    fn heading(&self, heading: Heading) -> String {
        let numbered = |tag: &str, id: &str, number: &str, title: &str| {
            format!(
                "<{tag} id=\"{}\"><span class=\"number\">{}</span> {title}</{tag}>\n",
                escape(id),
                escape(number)
            )
        };
        match heading {
            Heading::Section { label, id, title } => numbered("h2", id, label, title),
            Heading::NumberedSub { label, id, title } => numbered("h3", id, label, title),
            Heading::Minute { number, id, title } => numbered("h2", id, &number.to_string(), title),
            Heading::Sub { title } => format!("<h3>{title}</h3>\n"),
            Heading::Unnumbered { title } => format!("<h2>{title}</h2>\n"),
            Heading::Business { title } => format!("<h2 class=\"business\">{title}</h2>\n"),
            Heading::Appendix {
                label, title, id, ..
            } => {
                let title = if title.is_empty() {
                    String::new()
                } else {
                    format!(": {title}")
                };
                format!(
                    "<section class=\"appendix\" id=\"{}\">\n<h2>{}{title}</h2>\n",
                    escape(id),
                    escape(label)
                )
            }
            Heading::Part { title, id, .. } => {
                format!("<h2 class=\"part\" id=\"{}\">{title}</h2>\n", escape(id))
            }
        }
    }

    fn appendix_end(&self) -> &'static str {
        "</section>\n"
    }

    fn is_all_strong(&self, markup: &str) -> bool {
        const OPEN: &str = "<strong>";
        const CLOSE: &str = "</strong>";
        if !markup.starts_with(OPEN) {
            return false;
        }
        // Author text is escaped, so every `<strong>` here is one the converter wrote;
        // the first must close at the very end.
        let mut depth = 0usize;
        let mut at = 0;
        while at < markup.len() {
            let rest = &markup[at..];
            if rest.starts_with(OPEN) {
                depth += 1;
                at += OPEN.len();
            } else if rest.starts_with(CLOSE) {
                depth -= 1;
                at += CLOSE.len();
                if depth == 0 {
                    return at == markup.len();
                }
            } else {
                at += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        false
    }

    fn table(&self, table: &TableLayout, number: u32, id: &str) -> String {
        table_html(table, number, id)
    }
}
