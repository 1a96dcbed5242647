//! Tables in HTML: a checked table with its caption, `<th scope>` header cells, merged
//! cells as spans, in a focusable region that scrolls on a narrow screen.

use pulldown_cmark::Alignment;

use super::backend::CellPart;
use super::html_backend::escape;
use super::table::{Slot, TableLayout};

/// The HTML of `table`, numbered `number` when it has a caption, whose caption gets
/// the id `id`.
pub(super) fn table_html(table: &TableLayout, number: u32, id: &str) -> String {
    let id = escape(id);
    let (name, caption) = match &table.caption {
        Some(caption) => (
            format!("aria-labelledby=\"{id}\""),
            format!("<caption id=\"{id}\">Table {number}: {caption}</caption>\n"),
        ),
        None => ("aria-label=\"Table\"".to_string(), String::new()),
    };
    let mut out = format!(
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" {name}>\n<table>\n{caption}"
    );
    if table.header_rows > 0 {
        out.push_str("<thead>\n");
        for r in 0..table.header_rows {
            out.push_str(&row(table, r));
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for r in table.header_rows..table.rows.len() {
        out.push_str(&row(table, r));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

/// Row `r` of the table.
fn row(table: &TableLayout, r: usize) -> String {
    let header = r < table.header_rows;
    let bold = !header && table.bold_rows.contains(&(r - table.header_rows));
    let class = if bold { " class=\"bold\"" } else { "" };
    let mut out = format!("<tr{class}>");
    for (c, slot) in table.grid[r].iter().enumerate() {
        let Slot::Origin { colspan, rowspan } = *slot else {
            continue;
        };
        let mut attributes = String::new();
        let scope = if header {
            Some(if colspan > 1 { "colgroup" } else { "col" })
        } else if table.is_row_header(r, c) {
            Some(if rowspan > 1 { "rowgroup" } else { "row" })
        } else {
            None
        };
        if let Some(scope) = scope {
            attributes.push_str(&format!(" scope=\"{scope}\""));
        }
        if colspan > 1 {
            attributes.push_str(&format!(" colspan=\"{colspan}\""));
        }
        if rowspan > 1 {
            attributes.push_str(&format!(" rowspan=\"{rowspan}\""));
        }
        match table.alignments[c] {
            Alignment::Right => attributes.push_str(" class=\"align-right\""),
            Alignment::Center => attributes.push_str(" class=\"align-center\""),
            Alignment::Left | Alignment::None => {}
        }
        let tag = if scope.is_some() { "th" } else { "td" };
        let body = cell(&table.rows[r][c].parts);
        out.push_str(&format!("<{tag}{attributes}>{body}</{tag}>"));
    }
    out.push_str("</tr>\n");
    out
}

/// A cell's lines joined with line breaks, its bullet lines as a list.
fn cell(parts: &[CellPart]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            CellPart::Line(line) => {
                if i > 0 && matches!(parts[i - 1], CellPart::Line(_)) {
                    out.push_str("<br>");
                }
                out.push_str(line);
            }
            CellPart::Bullets(items) => {
                out.push_str("<ul>");
                for item in items {
                    out.push_str(&format!("<li>{item}</li>"));
                }
                out.push_str("</ul>");
            }
        }
    }
    out
}
