//! Finding the meeting folders under a content root.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// The file that makes a folder a meeting.
pub const MEETING_FILE: &str = "meeting.yaml";

/// The meeting folders at or below `root`, sorted by path so output order is stable.
///
/// `root` may itself be a meeting folder. Hidden folders are skipped.
pub fn find_meetings(root: &Path) -> Result<Vec<PathBuf>> {
    let mut meetings = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = entry.map_err(|err| {
            let path = err.path().unwrap_or(root).to_path_buf();
            Error::io(&path, err.into())
        })?;
        if entry.file_type().is_file()
            && entry.file_name() == MEETING_FILE
            && let Some(dir) = entry.path().parent()
        {
            meetings.push(dir.to_path_buf());
        }
    }
    Ok(meetings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_meeting_folders_in_order_and_skips_hidden_ones() {
        let root = tempfile::tempdir().unwrap();
        for dir in [
            "b-meeting",
            "a-meeting",
            "nested/c-meeting",
            ".hidden/d",
            "not-a-meeting",
        ] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        for dir in ["b-meeting", "a-meeting", "nested/c-meeting", ".hidden/d"] {
            std::fs::write(root.path().join(dir).join(MEETING_FILE), "").unwrap();
        }
        let found: Vec<_> = find_meetings(root.path())
            .unwrap()
            .into_iter()
            .map(|p| p.strip_prefix(root.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            found,
            ["a-meeting", "b-meeting", "nested/c-meeting"].map(PathBuf::from)
        );
    }
}
