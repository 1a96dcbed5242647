//! Previewing one document on its own, paginated as it falls in its pack, and
//! re-rendering it cheaply: the typst world lives between renders, so comemo reuses
//! the work of the previous compile. Supplied PDF pages are placed as in the pack.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings};
use typst::foundations::Datetime;
use typst::layout::Frame;
use typst_layout::{Page, PagedDocument};

use crate::content::{self, MEETING_FILE};
use crate::diagnostics::Diagnostic;
use crate::error::{ContentError, Error, Result};
use crate::model::{Audience, Meeting, Part};
use crate::pack;
use crate::pdf;
use crate::templates::{self, STYLE_FILE, Templates};
use crate::typeset::{self, PackWorld};

/// How many renders comemo keeps unused cached results for: what the next render
/// reuses was used by the last one (or, after an undo, the one before); older results
/// of a long note held hundreds of MiB (921 MiB after 100 saves at 10, 551 at 2).
const CACHE_AGE: usize = 2;

/// Pixels per typographic point of PNG pages (144 dpi).
const PNG_SCALE: f64 = 2.0;

/// A document being previewed, with what is kept between renders.
pub struct Preview {
    note: PathBuf,
    meeting_dir: PathBuf,
    templates: Templates,
    out_dir: PathBuf,
    png: bool,
    /// Whether the PDF is tagged (the whole document is then exported, and the pages
    /// before the note dropped: a few tens of milliseconds a render).
    tagged: bool,
    /// The world of the last render, with its date.
    world: Option<(PackWorld, Datetime)>,
    /// The document's first page in the full pack, once known.
    first_page: Option<usize>,
    /// How many PNG pages the last render wrote.
    png_pages: usize,
    /// The files the last render read: typst's, the content root's `style.yaml`, the
    /// minutes of the minute book.
    dependencies: BTreeSet<PathBuf>,
    /// The untagged drafts, exported a few changed pages at a time.
    drafts: pdf::Drafts,
    /// The last render, when its draft was patched: exported whole by [`Self::settle`].
    unsettled: Option<Unsettled>,
}

