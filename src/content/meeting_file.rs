//! Loading `meeting.yaml` and everything it refers to into a [`Meeting`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::document_file::{self, MeetingDefaults};
use super::external_pdf::ReadAhead;
use super::image_file::{self, NamedImage};
use super::string_or_map::StringOrMap;
use super::style_file::{self, StyleSettings};
use super::text_file::{self, YAML_LIMIT};
use super::yaml::YamlText;
use super::yaml_recovery::Taint;
use super::{
    MEETING_FILE, chair, confine, minute_scan, supplements, unlisted, work_programme_file,
};
use crate::error::{ContentError, Gathered, Location, Result};
use crate::model::{
    Audience, Contact, Date, Document, DocumentBody, DocumentKind, HolidayCalendar, Item, ItemKind,
    Logo, Meeting, Membership, NotesStyle, Part, Publication, REQUIRED_CLEAR_DAYS, Style,
    Supplement, Time, clear_days_in, latest_publication_in,
};
use crate::pdf::CopiedAhead;

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
    load(dir, None, None)?.into_result()
}

/// Reads the meeting folder `dir` for a preview of its document `keep`: the other
/// documents that cannot be loaded (missing, or with errors) are left out, so one
/// document can be previewed while the rest of the meeting is still being written.
pub fn load_meeting_around(dir: &Path, keep: &Path) -> Result<Meeting> {
    load(dir, Some(keep), None)?.into_result()
}

/// Reads the meeting folder `dir` as far as it can: the meeting with the documents
/// that loaded, and the mistakes found, so that the documents can be checked further
/// (their Markdown converted) while other files have errors. Fails when the meeting
/// cannot be made at all (`meeting.yaml` unreadable or of the wrong shape).
pub fn load_meeting_partly(dir: &Path) -> Result<Loaded> {
    load(dir, None, None)
}

/// [`load_meeting_partly`], keeping the supplied PDFs read in `ahead` for a build to
/// copy their pages while it lays the pack out.
pub fn load_meeting_copying(dir: &Path, ahead: &CopiedAhead) -> Result<Loaded> {
    load(dir, None, Some(ahead))
}

/// A meeting read as far as it could be.
pub struct Loaded {
    /// The meeting: when there are errors, with only the documents that loaded, and
    /// values the errors concern standing in for what the author wrote.
    pub meeting: Meeting,
    /// The mistakes found, in the order the files were read.
    pub errors: Vec<ContentError>,
}

impl Loaded {
    /// The meeting, or every mistake found with its warnings.
    pub fn into_result(self) -> Result<Meeting> {
        let mut gathered = Gathered::default();
        gathered.extend(self.errors);
        if gathered.is_empty() {
            Ok(self.meeting)
        } else {
            gathered.fail(self.meeting.warnings)
        }
    }
}

