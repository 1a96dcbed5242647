//! Finishing the exported pack: external pages placed, the outline written, the
//! catalog's false `/Suspects` dropped, and small objects packed into object streams,
//! without parsing the whole file: typst's objects are copied as bytes, and only the
//! ones that change (catalog, a placeholder page's resources) are parsed and rewritten.
//! New objects are numbered after typst's in a fixed order, so the same pack always
//! gives the same bytes.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};

use super::ahead::CopiedAhead;
use super::external::{self, ExternalPage};
use super::outline::{self, Bookmark};
use super::packed::PackWriter;
use super::raw::{self, RawPdf};
use crate::error::{ContentError, Error, Result};
use crate::fingerprint::Hashing;

/// A finished pack.
pub struct Finished {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// What the author should know (an external PDF without embedded fonts).
    pub warnings: Vec<ContentError>,
}

/// The PDF `pack` as typst exported it, with the external pages placed and the
/// outline replaced by `bookmarks`.
pub fn finish(pack: &[u8], pages: &[ExternalPage], bookmarks: &[Bookmark]) -> Result<Finished> {
    let ahead = CopiedAhead::default();
    let (bytes, warnings) = finish_into(
        pack,
        pages,
        bookmarks,
        &ahead,
        Vec::with_capacity(pack.len()),
    )?;
    Ok(Finished { bytes, warnings })
}

/// Finishes `pack` as [`finish`] does into the file `path`, written as it is made
/// (atomically), taking the supplied pages copied `ahead`; returns the warnings and
/// the hash of the file's bytes ([`crate::fingerprint::of_bytes`]).
pub fn write_finished(
    path: &Path,
    pack: &[u8],
    pages: &[ExternalPage],
    bookmarks: &[Bookmark],
    ahead: &CopiedAhead,
) -> Result<(Vec<ContentError>, String)> {
    super::write_atomically_with(path, |file| {
        let (hashing, warnings) = finish_into(pack, pages, bookmarks, ahead, Hashing::new(file))?;
        Ok((warnings, hashing.finish().1))
    })
}

/// [`finish`], written to `out` as it goes: a supplied PDF's pages are written out
/// before the next file is read (unless copied `ahead`). Returns `out` and the
/// warnings.
pub fn finish_into<W: Write>(
    pack: &[u8],
    pages: &[ExternalPage],
    bookmarks: &[Bookmark],
    ahead: &CopiedAhead,
    out: W,
) -> Result<(W, Vec<ContentError>)> {
    let reread = |what: &str| Error::Pdf(format!("re-reading the exported pack: {what}"));
    let raw = RawPdf::read(pack).map_err(|err| reread(&err))?;
    let catalog_id = raw
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| reread("no catalog"))?;
    let mut catalog = raw
        .dictionary(&Object::Reference(catalog_id))
        .ok_or_else(|| reread("the catalog is not a dictionary"))?;
    let pack_pages = raw.pages(&catalog).ok_or_else(|| reread("bad page tree"))?;

    let mut changes = Changes {
        out: PackWriter::new(out, raw.header).map_err(written)?,
        changed: BTreeSet::new(),
        next: raw.size().max(1),
    };
    // typst's streams (content, fonts, images) never change: out first, as they are.
    for number in 1..raw.size() {
        if let Some(body) = raw.body(number).filter(|body| raw::is_stream(body)) {
            changes
                .out
                .object(number, Cow::Borrowed(body), true)
                .map_err(written)?;
        }
    }

    let warnings = external::place(&raw, &pack_pages, pages, ahead, &mut changes)?;

    // typst's outline (from the headings it bookmarks) gives way to the pack's.
    if let Ok(typst_outline) = catalog.get(b"Outlines").and_then(Object::as_reference) {
        changes
            .changed
            .extend(raw.outline(typst_outline).iter().map(|id| id.0));
    }
    let mut scratch = changes.scratch();
    match outline::write(&mut scratch, bookmarks, &pack_pages)? {
        Some(root) => catalog.set("Outlines", Object::Reference(root)),
        None => {
            catalog.remove(b"Outlines");
        }
    }
    changes.absorb(scratch)?;
    drop_false_suspects(&mut catalog);
    changes.replace(catalog_id, &Object::Dictionary(catalog))?;

    // typst's other objects, unless changed or dropped.
    for number in 1..raw.size() {
        if changes.changed.contains(&number) {
            continue;
        }
        if let Some(body) = raw.body(number).filter(|body| !raw::is_stream(body)) {
            changes
                .out
                .object(number, Cow::Borrowed(body), false)
                .map_err(written)?;
        }
    }
    let out = changes
        .out
        .finish(changes.next, &raw.trailer)
        .map_err(written)?;
    Ok((out, warnings))
}

