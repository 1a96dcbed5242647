//! Where a command works: the content root, given or found by walking up from the
//! current folder to the nearest `content` folder (as cargo finds Cargo.toml), and
//! the project folder holding it, beside which `out/` and `templates/` lie.

use std::path::{Component, Path, PathBuf};

/// The name of the folder that holds the meeting folders when `--content` is not
/// given.
pub const CONTENT_DIR: &str = "content";

/// The folder a command's outputs go to when `--out` is not given, in the project.
pub const OUT_DIR: &str = "out";

/// The content root and the project folder that holds it.
#[derive(Debug, Clone)]
pub struct Project {
    /// The content root: one folder per meeting, and `style.yaml`.
    pub content: PathBuf,
    /// The folder holding the content root, relative to the current folder when it
    /// was found (`""` for the current folder itself, `..`, `../..`).
    root: PathBuf,
}

impl Project {
    /// The content root `given` (its project folder is the current one, as before);
    /// else `content/` in the current folder; else, when run inside a content tree,
    /// the nearest folder above named `content`; else `content` (which the command
    /// then reports as missing when it needs it).
    pub fn locate(given: Option<&Path>) -> Self {
        if let Some(content) = given {
            return Self {
                content: content.to_path_buf(),
                root: PathBuf::new(),
            };
        }
        let ups = std::env::current_dir().ok().and_then(|cwd| {
            if cwd.join(CONTENT_DIR).is_dir() {
                return Some(0);
            }
            // The folder named `content` is `i` levels up; the project one more.
            cwd.ancestors()
                .position(|folder| folder.file_name() == Some(CONTENT_DIR.as_ref()))
                .map(|i| i + 1)
        });
        let root: PathBuf = std::iter::repeat_n(Component::ParentDir, ups.unwrap_or(0)).collect();
        Self {
            content: root.join(CONTENT_DIR),
            root,
        }
    }

    /// The output folder: the one given, else `default` (a path inside `out/`) in the
    /// project folder, whatever the current folder.
    pub fn out(&self, given: Option<&Path>, default: &Path) -> PathBuf {
        given.map_or_else(|| self.root.join(default), Path::to_path_buf)
    }

    /// `path` as it lies in the project (`content/m/note.md`), for messages; as
    /// given when it lies outside.
    pub fn shown(&self, path: &Path) -> PathBuf {
        let project = if self.root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.root
        };
        match (path.canonicalize(), project.canonicalize()) {
            (Ok(real), Ok(project)) => match real.strip_prefix(&project) {
                Ok(inside) if inside.as_os_str().is_empty() => PathBuf::from("."),
                Ok(inside) => inside.to_path_buf(),
                Err(_) => path.to_path_buf(),
            },
            _ => path.to_path_buf(),
        }
    }
}

/// `dir` spelt so that it ends in the folder's own name: `.` inside a meeting folder
/// becomes `../<meeting>`, so that the meeting's name (its PDF's name) and its parent
/// (where `style.yaml` is) are those of the real folder. Other spellings are kept.
pub fn named(dir: &Path) -> PathBuf {
    if dir.file_name().is_some() {
        return dir.to_path_buf();
    }
    let (Ok(real), Ok(cwd)) = (
        dir.canonicalize(),
        std::env::current_dir().and_then(|d| d.canonicalize()),
    ) else {
        return dir.to_path_buf();
    };
    let (Some(name), Some(parent)) = (real.file_name(), real.parent()) else {
        return dir.to_path_buf();
    };
    // Both paths are canonical (no links, no `..`), so the way between them is
    // found by comparing their components.
    let common = cwd
        .components()
        .zip(parent.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative: PathBuf =
        std::iter::repeat_n(Component::ParentDir, cwd.components().count() - common).collect();
    relative.extend(parent.components().skip(common));
    relative.join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_content_root_keeps_out_in_the_current_folder() {
        let project = Project::locate(Some(Path::new("agendas")));
        assert_eq!(project.content, Path::new("agendas"));
        assert_eq!(project.out(None, Path::new(OUT_DIR)), Path::new("out"));
        assert_eq!(
            project.out(Some(Path::new("public")), Path::new(OUT_DIR)),
            Path::new("public")
        );
    }

    #[test]
    fn a_path_ending_in_its_name_is_kept_as_written() {
        assert_eq!(named(Path::new("content/m")), Path::new("content/m"));
    }
}
