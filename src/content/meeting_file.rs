//! Loading `meeting.yaml` and everything it refers to into a [`Meeting`].

use std::fmt;
use std::path::{Component, Path, PathBuf};

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::document_file::{self, MeetingDefaults};
use super::yaml::YamlText;
use super::{MEETING_FILE, chair, external_pdf};
use crate::error::{ContentError, Error, Result};
use crate::model::{
    Access, Contact, Date, Document, DocumentBody, Item, ItemKind, Meeting, Membership,
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
    access: Access,
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
    documents: DocumentEntries,
}

/// One entry of an item's `documents:`: a file name, or a map with a title.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentEntry {
    file: String,
    title: Option<String>,
}

/// Accepts `- note.md` as well as `- file: note.md`, keeping serde's errors for the map.
fn document_entry<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DocumentEntry, D::Error> {
    struct EntryVisitor;
    impl<'de> Visitor<'de> for EntryVisitor {
        type Value = DocumentEntry;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a file name, or a map with `file` and `title`")
        }
        fn visit_str<E: de::Error>(self, file: &str) -> Result<DocumentEntry, E> {
            Ok(DocumentEntry {
                file: file.to_string(),
                title: None,
            })
        }
        fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<DocumentEntry, M::Error> {
            DocumentEntry::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(EntryVisitor)
}

impl<'de> Deserialize<'de> for DocumentEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(deserialize_with = "document_entry")] DocumentEntry);
        Ok(Self(
            Vec::<Wrapped>::deserialize(deserializer)?
                .into_iter()
                .map(|w| w.0)
                .collect(),
        ))
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
    let source = MeetingSource { dir, yaml };
    let defaults = MeetingDefaults {
        committee: &raw.committee,
        date: raw.date,
    };
    let public_count = raw.items.len();
    let items = source.items(raw.items, 1, &defaults)?;
    let private_items = source.items(raw.private_items, public_count + 1, &defaults)?;
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
        access: raw.access,
        items,
        private_items,
    })
}

/// The meeting file being loaded, for resolving and locating document references.
struct MeetingSource<'a> {
    dir: &'a Path,
    yaml: YamlText<'a>,
}

impl MeetingSource<'_> {
    fn items(
        &self,
        entries: Vec<ItemEntry>,
        first_number: usize,
        defaults: &MeetingDefaults,
    ) -> Result<Vec<Item>> {
        entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                let documents = entry
                    .documents
                    .0
                    .into_iter()
                    .map(|doc| self.document(doc, defaults))
                    .collect::<Result<_>>()?;
                Ok(Item {
                    number: first_number + index,
                    kind: entry.kind,
                    title: entry.title,
                    by: entry.by,
                    sub_items: entry.sub_items,
                    documents,
                })
            })
            .collect()
    }

    fn document(&self, entry: DocumentEntry, defaults: &MeetingDefaults) -> Result<Document> {
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
                    "documents are Markdown files with front matter, or external PDF appendices",
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

/// The `documents:` list of an item.
#[derive(Default)]
struct DocumentEntries(Vec<DocumentEntry>);
