//! Supplied PDFs copied ahead: their pages copied while typst lays the pack out
//! (mostly on one core), for the finishing to take instead of reading the files when
//! the pack is exported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;

use super::external::{Copied, copy_pages};
use super::supplied;
use crate::error::Result;

/// The most bytes of supplied PDFs, in all, that a pack copies ahead: their copies
/// wait in memory for the exported pack. Past it, each file is read when the pack is
/// finished, a few at a time, so memory holds those few, not every file.
pub const COPY_AHEAD_BYTES: u64 = 32 << 20;

/// Supplied PDFs' pages copied before the pack is exported, by path.
#[derive(Default)]
pub struct CopiedAhead(Mutex<HashMap<PathBuf, Result<Copied>>>);

impl CopiedAhead {
    /// Copies every page of the supplied PDFs `files`, in parallel (one file per core
    /// at a time), if they come to no more than [`COPY_AHEAD_BYTES`] in all; otherwise
    /// none, and none is read.
    pub fn copy(files: &[PathBuf]) -> Self {
        let mut files: Vec<&PathBuf> = files.iter().collect();
        files.sort();
        files.dedup();
        let total = files
            .iter()
            .map(|file| std::fs::metadata(file).map_or(u64::MAX, |m| m.len()))
            .fold(0, u64::saturating_add);
        if total > COPY_AHEAD_BYTES {
            return Self::default();
        }
        Self(Mutex::new(
            files
                .into_par_iter()
                .map(|file| {
                    let copied = supplied::open(file).and_then(|read| copy_pages(file, read, None));
                    (file.clone(), copied)
                })
                .collect(),
        ))
    }

    /// Whether no copy is waiting: none was made, or the finishing took them all.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    /// The copy of `file`'s pages, or why it could not be made, if it was tried (and
    /// not yet taken).
    pub(super) fn take(&self, file: &Path) -> Option<Result<Copied>> {
        self.entries().remove(file)
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<PathBuf, Result<Copied>>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
