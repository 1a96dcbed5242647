//! Previewing one document on its own, paginated as it falls in its pack, and
//! re-rendering it cheaply: the typst world lives between renders, so comemo reuses
//! the work of the previous compile.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;

use crate::content::{self, MEETING_FILE};
use crate::diagnostics::Diagnostic;
use crate::error::{ContentError, Error, Result};
use crate::model::{Audience, Meeting};
use crate::pack;
use crate::pdf;
use crate::templates::{self, STYLE_FILE, Templates};
use crate::typeset::{self, PackWorld};

/// How many compilations comemo keeps cached results of, between renders.
const CACHE_AGE: usize = 10;

/// Pixels per typographic point of PNG pages (144 dpi).
const PNG_SCALE: f64 = 2.0;

/// A document being previewed, with what is kept between renders.
pub struct Preview {
    note: PathBuf,
    meeting_dir: PathBuf,
    templates: Templates,
    out_dir: PathBuf,
    png: bool,
    /// The world of the last render, with its date.
    world: Option<(PackWorld, Datetime)>,
    /// The document's first page in the full pack, once known.
    first_page: Option<usize>,
    /// How many PNG pages the last render wrote.
    png_pages: usize,
}

/// What one render wrote.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF of the document.
    pub pdf: PathBuf,
    /// The PNG pages, when asked for.
    pub pngs: Vec<PathBuf>,
    /// The document's number of pages (padding included).
    pub pages: usize,
    /// Its first page number, as in the pack.
    pub first_page: usize,
    /// The agenda item it belongs to.
    pub item: usize,
    /// Whether the rest of the meeting could be laid out; if not, the pages are
    /// numbered from 1.
    pub complete: bool,
    /// typst's warnings.
    pub warnings: Vec<Diagnostic>,
}

