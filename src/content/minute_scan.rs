//! Finding every set of minutes beside a meeting, so numbering can be checked across
//! the municipal year and cross references resolved.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;
use walkdir::WalkDir;

use super::front_matter;
use super::text_file::{self, MARKDOWN_LIMIT};
use super::yaml::YamlText;
use crate::error::ContentError;
use crate::model::{Date, FIRST_MINUTES, MinuteBook, MinuteRecord, is_business_heading};

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
/// Files that cannot be read or are not minutes are skipped: they are reported when
/// their own meeting is built.
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
    (peek.kind == "minutes" && FIRST_MINUTES.contains(&peek.first_minute)).then(|| MinuteRecord {
        file: path.to_path_buf(),
        date: peek.date,
        first: peek.first_minute,
        count: count_minutes(split.body),
        location: yaml.key_at("first_minute"),
    })
}

/// The number of numbered minutes in a body: its level-1 headings, less the
/// `Public Business` / `Private Business` headings.
fn count_minutes(markdown: &str) -> u32 {
    let mut count = 0;
    let mut title: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => title = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(title) = &mut title {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                let title = title.take().unwrap_or_default();
                count += u32::from(!is_business_heading(&title));
            }
            _ => {}
        }
    }
    count
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_headings_are_not_counted_as_minutes() {
        let body = "# Apologies\n\nNone.\n\n# Public Business\n\n# Budget\n\n## Detail\n\n# Private Business\n\n# Contract\n";
        assert_eq!(count_minutes(body), 3);
    }
}
