//! The shapes of a document's author or contact block.

use serde::Deserialize;

/// How a document prints its authors, one of the house style's three shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthorBlock {
    /// Name, job title, directorate, `Tel:` and `E-mail:` on separate lines.
    #[default]
    Lines,
    /// A two-column `Author(s)` / `Contact` table.
    Table,
    /// One line: `Report author(s): Name, Job title, Directorate, Tel and email contact`.
    Inline,
}
