//! The output folder, made ready before any layout work: it must be a folder the
//! process can write to (else an environment error at once, not one per meeting
//! after minutes of work), and temporary files an interrupted build left are removed.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::pdf;

/// An output folder ready to write to.
pub struct OutDir {
    /// The folders created to make it (innermost first), removed again if nothing
    /// was written.
    created: Vec<PathBuf>,
}

impl OutDir {
    /// Creates `dir` if needed and proves it writable with a probe file; removes
    /// stale temporary files.
    pub fn ready(dir: &Path) -> Result<Self> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::io(
                dir,
                std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "the output folder is a file: name a folder with --out",
                ),
            ));
        }
        let created: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .map(Path::to_path_buf)
            .collect();
        std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
        let out = Self { created };
        if let Err(err) = pdf::probe_writable(dir) {
            out.tidy();
            return Err(err);
        }
        pdf::remove_stale(dir);
        Ok(out)
    }

    /// Removes the folders [`OutDir::ready`] created, if they are still empty.
    pub fn tidy(&self) {
        for dir in &self.created {
            let _ = std::fs::remove_dir(dir);
        }
    }
}
