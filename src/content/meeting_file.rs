//! Loading `meeting.yaml` and everything it refers to into a [`Meeting`].

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::document_file::{self, MeetingDefaults};
use super::string_or_map::{StringOrMap, unwrap_all};
use super::style_file::{self, StyleSettings};
use super::yaml::YamlText;
use super::{MEETING_FILE, chair, external_pdf, image_file, minute_scan, work_programme_file};
use crate::error::{ContentError, Error, Result};
use crate::model::{
    Audience, Contact, Date, Document, DocumentBody, Item, ItemKind, Logo, Meeting, Membership,
    NotesStyle, Publication, REQUIRED_CLEAR_DAYS, Time, clear_days, latest_publication,
};

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
}

/// One entry of an item's `documents:`: a file name, or a map with a title.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentEntry {
    file: String,
    title: Option<String>,
}

impl From<String> for DocumentEntry {
    fn from(file: String) -> Self {
        Self { file, title: None }
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
    let text = std::fs::read_to_string(&file).map_err(|err| Error::io(&file, err))?;
    let yaml = YamlText {
        file: &file,
        text: &text,
        first_line: 1,
    };
    let raw: MeetingFile = yaml.parse()?;
    chair::require_listed(
        &yaml,
        &raw.membership.chair,
        &raw.membership.members,
        "membership.members",
    )?;
    if let Some(logo) = &raw.logo {
        image_file::check(&yaml, &logo.file, &logo.alt, dir, "the logo")?;
    }
    let root = dir.parent().unwrap_or(Path::new("."));
    let style = raw.style.over(style_file::load_root(root)?).resolve();
    if style.notes == NotesStyle::ContactNote && !raw.notes.is_empty() {
        return Err(ContentError::new(
            yaml.locate_key("notes"),
            "`notes:` are given, but this style prints a single contact note instead",
        )
        .with_hint("remove `notes:`, or set `style: {notes: numbered}`")
        .into());
    }
    let mut source = MeetingSource {
        dir,
        yaml,
        keep,
        date: raw.date,
        warnings: Vec::new(),
    };
    let defaults = MeetingDefaults {
        committee: &raw.committee,
        date: raw.date,
    };
    check_numbers(&yaml, raw.items.iter().chain(&raw.private_items))?;
    let public_count = raw.items.len();
    let items = source.items(raw.items, 1, false, &defaults)?;
    let private_items = source.items(raw.private_items, public_count + 1, true, &defaults)?;
    let minute_book = minute_scan::scan(root);
    let mut warnings = source.warnings;
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
        minute_book,
        warnings,
        audience: Audience::Public,
    })
}

/// Items are numbered by their place; a `number:` an author writes must agree, so a
/// number given twice or out of order is caught rather than silently renumbered.
fn check_numbers<'a>(yaml: &YamlText, items: impl Iterator<Item = &'a ItemEntry>) -> Result<()> {
    let mut seen = Vec::new();
    let mut written = 0;
    for (index, item) in items.enumerate() {
        let Some(number) = item.number else { continue };
        let nth = written;
        let at = || locate_nth_key(yaml, "number", nth);
        written += 1;
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

/// The location of the value of the `n`-th (from 0) `key:` in the YAML text.
fn locate_nth_key(yaml: &YamlText, key: &str, n: usize) -> crate::error::Location {
    let mut offset = 0;
    let mut found = 0;
    for line in yaml.text.split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            if found == n {
                let value = rest.trim_start();
                let column = line.len() - value.len();
                return crate::error::Location::of_offset(
                    yaml.file,
                    yaml.text,
                    offset + column,
                    yaml.first_line,
                );
            }
            found += 1;
        }
        offset += line.len();
    }
    yaml.locate(key)
}

/// The meeting file being loaded, for resolving and locating document references.
struct MeetingSource<'a> {
    dir: &'a Path,
    yaml: YamlText<'a>,
    /// The meeting's date.
    date: Date,
    /// Doubtful points found on the way.
    warnings: Vec<ContentError>,
    /// When set, the only document whose errors count (see [`load_meeting_around`]).
    keep: Option<&'a Path>,
}

impl MeetingSource<'_> {
    fn items(
        &mut self,
        entries: Vec<ItemEntry>,
        first_number: usize,
        private: bool,
        defaults: &MeetingDefaults,
    ) -> Result<Vec<Item>> {
        entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                self.check_item(&entry, private)?;
                let documents = unwrap_all(entry.documents)
                    .into_iter()
                    .filter_map(|doc| {
                        let path = self.dir.join(&doc.file);
                        let result = self.document(doc, defaults);
                        let skip = result.is_err()
                            && self.keep.is_some_and(|keep| !same_file(keep, &path));
                        (!skip).then_some(result)
                    })
                    .collect::<Result<_>>()?;
                Ok(Item {
                    number: first_number + index,
                    kind: entry.kind,
                    title: entry.title,
                    by: entry.by,
                    sub_items: entry.sub_items,
                    exempt_paragraph: entry.exempt_paragraph,
                    documents,
                })
            })
            .collect()
    }

    /// The rules of house style section 7 that data alone can break.
    fn check_item(&self, entry: &ItemEntry, private: bool) -> Result<()> {
        let at = || self.yaml.locate(&entry.title);
        if entry.kind.is_title_only() && !entry.documents.is_empty() {
            return Err(ContentError::new(
                at(),
                format!("`{}` is printed by its title only and takes no documents", entry.title),
            )
            .with_hint("remove `documents:`, or give the item a kind that has documents (e.g. briefing-note)")
            .into());
        }
        match (private, entry.exempt_paragraph) {
            (false, Some(_)) => Err(ContentError::new(
                at(),
                "only private business is exempt under Schedule 12A",
            )
            .with_hint("move the item to `private_items:`, or remove `exempt_paragraph:`")
            .into()),
            (true, Some(paragraph)) if !(1..=7).contains(&paragraph) => Err(ContentError::new(
                self.yaml.locate_key("exempt_paragraph"),
                format!("there is no paragraph {paragraph} in Part 1 of Schedule 12A"),
            )
            .with_hint("give the paragraph number, 1 to 7, that makes the item exempt")
            .into()),
            _ => Ok(()),
        }
    }

    fn document(&mut self, entry: DocumentEntry, defaults: &MeetingDefaults) -> Result<Document> {
        let at = || self.yaml.locate(&entry.file);
        let relative = PathBuf::from(&entry.file);
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(ContentError::new(
                at(),
                format!("`{}` is not a path inside the meeting folder", entry.file),
            )
            .with_hint(
                "name documents relative to the meeting folder, without `..` or a leading `/`",
            )
            .into());
        }
        let path = self.dir.join(&relative);
        if !path.is_file() {
            return Err(
                ContentError::new(at(), format!("document `{}` not found", entry.file))
                    .with_hint(format!(
                        "create {} or correct the file name",
                        path.display()
                    ))
                    .into(),
            );
        }
        let body = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pdf") => {
                let title = entry.title.clone().ok_or_else(|| {
                    ContentError::new(at(), format!("the external PDF `{}` has no title", entry.file))
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
                        at(),
                        "a Markdown document takes its title from its own front matter",
                    )
                    .with_hint("remove `title:` here")
                    .into());
                }
                document_file::load(&path, defaults)?
            }
            _ => {
                return Err(ContentError::new(
                    at(),
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
            yaml.locate_last(&published.to_string()),
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
