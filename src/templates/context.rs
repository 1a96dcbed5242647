//! The data templates see: the model flattened into printable strings, and each
//! Markdown body converted to typst markup.

use std::path::Path;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::error::ContentError;
use crate::error::Location;
use crate::markup::{self, Assets, Flavour};
use crate::model::{
    Access, Audience, Author, AuthorBlock, Contact, Document, DocumentBody, Item, ItemKind,
    MarkdownSource, Meeting, MeetingState, Membership, MinuteRef, NotesStyle, Present,
    ProgrammeItem, ReportTitle, SummaryBlock, WorkProgramme,
};

/// The context of a pack's templates, and what the conversion found on the way.
pub struct Context {
    /// The data the templates see.
    pub value: Value,
    /// The minute cross references in the Markdown bodies, to be checked.
    pub minute_refs: Vec<(MinuteRef, Location)>,
}
use crate::typeset::CONTENT_DIR;

#[derive(Serialize)]
struct PackContext<'a> {
    meeting: MeetingContext<'a>,
    items: Vec<ItemContext<'a>>,
    private_items: Vec<ItemContext<'a>>,
    documents: Vec<DocumentContext<'a>>,
}

#[derive(Serialize)]
struct MeetingContext<'a> {
    name: String,
    title: String,
    description: String,
    council: &'a str,
    committee: &'a str,
    logo: Option<ImageContext<'a>>,
    date_front_sheet: String,
    date: String,
    time: String,
    place: &'a str,
    publication: PublicationContext<'a>,
    contacts: &'a [Contact],
    membership: &'a Membership,
    notes: &'a [String],
    contact_note: Option<String>,
    access: Access,
}

#[derive(Serialize)]
struct PublicationContext<'a> {
    name: &'a str,
    post: &'a str,
    address: &'a str,
    date: String,
}

#[derive(Serialize)]
struct ItemContext<'a> {
    number: usize,
    kind: ItemKind,
    title: &'a str,
    by: Option<&'a str>,
    sub_items: Vec<SubItem<'a>>,
    has_documents: bool,
    exempt_paragraph: Option<u8>,
}

#[derive(Serialize)]
struct SubItem<'a> {
    letter: char,
    text: &'a str,
}

#[derive(Serialize)]
struct DocumentContext<'a> {
    template: &'static str,
    file: String,
    item: usize,
    first: bool,
    /// Whether the document is exempt (printed only in the members' pack).
    exempt: bool,
    item_title: &'a str,
    bookmark: String,
    #[serde(flatten)]
    body: BodyContext<'a>,
}

#[derive(Serialize)]
struct AddresseeContext<'a> {
    to: &'a str,
    date: String,
}

#[derive(Serialize)]
struct ContributorContext<'a> {
    name: &'a str,
    title: &'a str,
    directorate: &'a str,
    sent: Option<String>,
    approved: Option<String>,
}

// One per document, serialised once and dropped: the report's size costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize)]
#[serde(untagged)]
enum BodyContext<'a> {
    Note {
        subject: &'a str,
        to: &'a str,
        date: String,
        authors: &'a [Author],
        author_block: AuthorBlock,
        background_papers: &'a [String],
        body: Value,
        appendices: Value,
    },
    Report {
        title: &'a str,
        addressees: Vec<AddresseeContext<'a>>,
        cabinet_member: Option<&'a str>,
        director: Option<&'a str>,
        wards: Option<&'a [String]>,
        key_decision: Option<&'a str>,
        executive_summary: &'a [SummaryBlock],
        recommendations_lead: &'a str,
        recommendations: &'a [String],
        recommendations_after: Option<&'a str>,
        appendices_included: &'a [String],
        background_papers: &'a [String],
        scrutiny: Option<&'a str>,
        other_bodies: Option<&'a str>,
        council: Option<&'a str>,
        /// Whether `Report title:` repeats the title after the cover.
        repeat_title: bool,
        authors: &'a [Author],
        author_block: AuthorBlock,
        contributors: Vec<ContributorContext<'a>>,
        body: Value,
        appendices: Value,
    },
    Minutes {
        date: String,
        time: String,
        place: Option<&'a str>,
        closed: String,
        present: &'a Present,
        apologies: &'a [String],
        body: Value,
    },
    Appendix {
        title: &'a str,
        body: Value,
    },
    External {
        path: String,
        pages: usize,
        title: &'a str,
        landscape: &'a [usize],
    },
    WorkProgramme {
        title: &'a str,
        last_updated: String,
        introduction: &'a [String],
        groups: Vec<ProgrammeGroupContext<'a>>,
        flow_chart: Option<ImageContext<'a>>,
    },
}

/// A group of the work programme: a meeting date, a later year, information only.
#[derive(Serialize)]
struct ProgrammeGroupContext<'a> {
    heading: String,
    /// `Meeting cancelled` or `Moved to ...`, instead of items.
    state: Option<String>,
    items: &'a [ProgrammeItem],
}

