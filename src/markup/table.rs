//! Markdown (GFM) tables to typst: cells collected row by row, checked against the
//! source, merged (`<` joins the cell to the left, `^` the cell above), split into
//! lines and bullet lines at `<br>`, and printed with the house style's
//! `captioned-table`, which fits them to the page.

use pulldown_cmark::Alignment;

use super::escape::string_literal;
use super::table_caption::TableSettings;
use crate::error::Location;

/// Stands for a `<br>` in a cell's text while the cell is collected (the bundled
/// fonts cannot print it, so author text never holds it).
pub(super) const LINE_BREAK: char = '\u{1e}';

/// How many of a column's longest pieces and lines are measured to fit it.
const MEASURED: usize = 5;

/// Whether inline HTML is a line break, the one tag a table cell may hold.
pub(super) fn is_line_break(html: &str) -> bool {
    let tag: String = html
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>")
}

/// A `Table:` line waiting for its table.
pub(super) struct CaptionLine {
    /// The caption as typst markup; none when the line only holds settings.
    pub caption: Option<String>,
    /// The settings in braces.
    pub settings: TableSettings,
    /// Where the line was written (a byte offset in the Markdown).
    pub at: usize,
}

/// What is wrong with a table as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum TableProblem {
    /// A row has more or fewer cells than the table has columns.
    #[error("this table row has {written} cells but the table has {columns} columns")]
    RaggedRow { written: usize, columns: usize },
    /// A `<` in the first column or a `^` in the first row.
    #[error("`{0}` merges a cell with one that does not exist (row {1}, column {2})")]
    NothingToMerge(char, usize, usize),
    /// Merged cells that do not make a rectangle.
    #[error("the merged cells at row {0}, column {1} do not make a rectangle")]
    NotRectangle(usize, usize),
    /// A merge across the line between header and body rows.
    #[error("row {0} merges a cell across the end of the header rows")]
    AcrossHeader(usize),
    /// More header rows asked for than the table has.
    #[error("`header={0}` asks for more header rows than the table's {1}")]
    TooManyHeaderRows(usize, usize),
    /// `widths=` with a share per column missing or extra.
    #[error("`widths=` gives {0} shares but the table has {1} columns")]
    WidthsCount(usize, usize),
    /// Several header rows asked for, the first being empty.
    #[error("the table's first row is empty (no header) but `header=` asks for header rows")]
    HeaderlessWithHeaderRows,
}

impl TableProblem {
    /// How to fix it.
    pub(super) fn hint(&self) -> &'static str {
        match self {
            Self::RaggedRow { .. } => {
                "give every row one cell per column; leave a cell empty with `| |`"
            }
            Self::NothingToMerge(..) | Self::NotRectangle(..) => {
                "write `<` alone in a cell to merge it with the cell to its left, `^` to merge it with the cell above; merged cells must make a rectangle"
            }
            Self::AcrossHeader(_) => {
                "merge header cells with header cells and body cells with body cells; `{header=N}` on the `Table:` line sets how many rows are header rows"
            }
            Self::TooManyHeaderRows(..) | Self::HeaderlessWithHeaderRows => {
                "`{header=N}` counts the header rows from the first row, which must name the columns"
            }
            Self::WidthsCount(..) => "give one share per column, e.g. `{widths=3,1,1}`",
        }
    }
}

/// A cell as written.
struct Cell {
    /// Its markup, lines and bullet lists made.
    markup: String,
    /// Its lines of plain text (bullet markers removed), for measuring.
    lines: Vec<String>,
    /// Whether all of it is bold (`**Total**`).
    bold: bool,
    /// `<` or `^`: merged with the cell to the left or above.
    merge: Option<char>,
}

/// Where a cell of the grid belongs once merges are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The cell is printed here, spanning `colspan` columns and `rowspan` rows.
    Origin { colspan: usize, rowspan: usize },
    /// Covered by the cell printed at (row, column).
    Covered(usize, usize),
}

