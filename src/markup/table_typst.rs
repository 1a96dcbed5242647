//! Tables in typst: a checked table printed with the house style's `captioned-table`,
//! with the longest pieces and lines of each column measured so it fits the page.

use pulldown_cmark::Alignment;

use super::backend::CellPart;
use super::escape::string_literal;
use super::list::list_markup;
use super::table::{Slot, TableLayout};

/// How many of a column's longest pieces and lines are measured to fit it.
const MEASURED: usize = 5;

/// The typst markup of `table`, numbered `number` in its document when it has a
/// caption.
pub(super) fn table_markup(table: &TableLayout, number: u32) -> String {
    let columns = table.alignments.len();
    let (rows, grid, header_rows) = (&table.rows, &table.grid, table.header_rows);
    let bold_rows = &table.bold_rows;
    let print_row = |r: usize| -> String {
        let cells: Vec<String> = (0..columns)
            .filter_map(|c| match grid[r][c] {
                Slot::Covered(..) => None,
                Slot::Origin { colspan, rowspan } => {
                    let body = format!("[{}]", cell_markup(&rows[r][c].parts));
                    let row_header = table.is_row_header(r, c);
                    if colspan == 1 && rowspan == 1 && !row_header {
                        return Some(body);
                    }
                    let mut fields = vec![format!("body: {body}")];
                    if colspan > 1 {
                        fields.push(format!("colspan: {colspan}"));
                    }
                    if rowspan > 1 {
                        fields.push(format!("rowspan: {rowspan}"));
                    }
                    if row_header {
                        fields.push("row-header: true".into());
                    }
                    Some(format!("({})", fields.join(", ")))
                }
            })
            .collect();
        format!("({},)", cells.join(", "))
    };
    let block = |range: std::ops::Range<usize>| -> String {
        range
            .map(|r| format!("    {},\n", print_row(r)))
            .collect::<String>()
    };

    let fitting: Vec<String> = (0..columns)
        .map(|c| {
            let mut plain = Measured::default();
            let mut bold = Measured::default();
            for (r, row) in rows.iter().enumerate() {
                let spans_one = matches!(grid[r][c], Slot::Origin { colspan: 1, .. });
                if !spans_one {
                    continue;
                }
                let target = if table.printed_bold(r, c) {
                    &mut bold
                } else {
                    &mut plain
                };
                target.add(&row[c].lines);
            }
            format!(
                "(pieces: {}, lines: {}, bold-pieces: {}, bold-lines: {})",
                strings(plain.pieces),
                strings(plain.lines),
                strings(bold.pieces),
                strings(bold.lines)
            )
        })
        .collect();

    let caption = match &table.caption {
        Some(caption) => format!("[Table {number}: {caption}]"),
        None => "none".into(),
    };
    let align: Vec<&str> = table
        .alignments
        .iter()
        .map(|a| match a {
            Alignment::Right => "right",
            Alignment::Center => "center",
            Alignment::Left | Alignment::None => "left",
        })
        .collect();
    let widths = match &table.widths {
        Some(widths) => format!(
            "({},)",
            widths
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "auto".into(),
    };
    let bold_rows: Vec<String> = bold_rows.iter().map(usize::to_string).collect();
    format!(
        "#captioned-table(\n  caption: {caption},\n  at: (file: {file}, line: {line}, column: {column}),\n  alignments: ({align},),\n  widths: {widths},\n  header: (\n{header}  ),\n  rows: (\n{body}  ),\n  bold-rows: ({bold_rows}),\n  fitting: (\n    {fitting},\n  ),\n)\n\n",
        file = string_literal(&table.at.file.display().to_string()),
        line = table.at.line,
        column = table.at.column,
        align = align.join(", "),
        header = block(0..header_rows),
        body = block(header_rows..rows.len()),
        bold_rows = bold_rows
            .iter()
            .map(|r| format!("{r},"))
            .collect::<String>(),
        fitting = fitting.join(",\n    "),
    )
}

/// A column's longest pieces (runs of text a line cannot break) and lines.
#[derive(Default)]
struct Measured {
    pieces: Vec<String>,
    lines: Vec<String>,
}

impl Measured {
    fn add(&mut self, lines: &[String]) {
        for line in lines {
            keep_longest(&mut self.lines, line);
            for word in line.split_whitespace() {
                for piece in pieces(word) {
                    keep_longest(&mut self.pieces, piece);
                }
            }
        }
    }
}

/// The runs of `word` a line cannot break: the house style breaks after `;` and `/`,
/// and typst after a hyphen between letters (not in `-5` or `2024-25`).
fn pieces(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let breaks_after = match ch {
            ';' | '/' => true,
            '-' => {
                previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(|n| n.is_alphabetic())
            }
            _ => false,
        };
        if breaks_after {
            pieces.push(&word[start..at + ch.len_utf8()]);
            start = at + ch.len_utf8();
        }
        previous = Some(ch);
    }
    if start < word.len() {
        pieces.push(&word[start..]);
    }
    pieces
}

/// Adds `text` to `longest`, which keeps the `MEASURED` longest texts (by characters).
fn keep_longest(longest: &mut Vec<String>, text: &str) {
    if text.is_empty() || longest.iter().any(|t| t == text) {
        return;
    }
    longest.push(text.to_string());
    longest.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    longest.truncate(MEASURED);
}

/// A typst array of string literals.
fn strings(texts: Vec<String>) -> String {
    let literals: Vec<String> = texts.iter().map(|t| string_literal(t)).collect();
    format!(
        "({})",
        literals.iter().map(|l| format!("{l},")).collect::<String>()
    )
}

/// A cell's lines joined with line breaks (a list is a block of its own).
fn cell_markup(parts: &[CellPart]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            CellPart::Line(line) => {
                if i > 0 && matches!(parts[i - 1], CellPart::Line(_)) {
                    out.push_str("#linebreak()");
                }
                out.push_str(line);
            }
            CellPart::Bullets(items) => out.push_str(&list_markup(None, None, items)),
        }
    }
    out
}

/// Whether `markup` is one bold run and nothing else (`#strong[...]`).
pub(super) fn is_all_strong(markup: &str) -> bool {
    let Some(inner) = markup.strip_prefix("#strong[") else {
        return false;
    };
    // The `[` opened by `#strong` must close at the very end.
    let mut depth = 1;
    let mut escaped = false;
    for (i, ch) in inner.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return i == inner.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_where_a_line_may_break() {
        assert_eq!(pieces("[587;621;631]"), ["[587;", "621;", "631]"]);
        assert_eq!(pieces("ELM/CS/2026"), ["ELM/", "CS/", "2026"]);
        assert_eq!(pieces("North-West-2024"), ["North-", "West-2024"]);
        assert_eq!(pieces("-12,345"), ["-12,345"]);
    }

    #[test]
    fn only_a_lone_bold_run_is_all_bold() {
        assert!(is_all_strong("#strong[Total]"));
        assert!(is_all_strong("#strong[Total \\[a\\] #emph[b]]"));
        assert!(!is_all_strong("#strong[Total] and more"));
        assert!(!is_all_strong("Total"));
    }
}
