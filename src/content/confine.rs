//! Confinement: every file the content names is resolved (symlinks followed, then
//! canonicalised) and must lie inside its meeting folder before a byte of it is read.

use std::path::{Component, Path, PathBuf};

/// Why a named file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Escape {
    /// The name itself leaves the folder (`..`, an absolute path, a URL).
    #[error("`{0}` is not a path inside the meeting folder")]
    NotRelative(String),
    /// Nothing is there (or a symlink that points nowhere).
    #[error("`{0}` not found")]
    Missing(String),
    /// The name is inside, but it is (or passes through) a symlink to somewhere outside.
    #[error("`{0}` is a link to a file outside the meeting folder")]
    LinksOutside(String),
    /// It exists but is not a regular file (a folder, a device, a pipe).
    #[error("`{0}` is not a file")]
    NotAFile(String),
}

impl Escape {
    /// How to fix it, for the hint line.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::NotRelative(_) => {
                "name files relative to the meeting folder, without `..` or a leading `/`"
            }
            Self::Missing(_) => "create the file, or correct the name",
            Self::LinksOutside(_) => {
                "copy the file into the meeting folder instead of linking to it"
            }
            Self::NotAFile(_) => "name a file, not a folder",
        }
    }
}

/// The real path of `relative` inside `dir`, after following every symlink. `relative`
/// may contain `.` segments but no `..`, root or prefix.
pub fn resolve_inside(dir: &Path, relative: &Path) -> Result<PathBuf, Escape> {
    let name = relative.display().to_string();
    if name.contains("://")
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(Escape::NotRelative(name));
    }
    let root = dir
        .canonicalize()
        .map_err(|_| Escape::Missing(dir.display().to_string()))?;
    let real = dir
        .join(relative)
        .canonicalize()
        .map_err(|_| Escape::Missing(name.clone()))?;
    if !real.starts_with(&root) {
        return Err(Escape::LinksOutside(name));
    }
    if !real.is_file() {
        return Err(Escape::NotAFile(name));
    }
    Ok(real)
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
    fn names_that_leave_the_folder_are_refused_before_any_lookup() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "../x.md",
            "/etc/passwd",
            "a/../../x",
            "https://example.org/a.png",
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
        assert_eq!(resolve("b.md"), Err(Escape::Missing("b.md".into())));
        assert!(
            resolve("c.md").is_ok(),
            "a link that stays inside is followed"
        );
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        assert_eq!(resolve("folder"), Err(Escape::NotAFile("folder".into())));
    }
}