/// What exporting a patched draft whole needs.
struct Unsettled {
    document: PagedDocument,
    ident: String,
    timestamp: Datetime,
    first_page: usize,
    external: Vec<pdf::ExternalPage>,
    bookmarks: Vec<pdf::Bookmark>,
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
        let dependencies = BTreeSet::from([root_style_file(&meeting_dir)]);
        Ok(Self {
            note: note.to_path_buf(),
            meeting_dir,
            templates,
            out_dir: out_dir.to_path_buf(),
            png,
            tagged: true,
            world: None,
            first_page: None,
            png_pages: 0,
            dependencies,
            drafts: pdf::Drafts::default(),
            unsettled: None,
        })
    }

    /// The preview tagged like the pack (the default), or not: `--watch` renders
    /// drafts untagged, exporting again only the pages whose layout changed (see
    /// [`Self::settle`]).
    pub fn tagged(self, tagged: bool) -> Self {
        Self { tagged, ..self }
    }

    /// The meeting folder the document belongs to.
    pub fn meeting_dir(&self) -> &Path {
        &self.meeting_dir
    }

    /// The files the last render read (or tried to read): the meeting's own, the
    /// content root's `style.yaml` and the minutes it counts the minute book from.
    /// Watching these, as well as the meeting folder and the templates, is watching
    /// everything a render depends on.
    pub fn dependencies(&self) -> &BTreeSet<PathBuf> {
        &self.dependencies
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
        self.drafts.clear();
        self.unsettled = None;
    }

    /// Whether the last draft was patched, and [`Self::settle`] has work to do.
    pub fn unsettled(&self) -> bool {
        self.unsettled.is_some()
    }

    /// Exports the last render whole, if its draft was patched: once the author
    /// pauses, the PDF has the bytes of a draft exported whole, links and all.
    pub fn settle(&mut self) -> Result<()> {
        let Some(last) = self.unsettled.take() else {
            return Ok(());
        };
        self.drafts.clear();
        let draft =
            self.drafts
                .export(&last.document, &last.ident, last.timestamp, last.first_page)?;
        let finished = pdf::finish(&draft.bytes, &last.external, &last.bookmarks)?;
        pdf::write_atomically(&self.output(), &finished.bytes)
    }

    /// Drops what comemo cached for renders more than [`CACHE_AGE`] renders ago,
    /// keeping what the next render reuses, so memory stays flat over hours of
    /// editing. Call it after each render once its PDF is out: it walks the whole
    /// cache (a large share of a render), so `--watch` calls it while waiting for the
    /// next save rather than between a save and its PDF.
    pub fn evict_stale(&self) {
        typst::comemo::evict(CACHE_AGE);
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
        // A document to follow is previewed in its supplement's pages.
        meeting.part = self.part_of(&meeting);
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
        let context = templates::preview_context(&meeting, index)?;
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
        self.dependencies = dependencies(&meeting, world.take_read());
        let typeset = typeset?;
        let ident = format!("{}-{}", meeting.name(), self.stem());
        let (year, month, day) = meeting.publication.date.ymd();
        let timestamp = Datetime::from_ymd_hms(year, month as u8, day as u8, 0, 0, 0)
            .expect("a validated date");
        self.unsettled = None;
        let (exported, patched) = if self.tagged {
            let whole = pdf::export_from(&typeset.document, &ident, timestamp, first_page, true)?;
            (whole, false)
        } else {
            let draft = self
                .drafts
                .export(&typeset.document, &ident, timestamp, first_page)?;
            (draft.bytes, draft.patched)
        };
        // Finished as the pack is: supplied pages placed (read within the same
        // limits), the outline from the document's bookmarks.
        let external = from_page(
            pdf::external_pages(&typeset.document, &self.meeting_dir),
            first_page,
            |p| p.pack_page,
            |p, n| p.pack_page = n,
        );
        let bookmarks = from_page(
            pdf::bookmarks(&typeset.document),
            first_page,
            |b| b.page,
            |b, n| b.page = n,
        );
        let finished = pdf::finish(&exported, &external, &bookmarks)?;
        let output = self.output();
        pdf::write_atomically(&output, &finished.bytes)?;
        let pages = typeset
            .document
            .pages()
            .get(first_page.saturating_sub(1)..)
            .unwrap_or_default();
        let pngs = if self.png {
            let supplied: Vec<usize> = external.iter().map(|p| p.pack_page).collect();
            self.write_pngs(pages, first_page, &supplied, &finished.bytes)?
        } else {
            Vec::new()
        };
        if patched {
            self.unsettled = Some(Unsettled {
                document: typeset.document.clone(),
                ident,
                timestamp,
                first_page,
                external,
                bookmarks,
            });
        }
        let mut warnings = typeset.warnings;
        warnings.extend(finished.warnings.iter().map(Diagnostic::content_warning));
        Ok(Rendered {
            pdf: output,
            pngs,
            pages: pages.len(),
            first_page,
            item,
            complete,
            warnings,
        })
    }

    /// The pack that prints the document: the agenda, or the supplement it follows in.
    fn part_of(&self, meeting: &Meeting) -> Part {
        let wanted = self.note.canonicalize().ok();
        meeting
            .all_items()
            .flat_map(|item| &item.documents)
            .find(|doc| meeting.dir.join(&doc.file).canonicalize().ok() == wanted)
            .and_then(|doc| doc.supplement)
            .map_or(Part::Main, Part::Supplement)
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
                meeting
                    .printed_documents(item)
                    .into_iter()
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
    /// earlier render. The pages holding a supplied PDF's page (`supplied`, numbered
    /// from 1) are drawn from the `finished` PDF, where that page is placed.
    fn write_pngs(
        &mut self,
        pages: &[Page],
        first_page: usize,
        supplied: &[usize],
        finished: &[u8],
    ) -> Result<Vec<PathBuf>> {
        let png_path = |n: usize| self.out_dir.join(format!("{}-{n}.png", self.stem()));
        let finished = if supplied.is_empty() {
            None
        } else {
            Some(
                Pdf::new(finished.to_vec())
                    .map_err(|err| Error::Pdf(format!("re-reading the preview: {err:?}")))?,
            )
        };
        let options = typst_render::RenderOptions {
            pixel_per_pt: PNG_SCALE.into(),
            ..Default::default()
        };
        let mut written = Vec::new();
        for (offset, page) in pages.iter().enumerate() {
            let printed = finished
                .as_ref()
                .filter(|_| supplied.contains(&(offset + 1)))
                .and_then(|pdf| pdf.pages().get(offset));
            let pixmap = match printed {
                // typst lays out only a placeholder there: draw the page as printed,
                // on a pixmap of typst's size (an empty page's, quick to make).
                Some(printed) => {
                    let empty = Page {
                        frame: Frame::hard(page.frame.size()),
                        ..page.clone()
                    };
                    let mut pixmap = typst_render::render(&empty, &options);
                    let drawn = render_pdf_page(printed, pixmap.width(), pixmap.height());
                    if drawn.len() == pixmap.data().len() {
                        pixmap.data_mut().copy_from_slice(&drawn);
                    }
                    pixmap
                }
                None => typst_render::render(page, &options),
            };
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

/// A PDF page drawn on white at `width` x `height` pixels, as premultiplied RGBA.
fn render_pdf_page(page: &hayro::hayro_syntax::page::Page<'_>, width: u32, height: u32) -> Vec<u8> {
    let (page_width, page_height) = page.render_dimensions();
    let settings = RenderSettings {
        x_scale: width as f32 / page_width,
        y_scale: height as f32 / page_height,
        width: u16::try_from(width).ok(),
        height: u16::try_from(height).ok(),
        bg_color: WHITE,
    };
    let interpreter = InterpreterSettings {
        // As it prints: a supplied page's annotations are not copied anyway.
        render_annotations: false,
        ..InterpreterSettings::default()
    };
    hayro::render(page, &RenderCache::new(), &interpreter, &settings)
        .data_as_u8_slice()
        .to_vec()
}

/// The entries of `items` on physical page `first_page` or later, renumbered (by
/// `page` and `set_page`) as pages of the preview, which starts at `first_page`.
fn from_page<T>(
    items: Vec<T>,
    first_page: usize,
    page: impl Fn(&T) -> usize,
    set_page: impl Fn(&mut T, usize),
) -> Vec<T> {
    items
        .into_iter()
        .filter(|item| page(item) >= first_page)
        .map(|mut item| {
            let renumbered = page(&item) + 1 - first_page;
            set_page(&mut item, renumbered);
            item
        })
        .collect()
}

/// What a render of `meeting` read outside the meeting folder's own files, with the
/// files typst `read`: the content root's `style.yaml` (read, or looked for) and
/// the minutes the minute book is counted from.
fn dependencies(meeting: &Meeting, read: BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
    let mut files = read;
    files.insert(root_style_file(&meeting.dir));
    files.extend(
        meeting
            .minute_book
            .records()
            .iter()
            .map(|record| record.file.clone()),
    );
    files
}

/// The content root's `style.yaml`, beside the meeting folder `meeting_dir`, as the
/// loader looks for it.
fn root_style_file(meeting_dir: &Path) -> PathBuf {
    meeting_dir
        .parent()
        .unwrap_or(Path::new("."))
        .join(content::STYLE_FILE)
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
