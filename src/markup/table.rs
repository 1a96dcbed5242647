//! Markdown (GFM) tables to typst: cells collected row by row, checked against the
//! source, and printed with the house style's `captioned-table`.

use std::fmt;

use pulldown_cmark::Alignment;

/// A table being collected.
pub(super) struct TableFrame {
    alignments: Vec<Alignment>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    first_cell_plain: Vec<String>,
    caption: Option<String>,
}

/// What is wrong with a table as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TableProblem {
    /// Every header cell is empty.
    EmptyHeader,
    /// A row has more or fewer cells than the table has columns.
    RaggedRow { written: usize, columns: usize },
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyHeader => write!(
                f,
                "the table has no header row (every header cell is empty)"
            ),
            Self::RaggedRow { written, columns } => write!(
                f,
                "this table row has {written} cells but the table has {columns} columns"
            ),
        }
    }
}

impl TableProblem {
    /// How to fix it.
    pub(super) fn hint(&self) -> &'static str {
        match self {
            Self::EmptyHeader => {
                "name each column in the first row; screen readers announce these names with every cell"
            }
            Self::RaggedRow { .. } => {
                "give every row one cell per column; leave a cell empty with `| |`"
            }
        }
    }
}

impl TableFrame {
    /// A table with these column alignments and an optional caption (typst markup).
    pub(super) fn new(alignments: Vec<Alignment>, caption: Option<String>) -> Self {
        Self {
            alignments,
            header: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
            first_cell_plain: Vec::new(),
            caption,
        }
    }

    /// A cell ends, with its markup and plain text.
    pub(super) fn end_cell(&mut self, markup: &str, plain: &str) {
        if self.row.is_empty() {
            self.first_cell_plain.push(plain.trim().to_string());
        }
        self.row.push(markup.trim().to_string());
    }

    /// The header row ends.
    pub(super) fn end_head(&mut self) -> Result<(), TableProblem> {
        self.header = std::mem::take(&mut self.row);
        self.first_cell_plain.clear();
        // PDF/UA: a data table needs header cells for a screen reader to
        // announce; an empty header row gives none.
        if self.header.iter().all(|cell| cell.trim().is_empty()) {
            return Err(TableProblem::EmptyHeader);
        }
        Ok(())
    }

    /// A body row ends; `written` is its source line.
    pub(super) fn end_row(&mut self, written: &str) -> Result<(), TableProblem> {
        // GFM silently pads or cuts a ragged row; a council table must not lose a cell.
        let written = source_cells(written);
        let columns = self.alignments.len();
        if written != columns {
            return Err(TableProblem::RaggedRow { written, columns });
        }
        let row = std::mem::take(&mut self.row);
        self.rows.push(row);
        Ok(())
    }

    /// The typst markup of the table, numbered `number` in its document.
    pub(super) fn markup(self, number: u32) -> String {
        let caption = match &self.caption {
            Some(caption) => format!("[Table {number}: {caption}]"),
            None => format!("[Table {number}]"),
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
        let cells = |row: &[String]| {
            row.iter()
                .map(|cell| format!("[{cell}]"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|row| format!("({},)", cells(row)))
            .collect();
        let total = self
            .first_cell_plain
            .last()
            .is_some_and(|first| first.eq_ignore_ascii_case("total"));
        format!(
            "#captioned-table(\n  caption: {caption},\n  alignments: ({},),\n  header: ({},),\n  rows: (\n    {}\n  ),\n  total: {total},\n)\n\n",
            align.join(", "),
            cells(&self.header),
            rows.iter()
                .map(|r| format!("{r},"))
                .collect::<Vec<_>>()
                .join("\n    "),
        )
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
