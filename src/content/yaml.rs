//! YAML parsing with errors that point at the file, line and column: the text is read
//! once for where each value is written ([`yaml_spans`](super::yaml_spans)), then
//! deserialised by serde_yaml, whose errors are placed at its parser's own mark (or,
//! without one, by the path of the value); model checks look values up by path.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use super::suggest;
use super::text_file::YAML_LIMIT;
use super::yaml_recovery::{self, Parsed};
use super::yaml_spans::{self, Spans};
use crate::error::{ContentError, Gathered, Location, Result};

/// YAML text, where it sits, and where each of its values is written.
pub struct YamlText<'a> {
    /// The file it was read from.
    pub file: &'a Path,
    /// The YAML itself.
    pub text: &'a str,
    /// The file's line number of the text's first line.
    pub first_line: usize,
    /// Where each value is written.
    spans: Spans,
}

impl<'a> YamlText<'a> {
    /// Reads `text` (which starts at line `first_line` of `file`), refusing text past
    /// the YAML size limit and what [`yaml_spans::read`] refuses.
    pub fn read(file: &'a Path, text: &'a str, first_line: usize) -> Result<Self> {
        if text.len() as u64 > YAML_LIMIT.bytes {
            return Err(YAML_LIMIT.exceeded(file, text.len() as u64).into());
        }
        let spans = yaml_spans::read(file, text, first_line).or_else(|errors| {
            let mut gathered = Gathered::default();
            gathered.extend(errors);
            gathered.fail(Vec::new())
        })?;
        Ok(Self {
            file,
            text,
            first_line,
            spans,
        })
    }

    /// Parses the text into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ContentError> {
        let deserializer = serde_yaml::Deserializer::from_str(self.text);
        serde_path_to_error::deserialize(deserializer).map_err(|err| self.serde_error(&err, true))
    }

    /// Parses the text into `T`, reporting every error serde finds in it, not only
    /// the first (see [`yaml_recovery`](super::yaml_recovery)).
    pub fn parse_all<T: DeserializeOwned>(&self) -> Parsed<T> {
        yaml_recovery::parse_all(self)
    }

    /// Where the value at `path` (`items[3].exempt_paragraph`) is written.
    pub fn at(&self, path: &str) -> Location {
        self.spans.value(path)
    }

    /// Where the key of the entry at `path` is written.
    pub fn key_at(&self, path: &str) -> Location {
        self.spans.key(path)
    }

    /// A serde_yaml error, placed where serde_yaml's parser stopped (at the key it
    /// refused, or the value), else by the path of the value it concerns. Without
    /// `by_mark` (the text parsed was a repaired copy of this one) it is placed by
    /// path: at the key it refuses, or at the value.
    pub(super) fn serde_error(
        &self,
        err: &serde_path_to_error::Error<serde_yaml::Error>,
        by_mark: bool,
    ) -> ContentError {
        let path = path_of(err.path());
        let inner = err.inner();
        let message = message(inner, &path);
        let location = match inner.location() {
            Some(mark) if by_mark => Location::new(
                self.file,
                self.first_line + mark.line().saturating_sub(1),
                mark.column(),
            ),
            _ if by_mark || message.starts_with("unknown field `") => self.spans.key(&path),
            _ => self.spans.value(&path),
        };
        let error = ContentError::new(location, message.clone());
        match hint_for(&message) {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    /// An error about the key of the entry at `path`, with the hint serde's message
    /// calls for.
    pub(super) fn error_at_key(&self, path: &str, message: String) -> ContentError {
        let error = ContentError::new(self.spans.key(path), message.clone());
        match hint_for(&message) {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    /// The path of the value a serde_yaml error concerns, as [`yaml_spans`] writes it.
    pub(super) fn path_of(&self, err: &serde_path_to_error::Error<serde_yaml::Error>) -> String {
        path_of(err.path())
    }

    /// A serde_yaml error's message, without the place it adds.
    pub(super) fn message_of(&self, err: &serde_path_to_error::Error<serde_yaml::Error>) -> String {
        message(err.inner(), &path_of(err.path()))
    }
}

/// The path of a value as [`yaml_spans`] writes it.
fn path_of(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        out = match segment {
            Segment::Seq { index } => yaml_spans::element(&out, *index),
            Segment::Map { key } => yaml_spans::entry(&out, key),
            Segment::Enum { .. } => continue,
            Segment::Unknown => break,
        };
    }
    out
}

/// serde_yaml's message without the place it adds around it (`items[0]: ... at line 4
/// column 4`), which is its own and relative to the text, not to the file.
fn message(err: &serde_yaml::Error, path: &str) -> String {
    let full = err.to_string();
    let mut message = full.as_str();
    if let Some(mark) = err.location() {
        let suffix = format!(" at line {} column {}", mark.line(), mark.column());
        message = message.strip_suffix(&suffix).unwrap_or(message);
    }
    let mut prefix = Some(path);
    while let Some(p) = prefix.filter(|p| !p.is_empty()) {
        if let Some(rest) = message.strip_prefix(p).and_then(|r| r.strip_prefix(": ")) {
            return rest.to_string();
        }
        prefix = p.rfind(['.', '[']).map(|cut| &p[..cut]);
    }
    message.to_string()
}

/// A suggestion for serde's messages about keys and values: the names allowed are
/// known only to the message (`unknown variant `x`, expected one of `a`, `b``).
fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return Some(match closest_listed(rest) {
            Some(best) => format!("did you mean `{best}`?"),
            None => {
                "remove the key, or see docs/content-format.md for the keys allowed here".into()
            }
        });
    }
    if message.starts_with("missing field `") {
        return Some("add the key; docs/content-format.md lists what each file needs".into());
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return Some(match closest_listed(rest) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use one of the values listed".into(),
        });
    }
    None
}

