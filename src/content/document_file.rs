//! Loading one Markdown document: front matter by kind, body kept for conversion.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::string_or_map::{StringOrMap, unwrap_all};
use super::text_file::{self, MARKDOWN_LIMIT};
use super::yaml::YamlText;
use super::yaml_recovery::Taint;
use super::{chair, front_matter};
use crate::error::{ContentError, Gathered, Result};
use crate::model::{
    Addressee, AppendixScheme, Attendee, Author, AuthorBlock, BriefingNote, Contributor, Date,
    DocumentBody, DocumentKind, EmployeeGrouping, FIRST_MINUTES, MarkdownAppendix, MarkdownSource,
    MemberPresent, Minutes, Present, Recommendations, Report, SubParagraphs, SummaryBlock, Time,
};

/// The document kinds a Markdown file can declare with `kind:`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    BriefingNote,
    Minutes,
    Report,
    Appendix,
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
    sub_paragraphs: Option<SubParagraphs>,
}

/// Front matter of a standalone Markdown appendix.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppendixFrontMatter {
    #[allow(dead_code)]
    kind: String,
    title: String,
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
    addressees: Option<Vec<AddresseeEntry>>,
    cabinet_member: Option<String>,
    director: Option<String>,
    wards: Option<Vec<String>>,
    key_decision: bool,
    key_decision_reason: Option<String>,
    executive_summary: String,
    recommendations: Vec<String>,
    recommendations_lead: Option<String>,
    recommendations_after: Option<String>,
    #[serde(default)]
    appendices: Vec<String>,
    #[serde(default)]
    background_papers: Vec<String>,
    scrutiny: Option<String>,
    other_bodies: Option<String>,
    council: Option<String>,
    authors: Vec<Author>,
    #[serde(default)]
    author_block: AuthorBlock,
    #[serde(default)]
    contributors: Vec<Contributor>,
    #[serde(default)]
    appendix_scheme: AppendixScheme,
    sub_paragraphs: Option<SubParagraphs>,
}

/// One of a report's `addressees:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddresseeEntry {
    to: String,
    date: Date,
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
    present: PresentEntry,
    #[serde(default)]
    apologies: Vec<String>,
}

/// The `present:` block of minutes, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresentEntry {
    chair: String,
    members: Vec<StringOrMap<MemberEntry>>,
    #[serde(default)]
    co_opted: Vec<String>,
    #[serde(default)]
    cabinet_members: Vec<WithPortfolio>,
    #[serde(default)]
    other_members: Vec<WithPortfolio>,
    #[serde(default)]
    employees: indexmap::IndexMap<String, Vec<String>>,
    #[serde(default)]
    employees_grouped_by: EmployeeGrouping,
    #[serde(default)]
    invited: Vec<WithOrganisation>,
    #[serde(default)]
    others_present: Vec<WithOrganisation>,
}

/// A member present, written `- Name` or `- {name: Name, substitute_for: Other}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberEntry {
    name: String,
    substitute_for: Option<String>,
}

impl From<String> for MemberEntry {
    fn from(name: String) -> Self {
        Self {
            name,
            substitute_for: None,
        }
    }
}

/// A councillor present in a role.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WithPortfolio {
    name: String,
    /// Optional: a councillor without one prints their name alone.
    #[serde(default)]
    portfolio: String,
}

/// A guest present for an organisation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WithOrganisation {
    name: String,
    organisation: String,
}

