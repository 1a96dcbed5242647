//! Content hashes of a meeting's inputs, so `build --changed` rebuilds only the
//! meetings whose files, templates or options changed (or all, for another build of
//! the tool), and of each pack written, so a pack changed or emptied since is rebuilt
//! too.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use siphasher::sip128::{Hasher128, SipHasher13};
use walkdir::WalkDir;

use crate::content::STYLE_FILE;
use crate::error::{Error, Result};

/// The file in the output folder recording the inputs of each pack built.
pub const RECORD_FILE: &str = ".agenda-pack-hashes";

/// This build of the tool: its version, the commit and the hash of the sources,
/// templates, fonts and `Cargo.lock` it was built from (computed by `build.rs`), so a
/// tool rebuilt from other sources, even at the same version and commit, rebuilds
/// every pack, without reading the executable.
pub const BUILD_IDENTITY: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("AGENDA_PACK_COMMIT"),
    " ",
    env!("AGENDA_PACK_SOURCE_HASH")
);

/// The first line of the record: the build of the tool that wrote it.
const RECORD_HEADER: &str = "# built by agenda-pack ";

/// The hash of everything a meeting's pack is made from, but the tool (the record
/// names the build that wrote it): every file of the meeting folder (names and
/// bytes), the content root's `style.yaml`, every file of the templates folder and
/// `options` (the build options as text). Links are not followed: a link's target
/// name is hashed (what it may point to inside the folder is hashed as itself), so a
/// link to nothing or a link loop is no reason to fail.
pub fn of_inputs(
    meeting_dir: &Path,
    templates_dir: Option<&Path>,
    options: &str,
) -> Result<String> {
    let mut hasher = SipHasher13::new();
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
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|err| {
                let path = err.path().unwrap_or(dir).to_path_buf();
                Error::io(&path, err.into())
            })?;
            let bytes = if entry.file_type().is_file() {
                std::fs::read(entry.path()).map_err(|err| Error::io(entry.path(), err))?
            } else if entry.path_is_symlink() {
                let target =
                    std::fs::read_link(entry.path()).map_err(|err| Error::io(entry.path(), err))?;
                format!("\0link {}", target.display()).into_bytes()
            } else {
                continue;
            };
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            hasher.write(relative.to_string_lossy().as_bytes());
            hasher.write(&(bytes.len() as u64).to_le_bytes());
            hasher.write(&bytes);
        }
    }
    Ok(format!("{:032x}", hasher.finish128().as_u128()))
}

/// The hash of a pack's bytes, recorded to tell later whether the file in the output
/// folder is still the one written.
pub fn of_bytes(bytes: &[u8]) -> String {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    format!("{:032x}", hasher.finish128().as_u128())
}

/// What was recorded of one pack: the hash of its inputs and of the PDF written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashes {
    /// [`of_inputs`] when it was built.
    pub inputs: String,
    /// [`of_bytes`] of the PDF written.
    pub output: String,
}

/// The recorded hashes of an output folder, by pack name: a first line naming the
/// build of the tool that wrote it, then one line per pack, `<name> <inputs> <output>`.
pub struct Record {
    path: PathBuf,
    build: &'static str,
    hashes: BTreeMap<String, Hashes>,
}

impl Record {
    /// Reads `<out_dir>/.agenda-pack-hashes` as this build of the tool wrote it.
    pub fn load(out_dir: &Path) -> Self {
        Self::load_for(out_dir, BUILD_IDENTITY)
    }

    /// Reads the record as the tool's build `build` wrote it: empty if there is none
    /// or another build wrote it (every pack is then rebuilt, since the tool changed).
    fn load_for(out_dir: &Path, build: &'static str) -> Self {
        let path = out_dir.join(RECORD_FILE);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut lines = text.lines();
        let ours = lines
            .next()
            .and_then(|line| line.strip_prefix(RECORD_HEADER))
            .is_some_and(|written_by| written_by == build);
        let hashes = lines
            .filter(|_| ours)
            .filter_map(|line| {
                let (rest, output) = line.rsplit_once(' ')?;
                let (name, inputs) = rest.rsplit_once(' ')?;
                let hashes = Hashes {
                    inputs: inputs.to_string(),
                    output: output.to_string(),
                };
                Some((name.to_string(), hashes))
            })
            .collect();
        Self {
            path,
            build,
            hashes,
        }
    }

