//! Choosing what a command works on: the meetings named on the command line and the
//! templates in use.

use std::path::{Path, PathBuf};

use super::build::default_templates_dir;
use crate::content::find_meetings;
use crate::error::{Error, Result};
use crate::preview::meeting_folder;
use crate::templates::Templates;

/// The meeting folders named by `paths` (meeting folders, folders holding meetings,
/// or files inside a meeting), or every meeting under `content` when none is given.
pub fn meetings(paths: &[PathBuf], content: &Path) -> Result<Vec<PathBuf>> {
    let roots = if paths.is_empty() {
        vec![content.to_path_buf()]
    } else {
        paths.to_vec()
    };
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
            meetings.extend(find_meetings(root)?);
        } else {
            return Err(Error::io(
                root,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    meetings.sort();
    meetings.dedup();
    Ok(meetings)
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
