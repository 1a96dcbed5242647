//! A meeting's page: the front sheet as HTML, each item linked to its documents' pages
//! and to its first page in the pack, with the pack PDFs copied beside it.

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::Value;
use serde::Serialize;

use super::page::{Frame, HeaderLogo};
use super::{Published, SiteTemplates, assets, document_page};
use crate::error::{Error, Result};
use crate::model::{Colour, Date, Meeting, PageNumbers, PageRange, Part};
use crate::pack::Built;
use crate::templates::{Target, context_for};

/// A meeting as the index lists it.
#[derive(Serialize)]
pub struct Listed {
    /// The committee.
    pub committee: String,
    /// The council.
    pub council: String,
    /// The day of the meeting, for ordering and grouping by municipal year.
    #[serde(skip)]
    pub date: Date,
    /// The date as the front sheet writes it.
    pub date_label: String,
    /// When it starts.
    pub time: String,
    /// Where it is held.
    pub place: String,
    /// The meeting page, relative to the site's root.
    pub href: String,
    /// The packs, relative to the site's root.
    pub packs: Vec<PackLink>,
    /// The council's logo, relative to the site's root.
    #[serde(skip)]
    pub logo: Option<HeaderLogo>,
    /// The council's colour.
    #[serde(skip)]
    pub colour: Option<Colour>,
}

/// A pack PDF of the meeting.
#[derive(Serialize, Clone)]
pub struct PackLink {
    /// The PDF, relative to the meeting's folder.
    pub href: String,
    /// `Agenda pack`, `Supplementary Agenda`.
    pub title: String,
    /// `1.2 MB`.
    pub size: String,
    /// Its number of pages.
    pub pages: usize,
}

/// Where an item (or a document of it) is in a pack.
#[derive(Serialize, Clone)]
pub struct PackPlace {
    /// `<pack>.pdf#page=N`, N the PDF's own page where the item starts.
    pub href: String,
    /// `Pages 3 - 10`, as the front sheet prints it.
    pub range: String,
}

/// A document of an item, linked from the meeting page.
#[derive(Serialize, Clone)]
pub struct DocumentLink {
    /// Its page, relative to the meeting's folder.
    pub href: String,
    /// Its title.
    pub title: String,
}

/// What the meeting page links from an item.
#[derive(Serialize, Default, Clone)]
pub struct ItemLinks {
    /// Its documents' pages.
    pub documents: Vec<DocumentLink>,
    /// Its places in the packs (the agenda's and a supplement's).
    pub pack: Vec<PackPlace>,
}

/// One of the meeting's packs, laid beside its model.
struct PackPart<'a> {
    meeting: Meeting,
    built: &'a Built,
    /// The pages before its first printed number (a supplement that continues).
    page_offset: usize,
}

