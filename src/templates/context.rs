//! The data templates see: the model flattened into printable strings, and each
//! Markdown body converted to typst markup.

use std::path::Path;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::error::ContentError;
use crate::markup::{self, Assets, Flavour};
use crate::model::{
    Access, Author, AuthorBlock, Contact, Date, Document, DocumentBody, Item, ItemKind,
    MarkdownSource, Meeting, Membership, Present,
};
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
    date_front_sheet: String,
    date: String,
    time: String,
    place: &'a str,
    publication: PublicationContext<'a>,
    contacts: &'a [Contact],
    membership: &'a Membership,
    notes: &'a [String],
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
    item_title: &'a str,
    bookmark: String,
    #[serde(flatten)]
    body: BodyContext<'a>,
}

#[derive(Serialize)]
struct ContributorContext<'a> {
    name: &'a str,
    title: &'a str,
    directorate: &'a str,
    sent: Option<String>,
    approved: Option<String>,
}

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
        to: &'a str,
        date: String,
        cabinet_member: &'a str,
        director: &'a str,
        wards: &'a [String],
        key_decision: Option<&'a str>,
        executive_summary: &'a [String],
        recommendations_lead: &'a str,
        recommendations: &'a [String],
        appendices_included: &'a [String],
        background_papers: &'a [String],
        scrutiny: &'a str,
        other_bodies: &'a str,
        council: &'a str,
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
    External {
        path: String,
        pages: usize,
        title: &'a str,
    },
}

/// Builds the template context of a meeting's pack, converting every Markdown body.
pub fn pack_context(meeting: &Meeting) -> Result<Value, ContentError> {
    let mut documents = Vec::new();
    for item in meeting.all_items() {
        for (index, document) in item.documents.iter().enumerate() {
            documents.push(DocumentContext {
                template: template_for(&document.body),
                file: document.file.display().to_string(),
                item: item.number,
                first: index == 0,
                item_title: &item.title,
                bookmark: bookmark(document),
                body: body_context(meeting, document)?,
            });
        }
    }
    let context = PackContext {
        meeting: MeetingContext {
            name: meeting.name(),
            title: meeting.title(),
            description: format!(
                "Agenda pack of the {}, {}",
                meeting.committee,
                meeting.date.ordinal()
            ),
            council: &meeting.council,
            committee: &meeting.committee,
            date_front_sheet: meeting.date.front_sheet(),
            date: meeting.date.ordinal(),
            time: meeting.time.to_string(),
            place: &meeting.place,
            publication: PublicationContext {
                name: &meeting.publication.name,
                post: &meeting.publication.post,
                address: &meeting.publication.address,
                date: meeting.publication.date.long(),
            },
            contacts: &meeting.contacts,
            membership: &meeting.membership,
            notes: &meeting.notes,
            access: meeting.access,
        },
        items: meeting.items.iter().map(item_context).collect(),
        private_items: meeting.private_items.iter().map(item_context).collect(),
        documents,
    };
    Ok(Value::from(Serde(&context)))
}

/// The title of a document's bookmark in the PDF outline.
fn bookmark(document: &Document) -> String {
    match &document.body {
        DocumentBody::BriefingNote(note) => note.subject.clone(),
        DocumentBody::Report(report) => report.title.clone(),
        DocumentBody::Minutes(minutes) => format!("Minutes of {}", minutes.date.long()),
        DocumentBody::ExternalPdf(pdf) => pdf.title.clone(),
    }
}

fn item_context(item: &Item) -> ItemContext<'_> {
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
        has_documents: !item.documents.is_empty(),
    }
}

fn template_for(body: &DocumentBody) -> &'static str {
    match body {
        DocumentBody::BriefingNote(_) => "briefing-note.typ.j2",
        DocumentBody::Minutes(_) => "minutes.typ.j2",
        DocumentBody::Report(_) => "report.typ.j2",
        DocumentBody::ExternalPdf(_) => "external-pdf.typ.j2",
    }
}

fn body_context<'a>(
    meeting: &Meeting,
    document: &'a Document,
) -> Result<BodyContext<'a>, ContentError> {
    let convert = |markdown: &MarkdownSource, flavour| {
        let assets = Assets {
            meeting_dir: &meeting.dir,
            document_dir: document
                .file
                .parent()
                .unwrap_or(Path::new(""))
                .to_path_buf(),
        };
        markup::render(markdown, flavour, &assets)
    };
    Ok(match &document.body {
        DocumentBody::BriefingNote(note) => {
            let flavour = Flavour::BriefingNote {
                appendices: note.appendix_scheme,
                recommendations: note.recommendations.as_ref(),
            };
            let rendered = convert(&note.markdown, flavour)?;
            BodyContext::Note {
                subject: &note.subject,
                to: &note.to,
                date: note.date.ordinal(),
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
                },
            )?;
            BodyContext::Report {
                title: &report.title,
                to: &report.to,
                date: report.date.ordinal(),
                cabinet_member: &report.cabinet_member,
                director: &report.director,
                wards: &report.wards,
                key_decision: report.key_decision.as_deref(),
                executive_summary: &report.executive_summary,
                recommendations_lead: &report.recommendations.lead,
                recommendations: &report.recommendations.items,
                appendices_included: &report.appendices_included,
                background_papers: &report.background_papers,
                scrutiny: &report.scrutiny,
                other_bodies: &report.other_bodies,
                council: &report.council,
                authors: &report.authors,
                author_block: report.author_block,
                contributors: report
                    .contributors
                    .iter()
                    .map(|c| ContributorContext {
                        name: &c.name,
                        title: &c.title,
                        directorate: &c.directorate,
                        sent: c.sent.map(Date::ordinal),
                        approved: c.approved.map(Date::ordinal),
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
        DocumentBody::ExternalPdf(pdf) => BodyContext::External {
            path: format!("{CONTENT_DIR}/{}", document.file.display()),
            pages: pdf.page_count,
            title: &pdf.title,
        },
    })
}
