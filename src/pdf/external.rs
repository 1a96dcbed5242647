//! External PDF appendices in the exported pack: each placeholder page's one-pixel
//! image is swapped for a Form XObject holding the supplied page, so the page's text
//! stays selectable under PDF/UA and PDF/A, where typst cannot embed a PDF.
//!
//! The placeholder is drawn inside a tagged `Figure` (alternative text naming the
//! appendix and page), between the pack's header and footer artifacts, so the swap
//! keeps the tag tree, page labels, outline and links valid: only the page's
//! resources change and new objects are added. The supplied page's own marked-content
//! operators are dropped, since its structure tree does not come with it.
//!
//! The supplied PDF is untrusted: it is read within limits (`supplied`), and only
//! what its page draws is copied: the drawing resource categories, without actions,
//! attachments, annotations or metadata, each object once (pages alike share one
//! form), following references through a work list rather than recursion, within
//! the copying limits.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use rayon::prelude::*;

use super::ahead::CopiedAhead;
use super::post::Changes;
use super::prescan;
use super::raw::RawPdf;
use super::supplied::{
    self, MAX_CONTENT_WORK_BYTES, MAX_COPY_WORK, MAX_NESTING, MAX_STREAM_BYTES, Refusal, Supplied,
};
use crate::error::{ContentError, Error, Result};

/// One page of the pack to fill with a page of an external PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalPage {
    /// The pack's page, from 1.
    pub pack_page: usize,
    /// The external PDF.
    pub file: PathBuf,
    /// Its page to place, from 1.
    pub page: usize,
}

/// The placeholder image's size on a portrait page (21 cm x 29.7 cm), in points: the
/// area the external page is fitted into, centred. A page shown wider than tall gets a
/// landscape page of the pack and the area turned.
const AREA: (f32, f32) = (595.2756, 841.8898);

/// The resource categories a content stream can use; no other is copied.
const DRAWING_RESOURCES: [&[u8]; 8] = [
    b"Font",
    b"XObject",
    b"ExtGState",
    b"ColorSpace",
    b"Pattern",
    b"Shading",
    b"Properties",
    b"ProcSet",
];

/// Keys that never draw, dropped wherever they occur in what is copied: actions and
/// scripts, attachments, annotations, metadata, and links into the supplied PDF's
/// page tree, structure tree and document catalog.
const NOT_DRAWING: [&[u8]; 21] = [
    b"A",
    b"AA",
    b"JS",
    b"OpenAction",
    b"Next",
    b"URI",
    b"EmbeddedFiles",
    b"EF",
    b"RF",
    b"AF",
    b"Annots",
    b"AcroForm",
    b"Names",
    b"Dests",
    b"Outlines",
    b"Metadata",
    b"PieceInfo",
    b"OPI",
    b"Parent",
    b"StructParent",
    b"StructParents",
];

/// Object types that never draw, copied as null wherever a resource refers to one.
const NOT_DRAWING_TYPES: [&[u8]; 13] = [
    b"Catalog",
    b"Pages",
    b"Page",
    b"Annot",
    b"Action",
    b"Filespec",
    b"EmbeddedFile",
    b"Metadata",
    b"StructTreeRoot",
    b"StructElem",
    b"Outlines",
    b"Sig",
    b"Collection",
];

/// How many supplied PDFs are read and copied at once, each on its own core: memory
/// holds this many of the largest, not all of them.
fn files_at_once() -> usize {
    rayon::current_num_threads().clamp(1, 4)
}

/// Fills the placeholder pages of typst's exported pack `raw` (whose pages are
/// `pack_pages`) with the external pages, recording the objects in `changes`. A few
/// supplied PDFs are read and copied at once, in parallel ([`files_at_once`]), their
/// copies written out before the next are read. Returns warnings: fonts an external
/// PDF does not embed (PDF/UA and PDF/A require them).
pub(super) fn place<W: Write>(
    raw: &RawPdf<'_>,
    pack_pages: &[ObjectId],
    pages: &[ExternalPage],
    ahead: &CopiedAhead,
    changes: &mut Changes<'_, W>,
) -> Result<Vec<ContentError>> {
    let mut by_file: BTreeMap<&Path, Vec<&ExternalPage>> = BTreeMap::new();
    for placement in pages {
        by_file
            .entry(placement.file.as_path())
            .or_default()
            .push(placement);
    }
    let files: Vec<(&Path, Vec<&ExternalPage>)> = by_file.into_iter().collect();
    let mut warnings = Vec::new();
    for batch in files.chunks(files_at_once()) {
        let copied: Vec<Result<Copied>> = batch
            .par_iter()
            .map(|(file, placements)| match ahead.take(file) {
                Some(copied) => copied,
                None => {
                    let pages: Vec<usize> = placements.iter().map(|p| p.page).collect();
                    copy_pages(file, supplied::open(file)?, Some(&pages))
                }
            })
            .collect();
        for (copied, (file, placements)) in copied.into_iter().zip(batch) {
            let copied = copied?;
            let shift = changes.absorb_apart(copied.objects)?;
            for &placement in placements {
                let form = copied.forms.get(&placement.page).ok_or_else(|| {
                    Refusal::NoSuchPage(placement.page).in_file(placement.file.as_path())
                })?;
                fill(
                    raw,
                    pack_pages,
                    placement,
                    (form.0 + shift, form.1),
                    changes,
                )?;
            }
            if !copied.unembedded.is_empty() {
                warnings.push(unembedded_warning(file, copied.unembedded));
            }
        }
    }
    Ok(warnings)
}

