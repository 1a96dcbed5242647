//! Supplied PDFs copied ahead: read once, as the meeting loads, and their pages copied
//! while typst lays the pack out (mostly on one core), for the finishing to take
//! instead of reading the files again when the pack is exported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;

use super::external::{Copied, copy_pages};
use super::supplied::Supplied;
use crate::error::Result;

/// The most bytes of supplied PDFs, in all, that a meeting keeps to copy ahead: each is
/// held in memory from its reading to the finishing. Past it, each file is read again
/// when the pack is finished, a few at a time, so memory holds those few, not every
/// file.
pub const COPY_AHEAD_BYTES: u64 = 32 << 20;

/// A supplied PDF on its way to the finishing.
enum Ahead {
    /// Read, its pages not yet copied.
    Read(Supplied),
    /// Its pages copied, or why they could not be.
    Copied(Result<Copied>),
}

/// Supplied PDFs kept from their reading for the finishing, by path.
#[derive(Default)]
pub struct CopiedAhead(Mutex<HashMap<PathBuf, Ahead>>);

impl CopiedAhead {
    /// Whether the supplied PDFs `files` are kept to be copied ahead: no more than
    /// [`COPY_AHEAD_BYTES`] in all (a file that cannot be measured counts as too large).
    pub fn admits<'f>(files: impl IntoIterator<Item = &'f Path>) -> bool {
        files
            .into_iter()
            .map(|file| std::fs::metadata(file).map_or(u64::MAX, |m| m.len()))
            .fold(0, u64::saturating_add)
            <= COPY_AHEAD_BYTES
    }

    /// Keeps the supplied PDF `file`, read as `read`, to be copied ahead.
    pub(crate) fn keep(&self, file: &Path, read: Supplied) {
        self.entries().insert(file.to_path_buf(), Ahead::Read(read));
    }

    /// Copies the pages of those of `files` kept and not yet copied, in parallel; each
    /// read file is dropped as its pages are copied. The others stay as they are (an
    /// exempt item's PDF, kept for the members' pack, is not copied for the published
    /// one).
    pub fn copy_kept(&self, files: &[PathBuf]) {
        let read: Vec<(PathBuf, Supplied)> = {
            let mut entries = self.entries();
            files
                .iter()
                .filter_map(|file| match entries.remove(file)? {
                    Ahead::Read(read) => Some((file.clone(), read)),
                    copied => {
                        entries.insert(file.clone(), copied);
                        None
                    }
                })
                .collect()
        };
        let copied: Vec<(PathBuf, Result<Copied>)> = read
            .into_par_iter()
            .map(|(file, read)| {
                let copied = copy_pages(&file, read, None);
                (file, copied)
            })
            .collect();
        self.entries().extend(
            copied
                .into_iter()
                .map(|(file, copied)| (file, Ahead::Copied(copied))),
        );
    }

    /// Whether no file is waiting: none was kept, or the finishing took them all.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    /// The copy of `file`'s pages (made now if it was only read), if it was kept and
    /// not yet taken.
    pub(super) fn take(&self, file: &Path) -> Option<Result<Copied>> {
        // Not copied under the lock: the finishing takes a few files at once.
        let ahead = self.entries().remove(file)?;
        Some(match ahead {
            Ahead::Read(read) => copy_pages(file, read, None),
            Ahead::Copied(copied) => copied,
        })
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<PathBuf, Ahead>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
