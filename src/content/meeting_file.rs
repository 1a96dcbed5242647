//! Loading `meeting.yaml` and everything it refers to into a [`Meeting`].

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::document_file::{self, MeetingDefaults};
use super::string_or_map::{StringOrMap, unwrap_all};
use super::style_file::{self, StyleSettings};
use super::yaml::YamlText;
use super::{MEETING_FILE, chair, external_pdf, minute_scan, work_programme_file};
use crate::error::{ContentError, Error, Result};
use crate::model::{
    Contact, Date, Document, DocumentBody, Item, ItemKind, Meeting, Membership, NotesStyle,
    Publication, Time,
};

/// The shape of `meeting.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingFile {
    council: String,
    committee: String,
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
        date: raw.date,
        warnings: Vec::new(),
    };
    let defaults = MeetingDefaults {
        committee: &raw.committee,
        date: raw.date,
    };
    let public_count = raw.items.len();
    let items = source.items(raw.items, 1, false, &defaults)?;
    let private_items = source.items(raw.private_items, public_count + 1, true, &defaults)?;
    let minute_book = minute_scan::scan(root);
    let mut warnings = source.warnings;
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
        contacts: raw.contacts,
        membership: raw.membership,
        notes: raw.notes,
        style,
        items,
        private_items,
        minute_book,
        warnings,
    })
}

/// The meeting file being loaded, for resolving and locating document references.
struct MeetingSource<'a> {
    dir: &'a Path,
    yaml: YamlText<'a>,
    /// The meeting's date.
    date: Date,
    /// Doubtful points found on the way.
    warnings: Vec<ContentError>,
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
                    .map(|doc| self.document(doc, defaults))
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
