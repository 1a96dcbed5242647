//! How the paragraphs under a numbered sub-heading (`5.1 Financial implications`) are
//! numbered.

use serde::Deserialize;

/// The numbers of the paragraphs under a numbered sub-heading, chosen per document
/// with `sub_paragraphs:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubParagraphs {
    /// Not numbered (a report's default): `5.1 Financial implications`, then text.
    Unnumbered,
    /// The paragraph numbers carry on (a note's default): `4.1` heading, `4.2` text.
    Continued,
    /// A third level: `5.1` heading, then `5.1.1`, `5.1.2`.
    Nested,
}