/// Points the placeholder of the pack's page that `placement` fills at `form`.
fn fill<W: Write>(
    raw: &RawPdf<'_>,
    pack_pages: &[ObjectId],
    placement: &ExternalPage,
    form: ObjectId,
    changes: &mut Changes<'_, W>,
) -> Result<()> {
    let page_id = placement
        .pack_page
        .checked_sub(1)
        .and_then(|i| pack_pages.get(i))
        .copied()
        .ok_or_else(|| Error::Pdf(format!("the pack has no page {}", placement.pack_page)))?;
    let (id, swapped) = swap_placeholder(raw, page_id, form).map_err(|err| {
        Error::Pdf(format!(
            "page {} of the pack: {err} (placing page {} of {})",
            placement.pack_page,
            placement.page,
            placement.file.display()
        ))
    })?;
    changes.replace(id, &Object::Dictionary(swapped))
}

/// The pages of one supplied PDF, copied apart from the pack.
pub(super) struct Copied {
    /// The copies, numbered from 1.
    objects: Document,
    /// Each page copied (from 1) and its form in `objects`.
    forms: BTreeMap<usize, ObjectId>,
    /// The fonts the copied pages use without embedding them.
    unembedded: BTreeSet<String>,
}

/// Copies `pages` (from 1; every page if `None`) of the supplied PDF `file`, read as
/// `supplied`, in that order: the same pages always give the same objects.
pub(super) fn copy_pages(
    file: &Path,
    supplied: Supplied,
    pages: Option<&[usize]>,
) -> Result<Copied> {
    let mut source = Source::new(supplied);
    let every: Vec<usize>;
    let pages = match pages {
        Some(pages) => pages,
        None => {
            every = (1..=source.pages.len()).collect();
            &every
        }
    };
    let mut objects = Document::with_version("1.7");
    let mut forms = BTreeMap::new();
    let mut unembedded = BTreeSet::new();
    for &page in pages {
        let form = source
            .form(page, &mut objects)
            .map_err(|refusal| refusal.in_file(file))?;
        unembedded.extend(form.unembedded);
        forms.insert(page, form.id);
    }
    Ok(Copied {
        objects,
        forms,
        unembedded,
    })
}

/// The warning about the fonts the supplied PDF `file` does not embed.
fn unembedded_warning(file: &Path, fonts: BTreeSet<String>) -> ContentError {
    ContentError::in_file(
        file,
        format!(
            "fonts not embedded ({}); the pack will not fully conform to PDF/UA or PDF/A",
            fonts.into_iter().collect::<Vec<_>>().join(", ")
        ),
    )
    .with_hint("ask the supplier for a copy with embedded fonts (for example exported as PDF/A)")
}

/// The warnings a build gives about the supplied PDF at `file` (the fonts it does not
/// embed), found by placing each of its pages in an empty document as a build does:
/// for `check`, which exports no pack.
pub fn supplied_warnings(file: &Path) -> Result<Vec<ContentError>> {
    let mut source = Source::new(supplied::open(file)?);
    let mut scratch = Document::with_version("1.7");
    let mut fonts = BTreeSet::new();
    for page in 1..=source.pages.len() {
        let form = source
            .form(page, &mut scratch)
            .map_err(|refusal| refusal.in_file(file))?;
        fonts.extend(form.unembedded);
    }
    Ok((!fonts.is_empty())
        .then(|| unembedded_warning(file, fonts))
        .into_iter()
        .collect())
}