/// A table being collected.
pub(super) struct TableFrame {
    alignments: Vec<Alignment>,
    /// Every row, the Markdown header row first.
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    caption: Option<String>,
    settings: TableSettings,
    at: Location,
}

impl TableFrame {
    /// A table with these column alignments, its `Table:` line if it has one, and
    /// where it was written.
    pub(super) fn new(alignments: Vec<Alignment>, line: Option<CaptionLine>, at: Location) -> Self {
        let (caption, settings) = match line {
            Some(line) => (line.caption, line.settings),
            None => (None, TableSettings::default()),
        };
        Self {
            alignments,
            rows: Vec::new(),
            row: Vec::new(),
            caption,
            settings,
            at,
        }
    }

    /// Whether the table has a caption (and so a number).
    pub(super) fn has_caption(&self) -> bool {
        self.caption.is_some()
    }

    /// A cell ends, with its markup and plain text, `LINE_BREAK` between its lines,
    /// and its source as `written` (where `\<`, `\^` and `\-` are plain characters).
    pub(super) fn end_cell(&mut self, markup: &str, plain: &str, written: &str) {
        let plain = plain.trim();
        let markup = markup.trim();
        let written = written.trim().trim_matches('|').trim();
        let merge = match written {
            "<" => Some('<'),
            "^" => Some('^'),
            _ => None,
        };
        // A bullet is written `- ` or `• ` at the start of a line of the cell.
        let written_lines = written_lines(written);
        let bullet_written = |line: usize| {
            written_lines.len() == markup.split(LINE_BREAK).count()
                && written_lines[line].starts_with(['-', '•'])
        };
        let bold = is_all_strong(markup);
        let mut lines = Vec::new();
        let mut parts: Vec<String> = Vec::new();
        let mut bullets: Vec<String> = Vec::new();
        let lines_of = markup.split(LINE_BREAK).zip(plain.split(LINE_BREAK));
        for (index, (markup_line, plain_line)) in lines_of.enumerate() {
            let (markup_line, plain_line) = (markup_line.trim(), plain_line.trim());
            let bullet = ["\\- ", "• "]
                .iter()
                .find_map(|marker| markup_line.strip_prefix(marker))
                .filter(|_| bullet_written(index));
            match bullet {
                Some(item) => {
                    bullets.push(format!("[{}]", item.trim()));
                    lines.push(
                        plain_line[plain_line.find(' ').unwrap_or(0)..]
                            .trim()
                            .into(),
                    );
                }
                None => {
                    if !bullets.is_empty() {
                        parts.push(format!(
                            "#list({})",
                            std::mem::take(&mut bullets).join(", ")
                        ));
                    }
                    parts.push(markup_line.to_string());
                    lines.push(plain_line.to_string());
                }
            }
        }
        if !bullets.is_empty() {
            parts.push(format!("#list({})", bullets.join(", ")));
        }
        self.row.push(Cell {
            markup: join_lines(&parts),
            lines,
            bold,
            merge,
        });
    }

    /// The header row ends.
    pub(super) fn end_head(&mut self) {
        let row = std::mem::take(&mut self.row);
        self.rows.push(row);
    }

    /// A body row ends; `written` is its source line.
    pub(super) fn end_row(&mut self, written: &str) -> Result<(), TableProblem> {
        // GFM silently pads or cuts a ragged row; a council table must not lose a cell.
        let written = source_cells(written);
        let columns = self.alignments.len();
        let row = std::mem::take(&mut self.row);
        // A ragged row is left out, so the rows after it are still read as rows.
        if written != columns {
            return Err(TableProblem::RaggedRow { written, columns });
        }
        self.rows.push(row);
        Ok(())
    }

