//! The layouts of a pack's parts kept in memory across builds in one process (as in a
//! watch or a preview), keyed by a hash of their typst source, the style and the
//! date, and valid while the files they read from the meeting folder are unchanged.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use typst_layout::PagedDocument;

use crate::diagnostics::Diagnostic;
use crate::fingerprint;

/// How many layouts in a row an unused entry survives: enough for a meeting's
/// agenda, its supplements and its members' packs, few enough that a year of
/// meetings built in one process does not accumulate.
const KEPT_FOR: u64 = 8;

/// A part's layout and what it was made from.
#[derive(Clone)]
pub struct Cached {
    /// The pages, as typst laid them out (locations not yet salted).
    pub document: PagedDocument,
    /// typst's warnings.
    pub warnings: Vec<Diagnostic>,
    /// The files read from the meeting folder, with a hash of their bytes.
    pub read: Vec<(PathBuf, String)>,
}

struct Entry {
    cached: Cached,
    used: u64,
}

#[derive(Default)]
struct Cache {
    entries: HashMap<u128, Entry>,
    layouts: u64,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

fn cache() -> std::sync::MutexGuard<'static, Cache> {
    CACHE.lock().unwrap_or_else(|e| e.into_inner())
}

/// The hash of a file's bytes, or of its absence.
pub fn digest(path: &std::path::Path) -> String {
    std::fs::read(path)
        .map(|bytes| fingerprint::of_bytes(&bytes))
        .unwrap_or_default()
}

/// The layout stored under `key`, if the files it read are still as they were.
pub fn get(key: u128) -> Option<Cached> {
    let mut cache = cache();
    let now = cache.layouts;
    let entry = cache.entries.get_mut(&key)?;
    if entry
        .cached
        .read
        .iter()
        .any(|(path, hash)| digest(path) != *hash)
    {
        return None;
    }
    entry.used = now;
    Some(entry.cached.clone())
}

/// Stores a layout under `key`.
pub fn put(key: u128, cached: Cached) {
    let mut cache = cache();
    let used = cache.layouts;
    cache.entries.insert(key, Entry { cached, used });
}

/// Ends one pack's layout: entries unused for [`KEPT_FOR`] layouts are dropped.
pub fn end_layout() {
    let mut cache = cache();
    cache.layouts += 1;
    let now = cache.layouts;
    cache
        .entries
        .retain(|_, entry| now - entry.used <= KEPT_FOR);
}