/// Reads `bytes` as a supplied PDF and places each of its pages in an empty
/// document, as a build does, then writes that document: the import path on its
/// own, for fuzzing. Returns the number of pages.
pub fn import_supplied(bytes: &[u8]) -> Result<usize, Refusal> {
    let mut source = Source::new(supplied::read(bytes)?);
    let mut pack = Document::with_version("1.7");
    for page in 1..=source.pages.len() {
        source.form(page, &mut pack)?;
    }
    // Writing to memory fails only on what the copy let through, which is a bug.
    pack.save_to(&mut Vec::new())
        .expect("a document of copied pages can be written");
    Ok(source.pages.len())
}

/// A supplied PDF being copied from: the forms made, the objects copied, and the
/// work done, which the limits bound.
struct Source {
    /// The supplied PDF.
    doc: Document,
    /// Its pages, numbered from 1.
    pages: BTreeMap<u32, ObjectId>,
    /// The forms made so far.
    forms: HashMap<FormKey, Form>,
    /// The objects copied so far.
    copier: Copier,
    /// Page content parsed so far, in bytes.
    content_read: usize,
}

/// What a supplied page's form is made of: pages alike in all of it share one form,
/// so a thousand pages sharing one content stream are parsed and copied once.
#[derive(Debug, PartialEq, Eq, Hash)]
struct FormKey {
    /// The content streams, in order.
    contents: Vec<ObjectId>,
    /// Where the resources are.
    resources: Option<Place>,
    /// The page box, as the bits of its numbers.
    bbox: [u32; 4],
    /// The rotation in degrees.
    rotate: i64,
}

/// Where a page's resources are: an object of their own, or inline in a page tree node.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Place {
    /// An object of their own.
    Object(ObjectId),
    /// Inline in this page or page tree node.
    InlineIn(ObjectId),
}

/// A supplied page as a Form XObject in the pack.
#[derive(Debug, Clone)]
struct Form {
    /// Its object in the pack.
    id: ObjectId,
    /// The fonts it uses without embedding them.
    unembedded: Vec<String>,
}

impl Source {
    fn new(supplied: Supplied) -> Self {
        Self {
            doc: supplied.doc,
            pages: supplied.pages,
            forms: HashMap::new(),
            copier: Copier::default(),
            content_read: 0,
        }
    }

    /// Page `page` (from 1) as a Form XObject in `pack` whose matrix fits it into the
    /// placeholder's unit square: made once for pages alike, within the limits.
    fn form(&mut self, page: usize, pack: &mut Document) -> Result<Form, Refusal> {
        let page_id = u32::try_from(page)
            .ok()
            .and_then(|n| self.pages.get(&n).copied())
            .ok_or(Refusal::NoSuchPage(page))?;
        let doc = &self.doc;
        let (bbox, rotate) = shown_box(doc, page_id);
        let resources = inherited(doc, page_id, b"Resources");
        let contents = doc.get_page_contents(page_id);
        // Every page costs its content streams' count, even one that shares its form.
        self.copier
            .charge(contents.len())
            .map_err(|Exhausted| Refusal::TooMuchCopying(page))?;
        let key = FormKey {
            contents,
            resources: resources.as_ref().map(|(node, value)| match value {
                Object::Reference(id) => Place::Object(*id),
                _ => Place::InlineIn(*node),
            }),
            bbox: bbox.map(f32::to_bits),
            rotate,
        };
        if let Some(form) = self.forms.get(&key) {
            return Ok(form.clone());
        }

        let remaining = MAX_CONTENT_WORK_BYTES.saturating_sub(self.content_read);
        let content = doc
            .get_page_content_with_limit(page_id, MAX_STREAM_BYTES.min(remaining))
            .map_err(|_| {
                if remaining < MAX_STREAM_BYTES {
                    Refusal::TooMuchContent(page)
                } else {
                    Refusal::StreamTooLarge(Some(page))
                }
            })?;
        self.content_read += content.len();
        if prescan::content_too_deep(&content, MAX_NESTING).is_some() {
            return Err(Refusal::ContentTooDeep(page));
        }
        let content = without_marked_content(content);
        let none = Object::Dictionary(Dictionary::new());
        let resources = resources.map_or(&none, |(_, value)| value);
        let (unembedded, examined) = unembedded_fonts(doc, resources);
        let resources = self
            .copier
            .charge(examined)
            .map_err(Stop::from)
            .and_then(|()| self.copier.copy(doc, resources, pack))
            .map_err(|stop| match stop {
                Stop::Exhausted => Refusal::TooMuchCopying(page),
                Stop::ContentTooDeep => Refusal::ContentTooDeep(page),
                Stop::ContentUnreadable => Refusal::ContentUnreadable(page),
            })?;

        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set(
            "BBox",
            Object::Array(bbox.iter().map(|&v| Object::Real(v)).collect()),
        );
        dict.set(
            "Matrix",
            Object::Array(
                fit_matrix(bbox, rotate)
                    .iter()
                    .map(|&v| Object::Real(v))
                    .collect(),
            ),
        );
        dict.set("Resources", resources);
        // zlib's default level, as typst's and the object streams': lopdf's `compress`
        // takes the best, 8% of a supplied pack's processor time for 0.1% of its size.
        let compressed = super::packed::compress(&content);
        let content = if compressed.len() < content.len() {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            compressed
        } else {
            content
        };
        let stream = Stream::new(dict, content);
        let form = Form {
            id: pack.add_object(stream),
            unembedded,
        };
        self.forms.insert(key, form.clone());
        Ok(form)
    }
}

