//! The data templates see: the model flattened into printable strings, and each
//! Markdown body converted to the target's markup (typst for the pack, HTML for the
//! web edition).

use std::path::Path;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::target::Target;
use crate::error::Location;
use crate::error::{ContentError, Gathered, Result};
use crate::markup::{Assets, Flavour};
use crate::model::{
    Attendee, Author, AuthorBlock, CoOptedLayout, Contact, Date, Document, DocumentBody,
    EmployeeGrouping, EmployeeLayout, Item, ItemKind, MarkdownSource, Meeting, MeetingState,
    MinuteNumber, MinuteRef, MinutesWording, NameList, NotesStyle, Part, Present, ProgrammeItem,
    ProgrammeSlot, ReportTitle, Style, SummaryBlock, WorkProgramme,
};

/// The context of a pack's templates, and what the conversion found on the way.
pub struct Context {
    /// The data the templates see.
    pub value: Value,
    /// The minute cross references in the Markdown bodies, to be checked.
    pub minute_refs: Vec<(MinuteRef, Location)>,
    /// The files of the meeting folder the printed documents show (images, supplied
    /// PDFs, the logo), relative to it, `/`-separated, in order of first use: what
    /// the web edition copies.
    pub files: Vec<String>,
}

#[derive(Serialize)]
struct PackContext<'a> {
    meeting: MeetingContext<'a>,
    /// Set when the pack is a supplement: its front sheet replaces the agenda's.
    supplement: Option<SupplementContext>,
    /// The pages before this pack's first when its numbers continue another's.
    page_offset: usize,
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
    /// `R Ashworth, K Okafor (Chair), ...`, joined as the style joins names.
    members: String,
    co_opted: String,
    by_invitation: String,
    /// Each note as typst markup, its `<address>`es live links.
    notes: Vec<Value>,
    /// The contact note as typst markup.
    contact_note: Option<Value>,
    style: &'a Style,
}

#[derive(Serialize)]
struct PublicationContext<'a> {
    name: &'a str,
    post: &'a str,
    address: &'a str,
    date: String,
}

#[derive(Serialize)]
struct SupplementContext {
    /// `Supplementary Agenda`, numbered when there are several.
    heading: String,
    /// Its own signatory, the agenda's when it names none.
    signatory: SignatoryContext,
    date: String,
}

#[derive(Serialize)]
struct SignatoryContext {
    name: String,
    post: String,
    address: String,
}

#[derive(Serialize)]
struct ItemContext<'a> {
    number: usize,
    kind: ItemKind,
    title: &'a str,
    by: Option<&'a str>,
    sub_items: Vec<SubItem<'a>>,
    has_documents: bool,
    /// Documents the reader will see are left for a supplement.
    to_follow: bool,
    exempt_paragraph: Option<u8>,
    /// A late item's reason for urgency.
    urgency: Option<&'a str>,
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
    /// Not converted (a preview of another document): an empty map.
    Omitted {},
    Note {
        subject: &'a str,
        to: &'a str,
        date: String,
        date_label: bool,
        authors: &'a [Author],
        author_block: AuthorBlock,
        author_separator: &'a str,
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
        author_separator: &'a str,
        contributors: Vec<ContributorContext<'a>>,
        body: Value,
        appendices: Value,
    },
    Minutes {
        date: String,
        time: String,
        place: Option<&'a str>,
        closed: String,
        present: Vec<PresentRow>,
        apologies_label: &'a str,
        apologies: String,
        /// `15.` rather than `15`.
        minute_dot: bool,
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
        last_updated: Option<String>,
        introduction: &'a [String],
        /// The headings of the extra columns.
        columns: &'a [String],
        /// The dated headings, which the table's date column fits unwrapped.
        dates: Vec<String>,
        title_on_every_page: bool,
        /// The table's body rows (from 0) that continue a group: no line above them.
        continued_rows: Vec<usize>,
        groups: Vec<ProgrammeGroupContext>,
        flow_chart: Option<ImageContext<'a>>,
    },
}

/// A group of the minutes' `Present:` block: its label and one line per person.
#[derive(Serialize)]
struct PresentRow {
    label: String,
    lines: Vec<String>,
}

/// A group of the work programme: a meeting date, a group without one, information only.
#[derive(Serialize)]
struct ProgrammeGroupContext {
    heading: String,
    /// Whether the heading is a date, never wrapped in the table.
    dated: bool,
    /// Printed beside the heading: the meeting's note and `(moved from ...)`.
    aside: Option<String>,
    /// `Meeting cancelled`, `Moved to ...` or the no-items text, instead of items.
    state: Option<String>,
    /// Each item's cells as typst markup: title, detail, lead, then the extra columns.
    rows: Vec<Vec<Value>>,
}