impl Preview {
    /// Prepares the preview of the Markdown document `note`, written to `out_dir`
    /// as `<note name>.pdf` (and `<note name>-<page>.png` with `png`).
    pub fn new(note: &Path, templates: Templates, out_dir: &Path, png: bool) -> Result<Self> {
        if !note.is_file() {
            return Err(Error::io(
                note,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        let meeting_dir = meeting_folder(note).ok_or_else(|| {
            ContentError::in_file(note, "the document is not inside a meeting folder")
                .with_hint(format!(
                    "put it in a folder holding a {MEETING_FILE} (create one with `agenda-pack new meeting <dir>`)"
                ))
        })?;
        Ok(Self {
            note: note.to_path_buf(),
            meeting_dir,
            templates,
            out_dir: out_dir.to_path_buf(),
            png,
            world: None,
            first_page: None,
            png_pages: 0,
        })
    }

    /// The meeting folder the document belongs to.
    pub fn meeting_dir(&self) -> &Path {
        &self.meeting_dir
    }

    /// The PDF the preview writes.
    pub fn output(&self) -> PathBuf {
        self.out_dir.join(format!("{}.pdf", self.stem()))
    }

    /// Forgets where the document falls in the pack: another of the meeting's files
    /// changed, so the next render lays out the full pack once more.
    pub fn invalidate_layout(&mut self) {
        self.first_page = None;
    }

    /// Forgets everything kept between renders (after a render that panicked).
    pub fn reset(&mut self) {
        self.world = None;
        self.first_page = None;
    }

    /// Uses new templates (a template file changed).
    pub fn set_templates(&mut self, templates: Templates) {
        self.templates = templates;
        self.first_page = None;
    }

    /// Renders the document and writes its PDF (and PNG pages) atomically.
    pub fn render(&mut self) -> Result<Rendered> {
        // The other documents may be missing or broken while this one is written:
        // then leave them out and count pages from 1.
        let (mut meeting, complete) = match content::load_meeting(&self.meeting_dir) {
            Ok(meeting) => (meeting, true),
            Err(_) => (
                content::load_meeting_around(&self.meeting_dir, &self.note)?,
                false,
            ),
        };
        // As in the members' pack, so an exempt report can be previewed too; private
        // items come last, so the other documents' pages are those of the public pack.
        meeting.audience = Audience::Members;
        let (index, item) = self.find_document(&meeting)?;
        let (first_page, complete) = match self.first_page {
            Some(page) if complete => (page, true),
            Some(_) | None if !complete => (1, false),
            _ => match pack::lay_out(meeting.clone(), &self.templates) {
                Ok(full) => {
                    let page = pack::document_start_pages(&full.document)
                        .get(index)
                        .copied()
                        .unwrap_or(1);
                    self.first_page = Some(page);
                    (page, true)
                }
                // The full pack fails for another document's sake.
                Err(_) => (1, false),
            },
        };
        let context = templates::pack_context(&meeting)?;
        let source = self
            .templates
            .render_preview(&context.value, index, first_page)?;
        let today = publication_date(&meeting);
        let world = match &mut self.world {
            Some((world, date)) if *date == today => {
                world.set_source("/main.typ", &source);
                world.set_source(&format!("/{STYLE_FILE}"), self.templates.style());
                world
            }
            slot => {
                let world = PackWorld::new(
                    source,
                    [(format!("/{STYLE_FILE}"), self.templates.style().to_string())],
                    &self.meeting_dir,
                    today,
                );
                &mut slot.insert((world, today)).0
            }
        };
        let typeset = typeset::typeset(world);
        comemo_evict();
        let typeset = typeset?;
        let ident = format!("{}-{}", meeting.name(), self.stem());
        let (year, month, day) = meeting.publication.date.ymd();
        let timestamp = Datetime::from_ymd_hms(year, month as u8, day as u8, 0, 0, 0)
            .expect("a validated date");
        let bytes = pdf::export_from(&typeset.document, &ident, timestamp, first_page)?;
        let output = self.output();
        pdf::write_atomically(&output, &bytes)?;
        let pages = typeset
            .document
            .pages()
            .get(first_page.saturating_sub(1)..)
            .unwrap_or_default();
        let pngs = if self.png {
            self.write_pngs(pages, first_page)?
        } else {
            Vec::new()
        };
        Ok(Rendered {
            pdf: output,
            pngs,
            pages: pages.len(),
            first_page,
            item,
            complete,
            warnings: typeset.warnings,
        })
    }

    /// The index of the document in pack order, and its item's number.
    fn find_document(&self, meeting: &Meeting) -> Result<(usize, usize)> {
        let wanted = self
            .note
            .canonicalize()
            .map_err(|e| Error::io(&self.note, e))?;
        meeting
            .all_items()
            .flat_map(|item| {
                item.printed_documents(meeting.audience)
                    .iter()
                    .map(move |doc| (item.number, doc))
            })
            .enumerate()
            .find(|(_, (_, doc))| {
                meeting
                    .dir
                    .join(&doc.file)
                    .canonicalize()
                    .is_ok_and(|path| path == wanted)
            })
            .map(|(index, (item, _))| (index, item))
            .ok_or_else(|| {
                let meeting_file = self.meeting_dir.join(MEETING_FILE);
                ContentError::in_file(
                    &self.note,
                    format!(
                        "the document is not listed in {}: no item of the agenda names it",
                        meeting_file.display()
                    ),
                )
                .with_hint(format!(
                    "list it under an item's `documents:` in {} (a document no item lists is left out of the pack)",
                    meeting_file.display()
                ))
                    .into()
            })
    }

    fn stem(&self) -> String {
        self.note
            .file_stem()
            .map_or_else(|| "preview".into(), |s| s.to_string_lossy().into_owned())
    }

    /// Writes `<stem>-<page>.png` for each page and removes the pages of a longer
    /// earlier render.
    fn write_pngs(
        &mut self,
        pages: &[typst_layout::Page],
        first_page: usize,
    ) -> Result<Vec<PathBuf>> {
        let png_path = |n: usize| self.out_dir.join(format!("{}-{n}.png", self.stem()));
        let mut written = Vec::new();
        for (offset, page) in pages.iter().enumerate() {
            let options = typst_render::RenderOptions {
                pixel_per_pt: PNG_SCALE.into(),
                ..Default::default()
            };
            let pixmap = typst_render::render(page, &options);
            let bytes = pixmap
                .encode_png()
                .map_err(|err| Error::Pdf(format!("PNG encoding failed: {err}")))?;
            let path = png_path(first_page + offset);
            pdf::write_atomically(&path, &bytes)?;
            written.push(path);
        }
        for stale in pages.len()..self.png_pages {
            let _ = std::fs::remove_file(png_path(first_page + stale));
        }
        self.png_pages = pages.len();
        Ok(written)
    }
}

/// Drops comemo's cached results older than a few compilations, so memory stays flat
/// over hours of editing.
fn comemo_evict() {
    typst::comemo::evict(CACHE_AGE);
}

/// The meeting folder holding `file`: the nearest folder above it with a meeting.yaml.
pub fn meeting_folder(file: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(file).ok()?;
    let mut dir = absolute.parent();
    while let Some(candidate) = dir {
        if candidate.join(MEETING_FILE).is_file() {
            // Keep the path as the user wrote it when it is relative, for messages.
            let relative = file
                .ancestors()
                .skip(1)
                .find(|a| a.join(MEETING_FILE).is_file() || a.as_os_str().is_empty());
            return Some(match relative {
                Some(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
                _ => candidate.to_path_buf(),
            });
        }
        dir = candidate.parent();
    }
    None
}

/// The publication date, `today` for typst.
fn publication_date(meeting: &Meeting) -> Datetime {
    let (year, month, day) = meeting.publication.date.ymd();
    Datetime::from_ymd(year, month as u8, day as u8).expect("a validated date")
}
