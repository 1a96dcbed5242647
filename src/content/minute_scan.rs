//! Finding every set of minutes beside a meeting, so numbering can be checked across
//! the municipal year and cross references resolved.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use walkdir::WalkDir;

use super::front_matter;
use super::text_file::{self, MARKDOWN_LIMIT};
use super::yaml::YamlText;
use crate::error::ContentError;
use crate::markup::{Assets, Flavour, render};
use crate::model::{Date, FIRST_MINUTES, MarkdownSource, MinuteBook, MinuteRecord};

/// The little the scan needs of a document's front matter; anything else is checked
/// when that document's own meeting is built.
#[derive(Deserialize)]
struct MinutesPeek {
    kind: String,
    date: Date,
    first_minute: u32,
}

/// The minutes in the Markdown files under `root` (normally the content root).
///
/// Files that cannot be read, are not minutes, or do not convert are skipped: they are
/// reported when their own meeting is built.
pub fn scan(root: &Path) -> MinuteBook {
    let records = WalkDir::new(root)
        .max_depth(3)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| read_record(e.path()))
        .collect();
    MinuteBook::new(records)
}

fn read_record(path: &Path) -> Option<MinuteRecord> {
    // Read within the same limits as a document, so a hostile file anywhere under the
    // content root cannot exhaust the scan.
    let text = text_file::read(path, MARKDOWN_LIMIT).ok()?;
    let split = front_matter::split(path, &text).ok()?;
    let yaml = YamlText::read(path, split.yaml, split.yaml_line).ok()?;
    let peek: MinutesPeek = yaml.parse().ok()?;
    if peek.kind != "minutes" || !FIRST_MINUTES.contains(&peek.first_minute) {
        return None;
    }
    // Counted by the conversion that prints them, so the advice and the print agree.
    let source = MarkdownSource {
        file: path.to_path_buf(),
        text: split.body.to_string(),
        first_line: split.body_line,
    };
    let assets = Assets {
        meeting_dir: path.parent()?,
        document_dir: PathBuf::new(),
    };
    let flavour = Flavour::Minutes {
        first_minute: peek.first_minute,
    };
    let rendered = render(&source, flavour, &assets).ok()?;
    Some(MinuteRecord {
        file: path.to_path_buf(),
        date: peek.date,
        first: peek.first_minute,
        count: rendered.minute_count,
        location: yaml.key_at("first_minute"),
    })
}

/// Warns when a meeting's minutes do not follow on from the previous meeting's in the
/// same municipal year.
pub fn numbering_warning(book: &MinuteBook, record: &MinuteRecord) -> Option<ContentError> {
    let previous = book.previous(record.date)?;
    let expected = previous.next();
    if record.first == expected {
        return None;
    }
    let problem = if record.first < expected {
        "overlaps"
    } else {
        "leaves a gap after"
    };
    Some(
        ContentError::new(
            record.location.clone(),
            format!(
                "first minute {} {problem} the minutes of {} ({}), which end at minute {}",
                record.first,
                previous.date.ordinal(),
                previous.file.display(),
                expected - 1,
            ),
        )
        .with_hint(format!(
            "minute numbers continue through the municipal year: set `first_minute: {expected}`"
        )),
    )
}