/// An image of the meeting folder: its path for typst, its alternative text, its caption.
#[derive(Serialize)]
struct ImageContext<'a> {
    path: String,
    alt: &'a str,
    caption: &'a str,
}

/// Builds the template context of a meeting's pack, converting every Markdown body;
/// fails with every error of each document that has any.
pub fn pack_context(meeting: &Meeting) -> Result<Context> {
    context_for(meeting, Target::Typst)
}

/// The typst context of `meeting` for previewing its document `only` (in pack order):
/// the other documents are listed, their bodies left out: a preview renders one
/// document, and converting the others' Markdown on each save is work for nothing.
pub fn preview_context(meeting: &Meeting, only: usize) -> Result<Context> {
    context_of(meeting, Target::Typst, Some(only))
}

/// The context of `meeting` (its audience and part) with every prepared text written
/// for `target`: the same items, numbers and documents in both outputs.
pub fn context_for(meeting: &Meeting, target: Target) -> Result<Context> {
    context_of(meeting, target, None)
}

/// The context of `meeting` for `target`, with the body of every document, or of the
/// document `only` (in pack order).
fn context_of(meeting: &Meeting, target: Target, only: Option<usize>) -> Result<Context> {
    let mut documents = Vec::new();
    let mut minute_refs = Vec::new();
    let mut files = Vec::new();
    let mut gathered = Gathered::default();
    let printed = meeting.all_items().flat_map(|item| {
        meeting
            .printed_documents(item)
            .into_iter()
            .enumerate()
            .map(move |(index, document)| (item, index, document))
    });
    for (position, (item, index, document)) in printed.enumerate() {
        let body = if only.is_some_and(|only| only != position) {
            BodyContext::Omitted {}
        } else {
            match body_context(meeting, document, &mut minute_refs, &mut files, target) {
                Ok(body) => body,
                Err(errors) => {
                    gathered.extend(errors);
                    continue;
                }
            }
        };
        files.extend(data_files(document).map(|file| Target::Html.file_path(file)));
        documents.push(DocumentContext {
            template: target.template(&document.body),
            file: document.file.display().to_string(),
            item: item.number,
            first: index == 0,
            exempt: item.exempt_paragraph.is_some(),
            item_title: &item.title,
            bookmark: bookmark(document),
            body,
        });
    }
    if !gathered.is_empty() {
        return gathered.fail(Vec::new());
    }
    let style = &meeting.style;
    let names = |list: &[String]| style.front_sheet.name_lists.join(list);
    let members: Vec<String> = meeting
        .membership
        .members
        .iter()
        .map(|member| {
            if *member == meeting.membership.chair {
                format!("{member} (Chair)")
            } else {
                member.clone()
            }
        })
        .collect();
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
                path: target.file_path(&logo.file),
                alt: &logo.alt,
                caption: "",
            }),
            date_front_sheet: style.places.front_sheet.front_sheet(meeting.date),
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
            members: names(&members),
            co_opted: names(&meeting.membership.co_opted),
            by_invitation: names(&meeting.membership.by_invitation),
            notes: meeting
                .notes
                .iter()
                .map(|note| target.text_with_links(note))
                .collect(),
            contact_note: (style.notes == NotesStyle::ContactNote)
                .then(|| Value::from_safe_string(contact_note(&meeting.contacts, target))),
            style,
        },
        supplement: supplement_context(meeting),
        page_offset: meeting.page_offset,
        items: item_contexts(meeting, &meeting.items),
        private_items: item_contexts(meeting, &meeting.private_items),
        documents,
    };
    files.extend(
        meeting
            .logo
            .iter()
            .map(|logo| Target::Html.file_path(&logo.file)),
    );
    Ok(Context {
        value: Value::from(Serde(&context)),
        minute_refs,
        files,
    })
}

/// The files of the meeting folder a document shows that are not in its Markdown: a
/// supplied PDF, the work programme's flow chart.
fn data_files(document: &Document) -> impl Iterator<Item = &Path> {
    let file = match &document.body {
        DocumentBody::ExternalPdf(_) => Some(document.file.as_path()),
        DocumentBody::WorkProgramme(programme) => programme
            .flow_chart
            .as_ref()
            .map(|chart| chart.file.as_path()),
        _ => None,
    };
    file.into_iter()
}

/// Every error of converting each Markdown document of the meeting (exempt ones too),
/// for a meeting whose other files have errors: its pack is not laid out, but each
/// document that loaded is still checked.
pub fn markup_errors(meeting: &Meeting) -> Vec<ContentError> {
    let mut minute_refs = Vec::new();
    meeting
        .all_items()
        .flat_map(|item| &item.documents)
        .filter_map(|document| {
            body_context(
                meeting,
                document,
                &mut minute_refs,
                &mut Vec::new(),
                Target::Typst,
            )
            .err()
        })
        .flatten()
        .collect()
}

