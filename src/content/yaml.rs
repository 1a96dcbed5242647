//! YAML parsing with errors that point at the file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{ContentError, Location};

/// YAML text and where it sits, so parse errors and later checks can point into it.
#[derive(Clone, Copy)]
pub struct YamlText<'a> {
    /// The file it was read from.
    pub file: &'a Path,
    /// The YAML itself.
    pub text: &'a str,
    /// The file's line number of the text's first line.
    pub first_line: usize,
}

impl YamlText<'_> {
    /// Parses the text into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ContentError> {
        parse(self.file, self.text, self.first_line)
    }

    /// The location of the first occurrence of `value` in the text.
    pub fn locate(&self, value: &str) -> Location {
        locate_value(self.file, self.text, self.first_line, value)
    }

    /// The location of the last occurrence of `value` in the text.
    pub fn locate_last(&self, value: &str) -> Location {
        match self.text.rfind(value) {
            Some(offset) => Location::of_offset(self.file, self.text, offset, self.first_line),
            None => self.locate(value),
        }
    }

    /// The location of the first line that sets `key` (`key:` after any indentation or
    /// list dash), else of the first occurrence of `key`.
    pub fn locate_key(&self, key: &str) -> Location {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let start = line.len() - line.trim_start_matches([' ', '-']).len();
            if line[start..].starts_with(key) && line[start + key.len()..].starts_with(':') {
                return Location::of_offset(self.file, self.text, offset + start, self.first_line);
            }
            offset += line.len();
        }
        self.locate(key)
    }
}

/// Parses `text` (which starts at line `first_line` of `file`) into `T`.
fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, ContentError> {
    serde_yaml::from_str(text).map_err(|err| from_serde(file, text, first_line, &err))
}

/// Converts a serde_yaml error into a content error with a location and a hint.
fn from_serde(file: &Path, text: &str, first_line: usize, err: &serde_yaml::Error) -> ContentError {
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; we print the location ourselves.
    let message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full.clone(),
    };
    // Errors raised by our own value types (dates, times) quote the offending value
    // first; serde_yaml gives them no useful location, so find the value in the text.
    let quoted = message
        .strip_prefix('`')
        .and_then(|rest| rest.split_once('`'));
    let location = match (quoted, err.location()) {
        (Some((value, _)), _) => locate_value(file, text, first_line, value),
        (None, Some(loc)) => Location::new(file, first_line + loc.line() - 1, loc.column()),
        (None, None) => Location::new(file, first_line, 1),
    };
    let error = ContentError::new(location, message.clone());
    match hint_for(&message) {
        Some(hint) => error.with_hint(hint),
        None => error,
    }
}

/// A suggestion for the common serde messages.
fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let best = candidates
            .iter()
            .min_by_key(|c| strsim::levenshtein(field, c))
            .filter(|c| strsim::levenshtein(field, c) <= 3);
        return Some(match best {
            Some(best) => format!("did you mean `{best}`?"),
            None => {
                "remove the key, or see docs/content-format.md for the keys allowed here".into()
            }
        });
    }
    if message.starts_with("missing field `") {
        return Some("add the key; docs/content-format.md lists what each file needs".into());
    }
    if message.starts_with("mapping values are not allowed")
        || message.starts_with("did not find expected")
    {
        return Some(
            "check the indentation (keys of one map line up) and the quotes on this line and the one above"
                .into(),
        );
    }
    if message.starts_with("unknown variant `") {
        return Some("use one of the values listed".into());
    }
    None
}

/// The location of the first occurrence of `needle` in `text` as a YAML value.
fn locate_value(file: &Path, text: &str, first_line: usize, needle: &str) -> Location {
    match text.find(needle) {
        Some(offset) => Location::of_offset(file, text, offset, first_line),
        None => Location::new(file, first_line, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        subject: String,
        date: crate::model::Date,
    }

    #[test]
    fn unknown_key_names_line_column_and_suggests_the_right_key() {
        let text = "subject: Test\nsubjct: Oops\ndate: 2026-07-16\n";
        let err = parse::<Sample>(Path::new("note.md"), text, 2).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 3, 1));
        assert!(
            err.message.starts_with("unknown field `subjct`"),
            "{}",
            err.message
        );
        assert_eq!(err.hint.as_deref(), Some("did you mean `subject`?"));
    }

    #[test]
    fn bad_date_is_reported_at_its_value() {
        let text = "subject: Test\ndate: 16/07/2026\n";
        let err = parse::<Sample>(Path::new("m.yaml"), text, 1).unwrap_err();
        assert_eq!(err.location.line, 2);
        assert!(err.message.contains("YYYY-MM-DD"), "{}", err.message);
    }

    #[test]
    fn missing_field_is_an_error_with_a_hint() {
        let err = parse::<Sample>(Path::new("m.yaml"), "subject: Test\n", 1).unwrap_err();
        assert!(
            err.message.contains("missing field `date`"),
            "{}",
            err.message
        );
        assert!(err.hint.is_some());
    }
}