/// The copying work ran out: more than [`MAX_COPY_WORK`] objects visited, objects
/// nested deeper than [`MAX_NESTING`], or more than [`MAX_CONTENT_WORK_BYTES`] of
/// drawn content scanned.
struct Exhausted;

/// Why copying a page's resources stopped.
enum Stop {
    /// The work ran out ([`Exhausted`]).
    Exhausted,
    /// A form, pattern or glyph the page draws nests its content deeper than
    /// [`MAX_NESTING`].
    ContentTooDeep,
    /// A form, pattern or glyph the page draws has content lopdf cannot decode.
    ContentUnreadable,
}

impl From<Exhausted> for Stop {
    fn from(Exhausted: Exhausted) -> Self {
        Stop::Exhausted
    }
}

/// How a copied dictionary is filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    /// A resource dictionary: only the drawing categories.
    Resources,
    /// Anything else: all but the keys that never draw.
    Other,
    /// A Type 3 font's glyph procedures: each one content.
    GlyphProcedures,
    /// A glyph procedure: content, copied as anything else.
    Glyph,
}

/// Copies objects of one supplied PDF into the pack, each once, counting the work.
#[derive(Default)]
struct Copier {
    /// (id in the supplied PDF, role) -> id in the pack.
    copied: HashMap<(ObjectId, Role), ObjectId>,
    /// Objects visited so far.
    visited: usize,
    /// Content of the forms, patterns and glyphs copied, scanned so far, in bytes.
    content_scanned: usize,
}

impl Copier {
    /// Counts `work` more objects visited.
    fn charge(&mut self, work: usize) -> Result<(), Exhausted> {
        self.visited = self.visited.saturating_add(work);
        if self.visited > MAX_COPY_WORK {
            return Err(Exhausted);
        }
        Ok(())
    }

    /// A copy of the resource dictionary `resources` of `doc` in `pack`, with what it
    /// refers to. References are followed through a work list, not recursion, so a
    /// long chain of them costs no stack.
    fn copy(
        &mut self,
        doc: &Document,
        resources: &Object,
        pack: &mut Document,
    ) -> Result<Object, Stop> {
        let mut queue = Vec::new();
        let copy = self.value(resources, Role::Resources, pack, &mut queue, 0)?;
        while let Some((source, role, target)) = queue.pop() {
            let object = doc.objects.get(&source).unwrap_or(&Object::Null);
            let copy = self.value(object, role, pack, &mut queue, 0)?;
            pack.objects.insert(target, copy);
        }
        Ok(copy)
    }

