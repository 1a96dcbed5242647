//! The files a diagnostic may quote: only those inside the content's folders, so that
//! an error never shows bytes of a file that a link leads to elsewhere.

use std::path::{Path, PathBuf};

/// The largest file whose lines are quoted; a bigger one is named, not shown.
const MAX_QUOTED: u64 = 16 << 20;

/// The folders whose files may be quoted in source snippets.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Canonical paths.
    roots: Vec<PathBuf>,
}

impl Sources {
    /// Files inside any of `roots` (symlinks followed) may be quoted; roots that do
    /// not exist are left out.
    pub fn within<P: AsRef<Path>>(roots: impl IntoIterator<Item = P>) -> Self {
        Self {
            roots: roots
                .into_iter()
                .filter_map(|root| root.as_ref().canonicalize().ok())
                .collect(),
        }
    }

    /// The text of `file` when it may be quoted: its real path (symlinks followed)
    /// lies inside a root, and it is a regular file of a sensible size. It is the text
    /// the loader read (CRLF as LF, no byte-order mark), which locations count in;
    /// none for text holding a NUL.
    pub fn text(&self, file: &Path) -> Option<String> {
        let real = file.canonicalize().ok()?;
        if !self.roots.iter().any(|root| real.starts_with(root)) {
            return None;
        }
        let metadata = std::fs::metadata(&real).ok()?;
        if !metadata.is_file() || metadata.len() > MAX_QUOTED {
            return None;
        }
        // Text with a NUL (binary, or UTF-16 without a byte-order mark) is not quoted:
        // it would put control characters on the terminal.
        std::fs::read_to_string(&real)
            .ok()
            .filter(|text| !text.contains('\0'))
            .map(crate::content::as_read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_files_really_inside_a_root_are_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "SECRET").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("note.md"), "text").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            root.path().join("link.md"),
        )
        .unwrap();
        let sources = Sources::within([root.path()]);
        assert_eq!(
            sources.text(&root.path().join("note.md")).as_deref(),
            Some("text")
        );
        assert_eq!(sources.text(&root.path().join("link.md")), None);
        assert_eq!(sources.text(&outside.path().join("secret.md")), None);
        assert_eq!(Sources::default().text(&root.path().join("note.md")), None);
    }
}
