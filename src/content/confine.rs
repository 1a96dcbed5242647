//! Confinement: every file the content names is resolved (symlinks followed, then
//! canonicalised) and must lie inside its meeting folder before a byte of it is read.
//! Names are written as on any system (`images\chart.png`, `./note.md`); a name that
//! is not found gets the folder's nearest file as a suggestion.

use std::path::{Component, Path, PathBuf};

use super::suggest;

/// The most entries of one folder compared with a name that is not found.
const SUGGESTION_SCAN_LIMIT: usize = 1000;

/// Why a named file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Escape {
    /// The name itself leaves the folder (`..`, an absolute path, a URL), as written.
    #[error("`{0}` is not a path inside the meeting folder")]
    NotRelative(String),
    /// Nothing is there (or a symlink that points nowhere); `similar` is the name of
    /// an existing file the author probably meant.
    #[error("`{name}` not found{}", similar.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    Missing {
        /// The name as normalised.
        name: String,
        /// The existing file most like it, relative to the same folder.
        similar: Option<String>,
    },
    /// The name is inside, but it is (or passes through) a symlink to somewhere outside.
    #[error("`{0}` is a link to a file outside the meeting folder")]
    LinksOutside(String),
    /// It exists but is not a regular file (a folder, a device, a pipe).
    #[error("`{0}` is not a file")]
    NotAFile(String),
}

impl Escape {
    /// How to fix it, for the hint line.
    pub fn hint(&self) -> String {
        match self {
            Self::NotRelative(_) => {
                "name files relative to the meeting folder, without `..` or a leading `/`".into()
            }
            Self::Missing {
                name,
                similar: Some(similar),
            } if suggest::differs_only_in_case(name, similar) => format!(
                "write `{similar}`, with its capitals exactly: file names are case-sensitive on Linux and in CI, even where Windows finds the file"
            ),
            Self::Missing {
                similar: Some(similar),
                ..
            } => format!("write `{similar}` if that is the file meant, or create the file"),
            Self::Missing { similar: None, .. } => "create the file, or correct the name".into(),
            Self::LinksOutside(_) => {
                "copy the file into the meeting folder instead of linking to it".into()
            }
            Self::NotAFile(_) => "name a file, not a folder".into(),
        }
    }
}

/// A file name as an author wrote it, as the tool reads it: `\` is a separator (a
/// name copied from Windows), and `.` segments are dropped. `..` and roots are kept,
/// for [`resolve_inside`] to refuse.
pub fn normalise(written: &Path) -> PathBuf {
    let text = written.to_string_lossy();
    let unified;
    let path = if text.contains('\\') {
        unified = PathBuf::from(text.replace('\\', "/"));
        unified.as_path()
    } else {
        written
    };
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// The real path of `relative` inside `dir`, after following every symlink. `relative`
/// is [normalised](normalise) first; it may contain `.` segments but no `..`, root or
/// prefix.
pub fn resolve_inside(dir: &Path, relative: &Path) -> Result<PathBuf, Escape> {
    let written = relative.display().to_string();
    let relative = normalise(relative);
    if written.contains("://")
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(Escape::NotRelative(written));
    }
    let name = relative.display().to_string();
    let root = dir.canonicalize().map_err(|_| Escape::Missing {
        name: dir.display().to_string(),
        similar: None,
    })?;
    let real = dir
        .join(&relative)
        .canonicalize()
        .map_err(|_| Escape::Missing {
            similar: similar_file(dir, &relative),
            name: name.clone(),
        })?;
    if !real.starts_with(&root) {
        return Err(Escape::LinksOutside(name));
    }
    if !real.is_file() {
        return Err(Escape::NotAFile(name));
    }
    Ok(real)
}