    /// A copy of the direct object `object`; the objects it refers to are numbered
    /// in `pack` and queued.
    fn value(
        &mut self,
        object: &Object,
        role: Role,
        pack: &mut Document,
        queue: &mut Vec<(ObjectId, Role, ObjectId)>,
        depth: usize,
    ) -> Result<Object, Stop> {
        self.charge(1)?;
        if depth > MAX_NESTING {
            return Err(Stop::Exhausted);
        }
        Ok(match object {
            Object::Reference(id) => {
                let target = match self.copied.get(&(*id, role)) {
                    Some(&target) => target,
                    None => {
                        let target = pack.new_object_id();
                        self.copied.insert((*id, role), target);
                        queue.push((*id, role, target));
                        target
                    }
                };
                Object::Reference(target)
            }
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|item| self.value(item, Role::Other, pack, queue, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Object::Dictionary(dict) => self
                .dict(dict, role, pack, queue, depth)?
                .map_or(Object::Null, Object::Dictionary),
            Object::Stream(stream) => match self.dict(&stream.dict, role, pack, queue, depth)? {
                Some(dict) => {
                    if role == Role::Glyph || draws_content(&stream.dict) {
                        self.scan_content(stream)?;
                    }
                    let mut copy = stream.clone();
                    copy.dict = dict;
                    Object::Stream(copy)
                }
                None => Object::Null,
            },
            other => other.clone(),
        })
    }

    /// A copy of `dict` without what never draws, or `None` if it never draws at all.
    fn dict(
        &mut self,
        dict: &Dictionary,
        role: Role,
        pack: &mut Document,
        queue: &mut Vec<(ObjectId, Role, ObjectId)>,
        depth: usize,
    ) -> Result<Option<Dictionary>, Stop> {
        let never_draws = dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|kind| NOT_DRAWING_TYPES.contains(&kind));
        if never_draws {
            return Ok(None);
        }
        let mut copy = Dictionary::new();
        for (key, value) in dict.iter() {
            let key = key.as_slice();
            let keep = match role {
                Role::Resources => DRAWING_RESOURCES.contains(&key),
                _ => !NOT_DRAWING.contains(&key),
            };
            if keep {
                let role = match (role, key) {
                    (_, b"Resources") => Role::Resources,
                    (Role::GlyphProcedures, _) => Role::Glyph,
                    (_, b"CharProcs") => Role::GlyphProcedures,
                    _ => Role::Other,
                };
                copy.set(key, self.value(value, role, pack, queue, depth + 1)?);
            }
        }
        Ok(Some(copy))
    }

    /// Checks the nesting of the content `stream` (a form, pattern or glyph the page
    /// draws), which is copied as it is: the build never parses it, but a renderer
    /// does, as `preview --png` does with hayro's lexer, which recurses once a level.
    /// Content lopdf cannot decode (an image's filter, which no real content uses) is
    /// refused: another reader might decode what this scan did not see.
    fn scan_content(&mut self, stream: &Stream) -> Result<(), Stop> {
        let remaining = MAX_CONTENT_WORK_BYTES.saturating_sub(self.content_scanned);
        let content = match stream.get_plain_content_with_limit(MAX_STREAM_BYTES.min(remaining)) {
            Ok(content) => content,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(Stop::Exhausted);
            }
            Err(_) => return Err(Stop::ContentUnreadable),
        };
        self.content_scanned += content.len();
        match prescan::content_too_deep(&content, MAX_NESTING) {
            Some(_) => Err(Stop::ContentTooDeep),
            None => Ok(()),
        }
    }
}

/// Whether a stream with `dict` is content drawn by a page: a form, or a tiling
/// pattern's cell.
fn draws_content(dict: &Dictionary) -> bool {
    dict.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Form")
        || dict
            .get(b"PatternType")
            .and_then(Object::as_i64)
            .is_ok_and(|t| t == 1)
}

/// The names of the fonts in the resource dictionary `resources` of `doc` that are
/// not embedded, and the number of fonts examined.
fn unembedded_fonts(doc: &Document, resources: &Object) -> (Vec<String>, usize) {
    let resolve = |object: &Object| -> Option<Dictionary> {
        match object {
            Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
            Object::Dictionary(dict) => Some(dict.clone()),
            _ => None,
        }
    };
    let Some(fonts) = resolve(resources).and_then(|r| resolve(r.get(b"Font").ok()?)) else {
        return (Vec::new(), 0);
    };
    let mut missing = Vec::new();
    for (_, font) in fonts.iter() {
        let Some(font) = resolve(font) else { continue };
        let subtype = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Type3" {
            continue;
        }
        // A composite font's descriptor is its descendant's.
        let described = match subtype {
            b"Type0" => font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|d| match d {
                    Object::Reference(id) => doc.get_object(*id).ok(),
                    other => Some(other),
                })
                .and_then(|d| d.as_array().ok()?.first().and_then(&resolve)),
            _ => Some(font.clone()),
        };
        let embedded = described
            .and_then(|f| resolve(f.get(b"FontDescriptor").ok()?))
            .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
        if !embedded {
            let name = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_else(|_| "unnamed".into());
            missing.push(name);
        }
    }
    (missing, fonts.len())
}

