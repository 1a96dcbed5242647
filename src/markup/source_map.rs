//! Source markers: typst comments in the generated markup naming the Markdown file and
//! line each block came from, so a typst error in author text is reported there.
//!
//! The converter writes `/*@file <path>*/` at the start of each converted body,
//! `/*@src <line>*/` before each top-level block and figure, and `/*@end*/` after the
//! body. Markers are block comments: they change nothing on the page, and author text
//! cannot forge one (it is escaped, and strings are not comments).

use std::path::{Path, PathBuf};

use typst::syntax::{Source, SyntaxKind, SyntaxNode};

use crate::error::Location;

/// The marker that starts a converted body from `file`.
pub fn file_marker(file: &Path) -> String {
    let path = file.to_string_lossy();
    // A comment cannot hold `*/`; percent-encode what could end it or confuse decoding.
    let encoded = path
        .replace('%', "%25")
        .replace('*', "%2A")
        .replace('\n', "%0A")
        .replace('\r', "%0D");
    format!("/*@file {encoded}*/")
}

/// The marker before a block that starts at Markdown `line` and `column`.
pub fn line_marker(line: usize, column: usize) -> String {
    format!("/*@src {line}:{column}*/")
}

/// The marker that ends a converted body.
pub const END_MARKER: &str = "/*@end*/";

/// Removes every marker from generated markup (for tests and snapshots).
pub fn strip_markers(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(at) = rest.find("/*@") {
        out.push_str(&rest[..at]);
        match rest[at..].find("*/") {
            Some(end) => rest = &rest[at + end + 2..],
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A marker found in a typst source.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    File(PathBuf),
    Line(usize, usize),
    End,
}

fn parse_marker(comment: &str) -> Option<Marker> {
    let inner = comment.strip_prefix("/*@")?.strip_suffix("*/")?;
    if inner == "end" {
        return Some(Marker::End);
    }
    if let Some(place) = inner.strip_prefix("src ") {
        let (line, column) = place.trim().split_once(':')?;
        return Some(Marker::Line(line.parse().ok()?, column.parse().ok()?));
    }
    let path = inner.strip_prefix("file ")?;
    Some(Marker::File(PathBuf::from(percent_decode(path))))
}

fn percent_decode(text: &str) -> String {
    text.replace("%2A", "*")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// The Markdown file, line and column behind byte `offset` of a generated typst
/// source, when the offset lies inside a converted body.
pub fn markdown_origin(source: &Source, offset: usize) -> Option<Location> {
    let mut markers = Vec::new();
    collect(source.root(), 0, offset, &mut markers);
    let mut place = None;
    for marker in markers.iter().rev() {
        match marker {
            Marker::End => return None,
            Marker::Line(line, column) => {
                place.get_or_insert((*line, *column));
            }
            Marker::File(file) => {
                let (line, column) = place?;
                return Some(Location::new(file.clone(), line, column));
            }
        }
    }
    None
}

/// Collects the markers that start before `limit`, in source order.
fn collect(node: &SyntaxNode, start: usize, limit: usize, out: &mut Vec<Marker>) {
    if start > limit {
        return;
    }
    if node.kind() == SyntaxKind::BlockComment {
        if let Some(marker) = parse_marker(node.leaf_text()) {
            out.push(marker);
        }
        return;
    }
    let mut offset = start;
    for child in node.children() {
        if offset > limit {
            break;
        }
        collect(child, offset, limit, out);
        offset += child.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_and_line_of_an_offset_inside_a_body() {
        let text = format!(
            "#let x = 1\n{}{}Para one\n\n{}#image(\"/*@src 99*/\")\n{}\nAfter",
            file_marker(Path::new("content/m/a*b.md")),
            line_marker(3, 1),
            line_marker(7, 4),
            END_MARKER,
        );
        let source = Source::detached(text.clone());
        let image = text.find("#image").unwrap();
        assert_eq!(
            markdown_origin(&source, image),
            Some(Location::new("content/m/a*b.md", 7, 4))
        );
        let para = text.find("Para").unwrap();
        assert_eq!(
            markdown_origin(&source, para),
            Some(Location::new("content/m/a*b.md", 3, 1))
        );
        assert_eq!(markdown_origin(&source, text.find("After").unwrap()), None);
        assert_eq!(markdown_origin(&source, 2), None);
    }

    #[test]
    fn stripping_removes_every_marker() {
        let text = format!(
            "{}{}Para{}",
            file_marker(Path::new("n.md")),
            line_marker(3, 1),
            END_MARKER
        );
        assert_eq!(strip_markers(&text), "Para");
    }
}