impl PresentEntry {
    /// The model's `Present`; its mistakes are recorded in `found` (unless `checked`
    /// is false: the block holds stand-ins for values with errors of their own).
    fn into_model(self, yaml: &YamlText, checked: bool, found: &mut Gathered) -> Present {
        let members: Vec<MemberPresent> = unwrap_all(self.members)
            .into_iter()
            .map(|m| MemberPresent {
                name: m.name,
                substitute_for: m.substitute_for,
            })
            .collect();
        if checked && members.is_empty() {
            found.push(
                ContentError::new(
                    yaml.key_at("present.members"),
                    "the minutes list no members present",
                )
                .with_hint(
                    "list the councillors present under `present.members`, the Chair among them",
                ),
            );
        } else if checked {
            let names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
            if let Err(error) = chair::require_listed(
                yaml.at("present.chair"),
                &self.chair,
                &names,
                "present.members",
            ) {
                found.push(error);
            }
        }
        let portfolio = |p: WithPortfolio| Attendee {
            name: p.name,
            role: p.portfolio,
        };
        let organisation = |o: WithOrganisation| Attendee {
            name: o.name,
            role: o.organisation,
        };
        Present {
            chair: self.chair,
            members,
            co_opted: self.co_opted,
            cabinet_members: self.cabinet_members.into_iter().map(portfolio).collect(),
            other_members: self.other_members.into_iter().map(portfolio).collect(),
            employees: self.employees,
            employees_grouped_by: self.employees_grouped_by,
            invited: self.invited.into_iter().map(organisation).collect(),
            others_present: self.others_present.into_iter().map(organisation).collect(),
        }
    }
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

impl From<&Kind> for DocumentKind {
    fn from(kind: &Kind) -> Self {
        match kind {
            Kind::BriefingNote => Self::BriefingNote,
            Kind::Minutes => Self::Minutes,
            Kind::Report => Self::Report,
            Kind::Appendix => Self::Appendix,
        }
    }
}

/// Reads the Markdown document at `path`: its kind, once its front matter declares
/// one it knows (even when the rest is wrong), and the document. Each mistake in its
/// front matter is recorded in `found`; the document is still made when it can be
/// (values with errors replaced by stand-ins), so that its Markdown can be checked
/// too. Fails on what stops the reading (no front matter, an unknown `kind:`).
pub fn load(
    path: &Path,
    defaults: &MeetingDefaults,
    found: &mut Gathered,
) -> (Option<DocumentKind>, Result<Option<DocumentBody>>) {
    let mut declared = None;
    let body = read(path, defaults, &mut declared, found);
    (declared, body)
}

/// The front matter as `T` with what of it holds stand-ins, its errors recorded in
/// `found`; `None` when it could not be made at all.
fn parse_front<T: DeserializeOwned>(yaml: &YamlText, found: &mut Gathered) -> Option<(T, Taint)> {
    let mut parsed = yaml.parse_all::<T>();
    found.extend(std::mem::take(&mut parsed.errors));
    let value = parsed.value.take()?;
    Some((value, parsed.taint))
}

fn read(
    path: &Path,
    defaults: &MeetingDefaults,
    declared: &mut Option<DocumentKind>,
    found: &mut Gathered,
) -> Result<Option<DocumentBody>> {
    let text = text_file::read(path, MARKDOWN_LIMIT)?;
    let split = front_matter::split(path, &text)?;
    let yaml = YamlText::read(path, split.yaml, split.yaml_line)?;
    let KindOnly { kind } = yaml.parse()?;
    *declared = Some(DocumentKind::from(&kind));
    let markdown = MarkdownSource {
        file: path.to_path_buf(),
        text: split.body.to_string(),
        first_line: split.body_line,
    };
    Ok(Some(match kind {
        Kind::BriefingNote => {
            let Some((front, _)) = parse_front::<NoteFrontMatter>(&yaml, found) else {
                return Ok(None);
            };
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
                sub_paragraphs: front.sub_paragraphs.unwrap_or(SubParagraphs::Continued),
                markdown,
            })
        }
        Kind::Appendix => {
            let Some((front, _)) = parse_front::<AppendixFrontMatter>(&yaml, found) else {
                return Ok(None);
            };
            DocumentBody::Appendix(MarkdownAppendix {
                title: front.title,
                markdown,
            })
        }
        Kind::Report => {
            let Some((front, taint)) = parse_front::<ReportFrontMatter>(&yaml, found) else {
                return Ok(None);
            };
            let checked = !taint.covers("key_decision") && !taint.covers("key_decision_reason");
            let key_decision = match (front.key_decision, front.key_decision_reason) {
                (true, Some(reason)) => Some(reason),
                (true, None) => {
                    if checked {
                        found.push(
                            ContentError::new(
                                yaml.key_at("key_decision"),
                                "a key decision needs its reason",
                            )
                            .with_hint(
                                "add `key_decision_reason:` saying why this is a key decision",
                            ),
                        );
                    }
                    None
                }
                (false, Some(_)) => {
                    if checked {
                        found.push(
                            ContentError::new(
                                yaml.key_at("key_decision_reason"),
                                "`key_decision_reason` is given but `key_decision` is false",
                            )
                            .with_hint("set `key_decision: true`, or remove the reason"),
                        );
                    }
                    None
                }
                (false, None) => None,
            };
            let addressees = match (front.addressees, front.to.is_some() || front.date.is_some()) {
                (Some(_), true) => {
                    return Err(ContentError::new(
                        yaml.key_at("addressees"),
                        "`addressees` is given together with `to` or `date`",
                    )
                    .with_hint("list every committee with its date under `addressees`, and remove `to` and `date`")
                    .into());
                }
                (Some(list), false) if list.is_empty() => {
                    return Err(ContentError::new(
                        yaml.key_at("addressees"),
                        "`addressees` is empty",
                    )
                    .with_hint("list at least one `- {to: <committee>, date: YYYY-MM-DD}`, or remove the key")
                    .into());
                }
                (Some(list), false) => list
                    .into_iter()
                    .map(|a| Addressee {
                        to: a.to,
                        date: a.date,
                    })
                    .collect(),
                (None, _) => vec![Addressee {
                    to: front.to.unwrap_or_else(|| defaults.committee.to_string()),
                    date: front.date.unwrap_or(defaults.date),
                }],
            };
            DocumentBody::Report(Box::new(Report {
                title: front.title,
                addressees,
                cabinet_member: front.cabinet_member,
                director: front.director,
                wards: front.wards,
                key_decision,
                executive_summary: SummaryBlock::read_all(&front.executive_summary),
                recommendations: Recommendations {
                    lead: front
                        .recommendations_lead
                        .unwrap_or_else(|| defaults.recommendations_lead()),
                    items: front.recommendations,
                },
                recommendations_after: front.recommendations_after,
                appendices_included: front.appendices,
                background_papers: front.background_papers,
                scrutiny: front.scrutiny,
                other_bodies: front.other_bodies,
                council: front.council,
                authors: front.authors,
                author_block: front.author_block,
                contributors: front.contributors,
                appendix_scheme: front.appendix_scheme,
                sub_paragraphs: front.sub_paragraphs.unwrap_or(SubParagraphs::Unnumbered),
                markdown,
            }))
        }
        Kind::Minutes => {
            let Some((front, taint)) = parse_front::<MinutesFrontMatter>(&yaml, found) else {
                return Ok(None);
            };
            if !taint.covers("first_minute") && !FIRST_MINUTES.contains(&front.first_minute) {
                found.push(ContentError::new(
                    yaml.at("first_minute"),
                    format!(
                        "`first_minute: {}` is not a minute number from {} to {}",
                        front.first_minute,
                        FIRST_MINUTES.start(),
                        FIRST_MINUTES.end()
                    ),
                )
                .with_hint("give the number of the first minute (numbering runs through the municipal year)"));
            }
            let present = front
                .present
                .into_model(&yaml, !taint.covers("present"), found);
            DocumentBody::Minutes(Minutes {
                date: front.date,
                time: front.time,
                place: front.place,
                closed: front.closed,
                first_minute: front.first_minute,
                present,
                apologies: front.apologies,
                markdown,
            })
        }
    }))
}