/// A page attribute and the page tree node it was found in, looked up through the
/// page tree as PDF inheritance says.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<(ObjectId, &'a Object)> {
    let mut id = page;
    for _ in 0..32 {
        let node = doc.get_dictionary(id).ok()?;
        if let Ok(value) = node.get(key) {
            return Some((id, value));
        }
        id = node.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// A rectangle `[x0 y0 x1 y1]`, normalised.
fn page_box(doc: &Document, object: &Object) -> Option<[f32; 4]> {
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let values: Vec<f32> = object
        .as_array()
        .ok()?
        .iter()
        .filter_map(|v| v.as_float().ok())
        .collect();
    let [a, b, c, d] = values.as_slice() else {
        return None;
    };
    let rect = [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
    (rect[2] > rect[0] && rect[3] > rect[1]).then_some(rect)
}

/// The pages (from 1) of a supplied PDF that are shown wider than tall, once turned:
/// they get landscape pages in the pack.
pub(crate) fn landscape_pages(supplied: &Supplied) -> Vec<usize> {
    let doc = &supplied.doc;
    supplied
        .pages
        .iter()
        .filter(|&(_, &page_id)| {
            let (bbox, rotate) = shown_box(doc, page_id);
            shows_landscape(bbox, rotate)
        })
        .map(|(&number, _)| number as usize)
        .collect()
}

/// A page's box (crop box, else media box, else A4) and its rotation in degrees.
fn shown_box(doc: &Document, page_id: ObjectId) -> ([f32; 4], i64) {
    let attribute = |key: &[u8]| inherited(doc, page_id, key).map(|(_, value)| value);
    let bbox = attribute(b"CropBox")
        .or_else(|| attribute(b"MediaBox"))
        .and_then(|b| page_box(doc, b))
        .unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let rotate = attribute(b"Rotate")
        .and_then(|r| r.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    (bbox, rotate)
}

/// Whether the page box `bbox`, turned by `rotate` degrees, is wider than tall.
fn shows_landscape(bbox: [f32; 4], rotate: i64) -> bool {
    let [x0, y0, x1, y1] = bbox;
    let (w, h) = (x1 - x0, y1 - y0);
    if rotate % 180 == 90 { h > w } else { w > h }
}

/// The form matrix taking the page box `bbox`, shown turned by `rotate` degrees
/// clockwise, to the placeholder's unit square, fitted (aspect kept) and centred in
/// the placeholder's area.
fn fit_matrix(bbox: [f32; 4], rotate: i64) -> [f32; 6] {
    let [x0, y0, x1, y1] = bbox;
    let (w, h) = (x1 - x0, y1 - y0);
    // Turning: u = a x' + c y' + e, v = b x' + d y' + f, with x' = x - x0, y' = y - y0.
    let ([a, b, c, d, e, f], (shown_w, shown_h)) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], (h, w)),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], (w, h)),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], (h, w)),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], (w, h)),
    };
    let (area_w, area_h) = if shows_landscape(bbox, rotate) {
        (AREA.1, AREA.0)
    } else {
        AREA
    };
    let scale = (area_w / shown_w).min(area_h / shown_h);
    let (ox, oy) = (
        (area_w - scale * shown_w) / 2.0,
        (area_h - scale * shown_h) / 2.0,
    );
    [
        scale * a / area_w,
        scale * b / area_h,
        scale * c / area_w,
        scale * d / area_h,
        (scale * (e - a * x0 - c * y0) + ox) / area_w,
        (scale * (f - b * x0 - d * y0) + oy) / area_h,
    ]
}

/// The marked-content operators.
const MARKED: [&str; 5] = ["BDC", "BMC", "EMC", "MP", "DP"];

/// An operation added at the end of a content stream: a parser read everything only
/// if it comes out last.
const END: &[u8] = b"\n/AgendaPackContentEnd MP\n";

/// The content without marked-content operators (they point into a structure tree
/// the pack does not have); unchanged if it cannot be parsed to its end.
fn without_marked_content(content: Vec<u8>) -> Vec<u8> {
    let mentions = |operator: &str| {
        content
            .windows(operator.len())
            .any(|w| w == operator.as_bytes())
    };
    if !MARKED.into_iter().any(mentions) {
        return content;
    }
    let mut probe = content.clone();
    probe.extend_from_slice(END);
    spans_without_marked(&probe)
        .or_else(|| reencoded_without_marked(&probe))
        .unwrap_or(content)
}