/// The later eras' single note: who to contact about the agenda, each e-mail address
/// a live link.
fn contact_note(contacts: &[Contact], target: Target) -> String {
    let people: Vec<String> = contacts
        .iter()
        .map(|c| {
            let mut text = target.text(&c.name);
            if let Some(telephone) = &c.telephone {
                text.push_str(&format!(", telephone {}", target.text(telephone)));
            }
            if let Some(email) = &c.email {
                text.push_str(&format!(", e-mail {}", target.email(email)));
            }
            text
        })
        .collect();
    format!(
        "The person to contact about the agenda and documents for this meeting is {}{}",
        people.join(", or "),
        target.text(".")
    )
}

/// The groups of the minutes' `Present:` block, worded as the style says; empty groups
/// are left out.
fn present_rows(present: &Present, wording: &MinutesWording, names: NameList) -> Vec<PresentRow> {
    let cllr = wording.councillor.text();
    let labels = &wording.labels;
    let members = present
        .members
        .iter()
        .map(|member| {
            let mut line = format!("{cllr} {}", member.name);
            if member.name == present.chair {
                line.push_str(" (Chair)");
            }
            if let Some(absent) = &member.substitute_for {
                line.push_str(&format!(" (substitute for {cllr} {absent})"));
            }
            line
        })
        .collect();
    let co_opted = match wording.co_opted {
        CoOptedLayout::Lines => present.co_opted.clone(),
        CoOptedLayout::OneLine => vec![NameList::And.join(&present.co_opted)],
    };
    let people = |list: &[Attendee]| {
        list.iter()
            .map(|person| {
                if person.role.is_empty() {
                    person.name.clone()
                } else {
                    format!("{} ({})", person.name, person.role)
                }
            })
            .collect::<Vec<_>>()
    };
    let employees = match wording.employees {
        EmployeeLayout::Grouped => present
            .employees
            .iter()
            .map(|(group, people)| format!("{group}: {}", names.join(people)))
            .collect(),
        EmployeeLayout::OnePerLine => present
            .employees
            .iter()
            .flat_map(|(group, people)| people.iter().map(move |name| format!("{name}, {group}")))
            .collect(),
    };
    let employees_label = labels.employees.clone().unwrap_or_else(|| {
        match present.employees_grouped_by {
            EmployeeGrouping::Directorate => "Employees (by Directorate):",
            EmployeeGrouping::ServiceArea => "Employees (by Service Area):",
        }
        .to_string()
    });
    [
        (labels.members.clone(), members),
        (labels.co_opted.clone(), co_opted),
        (
            labels.cabinet_members.clone(),
            people(&present.cabinet_members),
        ),
        (labels.other_members.clone(), people(&present.other_members)),
        (employees_label, employees),
        (labels.invited.clone(), people(&present.invited)),
        (
            labels.others_present.clone(),
            people(&present.others_present),
        ),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .map(|(label, lines)| PresentRow { label, lines })
    .collect()
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

/// The front sheet of a supplement: its heading, signatory and publication date.
fn supplement_context(meeting: &Meeting) -> Option<SupplementContext> {
    let supplement = meeting.supplement()?;
    let publication = &meeting.publication;
    let signatory = match &supplement.signatory {
        Some(s) => SignatoryContext {
            name: s.name.clone(),
            post: s.post.clone(),
            address: s.address.clone(),
        },
        None => SignatoryContext {
            name: publication.name.clone(),
            post: publication.post.clone(),
            address: publication.address.clone(),
        },
    };
    Some(SupplementContext {
        heading: meeting.supplement_heading()?,
        signatory,
        date: meeting.style.signatory(supplement.date),
    })
}

/// The items of `items` listed on this pack's front sheet.
fn item_contexts<'a>(meeting: &Meeting, items: &'a [Item]) -> Vec<ItemContext<'a>> {
    items
        .iter()
        .filter(|item| item.listed_in(meeting.part))
        .map(|item| item_context(item, meeting))
        .collect()
}

fn item_context<'a>(item: &'a Item, meeting: &Meeting) -> ItemContext<'a> {
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
        has_documents: !meeting.printed_documents(item).is_empty(),
        to_follow: meeting.part == Part::Main && item.to_follow(meeting.audience),
        exempt_paragraph: item.exempt_paragraph,
        urgency: item.urgency.as_deref(),
    }
}