/// An image of the meeting folder: its path for typst, its alternative text, its caption.
#[derive(Serialize)]
struct ImageContext<'a> {
    path: String,
    alt: &'a str,
    caption: &'a str,
}

/// Builds the template context of a meeting's pack, converting every Markdown body.
pub fn pack_context(meeting: &Meeting) -> Result<Context, ContentError> {
    let mut documents = Vec::new();
    let mut minute_refs = Vec::new();
    for item in meeting.all_items() {
        for (index, document) in item.printed_documents(meeting.audience).iter().enumerate() {
            documents.push(DocumentContext {
                template: template_for(&document.body),
                file: document.file.display().to_string(),
                item: item.number,
                first: index == 0,
                exempt: item.exempt_paragraph.is_some(),
                item_title: &item.title,
                bookmark: bookmark(document),
                body: body_context(meeting, document, &mut minute_refs)?,
            });
        }
    }
    let style = meeting.style;
    let context = PackContext {
        meeting: MeetingContext {
            name: meeting.name(),
            title: meeting.title(),
            description: format!(
                "Agenda pack of the {}, {}",
                meeting.committee,
                style.dates.running(meeting.date)
            ),
            council: &meeting.council,
            committee: &meeting.committee,
            logo: meeting.logo.as_ref().map(|logo| ImageContext {
                path: content_path(&logo.file),
                alt: &logo.alt,
                caption: "",
            }),
            date_front_sheet: style.dates.front_sheet(meeting.date),
            date: style.dates.running(meeting.date),
            time: meeting.time.to_string(),
            place: &meeting.place,
            publication: PublicationContext {
                name: &meeting.publication.name,
                post: &meeting.publication.post,
                address: &meeting.publication.address,
                date: style.signatory(meeting.publication.date),
            },
            contacts: &meeting.contacts,
            membership: &meeting.membership,
            notes: &meeting.notes,
            contact_note: (style.notes == NotesStyle::ContactNote)
                .then(|| contact_note(&meeting.contacts)),
            access: style.access,
        },
        items: meeting
            .items
            .iter()
            .map(|item| item_context(item, meeting.audience))
            .collect(),
        private_items: meeting
            .private_items
            .iter()
            .map(|item| item_context(item, meeting.audience))
            .collect(),
        documents,
    };
    Ok(Context {
        value: Value::from(Serde(&context)),
        minute_refs,
    })
}

/// The later eras' single note: who to contact about the agenda.
fn contact_note(contacts: &[Contact]) -> String {
    let people: Vec<String> = contacts
        .iter()
        .map(|c| {
            let mut text = c.name.clone();
            if let Some(telephone) = &c.telephone {
                text.push_str(&format!(", telephone {telephone}"));
            }
            if let Some(email) = &c.email {
                text.push_str(&format!(", e-mail {email}"));
            }
            text
        })
        .collect();
    format!(
        "The person to contact about the agenda and documents for this meeting is {}.",
        people.join(", or ")
    )
}

/// The title of a document's bookmark in the PDF outline.
fn bookmark(document: &Document) -> String {
    match &document.body {
        DocumentBody::BriefingNote(note) => note.subject.clone(),
        DocumentBody::Report(report) => report.title.clone(),
        DocumentBody::Minutes(minutes) => format!("Minutes of {}", minutes.date.long()),
        DocumentBody::ExternalPdf(pdf) => pdf.title.clone(),
        DocumentBody::Appendix(appendix) => appendix.title.clone(),
        DocumentBody::WorkProgramme(programme) => programme.title.clone(),
    }
}

fn item_context(item: &Item, audience: Audience) -> ItemContext<'_> {
    ItemContext {
        number: item.number,
        kind: item.kind,
        title: &item.title,
        by: item.by.as_deref(),
        sub_items: item
            .sub_items
            .iter()
            .zip('a'..='z')
            .map(|(text, letter)| SubItem { letter, text })
            .collect(),
        has_documents: !item.printed_documents(audience).is_empty(),
        exempt_paragraph: item.exempt_paragraph,
    }
}

fn template_for(body: &DocumentBody) -> &'static str {
    match body {
        DocumentBody::BriefingNote(_) => "briefing-note.typ.j2",
        DocumentBody::Minutes(_) => "minutes.typ.j2",
        DocumentBody::Report(_) => "report.typ.j2",
        DocumentBody::Appendix(_) => "appendix.typ.j2",
        DocumentBody::ExternalPdf(_) => "external-pdf.typ.j2",
        DocumentBody::WorkProgramme(_) => "work-programme.typ.j2",
    }
}

