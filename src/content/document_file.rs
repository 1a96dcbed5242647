//! Loading one Markdown document: front matter by kind, body kept for conversion.

use std::path::Path;

use serde::Deserialize;

use super::yaml::YamlText;
use super::{chair, front_matter};
use crate::error::{Error, Result};
use crate::model::{
    AppendixScheme, Author, BriefingNote, Date, DocumentBody, MarkdownSource, Minutes, Present,
    Time,
};

/// The document kinds a Markdown file can declare with `kind:`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    BriefingNote,
    Minutes,
}

/// Just the `kind` key, read first to choose the front-matter schema.
#[derive(Deserialize)]
struct KindOnly {
    kind: Kind,
}

/// Front matter of a briefing note.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteFrontMatter {
    #[allow(dead_code)]
    kind: String,
    subject: String,
    to: Option<String>,
    date: Option<Date>,
    #[serde(default)]
    authors: Vec<Author>,
    #[serde(default)]
    background_papers: Vec<String>,
    #[serde(default)]
    appendix_scheme: AppendixScheme,
}

/// Front matter of minutes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MinutesFrontMatter {
    #[allow(dead_code)]
    kind: String,
    date: Date,
    time: Time,
    place: Option<String>,
    closed: Time,
    first_minute: u32,
    present: Present,
    #[serde(default)]
    apologies: Vec<String>,
}

/// What a note defaults to from its meeting.
pub struct MeetingDefaults<'a> {
    /// The committee, for the `To:` line.
    pub committee: &'a str,
    /// The meeting date, for the `Date:` line.
    pub date: Date,
}

/// Reads the Markdown document at `path`.
pub fn load(path: &Path, defaults: &MeetingDefaults) -> Result<DocumentBody> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
    let split = front_matter::split(path, &text)?;
    let yaml = YamlText {
        file: path,
        text: split.yaml,
        first_line: split.yaml_line,
    };
    let KindOnly { kind } = yaml.parse()?;
    let markdown = MarkdownSource {
        file: path.to_path_buf(),
        text: split.body.to_string(),
        first_line: split.body_line,
    };
    Ok(match kind {
        Kind::BriefingNote => {
            let front: NoteFrontMatter = yaml.parse()?;
            DocumentBody::BriefingNote(BriefingNote {
                subject: front.subject,
                to: front.to.unwrap_or_else(|| defaults.committee.to_string()),
                date: front.date.unwrap_or(defaults.date),
                authors: front.authors,
                background_papers: front.background_papers,
                appendix_scheme: front.appendix_scheme,
                markdown,
            })
        }
        Kind::Minutes => {
            let front: MinutesFrontMatter = yaml.parse()?;
            chair::require_listed(
                &yaml,
                &front.present.chair,
                &front.present.members,
                "present.members",
            )?;
            DocumentBody::Minutes(Minutes {
                date: front.date,
                time: front.time,
                place: front.place,
                closed: front.closed,
                first_minute: front.first_minute,
                present: front.present,
                apologies: front.apologies,
                markdown,
            })
        }
    })
}
