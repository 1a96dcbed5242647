//! The typst `World` of one pack: generated sources in memory, the meeting folder as
//! the only readable directory, bundled fonts, and a fixed date.
//!
//! Every file typst reads passes through here, so confinement and the image limits
//! are enforced here too, whatever the converter and the loader checked before, and
//! the files read are recorded for `preview --watch`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use super::fonts;
use crate::content::confine::{self, Escape};
use crate::content::image_limits;

/// Virtual folder under which the meeting folder's files are visible to typst.
pub const CONTENT_DIR: &str = "/content";

/// The standard library, built once per process, with the accessibility extras
/// (`pdf.header-cell`: row headers of tables, tagged TH with scope Row).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    LazyHash::new(
        Library::builder()
            .with_features([Feature::A11yExtras].into_iter().collect())
            .build(),
    )
});

/// A world holding in-memory typst sources and a read-only view of one folder.
pub struct PackWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    content_root: PathBuf,
    today: Datetime,
    /// The files typst read (or tried to) since the last [`PackWorld::take_read`].
    read: Mutex<BTreeSet<PathBuf>>,
}

impl PackWorld {
    /// Creates a world whose main file is `main.typ`.
    ///
    /// `sources` maps virtual paths (such as `/style.typ`) to typst source text;
    /// `content_root` is the folder exposed at [`CONTENT_DIR`].
    pub fn new(
        main_source: String,
        extra_sources: impl IntoIterator<Item = (String, String)>,
        content_root: &Path,
        today: Datetime,
    ) -> Self {
        let main = file_id("/main.typ");
        let mut sources = HashMap::new();
        sources.insert(main, Source::new(main, main_source));
        for (path, text) in extra_sources {
            let id = file_id(&path);
            sources.insert(id, Source::new(id, text));
        }
        Self {
            main,
            sources,
            content_root: content_root.to_path_buf(),
            today,
            read: Mutex::default(),
        }
    }

    /// Replaces the text of the source at virtual path `path` (such as `/main.typ`),
    /// reparsing only what changed, so a later compile reuses earlier work (comemo).
    pub fn set_source(&mut self, path: &str, text: &str) {
        let id = file_id(path);
        match self.sources.get_mut(&id) {
            Some(source) => {
                if source.text() != text {
                    source.replace(text);
                }
            }
            None => {
                self.sources.insert(id, Source::new(id, text.to_string()));
            }
        }
    }

    /// The files typst read from the meeting folder since the last call: what a
    /// compile depended on, as `typst watch` watches. comemo checks a cached result by
    /// reading its files again, so a cached compile records them too.
    pub fn take_read(&self) -> BTreeSet<PathBuf> {
        std::mem::take(&mut *self.read.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The meeting folder typst reads from.
    pub fn content_root(&self) -> &Path {
        &self.content_root
    }

    /// The real path behind a virtual `/content/...` path, if it stays inside the
    /// content root (after resolving links), so author text can never read elsewhere.
    fn content_path(&self, id: FileId) -> FileResult<PathBuf> {
        let vpath = id.vpath();
        let rel = vpath
            .get_without_slash()
            .strip_prefix(CONTENT_DIR.trim_start_matches('/'))
            .and_then(|rest| rest.strip_prefix('/'))
            .ok_or_else(|| FileError::NotFound(vpath.get_without_slash().into()))?;
        confine::resolve_inside(&self.content_root, Path::new(rel)).map_err(|escape| match escape {
            Escape::Missing { name, .. } => FileError::NotFound(name.into()),
            refused => FileError::Other(Some(format!("{refused}; {}", refused.hint()).into())),
        })
    }
}

/// The file id of a virtual path in the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("generated virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for PackWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts::bundled().book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        let path = self.content_path(id)?;
        self.read
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.clone());
        // typst reads nothing but images from the meeting folder (supplied PDFs are
        // merged after export), so every file read is held to the image limits.
        image_limits::check(&path)
            .map_err(|limit| FileError::Other(Some(format!("{limit}; {}", limit.hint()).into())))?;
        std::fs::read(&path)
            .map(Bytes::new)
            .map_err(|err| FileError::from_io(err, &path))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts::bundled().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(root: &Path) -> PackWorld {
        let today = Datetime::from_ymd(2026, 7, 1).unwrap();
        PackWorld::new(String::new(), [], root, today)
    }

    #[test]
    fn files_are_read_only_inside_the_meeting_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.svg"), "<svg/>").unwrap();
        let world = world(dir.path());
        assert!(world.file(file_id("/content/a.svg")).is_ok());
        assert!(matches!(
            world.file(file_id("/content/none.svg")),
            Err(FileError::NotFound(_))
        ));
        assert!(world.file(file_id("/etc/passwd")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused_without_reading_it() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.svg"), "MARKER-4b1c").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.svg"), dir.path().join("a.svg"))
            .unwrap();
        let err = world(dir.path())
            .file(file_id("/content/a.svg"))
            .unwrap_err();
        let message = format!("{err}");
        assert!(message.contains("outside the meeting folder"), "{message}");
        assert!(!message.contains("MARKER"), "{message}");
    }

    #[test]
    fn an_image_over_the_pixel_limit_is_refused_from_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend(20_000u32.to_be_bytes());
        png.extend(20_000u32.to_be_bytes());
        png.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
        std::fs::write(dir.path().join("wide.png"), png).unwrap();
        let err = world(dir.path())
            .file(file_id("/content/wide.png"))
            .unwrap_err();
        assert!(format!("{err}").contains("megapixels"), "{err}");
    }
}