    /// The typst markup of the table, numbered `number` in its document when it
    /// has a caption.
    pub(super) fn markup(self, number: u32) -> Result<String, TableProblem> {
        let columns = self.alignments.len();
        // A header row of empty cells: a table without a header (a glossary), its
        // first column naming the rows.
        let headerless = self.rows[0]
            .iter()
            .all(|cell| cell.lines.iter().all(String::is_empty));
        let header_rows = match (headerless, self.settings.header_rows) {
            (true, Some(_)) => return Err(TableProblem::HeaderlessWithHeaderRows),
            (true, None) => 0,
            (false, rows) => rows.unwrap_or(1),
        };
        if header_rows > self.rows.len() {
            return Err(TableProblem::TooManyHeaderRows(
                header_rows,
                self.rows.len(),
            ));
        }
        if let Some(widths) = &self.settings.widths
            && widths.len() != columns
        {
            return Err(TableProblem::WidthsCount(widths.len(), columns));
        }
        let rows: &[Vec<Cell>] = if headerless {
            &self.rows[1..]
        } else {
            &self.rows
        };
        let grid = merge(rows, header_rows)?;
        let row_headers = self.settings.row_headers || headerless;
        // The last row is a total when its first cell says so (as before merged
        // cells); any row whose first cell is all bold is printed bold.
        let last = rows.len().saturating_sub(1);
        // Rows printed bold, counted from the first body row.
        let bold_rows: Vec<usize> = (header_rows..rows.len())
            .filter(|&r| {
                let first = &rows[r][0];
                first.bold
                    || (r == last
                        && first.lines.len() == 1
                        && first.lines[0].eq_ignore_ascii_case("total"))
            })
            .map(|r| r - header_rows)
            .collect();
        let printed_bold = |r: usize, c: usize| {
            r < header_rows
                || bold_rows.contains(&(r - header_rows))
                || (row_headers && c == 0)
                || rows[r][c].bold
        };

        let print_row = |r: usize| -> String {
            let cells: Vec<String> = (0..columns)
                .filter_map(|c| match grid[r][c] {
                    Slot::Covered(..) => None,
                    Slot::Origin { colspan, rowspan } => {
                        let body = format!("[{}]", rows[r][c].markup);
                        let row_header = row_headers && c == 0 && r >= header_rows;
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
                    let target = if printed_bold(r, c) {
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

        let caption = match &self.caption {
            Some(caption) => format!("[Table {number}: {caption}]"),
            None => "none".into(),
        };
        let align: Vec<&str> = self
            .alignments
            .iter()
            .map(|a| match a {
                Alignment::Right => "right",
                Alignment::Center => "center",
                Alignment::Left | Alignment::None => "left",
            })
            .collect();
        let widths = match &self.settings.widths {
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
        Ok(format!(
            "#captioned-table(\n  caption: {caption},\n  at: (file: {file}, line: {line}, column: {column}),\n  alignments: ({align},),\n  widths: {widths},\n  header: (\n{header}  ),\n  rows: (\n{body}  ),\n  bold-rows: ({bold_rows}),\n  fitting: (\n    {fitting},\n  ),\n)\n\n",
            file = string_literal(&self.at.file.display().to_string()),
            line = self.at.line,
            column = self.at.column,
            align = align.join(", "),
            header = block(0..header_rows),
            body = block(header_rows..rows.len()),
            bold_rows = bold_rows
                .iter()
                .map(|r| format!("{r},"))
                .collect::<String>(),
            fitting = fitting.join(",\n    "),
        ))
    }
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

/// The lines of a cell as written, split at its `<br>` tags, each trimmed.
fn written_lines(written: &str) -> Vec<&str> {
    let lower = written.to_ascii_lowercase();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(open) = lower[from..].find("<br").map(|at| from + at) {
        let Some(close) = lower[open..].find('>').map(|at| open + at) else {
            break;
        };
        if is_line_break(&lower[open..=close]) {
            lines.push(written[start..open].trim());
            start = close + 1;
        }
        from = close + 1;
    }
    lines.push(written[start..].trim());
    lines
}

/// Lines of a cell joined with line breaks (a list is a block of its own).
fn join_lines(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 && !part.starts_with("#list(") && !parts[i - 1].starts_with("#list(") {
            out.push_str("#linebreak()");
        }
        out.push_str(part);
    }
    out
}

/// Whether `markup` is one bold run and nothing else (`#strong[...]`).
fn is_all_strong(markup: &str) -> bool {
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

/// Resolves `<` and `^` into spans: each cell of the grid is printed or covered.
fn merge(rows: &[Vec<Cell>], header_rows: usize) -> Result<Vec<Vec<Slot>>, TableProblem> {
    let columns = rows.first().map_or(0, Vec::len);
    let mut grid: Vec<Vec<Slot>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let mut slots: Vec<Slot> = Vec::with_capacity(columns);
        for (c, cell) in row.iter().enumerate() {
            let owner = match cell.merge {
                None => {
                    slots.push(Slot::Origin {
                        colspan: 1,
                        rowspan: 1,
                    });
                    continue;
                }
                Some('<') if c > 0 => owner_of(&slots[c - 1], r, c - 1),
                Some('^') if r > 0 => owner_of(&grid[r - 1][c], r - 1, c),
                Some(mark) => return Err(TableProblem::NothingToMerge(mark, r + 1, c + 1)),
            };
            if (owner.0 < header_rows) != (r < header_rows) {
                return Err(TableProblem::AcrossHeader(r + 1));
            }
            slots.push(Slot::Covered(owner.0, owner.1));
            let origin = if owner.0 == r {
                &mut slots[owner.1]
            } else {
                &mut grid[owner.0][owner.1]
            };
            if let Slot::Origin { colspan, rowspan } = origin {
                *colspan = (*colspan).max(c - owner.1 + 1);
                *rowspan = (*rowspan).max(r - owner.0 + 1);
            }
        }
        grid.push(slots);
    }
    // Every cell a span claims must be covered by it, and nothing outside it.
    for (r, row) in grid.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            if let Slot::Origin { colspan, rowspan } = *slot {
                let claimed = grid[r..r + rowspan]
                    .iter()
                    .flat_map(|row| &row[c..c + colspan])
                    .skip(1);
                if claimed.into_iter().any(|s| *s != Slot::Covered(r, c)) {
                    return Err(TableProblem::NotRectangle(r + 1, c + 1));
                }
            }
        }
    }
    for (r, row) in grid.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            if let Slot::Covered(or, oc) = *slot
                && let Slot::Origin { colspan, rowspan } = grid[or][oc]
                && !(c < oc + colspan && r < or + rowspan)
            {
                return Err(TableProblem::NotRectangle(or + 1, oc + 1));
            }
        }
    }
    Ok(grid)
}

/// The printed cell a slot belongs to: itself, or the one covering it.
fn owner_of(slot: &Slot, r: usize, c: usize) -> (usize, usize) {
    match *slot {
        Slot::Origin { .. } => (r, c),
        Slot::Covered(or, oc) => (or, oc),
    }
}

/// The number of cells written in a table row's source line: its unescaped pipes
/// outside code spans, less the optional leading and trailing ones.
fn source_cells(row: &str) -> usize {
    let row = row.trim();
    let mut pipes = 0;
    let mut in_code = false;
    let mut escaped = false;
    for ch in row.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => pipes += 1,
            _ => {}
        }
    }
    let leading = usize::from(row.starts_with('|'));
    let trailing = usize::from(row.len() > 1 && row.ends_with('|') && !row.ends_with("\\|"));
    pipes + 1 - leading - trailing
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
    fn written_lines_split_at_line_breaks() {
        assert_eq!(written_lines("a<br>- b<BR />c"), ["a", "- b", "c"]);
        assert_eq!(written_lines("a <b>"), ["a <b>"]);
    }

    #[test]
    fn only_a_lone_bold_run_is_all_bold() {
        assert!(is_all_strong("#strong[Total]"));
        assert!(is_all_strong("#strong[Total \\[a\\] #emph[b]]"));
        assert!(!is_all_strong("#strong[Total] and more"));
        assert!(!is_all_strong("Total"));
    }
}
