//! Finding the meeting folders under a content root. A broken corner of the tree (a
//! link to nothing, a link loop, a folder that cannot be read) is skipped with a
//! warning naming it, never a reason to stop finding the other meetings.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{ContentError, Error, Result};

/// The file that makes a folder a meeting.
pub const MEETING_FILE: &str = "meeting.yaml";

/// What a search for meetings found.
#[derive(Debug, Default)]
pub struct Found {
    /// The meeting folders, sorted by path so output order is stable.
    pub meetings: Vec<PathBuf>,
    /// What was skipped on the way, each a warning at its path: the meeting that
    /// uses it (if any) reports it again as an error when it is built.
    pub skipped: Vec<ContentError>,
}

/// The meeting folders at or below `root`, which may itself be a meeting folder.
///
/// Hidden folders are skipped; a linked folder is followed only when it leads to a
/// folder inside `root`. Fails only when `root` itself cannot be read.
pub fn find_meetings(root: &Path) -> Result<Found> {
    let real_root = root.canonicalize().map_err(|err| Error::io(root, err))?;
    let mut found = Found::default();
    let links_out = RefCell::new(Vec::new());
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            if entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            let inside = !entry.path_is_symlink()
                || !entry.file_type().is_dir()
                || entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|real| real.starts_with(&real_root));
            if !inside {
                links_out.borrow_mut().push(entry.path().to_path_buf());
            }
            inside
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file()
                    && entry.file_name() == MEETING_FILE
                    && let Some(dir) = entry.path().parent()
                {
                    found.meetings.push(dir.to_path_buf());
                }
            }
            Err(err) if err.depth() == 0 => {
                let path = err.path().unwrap_or(root).to_path_buf();
                return Err(Error::io(&path, err.into()));
            }
            Err(err) => found.skipped.push(skipped(root, &err)),
        }
    }
    found
        .skipped
        .extend(links_out.into_inner().into_iter().map(|path| {
            ContentError::in_file(
                &path,
                "skipped while looking for meetings: a link to a folder outside the content folder",
            )
            .with_hint("move the meeting into the content folder instead of linking to it")
        }));
    Ok(found)
}

/// The warning for a part of the tree the walk could not enter.
fn skipped(root: &Path, err: &walkdir::Error) -> ContentError {
    let path = err.path().unwrap_or(root);
    let (what, hint) = if let Some(ancestor) = err.loop_ancestor() {
        (
            format!("a link loop (it leads back to {})", ancestor.display()),
            "remove the link",
        )
    } else if path.is_symlink() && !path.exists() {
        (
            "a link to nothing".to_string(),
            "remove the link, or restore the file it points to",
        )
    } else if let Some(io) = err.io_error() {
        (
            format!("cannot be read ({})", io.kind()),
            "make it readable, or move it out of the content folder",
        )
    } else {
        (err.to_string(), "remove it from the content folder")
    };
    ContentError::in_file(path, format!("skipped while looking for meetings: {what}"))
        .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relative(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
        paths
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect()
    }

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
        let found = find_meetings(root.path()).unwrap();
        assert_eq!(
            relative(root.path(), &found.meetings),
            ["a-meeting", "b-meeting", "nested/c-meeting"].map(PathBuf::from)
        );
        assert!(found.skipped.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn broken_links_and_loops_are_skipped_with_a_warning_each() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join(MEETING_FILE), "").unwrap();
        let root = tempfile::tempdir().unwrap();
        for dir in ["a", "b"] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
            std::fs::write(root.path().join(dir).join(MEETING_FILE), "").unwrap();
        }
        symlink(
            root.path().join("nowhere"),
            root.path().join("a/dangling.md"),
        )
        .unwrap();
        symlink(root.path(), root.path().join("b/loop")).unwrap();
        symlink(outside.path(), root.path().join("elsewhere")).unwrap();
        let found = find_meetings(root.path()).unwrap();
        assert_eq!(
            relative(root.path(), &found.meetings),
            ["a", "b"].map(PathBuf::from)
        );
        let skipped: Vec<(PathBuf, &str)> = found
            .skipped
            .iter()
            .map(|e| {
                let path = e
                    .location
                    .file
                    .strip_prefix(root.path())
                    .unwrap()
                    .to_path_buf();
                (path, e.message.as_str())
            })
            .collect();
        assert_eq!(skipped.len(), 3, "{skipped:?}");
        assert!(
            skipped
                .iter()
                .any(|(p, m)| p.ends_with("a/dangling.md") && m.contains("a link to nothing")),
            "{skipped:?}"
        );
        assert!(
            skipped
                .iter()
                .any(|(p, m)| p.ends_with("b/loop") && m.contains("a link loop")),
            "{skipped:?}"
        );
        assert!(
            skipped
                .iter()
                .any(|(p, m)| p.ends_with("elsewhere") && m.contains("outside")),
            "{skipped:?}"
        );
    }
}
