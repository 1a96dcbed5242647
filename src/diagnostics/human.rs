//! Diagnostics for people, in the style of rustc and typst: the message, the place
//! as `file:line:column`, the source line with a caret under the column, and a hint.
//! The source line is quoted only from a file that [`Sources`] allows.

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Chars, Config};

use super::{Diagnostic, Severity, Sources, colour};

/// One diagnostic as text, ending with a blank line; its source line is quoted only
/// when `sources` allows the file. Coloured as codespan colours it when `colour`.
pub fn human(diagnostic: &Diagnostic, sources: &Sources, colour: bool) -> String {
    let severity = colour::label(diagnostic.severity, colour);
    let hint = diagnostic
        .hint
        .as_ref()
        .map(|h| format!("  = hint: {h}\n"))
        .unwrap_or_default();
    let Some(location) = &diagnostic.location else {
        return format!("{severity}: {}\n{hint}\n", diagnostic.message);
    };
    let name = location.file.to_string_lossy().into_owned();
    let text = (location.line > 0)
        .then(|| sources.text(&location.file))
        .flatten();
    let Some(text) = text else {
        return format!(
            "{severity}: {}\n  --> {}\n{hint}\n",
            diagnostic.message, location
        )
        .replace(&format!("{}:0:0", name), &name);
    };
    let start = byte_offset(&text, location.line, location.column);
    let end = text[start..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(start, |c| start + c.len_utf8());
    let file = SimpleFile::new(name, text.as_str());
    let snippet = match diagnostic.severity {
        Severity::Error => Snippet::error(),
        Severity::Warning => Snippet::warning(),
    }
    .with_message(&diagnostic.message)
    .with_labels(vec![Label::primary((), start..end)])
    .with_notes(
        diagnostic
            .hint
            .iter()
            .map(|h| format!("hint: {h}"))
            .collect(),
    );
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    let mut out = colour::buffer(colour);
    match term::emit_to_write_style(&mut out, &config, &file, &snippet) {
        Ok(()) => String::from_utf8_lossy(out.as_slice()).into_owned() + "\n",
        Err(_) => format!(
            "{severity}: {}\n  --> {location}\n{hint}\n",
            diagnostic.message
        ),
    }
}

/// The byte offset of 1-based `line` and character `column` in `text`, clamped.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    line_start + within
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    #[test]
    fn shows_place_source_line_caret_and_hint() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("note.md");
        std::fs::write(&file, "---\nkind: briefing-note\nsubjet: Typo\n---\n").unwrap();
        let text = human(
            &Diagnostic {
                severity: Severity::Error,
                location: Some(Location::new(&file, 3, 1)),
                message: "unknown field `subjet`".into(),
                hint: Some("did you mean `subject`?".into()),
            },
            &Sources::within([dir.path()]),
            false,
        );
        assert!(
            text.starts_with("error: unknown field `subjet`\n"),
            "{text}"
        );
        assert!(text.contains(&format!("{}:3:1", file.display())), "{text}");
        assert!(text.contains("3 | subjet: Typo"), "{text}");
        assert!(text.contains("^"), "{text}");
        assert!(text.contains("= hint: did you mean `subject`?"), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_linked_from_outside_the_roots_is_named_but_never_quoted() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.md");
        std::fs::write(&secret, "---\nsubjet: MARKER-0b5e\n---\n").unwrap();
        let root = tempfile::tempdir().unwrap();
        let link = root.path().join("note.md");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        for file in [&link, &secret] {
            let text = human(
                &Diagnostic {
                    severity: Severity::Error,
                    location: Some(Location::new(file, 2, 1)),
                    message: "unknown field `subjet`".into(),
                    hint: None,
                },
                &Sources::within([root.path()]),
                false,
            );
            assert!(!text.contains("MARKER-0b5e"), "{text}");
            assert!(text.contains(&format!("{}:2:1", file.display())), "{text}");
        }
    }

    #[test]
    fn byte_offsets_count_characters() {
        assert_eq!(byte_offset("ab\né x\n", 2, 3), 6);
        assert_eq!(byte_offset("ab\n", 9, 9), 3);
    }
}
