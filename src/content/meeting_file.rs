//! Loading `meeting.yaml` and everything it refers to into a [`Meeting`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::document_file::{self, MeetingDefaults};
use super::image_file::{self, NamedImage};
use super::string_or_map::StringOrMap;
use super::style_file::{self, StyleSettings};
use super::text_file::{self, YAML_LIMIT};
use super::yaml::YamlText;
use super::{
    MEETING_FILE, chair, confine, external_pdf, minute_scan, supplements, work_programme_file,
};
use crate::error::{ContentError, Location, Result};
use crate::model::{
    Audience, Contact, Date, Document, DocumentBody, Item, ItemKind, Logo, Meeting, Membership,
    NotesStyle, Part, Publication, REQUIRED_CLEAR_DAYS, Supplement, Time, clear_days,
    latest_publication,
};

/// The most sub-items an item may have: they are lettered `a)` to `z)`.
pub const SUB_ITEM_LIMIT: usize = 26;

/// The shape of `meeting.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingFile {
    council: String,
    committee: String,
    logo: Option<Logo>,
    date: Date,
    time: Time,
    place: String,
    publication: Publication,
    contacts: Vec<Contact>,
    membership: Membership,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    style: StyleSettings,
    items: Vec<ItemEntry>,
    #[serde(default)]
    private_items: Vec<ItemEntry>,
    #[serde(default)]
    supplements: Vec<Supplement>,
}

/// One entry of `items:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemEntry {
    /// The item's number as the author wrote it, checked against its place.
    number: Option<usize>,
    kind: ItemKind,
    title: String,
    by: Option<String>,
    #[serde(default)]
    sub_items: Vec<String>,
    #[serde(default)]
    documents: Vec<StringOrMap<DocumentEntry>>,
    exempt_paragraph: Option<u8>,
    /// The supplement that carries all the item's documents.
    supplement: Option<usize>,
    added: Option<Date>,
    urgency: Option<String>,
}

/// One entry of an item's `documents:`: a file name, or a map with a title.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentEntry {
    file: String,
    title: Option<String>,
    supplement: Option<usize>,
}

impl From<String> for DocumentEntry {
    fn from(file: String) -> Self {
        Self {
            file,
            title: None,
            supplement: None,
        }
    }
}

/// Reads the meeting folder `dir` into a validated [`Meeting`].
pub fn load_meeting(dir: &Path) -> Result<Meeting> {
    load(dir, None)
}

/// Reads the meeting folder `dir` for a preview of its document `keep`: the other
/// documents that cannot be loaded (missing, or with errors) are left out, so one
/// document can be previewed while the rest of the meeting is still being written.
pub fn load_meeting_around(dir: &Path, keep: &Path) -> Result<Meeting> {
    load(dir, Some(keep))
}

fn load(dir: &Path, keep: Option<&Path>) -> Result<Meeting> {
    let file = dir.join(MEETING_FILE);
    let text = text_file::read(&file, YAML_LIMIT)?;
    let yaml = YamlText::read(&file, &text, 1)?;
    let mut raw: MeetingFile = yaml.parse()?;
    for (key, value) in [
        ("council", &raw.council),
        ("committee", &raw.committee),
        ("place", &raw.place),
    ] {
        if value.trim().is_empty() {
            return Err(
                ContentError::new(yaml.at(key), format!("`{key}:` is empty"))
                    .with_hint(format!("give the {key}: it is printed on the front sheet"))
                    .into(),
            );
        }
    }
    chair::require_listed(
        yaml.at("membership.chair"),
        &raw.membership.chair,
        &raw.membership.members,
        "membership.members",
    )?;
    if let Some(logo) = &mut raw.logo {
        let image = NamedImage::under(&yaml, "logo", &mut logo.file, &logo.alt);
        let at = image.file_at.clone();
        image_file::check(image, dir, "the logo")?;
        logo.at = Some(at);
    }
    let root = dir.parent().unwrap_or(Path::new("."));
    let style = raw.style.over(style_file::load_root(root)?).resolve();
    if style.notes == NotesStyle::ContactNote && !raw.notes.is_empty() {
        return Err(ContentError::new(
            yaml.key_at("notes"),
            "`notes:` are given, but this style prints a single contact note instead",
        )
        .with_hint("remove `notes:`, or set `style: {notes: numbered}`")
        .into());
    }
    let public_count = raw.items.len();
    let entries: Vec<(String, ItemEntry)> = raw
        .items
        .into_iter()
        .enumerate()
        .map(|(i, entry)| (format!("items[{i}]"), entry))
        .chain(
            raw.private_items
                .into_iter()
                .enumerate()
                .map(|(i, entry)| (format!("private_items[{i}]"), entry)),
        )
        .collect();
    check_numbers(&yaml, &entries)?;
    check_each_document_once(&yaml, dir, &entries)?;
    let mut source = MeetingSource {
        dir,
        yaml: &yaml,
        keep,
        date: raw.date,
        warnings: Vec::new(),
    };
    let defaults = MeetingDefaults {
        committee: &raw.committee,
        date: raw.date,
    };
    let mut items = entries
        .into_iter()
        .enumerate()
        .map(|(index, (path, entry))| {
            source.item(&path, entry, index + 1, index >= public_count, &defaults)
        })
        .collect::<Result<Vec<Item>>>()?;
    let private_items = items.split_off(public_count);
    let minute_book = minute_scan::scan(root);
    let mut warnings = source.warnings;
    let agenda = supplements::Agenda::new(&yaml, &raw.supplements, &items, &private_items);
    warnings.extend(agenda.check(raw.publication.date, raw.date)?);
    warnings.extend(notice_warning(&yaml, raw.publication.date, raw.date));
    for document in items
        .iter()
        .chain(&private_items)
        .flat_map(|i| &i.documents)
    {
        let path = dir.join(&document.file);
        if let Some(record) = minute_book.records().iter().find(|r| r.file == path)
            && let Some(warning) = minute_scan::numbering_warning(&minute_book, record)
        {
            warnings.push(warning);
        }
    }
    Ok(Meeting {
        dir: dir.to_path_buf(),
        council: raw.council,
        committee: raw.committee,
        date: raw.date,
        time: raw.time,
        place: raw.place,
        publication: raw.publication,
        logo: raw.logo,
        contacts: raw.contacts,
        membership: raw.membership,
        notes: raw.notes,
        style,
        items,
        private_items,
        supplements: raw.supplements,
        minute_book,
        warnings,
        audience: Audience::Public,
        part: Part::Main,
        page_offset: 0,
    })
}

