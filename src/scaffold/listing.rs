//! The meeting.yaml lines that list a new document under an item, printed by `new`
//! so the document is in a pack (and checked) as soon as they are pasted in.

use std::path::{Component, Path, PathBuf};

use super::{meeting_file, render};
use crate::content::MEETING_FILE;
use crate::error::Result;
use crate::model::ItemKind;

/// The item entry for one document.
const LISTING_TEMPLATE: &str = include_str!("../../templates/scaffold/listing.yaml.j2");

/// Where in meeting.yaml an item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `items:`, the public business.
    Items,
    /// `private_items:`, the exempt business.
    PrivateItems,
}

impl Section {
    /// The key in meeting.yaml.
    pub fn key(self) -> &'static str {
        match self {
            Self::Items => "items",
            Self::PrivateItems => "private_items",
        }
    }
}

/// An item entry listing a new document.
#[derive(Debug)]
pub struct Listing {
    /// The meeting.yaml to add it to, when the document is inside a meeting folder.
    pub meeting_file: Option<PathBuf>,
    /// Where the entry goes.
    pub section: Section,
    /// The item's kind.
    pub kind: ItemKind,
    /// The item's title on the front sheet.
    pub title: String,
    /// The by-line.
    pub by: Option<String>,
    /// For a private item, its paragraph of Schedule 12A.
    pub exempt_paragraph: Option<u8>,
    /// Lines printed `a)`, `b)` under the title.
    pub sub_items: Vec<String>,
    /// The document, relative to the meeting folder.
    pub document: String,
}

impl Listing {
    /// The entry for `file`, relative to the meeting folder holding it (or by its
    /// bare name when it is in none yet).
    pub fn new(
        file: &Path,
        section: Section,
        kind: ItemKind,
        title: &str,
        by: Option<&str>,
    ) -> Self {
        let dir = meeting_dir_of(file);
        let relative = dir
            .as_ref()
            .and_then(|dir| file.strip_prefix(dir).ok())
            .filter(|r| r.components().all(|c| matches!(c, Component::Normal(_))))
            .map(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            });
        let document = relative.unwrap_or_else(|| {
            file.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        });
        Self {
            meeting_file: dir.map(|d| meeting_file(&d)),
            section,
            kind,
            title: title.to_string(),
            by: by.map(str::to_string),
            exempt_paragraph: None,
            sub_items: Vec::new(),
            document,
        }
    }

    /// The entry as YAML lines, indented to go under `items:` or `private_items:`.
    pub fn yaml(&self) -> Result<String> {
        let kind = serde_json::to_value(self.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        render(
            LISTING_TEMPLATE,
            minijinja::context! {
                kind => kind,
                title => self.title.clone(),
                by => self.by.clone(),
                exempt_paragraph => self.exempt_paragraph,
                sub_items => self.sub_items.clone(),
                document => self.document.clone(),
            },
        )
    }
}

/// The meeting folder holding `file`: the nearest folder above it with a meeting.yaml.
pub fn meeting_dir_of(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }
        })
        .find(|dir| dir.join(MEETING_FILE).is_file())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_names_the_document_from_its_meeting_folder() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("m");
        std::fs::create_dir_all(meeting.join("reports")).unwrap();
        std::fs::write(meeting.join(MEETING_FILE), "").unwrap();
        let mut listing = Listing::new(
            &meeting.join("reports/contract.md"),
            Section::PrivateItems,
            ItemKind::Report,
            "Contract \"Award\"",
            None,
        );
        listing.exempt_paragraph = Some(3);
        assert_eq!(listing.meeting_file, Some(meeting.join(MEETING_FILE)));
        assert_eq!(
            listing.yaml().unwrap(),
            "  - kind: report\n    title: \"Contract \\\"Award\\\"\"\n    exempt_paragraph: 3\n    documents:\n      - \"reports/contract.md\"\n"
        );
    }
}