/// The bytes of `probe` (a content stream ending in [`END`]) as they are, less each
/// marked-content operator with its operands. hayro-syntax's lexer (typst's, for PDF
/// images) reads the operators in place, so each one's end is where it lies in
/// `probe`: a sixth of a supplied pack's time went on parsing every operation into
/// objects and writing it again. `None` where the positions cannot be vouched for (an
/// inline image, whose data the lexer reads past its operator; an operator it
/// copied) or the lexer stopped before the end.
fn spans_without_marked(probe: &[u8]) -> Option<Vec<u8>> {
    let bytes = probe.as_ptr_range();
    let mut out = Vec::with_capacity(probe.len());
    let (mut from, mut gap) = (0, false);
    let mut operations = hayro_syntax::content::UntypedIter::new(probe);
    let mut last = None;
    while let Some(operation) = operations.next() {
        let operator: &[u8] = operation.operator;
        if operator == b"BI" || !bytes.contains(&operator.as_ptr()) {
            return None;
        }
        let end = operator.as_ptr() as usize - bytes.start as usize + operator.len();
        if MARKED.iter().any(|marked| marked.as_bytes() == operator) {
            gap = true;
        } else {
            // What followed the dropped operator began with a delimiter or a space,
            // but a line break keeps the tokens apart whatever it was.
            if std::mem::take(&mut gap) {
                out.push(b'\n');
            }
            out.extend_from_slice(probe.get(from..end)?);
        }
        from = end;
        last = Some(end);
    }
    (last == Some(probe.len() - 1)).then_some(out)
}

/// `probe` (a content stream ending in [`END`]) without its marked-content
/// operators, each other operation parsed with lopdf and written again: the way for
/// what [`spans_without_marked`] cannot vouch for. Operations are read and written
/// one at a time, so parsing costs no more memory than the content itself.
fn reencoded_without_marked(probe: &[u8]) -> Option<Vec<u8>> {
    let is_end = |op: &Operation| {
        op.operator == "MP"
            && matches!(op.operands.as_slice(), [Object::Name(name)] if name == b"AgendaPackContentEnd")
    };
    let mut out = Vec::with_capacity(probe.len());
    let mut ended = false;
    for op in Content::decode_iter(probe) {
        let op = op.ok()?;
        ended = is_end(&op);
        if MARKED.contains(&op.operator.as_str()) {
            continue;
        }
        let one = Content {
            operations: std::slice::from_ref(&op),
        };
        let bytes = one.encode().ok()?;
        if !out.is_empty() {
            out.push(b'\n');
        }
        out.extend_from_slice(&bytes);
    }
    ended.then_some(out)
}

/// The object that points the placeholder image of page `page_id` at `form_id`
/// instead, and its new value: the page's resource dictionary (typst writes each page
/// its own), or the page when its resources are inline.
fn swap_placeholder(
    raw: &RawPdf<'_>,
    page_id: ObjectId,
    form_id: ObjectId,
) -> Result<(ObjectId, Dictionary), String> {
    let mut page = raw
        .dictionary(&Object::Reference(page_id))
        .ok_or("the page is not a dictionary")?;
    let resources = page
        .get(b"Resources")
        .map_err(|_| "the page has no resources")?
        .clone();
    let mut dict = raw
        .dictionary(&resources)
        .ok_or("the page's resources are not a dictionary")?;
    let mut xobjects = dict
        .get(b"XObject")
        .ok()
        .and_then(|x| raw.dictionary(x))
        .ok_or("the page has no placeholder image")?;
    let name = xobjects
        .iter()
        .find(|(_, value)| is_placeholder(raw, value))
        .map(|(name, _)| name.clone())
        .ok_or("the page has no placeholder image")?;
    xobjects.set(name, Object::Reference(form_id));
    dict.set("XObject", Object::Dictionary(xobjects));
    Ok(match resources {
        Object::Reference(id) => (id, dict),
        _ => {
            page.set("Resources", Object::Dictionary(dict));
            (page_id, page)
        }
    })
}

