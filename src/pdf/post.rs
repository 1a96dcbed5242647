//! Finishing the exported pack with lopdf: external pages placed, the outline
//! written, unused objects dropped, small objects packed into object streams. Object numbers are allocated in a fixed order, so
//! the same pack always gives the same bytes.

use lopdf::{Document, Object};

use super::external::{self, ExternalPage};
use super::outline::{self, Bookmark};
use crate::error::{ContentError, Error, Result};

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
    let mut doc = Document::load_mem(pack)
        .map_err(|err| Error::Pdf(format!("re-reading the exported pack: {err}")))?;
    let warnings = external::place(&mut doc, pages)?;
    outline::write(&mut doc, bookmarks)?;
    drop_false_suspects(&mut doc);
    // The placeholder images and typst's own outline are no longer used.
    doc.prune_objects();
    // Object streams and a cross-reference stream (PDF 1.5, allowed by PDF/A-2 and
    // PDF/UA-1) halve the size of a pack whose tag tree is thousands of small objects.
    let mut out = Vec::with_capacity(pack.len());
    doc.save_modern(&mut out)
        .map_err(|err| Error::Pdf(format!("writing the pack: {err}")))?;
    Ok(Finished {
        bytes: out,
        warnings,
    })
}

/// Removes `/Suspects false` from the catalog's `/MarkInfo`. False is the default, so
/// the file means the same without it, and poppler (pdfinfo, pdftotext) prints
/// "Syntax Error: Suspects object is wrong type" for every file that writes it.
fn drop_false_suspects(doc: &mut Document) {
    let Ok(catalog) = doc.catalog_mut() else {
        return;
    };
    if let Ok(Object::Dictionary(mark_info)) = catalog.get_mut(b"MarkInfo")
        && matches!(mark_info.get(b"Suspects"), Ok(Object::Boolean(false)))
    {
        mark_info.remove(b"Suspects");
    }
}