/// Writes the meeting's folder of the site: its page, its documents' pages, its packs
/// and the files they show. Returns how the index lists it.
pub fn write(site: &Path, published: &Published, templates: &SiteTemplates) -> Result<Listed> {
    let meeting = &published.meeting;
    let name = meeting.name();
    let dir = site.join(&name);
    let style = &meeting.style;
    let logo = meeting.logo.as_ref().map(|logo| HeaderLogo {
        href: format!("../{name}/{}", Target::Html.file_path(&logo.file)),
        alt: logo.alt.clone(),
    });
    let meeting_label = format!(
        "{}, {}",
        meeting.committee,
        style.dates.running(meeting.date)
    );
    let mut item_links: BTreeMap<String, ItemLinks> = BTreeMap::new();
    let mut packs = Vec::new();
    let mut main_context = None;
    let mut documents = Vec::new();
    for part in parts(meeting, published.built) {
        let copied = dir.join(format!("{}.pdf", part.built.name));
        assets::copy(&part.built.output, &copied)?;
        let size = std::fs::metadata(&copied)
            .map_err(|err| Error::io(&copied, err))?
            .len();
        let pdf = format!("{}.pdf", part.built.name);
        packs.push(PackLink {
            href: pdf.clone(),
            title: part
                .meeting
                .supplement_heading()
                .unwrap_or_else(|| "Agenda pack".to_string()),
            size: assets::size_label(size),
            pages: part.built.pages,
        });
        let context = context_for(&part.meeting, Target::Html)?;
        for (number, range) in &part.built.item_ranges {
            let printed = PageRange {
                first: range.first + part.page_offset,
                last: range.last + part.page_offset,
            };
            item_links
                .entry(number.to_string())
                .or_default()
                .pack
                .push(PackPlace {
                    href: format!("{pdf}#page={}", range.first),
                    range: printed.to_string(),
                });
        }
        for file in &context.files {
            assets::copy(&meeting.dir.join(file), &dir.join(file))?;
        }
        for document in context.value.get_attr("documents")?.try_iter()? {
            let slug = document_page::slug(&text(&document, "file")?);
            item_links
                .entry(text(&document, "item")?)
                .or_default()
                .documents
                .push(DocumentLink {
                    href: format!("{slug}.html"),
                    title: text(&document, "bookmark")?,
                });
            documents.push((slug, document, context.value.get_attr("meeting")?));
        }
        if part.meeting.part == Part::Main {
            main_context = Some(context.value);
        }
    }
    for (slug, document, meeting_value) in documents {
        let item = text(&document, "item")?;
        let links = item_links.get(&item).cloned().unwrap_or_default();
        let frame = Frame::in_meeting(
            text(&document, "bookmark")?,
            &meeting.council,
            meeting.style.colour,
            logo.clone(),
            meeting_label.clone(),
            Some(text(&document, "bookmark")?),
        );
        document_page::write(
            &dir.join(format!("{slug}.html")),
            frame,
            meeting_value,
            document,
            links.pack,
            templates,
        )?;
    }
    let main = main_context.expect("the agenda is always a part");
    let frame = Frame::in_meeting(
        meeting_label.clone(),
        &meeting.council,
        style.colour,
        logo.clone(),
        meeting_label,
        None,
    );
    let page = templates.render(
        "meeting.html.j2",
        minijinja::context! {
            frame => minijinja::value::Serde(frame),
            item_links => minijinja::value::Serde(item_links),
            packs => minijinja::value::Serde(packs.clone()),
            ..main
        },
    )?;
    assets::write(&dir.join("index.html"), page.as_bytes())?;
    Ok(Listed {
        committee: meeting.committee.clone(),
        council: meeting.council.clone(),
        date: meeting.date,
        date_label: style.places.front_sheet.front_sheet(meeting.date),
        time: meeting.time.to_string(),
        place: meeting.place.clone(),
        href: format!("{name}/index.html"),
        packs: packs
            .into_iter()
            .map(|pack| PackLink {
                href: format!("{name}/{}", pack.href),
                ..pack
            })
            .collect(),
        logo: meeting.logo.as_ref().map(|logo| HeaderLogo {
            href: format!("{name}/{}", Target::Html.file_path(&logo.file)),
            alt: logo.alt.clone(),
        }),
        colour: style.colour,
    })
}

/// The meeting's packs in order, the agenda first, each with its model and the pages
/// before its first printed number.
fn parts<'a>(meeting: &Meeting, built: &'a Built) -> Vec<PackPart<'a>> {
    let mut parts = vec![PackPart {
        meeting: meeting.clone(),
        built,
        page_offset: 0,
    }];
    for (supplement, built) in meeting.supplements.iter().zip(&built.supplements) {
        let before = parts.last().expect("the agenda comes first");
        let page_offset = match supplement.page_numbers {
            PageNumbers::Restart => 0,
            PageNumbers::Continue => before.page_offset + before.built.pages,
        };
        parts.push(PackPart {
            meeting: Meeting {
                part: Part::Supplement(supplement.number),
                ..meeting.clone()
            },
            built,
            page_offset,
        });
    }
    parts
}

/// A field of a context value as text.
fn text(value: &Value, field: &str) -> Result<String> {
    let field = value.get_attr(field)?;
    Ok(field
        .as_str()
        .map_or_else(|| field.to_string(), str::to_string))
}
