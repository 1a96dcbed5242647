//! Draft exports for `preview --watch`: after a save, only the pages whose layout
//! changed since the last whole export are exported, and put in place of their old
//! selves in that export. typst's export costs about a millisecond a page, the same
//! for pages that did not change, so a long note's save was mostly export.

use std::collections::HashMap;

use lopdf::{Document, Object, ObjectId};
use rayon::prelude::*;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::error::{Error, Result};

/// A draft exported whole: the base later drafts patch.
struct Base {
    /// The hash of each page exported, in order.
    pages: Vec<u128>,
    /// The first page exported (from 1).
    first_page: usize,
    /// The PDF.
    bytes: Vec<u8>,
}

/// The drafts of one document, exported as it is edited.
#[derive(Default)]
pub struct Drafts {
    base: Option<Base>,
}

/// What [`Drafts::export`] made.
pub struct Draft {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Whether it was patched: some pages were not exported again, so links from a
    /// changed page to an unchanged one are missing until a whole export.
    pub patched: bool,
}

impl Drafts {
    /// The pages of `document` from `first_page` on, untagged: the pages laid out
    /// as in the last whole export taken from it, the others exported again. When
    /// more than half the pages changed, or their number, the whole is exported.
    pub fn export(
        &mut self,
        document: &PagedDocument,
        ident: &str,
        timestamp: Datetime,
        first_page: usize,
    ) -> Result<Draft> {
        // Hashing a page walks what typst laid out anew (a fifth of a long note's
        // render), page by page, so on all cores.
        let pages: Vec<u128> = document
            .pages()
            .get(first_page.saturating_sub(1)..)
            .unwrap_or_default()
            .par_iter()
            .map(typst::utils::hash128)
            .collect();
        if let Some(base) = self
            .base
            .as_ref()
            .filter(|base| base.first_page == first_page && base.pages.len() == pages.len())
        {
            let changed: Vec<usize> = (0..pages.len())
                .filter(|&i| pages[i] != base.pages[i])
                .collect();
            if changed.is_empty() {
                return Ok(Draft {
                    bytes: base.bytes.clone(),
                    patched: false,
                });
            }
            if changed.len() * 2 <= pages.len() {
                let numbers: Vec<usize> = changed.iter().map(|i| first_page + i).collect();
                let part = super::range::untagged_pages(document, ident, timestamp, &numbers)?;
                // Should typst's output not read back as expected, the whole will do.
                if let Ok(bytes) = replace_pages(&base.bytes, &part, &changed) {
                    return Ok(Draft {
                        bytes,
                        patched: true,
                    });
                }
            }
        }
        let bytes = super::range::export_from(document, ident, timestamp, first_page, false)?;
        self.base = Some(Base {
            pages,
            first_page,
            bytes: bytes.clone(),
        });
        Ok(Draft {
            bytes,
            patched: false,
        })
    }

    /// Forgets the last whole export (the next draft is exported whole).
    pub fn clear(&mut self) {
        self.base = None;
    }
}

/// The PDF `base` with its pages `changed` (from 0) replaced, in order, by the pages
/// of `part`. A new page takes its old self's object number, so links and the
/// outline that name it still do; the old page's content goes, and of `part`, all
/// but what its pages use.
fn replace_pages(base: &[u8], part: &[u8], changed: &[usize]) -> Result<Vec<u8>> {
    let read = |bytes: &[u8]| {
        Document::load_mem(bytes).map_err(|err| Error::Pdf(format!("re-reading a draft: {err}")))
    };
    let mut doc = read(base)?;
    let mut part = read(part)?;
    part.renumber_objects_with(doc.max_id + 1);
    let old: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let new: Vec<ObjectId> = part.get_pages().into_values().collect();
    let targets: Vec<ObjectId> = changed
        .iter()
        .filter_map(|&i| old.get(i).copied())
        .collect();
    if new.len() != targets.len() {
        return Err(Error::Pdf(format!(
            "a draft's {} changed pages were exported as {}",
            targets.len(),
            new.len()
        )));
    }
    let renamed: HashMap<ObjectId, ObjectId> = new.iter().copied().zip(targets).collect();
    // All of `part` moves in; its catalog, page tree and outline, which nothing of
    // the base names, go with the pruning below.
    for (id, mut object) in std::mem::take(&mut part.objects) {
        rename_references(&mut object, &renamed);
        let id = match renamed.get(&id) {
            Some(&target) => {
                // Keeps its place in the base's page tree.
                let parent = doc
                    .get_dictionary(target)
                    .and_then(|page| page.get(b"Parent"))
                    .cloned();
                if let (Object::Dictionary(page), Ok(parent)) = (&mut object, parent) {
                    page.set("Parent", parent);
                }
                target
            }
            None => id,
        };
        doc.objects.insert(id, object);
    }
    doc.max_id = doc.max_id.max(part.max_id);
    // The old pages' content streams and fonts no page uses any more, and what of
    // `part` is not its pages'.
    doc.prune_objects();
    let mut out = Vec::with_capacity(base.len());
    doc.save_to(&mut out)
        .map_err(|err| Error::Pdf(format!("writing a draft: {err}")))?;
    Ok(out)
}

/// Points the references in `object` named in `renamed` to their new numbers.
fn rename_references(object: &mut Object, renamed: &HashMap<ObjectId, ObjectId>) {
    let mut values = vec![object];
    while let Some(value) = values.pop() {
        match value {
            Object::Reference(id) => {
                if let Some(&target) = renamed.get(id) {
                    *id = target;
                }
            }
            Object::Array(items) => values.extend(items.iter_mut()),
            Object::Dictionary(dict) => values.extend(dict.iter_mut().map(|(_, v)| v)),
            Object::Stream(stream) => values.extend(stream.dict.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}