fn body_context<'a>(
    meeting: &Meeting,
    document: &'a Document,
    minute_refs: &mut Vec<(MinuteRef, Location)>,
) -> Result<BodyContext<'a>, ContentError> {
    let running = |date| meeting.style.dates.running(date);
    let mut convert = |markdown: &MarkdownSource, flavour| {
        let assets = Assets {
            meeting_dir: &meeting.dir,
            document_dir: document
                .file
                .parent()
                .unwrap_or(Path::new(""))
                .to_path_buf(),
        };
        let rendered = markup::render(markdown, flavour, &assets)?;
        minute_refs.extend(rendered.minute_refs.iter().cloned());
        Ok::<_, ContentError>(rendered)
    };
    Ok(match &document.body {
        DocumentBody::BriefingNote(note) => {
            let flavour = Flavour::BriefingNote {
                appendices: note.appendix_scheme,
                recommendations: note.recommendations.as_ref(),
                sub_paragraphs: note.sub_paragraphs,
            };
            let rendered = convert(&note.markdown, flavour)?;
            BodyContext::Note {
                subject: &note.subject,
                to: &note.to,
                date: running(note.date),
                authors: &note.authors,
                author_block: note.author_block,
                background_papers: &note.background_papers,
                body: Value::from_safe_string(rendered.body),
                appendices: Value::from_safe_string(rendered.appendices),
            }
        }
        DocumentBody::Report(report) => {
            let rendered = convert(
                &report.markdown,
                Flavour::Report {
                    appendices: report.appendix_scheme,
                    sub_paragraphs: report.sub_paragraphs,
                },
            )?;
            BodyContext::Report {
                title: &report.title,
                addressees: report
                    .addressees
                    .iter()
                    .map(|a| AddresseeContext {
                        to: &a.to,
                        date: running(a.date),
                    })
                    .collect(),
                cabinet_member: report.cabinet_member.as_deref(),
                director: report.director.as_deref(),
                wards: report.wards.as_deref(),
                key_decision: report.key_decision.as_deref(),
                executive_summary: &report.executive_summary,
                recommendations_lead: &report.recommendations.lead,
                recommendations: &report.recommendations.items,
                recommendations_after: report.recommendations_after.as_deref(),
                appendices_included: &report.appendices_included,
                background_papers: &report.background_papers,
                scrutiny: report.scrutiny.as_deref(),
                other_bodies: report.other_bodies.as_deref(),
                council: report.council.as_deref(),
                repeat_title: meeting.style.report_title == ReportTitle::Repeated,
                authors: &report.authors,
                author_block: report.author_block,
                contributors: report
                    .contributors
                    .iter()
                    .map(|c| ContributorContext {
                        name: &c.name,
                        title: &c.title,
                        directorate: &c.directorate,
                        sent: c.sent.map(running),
                        approved: c.approved.map(running),
                    })
                    .collect(),
                body: Value::from_safe_string(rendered.body),
                appendices: Value::from_safe_string(rendered.appendices),
            }
        }
        DocumentBody::Minutes(minutes) => BodyContext::Minutes {
            date: minutes.date.long(),
            time: minutes.time.to_string(),
            place: minutes.place.as_deref(),
            closed: minutes.closed.to_string(),
            present: &minutes.present,
            apologies: &minutes.apologies,
            body: Value::from_safe_string(
                convert(
                    &minutes.markdown,
                    Flavour::Minutes {
                        first_minute: minutes.first_minute,
                    },
                )?
                .body,
            ),
        },
        DocumentBody::Appendix(appendix) => BodyContext::Appendix {
            title: &appendix.title,
            body: Value::from_safe_string(convert(&appendix.markdown, Flavour::Appendix)?.body),
        },
        DocumentBody::ExternalPdf(pdf) => BodyContext::External {
            path: content_path(&document.file),
            pages: pdf.page_count,
            title: &pdf.title,
            landscape: &pdf.landscape_pages,
        },
        DocumentBody::WorkProgramme(programme) => work_programme_context(programme, running),
    })
}

/// The virtual path typst reads a file of the meeting folder at.
fn content_path(file: &Path) -> String {
    let segments: Vec<String> = file
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{CONTENT_DIR}/{}", segments.join("/"))
}

fn work_programme_context(
    programme: &WorkProgramme,
    running: impl Fn(crate::model::Date) -> String,
) -> BodyContext<'_> {
    let meetings = programme.meetings.iter().map(|m| ProgrammeGroupContext {
        heading: running(m.date),
        state: match m.state {
            MeetingState::Planned if m.items.is_empty() => Some("No items planned yet".to_string()),
            MeetingState::Planned => None,
            MeetingState::Cancelled => Some("Meeting cancelled".to_string()),
            MeetingState::MovedTo(to) => Some(format!("Moved to {}", running(to))),
        },
        items: &m.items,
    });
    let later = programme.later.iter().map(|g| ProgrammeGroupContext {
        heading: g.heading.clone(),
        state: None,
        items: &g.items,
    });
    let information = (!programme.information_only.is_empty()).then(|| ProgrammeGroupContext {
        heading: "Items for information only".to_string(),
        state: None,
        items: &programme.information_only,
    });
    BodyContext::WorkProgramme {
        title: &programme.title,
        last_updated: running(programme.last_updated),
        introduction: &programme.introduction,
        groups: meetings.chain(later).chain(information).collect(),
        flow_chart: programme.flow_chart.as_ref().map(|chart| ImageContext {
            path: content_path(&chart.file),
            alt: &chart.alt,
            caption: &chart.caption,
        }),
    }
}
