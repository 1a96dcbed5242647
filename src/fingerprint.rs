//! Content hashes of a meeting's inputs, so `build --changed` rebuilds only the
//! meetings whose files, templates, options or tool version changed.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use siphasher::sip128::{Hasher128, SipHasher13};
use walkdir::WalkDir;

use crate::content::STYLE_FILE;
use crate::error::{Error, Result};

/// The file in the output folder recording the inputs of each pack built.
pub const RECORD_FILE: &str = ".agenda-pack-hashes";

/// The hash of everything a meeting's pack is made from: every file of the meeting
/// folder (names and bytes), the content root's `style.yaml`, every file of the
/// templates folder, `options` (the build options as text) and this tool (its version
/// and executable).
pub fn of_inputs(
    meeting_dir: &Path,
    templates_dir: Option<&Path>,
    options: &str,
) -> Result<String> {
    let mut hasher = SipHasher13::new();
    hasher.write(tool_identity().as_bytes());
    hasher.write(options.as_bytes());
    // The era settings beside the meeting folders shape every pack under them.
    if let Some(root) = meeting_dir.parent()
        && let Ok(style) = std::fs::read(root.join(STYLE_FILE))
    {
        hasher.write(b"\0style");
        hasher.write(&style);
    }
    for dir in std::iter::once(meeting_dir).chain(templates_dir) {
        hasher.write(b"\0dir");
        for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|err| {
                let path = err.path().unwrap_or(dir).to_path_buf();
                Error::io(&path, err.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let bytes = std::fs::read(entry.path()).map_err(|err| Error::io(entry.path(), err))?;
            hasher.write(relative.to_string_lossy().as_bytes());
            hasher.write(&(bytes.len() as u64).to_le_bytes());
            hasher.write(&bytes);
        }
    }
    Ok(format!("{:032x}", hasher.finish128().as_u128()))
}

/// This tool's version and a hash of its executable, so that a rebuilt tool (even
/// with the same version) rebuilds every pack. Computed once per process.
fn tool_identity() -> &'static str {
    static IDENTITY: LazyLock<String> = LazyLock::new(|| {
        let executable = std::env::current_exe()
            .and_then(std::fs::read)
            .map(|bytes| {
                let mut hasher = SipHasher13::new();
                hasher.write(&bytes);
                format!("{:032x}", hasher.finish128().as_u128())
            })
            .unwrap_or_default();
        format!("{} {executable}", env!("CARGO_PKG_VERSION"))
    });
    &IDENTITY
}

/// The recorded hashes of an output folder, by meeting name.
pub struct Record {
    path: PathBuf,
    hashes: BTreeMap<String, String>,
}

impl Record {
    /// Reads `<out_dir>/.agenda-pack-hashes` (empty if there is none).
    pub fn load(out_dir: &Path) -> Self {
        let path = out_dir.join(RECORD_FILE);
        let hashes = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.rsplit_once(' '))
            .map(|(name, hash)| (name.to_string(), hash.to_string()))
            .collect();
        Self { path, hashes }
    }

    /// Whether meeting `name` was last built from inputs with `hash`.
    pub fn is_current(&self, name: &str, hash: &str) -> bool {
        self.hashes.get(name).is_some_and(|h| h == hash)
    }

    /// Records that meeting `name` was built from inputs with `hash`.
    pub fn set(&mut self, name: &str, hash: String) {
        self.hashes.insert(name.to_string(), hash);
    }

    /// Forgets meeting `name` (its build failed).
    pub fn remove(&mut self, name: &str) {
        self.hashes.remove(name);
    }

    /// Writes the record back, atomically.
    pub fn save(&self) -> Result<()> {
        let text: String = self
            .hashes
            .iter()
            .map(|(name, hash)| format!("{name} {hash}\n"))
            .collect();
        crate::pdf::write_atomically(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_changes_with_any_file_and_with_the_options() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        let first = of_inputs(dir.path(), None, "none").unwrap();
        assert_eq!(first, of_inputs(dir.path(), None, "none").unwrap());
        assert_ne!(first, of_inputs(dir.path(), None, "ua-1").unwrap());
        std::fs::write(dir.path().join("a.md"), "two").unwrap();
        assert_ne!(first, of_inputs(dir.path(), None, "none").unwrap());
    }
}