/// Items are numbered by their place; a `number:` an author writes must agree, so a
/// number given twice or out of order is caught rather than silently renumbered.
fn check_numbers(yaml: &YamlText, entries: &[(String, ItemEntry)]) -> Result<()> {
    let mut seen = Vec::new();
    for (index, (path, item)) in entries.iter().enumerate() {
        let Some(number) = item.number else { continue };
        let at = || yaml.at(&format!("{path}.number"));
        if seen.contains(&number) {
            return Err(
                ContentError::new(at(), format!("item number {number} is given twice"))
                    .with_hint(format!(
                        "items are numbered in agenda order: this is item {}",
                        index + 1
                    ))
                    .into(),
            );
        }
        seen.push(number);
        if number != index + 1 {
            return Err(ContentError::new(
                at(),
                format!(
                    "this is item {} on the agenda, not item {number}",
                    index + 1
                ),
            )
            .with_hint("items are numbered in agenda order: correct `number:` or remove it")
            .into());
        }
    }
    Ok(())
}

/// A document listed under two items would be printed under both, and an exempt one
/// listed under a public item would be published: each file may be listed once. Names
/// are compared after links are followed; names that do not resolve are reported when
/// their document is loaded.
fn check_each_document_once(
    yaml: &YamlText,
    dir: &Path,
    entries: &[(String, ItemEntry)],
) -> Result<()> {
    let mut listed: HashMap<PathBuf, Location> = HashMap::new();
    for (item, entry) in entries {
        for (index, document) in entry.documents.iter().enumerate() {
            let Ok(real) = confine::resolve_inside(dir, Path::new(&document.0.file)) else {
                continue;
            };
            let at = yaml.at(&document_path(item, index));
            if let Some(first) = listed.insert(real, at.clone()) {
                return Err(ContentError::new(
                    at,
                    format!(
                        "`{}` is listed under two items (also at line {})",
                        document.0.file, first.line
                    ),
                )
                .with_hint("list each document under one item only; an exempt report belongs under its private item alone")
                .into());
            }
        }
    }
    Ok(())
}

/// The path of the file name of an item's `index`-th document (written short, the
/// path of the entry itself, which [`YamlText::at`] falls back to).
fn document_path(item: &str, index: usize) -> String {
    format!("{item}.documents[{index}].file")
}

/// The meeting file being loaded, for resolving and locating document references.
struct MeetingSource<'a> {
    dir: &'a Path,
    yaml: &'a YamlText<'a>,
    /// The meeting's date.
    date: Date,
    /// Doubtful points found on the way.
    warnings: Vec<ContentError>,
    /// When set, the only document whose errors count (see [`load_meeting_around`]).
    keep: Option<&'a Path>,
}

