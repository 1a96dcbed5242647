//! Splitting a Markdown document into its YAML front matter and its body.

use std::path::Path;

use crate::error::{ContentError, Location};

/// A document split at its front matter.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The line number of the YAML's first line.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The line number of the body's first line.
    pub body_line: usize,
}

/// Splits `text` into front matter and body.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, ContentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        ContentError::new(Location::new(file, 1, 1), "the document has no front matter")
            .with_hint("start the file with a line `---`, the YAML front matter (e.g. `kind: briefing-note`), and another `---`")
    };
    let first_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_end].trim_end() != "---" {
        return Err(missing());
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + raw_line.len()..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(ContentError::new(
        Location::new(file, 1, 1),
        "the front matter is never closed",
    )
    .with_hint("end the front matter with a line containing only `---`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_line_numbers() {
        let text = "---\nkind: minutes\ndate: 2026-06-18\n---\n# First\n";
        let split = split(Path::new("m.md"), text).unwrap();
        assert_eq!(split.yaml, "kind: minutes\ndate: 2026-06-18\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(split.body, "# First\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = split(Path::new("m.md"), "---\nkind: minutes\n# First\n").unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn missing_front_matter_is_an_error_with_a_hint() {
        let err = split(Path::new("m.md"), "# Just markdown\n").unwrap_err();
        assert_eq!(err.location.line, 1);
        assert!(err.hint.unwrap().contains("---"));
    }
}