fn load(dir: &Path, keep: Option<&Path>, ahead: Option<&CopiedAhead>) -> Result<Loaded> {
    let file = dir.join(MEETING_FILE);
    let text = text_file::read(&file, YAML_LIMIT)?;
    let yaml = YamlText::read(&file, &text, 1)?;
    let mut parsed = yaml.parse_all::<MeetingFile>();
    let mut gathered = Gathered::default();
    gathered.extend(std::mem::take(&mut parsed.errors));
    let Some(mut raw) = parsed.value.take() else {
        return gathered.fail(Vec::new());
    };
    // A check of a value that was missing or invalid would report the stand-in.
    let checked = |path: &str| !parsed.tainted(path);
    let root = dir.parent().unwrap_or(Path::new("."));
    let root_style = gathered
        .take(style_file::load_root(root))?
        .unwrap_or_default();
    let style = std::mem::take(&mut raw.style).over(root_style).resolve();
    check_meeting(&yaml, &parsed.taint, &mut raw, dir, &style, &mut gathered)?;
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
    let listed: Vec<PathBuf> = entries
        .iter()
        .flat_map(|(_, entry)| &entry.documents)
        .map(|document| dir.join(confine::normalise(Path::new(&document.0.file))))
        .collect();
    gathered.extend(check_numbers(&yaml, &parsed.taint, &entries));
    gathered.extend(check_each_document_once(
        &yaml,
        &parsed.taint,
        dir,
        &entries,
    ));
    // Only the names that stay inside the meeting folder; the others are refused as
    // each document is loaded.
    let supplied = ReadAhead::read(
        listed.iter().filter_map(|path| {
            let relative = path.strip_prefix(dir).ok()?;
            confine::resolve_inside(dir, relative).ok()?;
            Some(path.as_path())
        }),
        ahead,
    );
    let mut source = MeetingSource {
        dir,
        yaml: &yaml,
        taint: &parsed.taint,
        keep,
        supplied,
        date: raw.date,
        warnings: Vec::new(),
        gathered,
    };
    let defaults = MeetingDefaults {
        committee: &raw.committee,
        date: raw.date,
    };
    let mut items = Vec::new();
    for (index, (path, entry)) in entries.into_iter().enumerate() {
        items.push(source.item(&path, entry, index + 1, index >= public_count, &defaults)?);
    }
    let private_items = items.split_off(public_count.min(items.len()));
    let minute_book = minute_scan::scan(root);
    let (mut warnings, mut gathered) = (source.warnings, source.gathered);
    // Clear days are counted in the content root's calendar (`holidays.yaml`).
    let calendar = gathered
        .take(super::load_calendar(root))?
        .unwrap_or_default();
    if checked("publication") && checked("date") && checked("supplements") {
        let agenda = supplements::Agenda::new(&yaml, &raw.supplements, &items, &private_items);
        warnings.extend(
            gathered
                .take(agenda.check(&calendar, raw.publication.date, raw.date))?
                .into_iter()
                .flatten(),
        );
        warnings.extend(notice_warning(
            &yaml,
            &calendar,
            raw.publication.date,
            raw.date,
        ));
    }
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
    if keep.is_none() {
        warnings.extend(unlisted::warnings(dir, &listed));
    }
    let meeting = Meeting {
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
    };
    Ok(Loaded {
        meeting,
        errors: gathered.into_errors(),
    })
}
/// The checks of `meeting.yaml`'s own values, its items apart: names that may not be
/// empty, the Chair among the members, the logo, notes the style does not print.
fn check_meeting(
    yaml: &YamlText,
    taint: &Taint,
    raw: &mut MeetingFile,
    dir: &Path,
    style: &Style,
    gathered: &mut Gathered,
) -> Result<()> {
    let checked = |path: &str| !taint.covers(path);
    for (key, value) in [
        ("council", &raw.council),
        ("committee", &raw.committee),
        ("place", &raw.place),
    ] {
        if checked(key) && value.trim().is_empty() {
            gathered.push(
                ContentError::new(yaml.at(key), format!("`{key}:` is empty"))
                    .with_hint(format!("give the {key}: it is printed on the front sheet")),
            );
        }
    }
    if checked("membership") {
        gathered.take(chair::require_listed(
            yaml.at("membership.chair"),
            &raw.membership.chair,
            &raw.membership.members,
            "membership.members",
        ))?;
    }
    if checked("logo")
        && let Some(logo) = &mut raw.logo
    {
        let image = NamedImage::under(yaml, "logo", &mut logo.file, &logo.alt);
        let at = image.file_at.clone();
        gathered.take(image_file::check(image, dir, "the logo"))?;
        logo.at = Some(at);
    }
    if checked("notes")
        && checked("style")
        && style.notes == NotesStyle::ContactNote
        && !raw.notes.is_empty()
    {
        gathered.push(
            ContentError::new(
                yaml.key_at("notes"),
                "`notes:` are given, but this style prints a single contact note instead",
            )
            .with_hint("remove `notes:`, or set `style: {notes: numbered}`"),
        );
    }
    Ok(())
}

/// Items are numbered by their place; a `number:` an author writes must agree, so a
/// number given twice or out of order is caught rather than silently renumbered.
fn check_numbers(
    yaml: &YamlText,
    taint: &Taint,
    entries: &[(String, ItemEntry)],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut seen = Vec::new();
    for (index, (path, item)) in entries.iter().enumerate() {
        let number_path = format!("{path}.number");
        let Some(number) = item.number.filter(|_| !taint.covers(&number_path)) else {
            continue;
        };
        let at = || yaml.at(&number_path);
        if seen.contains(&number) {
            errors.push(
                ContentError::new(at(), format!("item number {number} is given twice")).with_hint(
                    format!(
                        "items are numbered in agenda order: this is item {}",
                        index + 1
                    ),
                ),
            );
        } else if number != index + 1 {
            errors.push(
                ContentError::new(
                    at(),
                    format!(
                        "this is item {} on the agenda, not item {number}",
                        index + 1
                    ),
                )
                .with_hint("items are numbered in agenda order: correct `number:` or remove it"),
            );
        }
        seen.push(number);
    }
    errors
}