fn body_context<'a>(
    meeting: &'a Meeting,
    document: &'a Document,
    minute_refs: &mut Vec<(MinuteRef, Location)>,
    files: &mut Vec<String>,
    target: Target,
) -> Result<BodyContext<'a>, Vec<ContentError>> {
    let style = &meeting.style;
    let running = |date| style.places.notes.running(date);
    let mut convert = |markdown: &MarkdownSource, flavour| {
        let assets = Assets {
            meeting_dir: &meeting.dir,
            document_dir: document
                .file
                .parent()
                .unwrap_or(Path::new(""))
                .to_path_buf(),
        };
        let rendered = target.render(markdown, flavour, &assets)?;
        minute_refs.extend(rendered.minute_refs.iter().cloned());
        files.extend(rendered.images.iter().cloned());
        Ok::<_, Vec<ContentError>>(rendered)
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
                date_label: style.places.note_date_label,
                authors: &note.authors,
                author_block: note.author_block,
                author_separator: &style.front_sheet.contact_separator,
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
                author_separator: &style.front_sheet.contact_separator,
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
            date: style.places.minutes.front_sheet(minutes.date),
            time: minutes.time.to_string(),
            place: minutes.place.as_deref(),
            closed: minutes.closed.to_string(),
            present: present_rows(
                &minutes.present,
                &style.minutes,
                style.front_sheet.name_lists,
            ),
            apologies_label: &style.minutes.labels.apologies,
            apologies: if minutes.apologies.is_empty() {
                "None".to_string()
            } else {
                style.front_sheet.name_lists.join(&minutes.apologies)
            },
            minute_dot: style.minutes.minute_numbers == MinuteNumber::Dot,
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
            path: target.file_path(&document.file),
            pages: pdf.page_count,
            title: &pdf.title,
            landscape: &pdf.landscape_pages,
        },
        DocumentBody::WorkProgramme(programme) => work_programme_context(programme, style, target),
    })
}

fn work_programme_context<'a>(
    programme: &'a WorkProgramme,
    style: &Style,
    target: Target,
) -> BodyContext<'a> {
    let running = |date: Date| style.places.work_programme.running(date);
    let rows = |items: &[ProgrammeItem]| -> Vec<Vec<Value>> {
        items
            .iter()
            .map(|item| {
                let extra = programme
                    .columns
                    .iter()
                    .map(|column| item.cells.get(column).map_or("", String::as_str));
                [item.title.as_str(), &item.detail, &item.lead]
                    .into_iter()
                    .chain(extra)
                    .map(|cell| target.cell(cell))
                    .collect()
            })
            .collect()
    };
    let group = |heading: &str, items| ProgrammeGroupContext {
        heading: heading.to_string(),
        dated: false,
        aside: None,
        state: None,
        rows: rows(items),
    };
    let slots = programme.meetings.iter().map(|slot| match slot {
        ProgrammeSlot::Group(g) => group(&g.heading, &g.items),
        ProgrammeSlot::Meeting(m) => {
            let moved_from = m
                .moved_from
                .map(|from| format!("(moved from {})", running(from)));
            let aside: Vec<String> = m.note.iter().cloned().chain(moved_from).collect();
            ProgrammeGroupContext {
                heading: running(m.date),
                dated: true,
                aside: (!aside.is_empty()).then(|| aside.join(" ")),
                state: match m.state {
                    MeetingState::Planned if m.items.is_empty() => {
                        Some(style.programme.no_items.clone())
                    }
                    MeetingState::Planned => None,
                    MeetingState::Cancelled => Some("Meeting cancelled".to_string()),
                    MeetingState::MovedTo(to) => Some(format!("Moved to {}", running(to))),
                },
                rows: rows(&m.items),
            }
        }
    });
    let later = programme.later.iter().map(|g| group(&g.heading, &g.items));
    let information = (!programme.information_only.is_empty())
        .then(|| group("Items for information only", &programme.information_only));
    let groups: Vec<ProgrammeGroupContext> = slots.chain(later).chain(information).collect();
    BodyContext::WorkProgramme {
        title: &programme.title,
        last_updated: programme.last_updated.map(running),
        introduction: &programme.introduction,
        columns: &programme.columns,
        dates: groups
            .iter()
            .filter(|g| g.dated)
            .map(|g| g.heading.clone())
            .collect(),
        title_on_every_page: style.programme.title_on_every_page,
        continued_rows: continued_rows(&groups),
        groups,
        flow_chart: programme.flow_chart.as_ref().map(|chart| ImageContext {
            path: target.file_path(&chart.file),
            alt: &chart.alt,
            caption: &chart.caption,
        }),
    }
}

/// The body rows of the programme's table after the first of their group.
fn continued_rows(groups: &[ProgrammeGroupContext]) -> Vec<usize> {
    let mut continued = Vec::new();
    let mut row = 0;
    for group in groups {
        let rows = group.rows.len() + usize::from(group.state.is_some());
        continued.extend(row + 1..row + rows);
        row += rows;
    }
    continued
}