fn written(err: std::io::Error) -> Error {
    Error::Pdf(format!("writing the pack: {err}"))
}

/// Removes `/Suspects false` from the catalog's `/MarkInfo`. False is the default, so
/// the file means the same without it, and poppler (pdfinfo, pdftotext) prints
/// "Syntax Error: Suspects object is wrong type" for every file that writes it.
fn drop_false_suspects(catalog: &mut lopdf::Dictionary) {
    if let Ok(Object::Dictionary(mark_info)) = catalog.get_mut(b"MarkInfo")
        && matches!(mark_info.get(b"Suspects"), Ok(Object::Boolean(false)))
    {
        mark_info.remove(b"Suspects");
    }
}

/// The finished file being written, and what finishing changes in typst's.
pub(super) struct Changes<'a, W: Write> {
    out: PackWriter<'a, W>,
    /// typst's non-stream objects replaced or left out.
    changed: BTreeSet<u32>,
    /// The next free object number.
    next: u32,
}

impl<W: Write> Changes<'_, W> {
    /// An empty document that numbers its objects after every object so far: new
    /// objects are made in it, then [`Changes::absorb`]ed.
    pub fn scratch(&self) -> Document {
        let mut doc = Document::with_version("1.7");
        doc.max_id = self.next - 1;
        doc
    }

    /// Writes the objects made in `doc` (from [`Changes::scratch`]).
    pub fn absorb(&mut self, doc: Document) -> Result<()> {
        self.next = self.next.max(doc.max_id + 1);
        for ((number, _), object) in doc.objects {
            self.out.lopdf_object(number, &object).map_err(written)?;
        }
        Ok(())
    }

    /// Writes the objects of `doc`, a document made apart (numbered from 1, referring
    /// only to its own objects), as the next free numbers: each number and reference
    /// moves up by the returned shift.
    pub fn absorb_apart(&mut self, doc: Document) -> Result<u32> {
        let shift = self.next - 1;
        for ((number, _), mut object) in doc.objects {
            shift_references(&mut object, shift);
            self.out
                .lopdf_object(number + shift, &object)
                .map_err(written)?;
        }
        self.next = self.next.max(doc.max_id + shift + 1);
        Ok(shift)
    }

    /// typst's non-stream object `id` is `object` from now on.
    pub fn replace(&mut self, id: ObjectId, object: &Object) -> Result<()> {
        self.changed.insert(id.0);
        self.out.lopdf_object(id.0, object).map_err(written)
    }
}

/// Moves every reference in `object` up by `shift`. Recursive: what is shifted was
/// copied within the nesting limit of `supplied`.
fn shift_references(object: &mut Object, shift: u32) {
    match object {
        Object::Reference(id) => id.0 += shift,
        Object::Array(items) => items
            .iter_mut()
            .for_each(|item| shift_references(item, shift)),
        Object::Dictionary(dict) => dict
            .iter_mut()
            .for_each(|(_, value)| shift_references(value, shift)),
        Object::Stream(stream) => stream
            .dict
            .iter_mut()
            .for_each(|(_, value)| shift_references(value, shift)),
        _ => {}
    }
}