/// Whether an XObject entry is the placeholder: a one-pixel image.
fn is_placeholder(raw: &RawPdf<'_>, value: &Object) -> bool {
    let Some(dict) = raw.dictionary(value) else {
        return false;
    };
    let is = |key: &[u8], expected: &[u8]| {
        dict.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == expected)
    };
    let one = |key: &[u8]| dict.get(key).and_then(Object::as_i64).is_ok_and(|n| n == 1);
    is(b"Subtype", b"Image") && one(b"Width") && one(b"Height")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(m: [f32; 6], (x, y): (f32, f32)) -> (f32, f32) {
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-4 && (a.1 - b.1).abs() < 1e-4
    }

    #[test]
    fn marked_content_is_dropped_and_drawing_kept() {
        let content =
            b"/P <</MCID 3>> BDC BT /F1 12 Tf (Hi) Tj ET EMC /Artifact BMC 0 0 m 1 1 l S EMC"
                .to_vec();
        let out = String::from_utf8(without_marked_content(content)).unwrap();
        assert!(
            !out.contains("BDC") && !out.contains("BMC") && !out.contains("EMC"),
            "{out}"
        );
        assert!(
            out.contains("Tj") && out.contains("(Hi)") && out.contains('S'),
            "{out}"
        );
    }

    /// A one-page PDF drawing `content`, its cross-reference table computed.
    fn one_page(content: &str) -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ),
        ];
        let mut pdf = String::from("%PDF-1.7\n");
        let mut offsets = Vec::new();
        for (index, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf += &format!("{} 0 obj\n{body}\nendobj\n", index + 1);
        }
        let xref = pdf.len();
        pdf += "xref\n0 5\n0000000000 65535 f \n";
        for offset in offsets {
            pdf += &format!("{offset:010} 00000 n \n");
        }
        pdf += &format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.into_bytes()
    }

    #[test]
    fn the_import_path_places_a_page_or_says_why_not() {
        assert_eq!(import_supplied(&one_page("0 0 m 10 10 l S")), Ok(1));
        assert_eq!(
            import_supplied(b"%PDF-1.7 not really"),
            Err(Refusal::Unreadable)
        );
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(
            import_supplied(&one_page(&deep)),
            Err(Refusal::ContentTooDeep(1)),
            "nesting inside a content stream is refused before a reader recurses on it"
        );
        let shallow = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(import_supplied(&one_page(&shallow)), Ok(1));
    }

    #[test]
    fn the_lexer_keeps_what_draws_byte_for_byte_and_strings_that_look_like_operators() {
        let content =
            b"/P <</MCID 0>> BDC\nBT /F1 12 Tf (EMC BDC) Tj ET\nEMC\n0 0 m 1 1 l S".to_vec();
        let mut probe = content.clone();
        probe.extend_from_slice(END);
        let out = spans_without_marked(&probe).expect("the lexer reads it to the end");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\n\nBT /F1 12 Tf (EMC BDC) Tj ET\n\n0 0 m 1 1 l S"
        );
    }

    #[test]
    fn an_inline_image_is_left_to_the_parser_which_still_drops_marked_content() {
        let content = b"/P <</MCID 0>> BDC q BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q EMC".to_vec();
        let mut probe = content.clone();
        probe.extend_from_slice(END);
        assert_eq!(spans_without_marked(&probe), None);
        let out = without_marked_content(content);
        assert!(!out.windows(3).any(|w| w == b"BDC" || w == b"EMC"));
        assert!(out.windows(2).any(|w| w == b"EI"));
    }

    #[test]
    fn unparsable_content_is_kept_as_it_is() {
        let content = b"BT (unterminated".to_vec();
        assert_eq!(without_marked_content(content.clone()), content);
    }

    #[test]
    fn an_a4_page_fills_the_unit_square() {
        let m = fit_matrix([0.0, 0.0, AREA.0, AREA.1], 0);
        assert!(close(apply(m, (0.0, 0.0)), (0.0, 0.0)));
        assert!(close(apply(m, (AREA.0, AREA.1)), (1.0, 1.0)));
    }

    #[test]
    fn a_landscape_page_fills_a_landscape_area_centred() {
        // A landscape A4 page (offset box) fills the turned area: no shrinking.
        let m = fit_matrix([10.0, 20.0, 10.0 + AREA.1, 20.0 + AREA.0], 0);
        assert!(close(apply(m, (10.0, 20.0)), (0.0, 0.0)));
        assert!(close(apply(m, (10.0 + AREA.1, 20.0 + AREA.0)), (1.0, 1.0)));
        // A wider slide (16:9) is centred vertically in it.
        let m = fit_matrix([0.0, 0.0, 960.0, 540.0], 0);
        let (bottom_left, top_right) = (apply(m, (0.0, 0.0)), apply(m, (960.0, 540.0)));
        assert!((bottom_left.0).abs() < 1e-4 && (top_right.0 - 1.0).abs() < 1e-4);
        assert!((bottom_left.1 + top_right.1 - 1.0).abs() < 1e-4, "centred");
    }

    #[test]
    fn a_page_turned_90_degrees_shows_its_top_on_the_right() {
        // A landscape-shaped box turned clockwise is shown portrait: its top-left
        // corner goes to the top right.
        let m = fit_matrix([0.0, 0.0, AREA.1, AREA.0], 90);
        assert!(close(apply(m, (0.0, AREA.0)), (1.0, 1.0)));
        assert!(close(apply(m, (AREA.1, 0.0)), (0.0, 0.0)));
        assert!(!shows_landscape([0.0, 0.0, AREA.1, AREA.0], 90));
        assert!(shows_landscape([0.0, 0.0, AREA.0, AREA.1], 270));
    }
}