/// The existing file in `dir` most like `relative`, which is not there: each segment
/// that does not exist is replaced by the most similar entry of its folder (folders for
/// the folders on the way, files for the last), so `Images/Chart.PNG` finds
/// `images/chart.png`. None when a segment has nothing like it.
fn similar_file(dir: &Path, relative: &Path) -> Option<String> {
    let segments: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    let mut here = dir.to_path_buf();
    let mut found = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        let exists = here.join(segment).symlink_metadata().is_ok();
        let name = if exists {
            segment.to_string()
        } else {
            let mut entries: Vec<String> = std::fs::read_dir(&here)
                .ok()?
                .take(SUGGESTION_SCAN_LIMIT)
                .filter_map(|entry| {
                    let entry = entry.ok()?;
                    let is_file = entry.path().is_file();
                    (is_file == last).then(|| entry.file_name().into_string().ok())?
                })
                .collect();
            // In name order, so that of two names as near, the same one is suggested
            // on every system.
            entries.sort();
            suggest::closest(segment, entries.iter().map(String::as_str))?.to_string()
        };
        here.push(&name);
        found.push(name);
    }
    let similar = found.join("/");
    (similar != relative.to_string_lossy()).then_some(similar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_file_inside_resolves() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        let real = resolve_inside(dir.path(), Path::new("./a.md")).unwrap();
        assert_eq!(real, dir.path().canonicalize().unwrap().join("a.md"));
    }

    #[test]
    fn backslashes_and_dot_segments_are_read_as_on_any_system() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/chart.png"), "x").unwrap();
        let real = dir.path().canonicalize().unwrap().join("images/chart.png");
        for name in [
            "images\\chart.png",
            ".\\images\\chart.png",
            "./images/./chart.png",
        ] {
            assert_eq!(
                resolve_inside(dir.path(), Path::new(name)),
                Ok(real.clone()),
                "{name}"
            );
            assert_eq!(normalise(Path::new(name)), Path::new("images/chart.png"));
        }
    }

    #[test]
    fn a_name_not_found_suggests_the_file_meant() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(dir.path().join("images/chart.png"), "x").unwrap();
        std::fs::write(dir.path().join("attendance.md"), "x").unwrap();
        let similar = |name: &str| match resolve_inside(dir.path(), Path::new(name)) {
            Err(Escape::Missing { similar, .. }) => similar,
            other => panic!("{other:?}"),
        };
        assert_eq!(similar("Attendance.MD").as_deref(), Some("attendance.md"));
        assert_eq!(similar("attendence.md").as_deref(), Some("attendance.md"));
        assert_eq!(
            similar("Images\\Chart.PNG").as_deref(),
            Some("images/chart.png")
        );
        assert_eq!(similar("budget.pdf"), None);
        assert_eq!(similar("images/budget.pdf"), None);
        let err = resolve_inside(dir.path(), Path::new("Attendance.MD")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`Attendance.MD` not found; did you mean `attendance.md`?"
        );
        assert!(err.hint().contains("case-sensitive"), "{}", err.hint());
    }

    #[test]
    fn names_that_leave_the_folder_are_refused_before_any_lookup() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "../x.md",
            "/etc/passwd",
            "a/../../x",
            "https://example.org/a.png",
            "..\\..\\etc\\passwd",
            ".\\..\\x.md",
            "\\etc\\passwd",
        ] {
            assert!(
                matches!(
                    resolve_inside(dir.path(), Path::new(name)),
                    Err(Escape::NotRelative(_))
                ),
                "{name}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused_and_dangling_ones_are_missing() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("a.md"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("b.md")).unwrap();
        std::fs::write(dir.path().join("real.md"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real.md"), dir.path().join("c.md")).unwrap();
        let resolve = |name: &str| resolve_inside(dir.path(), Path::new(name));
        assert_eq!(resolve("a.md"), Err(Escape::LinksOutside("a.md".into())));
        assert_eq!(
            resolve("sub/secret.txt"),
            Err(Escape::LinksOutside("sub/secret.txt".into()))
        );
        assert_eq!(
            resolve("b.md"),
            Err(Escape::Missing {
                name: "b.md".into(),
                similar: None
            })
        );
        assert!(
            resolve("c.md").is_ok(),
            "a link that stays inside is followed"
        );
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        assert_eq!(resolve("folder"), Err(Escape::NotAFile("folder".into())));
    }
}
