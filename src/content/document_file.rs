//! Loading one Markdown document: front matter by kind, body kept for conversion.

use std::path::Path;

use serde::Deserialize;

use super::yaml::YamlText;
use super::{chair, front_matter};
use crate::error::{ContentError, Error, Result};
use crate::model::{
    AppendixScheme, Author, AuthorBlock, BriefingNote, Contributor, Date, DocumentBody,
    MarkdownSource, Minutes, Present, Recommendations, Report, Time,
};

/// The document kinds a Markdown file can declare with `kind:`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    BriefingNote,
    Minutes,
    Report,
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
    recommendations: Vec<String>,
    recommendations_lead: Option<String>,
    #[serde(default)]
    authors: Vec<Author>,
    #[serde(default)]
    author_block: AuthorBlock,
    #[serde(default)]
    background_papers: Vec<String>,
    #[serde(default)]
    appendix_scheme: AppendixScheme,
}

/// Front matter of a public report.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportFrontMatter {
    #[allow(dead_code)]
    kind: String,
    title: String,
    to: Option<String>,
    date: Option<Date>,
    cabinet_member: String,
    director: String,
    wards: Vec<String>,
    key_decision: bool,
    key_decision_reason: Option<String>,
    executive_summary: String,
    recommendations: Vec<String>,
    recommendations_lead: Option<String>,
    #[serde(default)]
    appendices: Vec<String>,
    #[serde(default)]
    background_papers: Vec<String>,
    scrutiny: String,
    other_bodies: String,
    council: String,
    authors: Vec<Author>,
    #[serde(default)]
    author_block: AuthorBlock,
    #[serde(default)]
    contributors: Vec<Contributor>,
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

impl MeetingDefaults<'_> {
    /// `The <committee> is recommended to:`.
    fn recommendations_lead(&self) -> String {
        format!("The {} is recommended to:", self.committee)
    }
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
            let recommendations = (!front.recommendations.is_empty()).then(|| Recommendations {
                lead: front
                    .recommendations_lead
                    .unwrap_or_else(|| defaults.recommendations_lead()),
                items: front.recommendations,
            });
            DocumentBody::BriefingNote(BriefingNote {
                subject: front.subject,
                to: front.to.unwrap_or_else(|| defaults.committee.to_string()),
                date: front.date.unwrap_or(defaults.date),
                recommendations,
                authors: front.authors,
                author_block: front.author_block,
                background_papers: front.background_papers,
                appendix_scheme: front.appendix_scheme,
                markdown,
            })
        }
        Kind::Report => {
            let front: ReportFrontMatter = yaml.parse()?;
            let key_decision = match (front.key_decision, front.key_decision_reason) {
                (true, Some(reason)) => Some(reason),
                (true, None) => {
                    return Err(ContentError::new(
                        yaml.locate("key_decision"),
                        "a key decision needs its reason",
                    )
                    .with_hint("add `key_decision_reason:` saying why this is a key decision")
                    .into());
                }
                (false, Some(_)) => {
                    return Err(ContentError::new(
                        yaml.locate("key_decision_reason"),
                        "`key_decision_reason` is given but `key_decision` is false",
                    )
                    .with_hint("set `key_decision: true`, or remove the reason")
                    .into());
                }
                (false, None) => None,
            };
            let executive_summary = front
                .executive_summary
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            DocumentBody::Report(Box::new(Report {
                title: front.title,
                to: front.to.unwrap_or_else(|| defaults.committee.to_string()),
                date: front.date.unwrap_or(defaults.date),
                cabinet_member: front.cabinet_member,
                director: front.director,
                wards: front.wards,
                key_decision,
                executive_summary,
                recommendations: Recommendations {
                    lead: front
                        .recommendations_lead
                        .unwrap_or_else(|| defaults.recommendations_lead()),
                    items: front.recommendations,
                },
                appendices_included: front.appendices,
                background_papers: front.background_papers,
                scrutiny: front.scrutiny,
                other_bodies: front.other_bodies,
                council: front.council,
                authors: front.authors,
                author_block: front.author_block,
                contributors: front.contributors,
                appendix_scheme: front.appendix_scheme,
                markdown,
            }))
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