    /// Whether pack `name` was last built from inputs with hash `inputs`, and `pdf`
    /// is still the very file written then.
    pub fn is_current(&self, name: &str, inputs: &str, pdf: &Path) -> bool {
        self.hashes.get(name).is_some_and(|recorded| {
            recorded.inputs == inputs
                && std::fs::read(pdf).is_ok_and(|bytes| of_bytes(&bytes) == recorded.output)
        })
    }

    /// Records that pack `name` was built from inputs and written with `hashes`.
    pub fn set(&mut self, name: &str, hashes: Hashes) {
        self.hashes.insert(name.to_string(), hashes);
    }

    /// The recorded packs whose names start with `prefix` (a meeting's supplements).
    pub fn names_starting(&self, prefix: &str) -> Vec<String> {
        self.hashes
            .keys()
            .filter(|name| name.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// Forgets meeting `name` (its build failed).
    pub fn remove(&mut self, name: &str) {
        self.hashes.remove(name);
    }

    /// Writes the record back, atomically.
    pub fn save(&self) -> Result<()> {
        let mut text = format!("{RECORD_HEADER}{}\n", self.build);
        for (name, hashes) in &self.hashes {
            text.push_str(&format!("{name} {} {}\n", hashes.inputs, hashes.output));
        }
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

    #[cfg(unix)]
    #[test]
    fn links_to_nothing_and_link_loops_are_hashed_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("a.md")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let first = of_inputs(dir.path(), None, "none").unwrap();
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), dir.path().join("a.md")).unwrap();
        assert_ne!(first, of_inputs(dir.path(), None, "none").unwrap());
    }

    #[test]
    fn a_pack_is_current_only_while_its_bytes_are_those_written() {
        let out = tempfile::tempdir().unwrap();
        let pdf = out.path().join("m.pdf");
        std::fs::write(&pdf, "%PDF packed").unwrap();
        let mut record = Record::load(out.path());
        let hashes = Hashes {
            inputs: "in".into(),
            output: of_bytes(b"%PDF packed"),
        };
        record.set("m", hashes);
        record.save().unwrap();
        let record = Record::load(out.path());
        assert!(record.is_current("m", "in", &pdf));
        assert!(!record.is_current("m", "other", &pdf));
        std::fs::write(&pdf, "").unwrap();
        assert!(!record.is_current("m", "in", &pdf));
        std::fs::remove_file(&pdf).unwrap();
        assert!(!record.is_current("m", "in", &pdf));
    }

    #[test]
    fn a_record_written_by_another_build_of_the_tool_is_ignored() {
        let out = tempfile::tempdir().unwrap();
        let pdf = out.path().join("m.pdf");
        std::fs::write(&pdf, "%PDF packed").unwrap();
        let mut record = Record::load_for(out.path(), "0.1.0 abc1234 00000000000000aa");
        let hashes = Hashes {
            inputs: "in".into(),
            output: of_bytes(b"%PDF packed"),
        };
        record.set("m", hashes);
        record.save().unwrap();
        let same = Record::load_for(out.path(), "0.1.0 abc1234 00000000000000aa");
        assert!(same.is_current("m", "in", &pdf));
        let rebuilt = Record::load_for(out.path(), "0.1.0 abc1234 00000000000000bb");
        assert!(!rebuilt.is_current("m", "in", &pdf));
    }

    #[test]
    fn the_build_identity_names_the_version_commit_and_sources() {
        let parts: Vec<&str> = BUILD_IDENTITY.split(' ').collect();
        assert_eq!(parts.len(), 3, "{BUILD_IDENTITY}");
        assert_eq!(parts[0], env!("CARGO_PKG_VERSION"));
        assert!(
            parts[2].len() == 16 && parts[2].chars().all(|c| c.is_ascii_hexdigit()),
            "{BUILD_IDENTITY}"
        );
    }
}