/// A document listed under two items would be printed under both, and an exempt one
/// listed under a public item would be published: each file may be listed once. Names
/// are compared after links are followed; names that do not resolve are reported when
/// their document is loaded.
fn check_each_document_once(
    yaml: &YamlText,
    taint: &Taint,
    dir: &Path,
    entries: &[(String, ItemEntry)],
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let mut listed: HashMap<PathBuf, Location> = HashMap::new();
    for (item, entry) in entries {
        for (index, document) in entry.documents.iter().enumerate() {
            let path = document_path(item, index);
            if taint.covers(&path) {
                continue;
            }
            let Ok(real) = confine::resolve_inside(dir, Path::new(&document.0.file)) else {
                continue;
            };
            let at = yaml.at(&path);
            if let Some(first) = listed.insert(real, at.clone()) {
                errors.push(ContentError::new(
                    at,
                    format!(
                        "`{}` is listed under two items (also at line {})",
                        document.0.file, first.line
                    ),
                )
                .with_hint("list each document under one item only; an exempt report belongs under its private item alone"));
            }
        }
    }
    errors
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
    /// The values of the meeting file that were missing or invalid.
    taint: &'a Taint,
    /// The meeting's date.
    date: Date,
    /// Doubtful points found on the way.
    warnings: Vec<ContentError>,
    /// The mistakes found so far.
    gathered: Gathered,
    /// When set, the only document whose errors count (see [`load_meeting_around`]).
    keep: Option<&'a Path>,
    /// The supplied PDFs, read ahead.
    supplied: ReadAhead,
}