impl MeetingSource<'_> {
    /// The item at `path` in the YAML, numbered `number`.
    fn item(
        &mut self,
        path: &str,
        entry: ItemEntry,
        number: usize,
        private: bool,
        defaults: &MeetingDefaults,
    ) -> Result<Item> {
        self.check_item(path, &entry, private)?;
        let mut documents = Vec::new();
        for (index, doc) in entry.documents.into_iter().enumerate() {
            let at = self.yaml.at(&document_path(path, index));
            let named = self.dir.join(confine::normalise(Path::new(&doc.0.file)));
            let supplement = doc.0.supplement.or(entry.supplement);
            match self.document(doc.0, at, defaults) {
                Ok(document) => documents.push(Document {
                    supplement,
                    ..document
                }),
                Err(_) if self.keep.is_some_and(|keep| !same_file(keep, &named)) => {}
                Err(err) => return Err(err),
            }
        }
        Ok(Item {
            number,
            kind: entry.kind,
            title: entry.title,
            by: entry.by,
            sub_items: entry.sub_items,
            exempt_paragraph: entry.exempt_paragraph,
            documents,
            added: entry.added,
            urgency: entry.urgency,
        })
    }

    /// The rules of house style section 7 that data alone can break.
    fn check_item(&self, path: &str, entry: &ItemEntry, private: bool) -> Result<()> {
        let at = |key: &str| self.yaml.at(&format!("{path}.{key}"));
        if entry.kind.is_title_only() && !entry.documents.is_empty() {
            return Err(ContentError::new(
                at("documents"),
                format!("`{}` is printed by its title only and takes no documents", entry.title),
            )
            .with_hint("remove `documents:`, or give the item a kind that has documents (e.g. briefing-note)")
            .into());
        }
        if entry.sub_items.len() > SUB_ITEM_LIMIT {
            return Err(ContentError::new(
                at(&format!("sub_items[{SUB_ITEM_LIMIT}]")),
                format!(
                    "the item has {} sub-items; they are lettered a) to z), so at most {SUB_ITEM_LIMIT}",
                    entry.sub_items.len()
                ),
            )
            .with_hint("group the sub-items, or split the item in two")
            .into());
        }
        match (private, entry.exempt_paragraph) {
            (false, Some(_)) => Err(ContentError::new(
                self.yaml.key_at(&format!("{path}.exempt_paragraph")),
                "only private business is exempt under Schedule 12A",
            )
            .with_hint("move the item to `private_items:`, or remove `exempt_paragraph:`")
            .into()),
            (true, None) => Err(ContentError::new(
                at("title"),
                "a private item needs the paragraph of Schedule 12A that makes it exempt",
            )
            .with_hint("add `exempt_paragraph: N` (1 to 7); an item that is not exempt belongs under `items:`")
            .into()),
            (true, Some(paragraph)) if !(1..=7).contains(&paragraph) => Err(ContentError::new(
                at("exempt_paragraph"),
                format!("there is no paragraph {paragraph} in Part 1 of Schedule 12A"),
            )
            .with_hint("give the paragraph number, 1 to 7, that makes the item exempt")
            .into()),
            _ => Ok(()),
        }
    }

    /// The document `entry`, named at `at` in the YAML.
    fn document(
        &mut self,
        entry: DocumentEntry,
        at: Location,
        defaults: &MeetingDefaults,
    ) -> Result<Document> {
        let relative = confine::normalise(Path::new(&entry.file));
        confine::resolve_inside(self.dir, &relative).map_err(|escape| {
            ContentError::new(at.clone(), format!("document {escape}")).with_hint(escape.hint())
        })?;
        // Read through the name as written (so messages show it), now known to stay inside.
        let path = self.dir.join(&relative);
        let body = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pdf") => {
                let title = entry.title.clone().ok_or_else(|| {
                    ContentError::new(at.clone(), format!("the external PDF `{}` has no title", entry.file))
                        .with_hint("write it as `- file: <name>.pdf` with `title: <its title>` on the next line")
                })?;
                DocumentBody::ExternalPdf(external_pdf::load(&path, title)?)
            }
            Some("yaml" | "yml") => DocumentBody::WorkProgramme(Box::new(
                work_programme_file::load(&path, self.dir, self.date, &mut self.warnings)?,
            )),
            Some("md") => {
                if entry.title.is_some() {
                    return Err(ContentError::new(
                        at,
                        "a Markdown document takes its title from its own front matter",
                    )
                    .with_hint("remove `title:` here")
                    .into());
                }
                document_file::load(&path, defaults)?
            }
            _ => {
                return Err(ContentError::new(
                    at,
                    format!("`{}` is neither Markdown (.md) nor PDF (.pdf)", entry.file),
                )
                .with_hint(
                    "documents are Markdown files with front matter, work programmes (.yaml) or external PDF appendices",
                )
                .into());
            }
        };
        Ok(Document {
            file: relative,
            body,
            supplement: None,
        })
    }
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Warns when the agenda is published with fewer clear days' notice than the law asks.
fn notice_warning(yaml: &YamlText, published: Date, meeting: Date) -> Option<ContentError> {
    let days = clear_days(published, meeting);
    (days < REQUIRED_CLEAR_DAYS).then(|| {
        ContentError::new(
            yaml.at("publication.date"),
            format!(
                "the agenda is published {days} clear days before the meeting; the law asks for {REQUIRED_CLEAR_DAYS}"
            ),
        )
        .with_hint(format!(
            "publish by {} (weekends and bank holidays are not clear days), or print the reason for urgency with the late item",
            latest_publication(meeting).long()
        ))
    })
}
