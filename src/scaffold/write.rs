//! Writing a scaffolded file: never over an existing one, and never half a file.

use std::io::{ErrorKind, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Fails when `path` exists, so `new` stops before writing anything.
pub fn refuse_existing(path: &Path) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(exists(path));
    }
    Ok(())
}

/// Writes `text` to `path`, which must not exist: into a temporary file beside it,
/// then linked into place only if the name is still free, so neither an existing file
/// nor a reader ever sees a partial one.
pub fn write_new(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".agenda-pack-new-")
        .tempfile_in(dir)
        .map_err(|err| Error::io(dir, err))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| Error::io(path, err))?;
    temp.persist_noclobber(path).map_err(|err| {
        if err.error.kind() == ErrorKind::AlreadyExists {
            exists(path)
        } else {
            Error::io(path, err.error)
        }
    })?;
    Ok(())
}

fn exists(path: &Path) -> Error {
    Error::io(
        path,
        std::io::Error::new(
            ErrorKind::AlreadyExists,
            "already exists; not overwritten (choose another name, or move it away first)",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("note.md");
        write_new(&file, "first\n").unwrap();
        let err = write_new(&file, "second\n").unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "first\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["note.md"]);
    }
}