impl MeetingSource<'_> {
    /// The item at `path` in the YAML, numbered `number`, with the documents that
    /// could be loaded (each one's mistakes are gathered, and the others loaded).
    fn item(
        &mut self,
        path: &str,
        entry: ItemEntry,
        number: usize,
        private: bool,
        defaults: &MeetingDefaults,
    ) -> Result<Item> {
        if !self.taint.covers(path) {
            let errors = self.check_item(path, &entry, private);
            self.gathered.extend(errors);
        }
        let kind_known = !self.taint.covers(&format!("{path}.kind"));
        let mut documents = Vec::new();
        for (index, doc) in entry.documents.into_iter().enumerate() {
            let entry_path = document_path(path, index);
            if self.taint.covers(&entry_path) {
                continue;
            }
            let at = self.yaml.at(&entry_path);
            let named = self.dir.join(confine::normalise(Path::new(&doc.0.file)));
            let file = doc.0.file.clone();
            let supplement = doc.0.supplement.or(entry.supplement);
            let mut found = Gathered::default();
            let (kind, loaded) = self.document(doc.0, at.clone(), defaults, &mut found);
            // In a preview, only the previewed document's errors count: another with
            // errors is left out.
            let other = self.keep.is_some_and(|keep| !same_file(keep, &named));
            if other && (loaded.is_err() || !found.is_empty()) {
                continue;
            }
            if let Some(kind) = kind
                && !other
                && kind_known
                && !entry.kind.is_title_only()
                && !entry.kind.takes(kind)
            {
                self.gathered.push(wrong_kind(at, &file, kind, entry.kind));
            }
            self.gathered.extend(found.into_errors());
            // A document with errors is kept (its values standing in) so that its
            // Markdown is checked too; the meeting fails on the errors gathered.
            documents.extend(
                self.gathered
                    .take(loaded)?
                    .flatten()
                    .map(|document| Document {
                        supplement,
                        ..document
                    }),
            );
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
    fn check_item(&self, path: &str, entry: &ItemEntry, private: bool) -> Vec<ContentError> {
        let at = |key: &str| self.yaml.at(&format!("{path}.{key}"));
        let mut errors = Vec::new();
        if entry.kind.is_title_only() && !entry.documents.is_empty() {
            errors.push(ContentError::new(
                at("documents"),
                format!("`{}` is printed by its title only and takes no documents", entry.title),
            )
            .with_hint("remove `documents:`, or give the item a kind that has documents (e.g. briefing-note)"));
        }
        if entry.sub_items.len() > SUB_ITEM_LIMIT {
            errors.push(ContentError::new(
                at(&format!("sub_items[{SUB_ITEM_LIMIT}]")),
                format!(
                    "the item has {} sub-items; they are lettered a) to z), so at most {SUB_ITEM_LIMIT}",
                    entry.sub_items.len()
                ),
            )
            .with_hint("group the sub-items, or split the item in two"));
        }
        match (private, entry.exempt_paragraph) {
            (false, Some(_)) => errors.push(ContentError::new(
                self.yaml.key_at(&format!("{path}.exempt_paragraph")),
                "only private business is exempt under Schedule 12A",
            )
            .with_hint("move the item to `private_items:`, or remove `exempt_paragraph:`")),
            (true, None) => errors.push(ContentError::new(
                at("title"),
                "a private item needs the paragraph of Schedule 12A that makes it exempt",
            )
            .with_hint("add `exempt_paragraph: N` (1 to 7); an item that is not exempt belongs under `items:`")),
            (true, Some(paragraph)) if !(1..=7).contains(&paragraph) => errors.push(ContentError::new(
                at("exempt_paragraph"),
                format!("there is no paragraph {paragraph} in Part 1 of Schedule 12A"),
            )
            .with_hint("give the paragraph number, 1 to 7, that makes the item exempt")),
            _ => {}
        }
        errors
    }

    /// The document `entry`, named at `at` in the YAML: its kind, when the file
    /// tells it (even if the rest is wrong), and the document (`None` when its errors,
    /// recorded in `found`, leave nothing to check further) or the error that stopped
    /// its reading.
    fn document(
        &mut self,
        entry: DocumentEntry,
        at: Location,
        defaults: &MeetingDefaults,
        found: &mut Gathered,
    ) -> (Option<DocumentKind>, Result<Option<Document>>) {
        let relative = confine::normalise(Path::new(&entry.file));
        if let Err(escape) = confine::resolve_inside(self.dir, &relative) {
            let error =
                ContentError::new(at, format!("document {escape}")).with_hint(escape.hint());
            return (None, Err(error.into()));
        }
        // Read through the name as written (so messages show it), now known to stay inside.
        let path = self.dir.join(&relative);
        let (kind, body) = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pdf") => (
                Some(DocumentKind::ExternalPdf),
                self.external_pdf(&entry, &path, at).map(Some),
            ),
            Some("yaml" | "yml") => (
                Some(DocumentKind::WorkProgramme),
                work_programme_file::load(&path, self.dir, self.date, &mut self.warnings)
                    .map(|programme| Some(DocumentBody::WorkProgramme(Box::new(programme)))),
            ),
            Some("md") if entry.title.is_some() => (
                None,
                Err(ContentError::new(
                    at,
                    "a Markdown document takes its title from its own front matter",
                )
                .with_hint("remove `title:` here")
                .into()),
            ),
            Some("md") => document_file::load(&path, defaults, found),
            _ => (
                None,
                Err(ContentError::new(
                    at,
                    format!("`{}` is neither Markdown (.md) nor PDF (.pdf)", entry.file),
                )
                .with_hint(
                    "documents are Markdown files with front matter, work programmes (.yaml) or external PDF appendices",
                )
                .into()),
            ),
        };
        (
            kind,
            body.map(|body| {
                body.map(|body| Document {
                    file: relative,
                    body,
                    supplement: None,
                })
            }),
        )
    }

    /// A supplied PDF, which needs the title its entry gives it.
    fn external_pdf(
        &mut self,
        entry: &DocumentEntry,
        path: &Path,
        at: Location,
    ) -> Result<DocumentBody> {
        let title = entry.title.clone().ok_or_else(|| {
            ContentError::new(
                at,
                format!("the external PDF `{}` has no title", entry.file),
            )
            .with_hint(
                "write it as `- file: <name>.pdf` with `title: <its title>` on the next line",
            )
        })?;
        Ok(DocumentBody::ExternalPdf(self.supplied.load(path, title)?))
    }
}

/// The error for a document of another kind than its item prints, at its entry.
fn wrong_kind(at: Location, file: &str, document: DocumentKind, kind: ItemKind) -> ContentError {
    ContentError::new(
        at,
        format!(
            "`{file}` is {}, but it is listed under a `{}` item",
            document.described(),
            kind.as_str()
        ),
    )
    .with_hint(format!(
        "{}, then any appendices (Markdown or PDF): list the document under an item of its kind, or correct the item's `kind:` or the document's",
        kind.takes_described()
    ))
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Warns when the agenda is published with fewer clear days' notice than the law asks.
fn notice_warning(
    yaml: &YamlText,
    calendar: &HolidayCalendar,
    published: Date,
    meeting: Date,
) -> Option<ContentError> {
    let days = clear_days_in(calendar, published, meeting);
    (days < REQUIRED_CLEAR_DAYS).then(|| {
        ContentError::new(
            yaml.at("publication.date"),
            format!(
                "the agenda is published {days} clear days before the meeting; the law asks for {REQUIRED_CLEAR_DAYS}"
            ),
        )
        .with_hint(format!(
            "publish by {} (weekends and bank holidays are not clear days), or print the reason for urgency with the late item",
            latest_publication_in(calendar, meeting).long()
        ))
    })
}
