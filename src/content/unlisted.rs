//! Documents in a meeting folder that no item lists: left out of the pack, so an
//! author is warned rather than left wondering where their note went.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::MEETING_FILE;
use crate::error::{ContentError, Location};

/// How deep under the meeting folder documents are looked for: documents sit in it
/// or in a folder of it (`appendices/`).
const DEPTH: usize = 3;

/// A warning for each Markdown or YAML file under `dir` that is not one of `listed`
/// (the documents named in `meeting.yaml`, as joined to `dir`).
pub fn warnings(dir: &Path, listed: &[PathBuf]) -> Vec<ContentError> {
    let listed: Vec<PathBuf> = listed.iter().map(|file| real(file)).collect();
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .max_depth(DEPTH)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file() && is_document(entry.path()))
        .map(|entry| entry.into_path())
        .filter(|file| file != &dir.join(MEETING_FILE))
        .filter(|file| !listed.contains(&real(file)))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            ContentError::new(
                Location::new(&file, 1, 1),
                "no item in meeting.yaml lists this document, so it is left out of the pack",
            )
            .with_hint(
                "list it under an item's `documents:` in meeting.yaml, or move it out of the meeting folder",
            )
        })
        .collect()
}

/// The file once links are followed, or as written when it cannot be resolved.
fn real(file: &Path) -> PathBuf {
    file.canonicalize().unwrap_or_else(|_| file.to_path_buf())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Whether `file` is of a kind an item lists: Markdown, or YAML (a work programme).
fn is_document(file: &Path) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "md" | "yaml" | "yml"))
}
