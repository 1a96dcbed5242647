//! Choosing what a command works on: the meetings named on the command line (each
//! once, however it is spelt), the packs whose names clash, and the templates in use.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::build::default_templates_dir;
use super::project;
use super::shard::Shard;
use crate::content::find_meetings;
use crate::error::{ContentError, Error, Result};
use crate::preview::meeting_folder;
use crate::templates::Templates;

/// The meetings a command works on.
#[derive(Debug, Default)]
pub struct Selected {
    /// The meeting folders, sorted, each once.
    pub meetings: Vec<PathBuf>,
    /// What was skipped while looking for them (links to nothing, link loops,
    /// unreadable folders), as warnings.
    pub skipped: Vec<ContentError>,
    /// How many meetings were found but fall in another `--shard` part.
    pub outside_shard: usize,
}

impl Selected {
    /// Only the meetings in part `shard`, when one is given; the others are counted
    /// in [`Self::outside_shard`].
    pub fn in_shard(mut self, shard: Option<Shard>) -> Self {
        if let Some(shard) = shard {
            let all = self.meetings.len();
            self.meetings.retain(|dir| shard.holds(dir));
            self.outside_shard = all - self.meetings.len();
        }
        self
    }
}

/// The meeting folders named by `paths` (meeting folders, folders holding meetings,
/// or files inside a meeting), or every meeting under `content` when none is given.
/// A meeting reached by two spellings (`content/m`, `./content/m`, a link) is kept
/// once, under the first.
pub fn meetings(paths: &[PathBuf], content: &Path) -> Result<Selected> {
    let roots = if paths.is_empty() {
        vec![content.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let mut selected = Selected::default();
    let mut meetings = Vec::new();
    for root in &roots {
        if root.is_file() {
            match meeting_folder(root) {
                Some(dir) => meetings.push(dir),
                None => {
                    return Err(Error::io(
                        root,
                        std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            "not inside a meeting folder (a folder holding a meeting.yaml)",
                        ),
                    ));
                }
            }
        } else if root.is_dir() {
            let found = find_meetings(root)?;
            meetings.extend(found.meetings);
            selected.skipped.extend(found.skipped);
        } else {
            return Err(Error::io(
                root,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    let mut meetings: Vec<PathBuf> = meetings.iter().map(|dir| project::named(dir)).collect();
    meetings.sort();
    let mut seen = HashSet::new();
    meetings.retain(|dir| seen.insert(dir.canonicalize().unwrap_or_else(|_| dir.clone())));
    selected.meetings = meetings;
    Ok(selected)
}

/// The meetings whose packs would be written under the same name (their folders'
/// names are the same), each with the error naming the other folders: neither is
/// built, so neither silently overwrites the other.
pub fn clashes(meetings: &[PathBuf]) -> BTreeMap<PathBuf, ContentError> {
    let mut by_name: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
    for dir in meetings {
        let name = dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        by_name.entry(name).or_default().push(dir);
    }
    let mut clashes = BTreeMap::new();
    for (name, dirs) in by_name.into_iter().filter(|(_, dirs)| dirs.len() > 1) {
        for dir in &dirs {
            let others: Vec<String> = dirs
                .iter()
                .filter(|other| other != &dir)
                .map(|other| other.display().to_string())
                .collect();
            let error = ContentError::in_file(
                dir,
                format!(
                    "this meeting and {} would both be written as {name}.pdf: neither is built",
                    others.join(" and ")
                ),
            )
            .with_hint("rename one of the folders: a meeting's folder name is its PDF's name");
            clashes.insert((*dir).clone(), error);
        }
    }
    clashes
}

/// The templates folder in use: the one given, else `templates/` beside `content`.
pub fn templates_dir(given: Option<&Path>, content: &Path) -> Option<PathBuf> {
    given
        .map(Path::to_path_buf)
        .or_else(|| default_templates_dir(content))
}

/// Loads the templates: the defaults with the overrides of [`templates_dir`].
pub fn templates(given: Option<&Path>, content: &Path) -> Result<Templates> {
    Templates::load(templates_dir(given, content).as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_named_twice_is_selected_once() {
        let root = tempfile::tempdir().unwrap();
        let m = root.path().join("content/m");
        std::fs::create_dir_all(&m).unwrap();
        std::fs::write(m.join("meeting.yaml"), "").unwrap();
        let paths = [m.clone(), root.path().join("content/./m"), m.join("../m")];
        let selected = meetings(&paths, Path::new("content")).unwrap();
        assert_eq!(selected.meetings.len(), 1, "{:?}", selected.meetings);
    }

    #[test]
    fn meetings_with_the_same_folder_name_clash_naming_each_other() {
        let a = PathBuf::from("content/children/2026-07-16");
        let b = PathBuf::from("content/adults/2026-07-16");
        let c = PathBuf::from("content/other");
        let clashes = clashes(&[a.clone(), b.clone(), c]);
        assert_eq!(clashes.len(), 2);
        assert!(clashes[&a].message.contains("content/adults/2026-07-16"));
        assert!(clashes[&b].message.contains("content/children/2026-07-16"));
    }
}
