//! Markdown (GFM) tables, target-neutral: cells collected row by row, checked against
//! the source, merged (`<` joins the cell to the left, `^` the cell above), split into
//! lines and bullet lines at `<br>`, and laid out (header rows, row headers, bold rows)
//! for a back end to print.

use pulldown_cmark::Alignment;

use super::backend::{Backend, CellPart};
use super::table_caption::TableSettings;
use crate::error::Location;

/// Stands for a `<br>` in a cell's text while the cell is collected (the bundled
/// fonts cannot print it, so author text never holds it).
pub(super) const LINE_BREAK: char = '\u{1e}';

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
pub(super) struct Cell {
    /// Its lines and runs of bullet lines, converted.
    pub parts: Vec<CellPart>,
    /// Its lines of plain text (bullet markers removed), for measuring.
    pub lines: Vec<String>,
    /// Whether all of it is bold (`**Total**`).
    pub bold: bool,
    /// `<` or `^`: merged with the cell to the left or above.
    merge: Option<char>,
}

/// Where a cell of the grid belongs once merges are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
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
    /// The back end spells the bullet markers and tells a bold cell.
    pub(super) fn end_cell(
        &mut self,
        markup: &str,
        plain: &str,
        written: &str,
        backend: &dyn Backend,
    ) {
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
        let bold = backend.is_all_strong(markup);
        let markers = [backend.text("- "), backend.text("• ")];
        let mut lines = Vec::new();
        let mut parts: Vec<CellPart> = Vec::new();
        let mut bullets: Vec<String> = Vec::new();
        let lines_of = markup.split(LINE_BREAK).zip(plain.split(LINE_BREAK));
        for (index, (markup_line, plain_line)) in lines_of.enumerate() {
            let (markup_line, plain_line) = (markup_line.trim(), plain_line.trim());
            let bullet = markers
                .iter()
                .find_map(|marker| markup_line.strip_prefix(marker.as_str()))
                .filter(|_| bullet_written(index));
            match bullet {
                Some(item) => {
                    bullets.push(item.trim().to_string());
                    lines.push(
                        plain_line[plain_line.find(' ').unwrap_or(0)..]
                            .trim()
                            .into(),
                    );
                }
                None => {
                    if !bullets.is_empty() {
                        parts.push(CellPart::Bullets(std::mem::take(&mut bullets)));
                    }
                    parts.push(CellPart::Line(markup_line.to_string()));
                    lines.push(plain_line.to_string());
                }
            }
        }
        if !bullets.is_empty() {
            parts.push(CellPart::Bullets(bullets));
        }
        self.row.push(Cell {
            parts,
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

    /// Checks the table and resolves its header rows, merges and bold rows.
    pub(super) fn layout(mut self) -> Result<TableLayout, TableProblem> {
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
        if headerless {
            self.rows.remove(0);
        }
        let rows = self.rows;
        let grid = merge(&rows, header_rows)?;
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
        Ok(TableLayout {
            alignments: self.alignments,
            rows,
            grid,
            header_rows,
            bold_rows,
            row_headers,
            caption: self.caption,
            widths: self.settings.widths,
            at: self.at,
        })
    }
}

/// A checked table: its cells placed in the grid, ready for a back end to print.
pub(super) struct TableLayout {
    pub alignments: Vec<Alignment>,
    /// The rows printed, header rows first (an empty Markdown header row left out).
    pub rows: Vec<Vec<Cell>>,
    /// Where each cell of `rows` is printed or which cell covers it.
    pub grid: Vec<Vec<Slot>>,
    pub header_rows: usize,
    /// Rows printed bold, counted from the first body row.
    pub bold_rows: Vec<usize>,
    /// Whether the first column names the rows.
    pub row_headers: bool,
    /// The caption as converted text, when the table has one.
    pub caption: Option<String>,
    /// The columns' shares of the text width (`widths=3,1,1`).
    pub widths: Option<Vec<u32>>,
    /// Where the table was written.
    pub at: Location,
}

impl TableLayout {
    /// Whether cell (`r`, `c`) is printed bold.
    pub(super) fn printed_bold(&self, r: usize, c: usize) -> bool {
        r < self.header_rows
            || self.bold_rows.contains(&(r - self.header_rows))
            || (self.row_headers && c == 0)
            || self.rows[r][c].bold
    }

    /// Whether cell (`r`, `c`) heads its row.
    pub(super) fn is_row_header(&self, r: usize, c: usize) -> bool {
        self.row_headers && c == 0 && r >= self.header_rows
    }
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
    fn written_lines_split_at_line_breaks() {
        assert_eq!(written_lines("a<br>- b<BR />c"), ["a", "- b", "c"]);
        assert_eq!(written_lines("a <b>"), ["a <b>"]);
    }
}