/// The name listed after `written`, in `` written`, expected one of `a`, `b` ``, that
/// `written` most likely means.
fn closest_listed(rest: &str) -> Option<&str> {
    let (written, expected) = rest.split_once('`')?;
    suggest::closest(written, expected.split('`').skip(1).step_by(2))
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
        #[serde(default)]
        items: Vec<SampleItem>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct SampleItem {
        title: String,
        date: Option<crate::model::Date>,
    }

    fn parse(file: &str, text: &str, first_line: usize) -> Result<Sample, ContentError> {
        let yaml = YamlText::read(Path::new(file), text, first_line).map_err(|err| match err {
            crate::error::Error::Contents(mut found) => found.errors.remove(0),
            other => panic!("{other}"),
        })?;
        yaml.parse()
    }

    #[test]
    fn unknown_key_names_line_column_and_suggests_the_right_key() {
        let text = "subject: Test\nsubjct: Oops\ndate: 2026-07-16\n";
        let err = parse("note.md", text, 2).unwrap_err();
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
        let err = parse("m.yaml", text, 1).unwrap_err();
        assert_eq!(err.location, Location::new("m.yaml", 2, 7));
        assert!(err.message.contains("YYYY-MM-DD"), "{}", err.message);
    }

    #[test]
    fn an_error_is_placed_by_path_when_the_same_text_is_written_twice() {
        let text = "subject: Test\ndate: 2026-07-16\nitems:\n  - title: A\n    date: 2026-07-16\n  - title: B\n    date: 2026-07-16x\n";
        let err = parse("m.yaml", text, 1).unwrap_err();
        assert_eq!(err.location, Location::new("m.yaml", 7, 11));
        assert!(!err.message.contains("items["), "{}", err.message);
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn an_unknown_value_suggests_the_nearest_allowed_one() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            kind: crate::model::ItemKind,
        }
        let text = "kind: briefing_note\n";
        let err = YamlText::read(Path::new("m.yaml"), text, 1)
            .unwrap()
            .parse::<Item>()
            .unwrap_err();
        assert_eq!(err.location, Location::new("m.yaml", 1, 7));
        assert!(
            err.message.starts_with("unknown variant `briefing_note`"),
            "{}",
            err.message
        );
        assert_eq!(err.hint.as_deref(), Some("did you mean `briefing-note`?"));
    }

    #[test]
    fn missing_field_is_an_error_with_a_hint() {
        let err = parse("m.yaml", "subject: Test\n", 1).unwrap_err();
        assert!(
            err.message.contains("missing field `date`"),
            "{}",
            err.message
        );
        assert!(err.hint.is_some());
    }
}
