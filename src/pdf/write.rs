//! Writing outputs atomically: through a temporary file in the same folder, renamed
//! into place only once complete, so a failed or interrupted build never leaves a
//! half-written file. The temporary files in progress are known, so that a signal
//! can remove them before the process ends, and a later build removes any left by a
//! process that could not (a kill, a power cut).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Result};

/// How every temporary file's name starts and ends.
const TEMP_PREFIX: &str = ".agenda-pack-";
const TEMP_SUFFIX: &str = ".tmp";

/// The temporary files being written now. Created and renamed under this lock, so
/// that none exists unrecorded.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Forgets a temporary file once renamed or deleted, however the write ends.
struct Recorded(PathBuf);

impl Drop for Recorded {
    fn drop(&mut self) {
        pending().retain(|p| p != &self.0);
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into
/// place only once complete.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |file| {
        file.write_all(bytes).map_err(|err| Error::io(path, err))
    })
}

/// Writes what `write` writes to `path` through a temporary file in the same folder,
/// renamed into place only once complete (not at all if `write` fails).
pub fn write_atomically_with<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    let suffix = match path.extension() {
        Some(extension) => format!(".{}{TEMP_SUFFIX}", extension.to_string_lossy()),
        None => TEMP_SUFFIX.to_string(),
    };
    let (mut temp, _recorded) = {
        let mut pending = pending();
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(&suffix)
            .tempfile_in(dir)
            .map_err(|err| Error::io(dir, err))?;
        pending.push(temp.path().to_path_buf());
        let recorded = Recorded(temp.path().to_path_buf());
        (temp, recorded)
    };
    let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
    let made = write(&mut buffered)?;
    buffered.flush().map_err(|err| Error::io(path, err))?;
    drop(buffered);
    temp.as_file()
        .sync_all()
        .map_err(|err| Error::io(temp.path(), err))?;
    // A temporary file is private to its owner; a published pack is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(temp.path(), readable)
            .map_err(|err| Error::io(temp.path(), err))?;
    }
    let _pending = pending();
    temp.persist(path)
        .map_err(|err| Error::io(path, err.error))?;
    Ok(made)
}

/// Fails unless a file can be created in `dir` (a probe, removed at once): proof that
/// the folder can be written to, before any work that would be lost otherwise.
pub fn probe_writable(dir: &Path) -> Result<()> {
    // Under the lock from creation to removal, so a signal never leaves it behind.
    let _pending = pending();
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map(drop)
        .map_err(|err| Error::io(dir, err))
}

/// Removes the temporary files being written now, and returns the lock that keeps
/// any new one from being started: hold it until the process exits (on a signal).
pub fn abandon_pending() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut pending = pending();
    for path in pending.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    pending
}

/// Removes the temporary files that an earlier process left in `dir` (killed while
/// writing); returns how many.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(TEMP_PREFIX)
                && name.ends_with(TEMP_SUFFIX)
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomically(&path, b"%PDF one").unwrap();
        write_atomically(&path, b"%PDF two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["a.pdf"]);
        assert!(pending().is_empty());
    }

    #[test]
    fn stale_temporary_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".agenda-pack-x1.pdf.tmp",
            ".agenda-pack-x2.tmp",
            "m.pdf",
            "other.tmp",
        ] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        assert_eq!(remove_stale(dir.path()), 2);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["m.pdf", "other.tmp"]);
    }
}
