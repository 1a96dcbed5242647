//! Exporting part of a laid-out document: the pages of one document, for previews,
//! tagged like the pack. typst tags only whole documents, so the whole is exported
//! and the pages before the part (laid out only to number it, and holding nothing
//! but artifacts) are dropped, their page labels with them.

use std::num::NonZeroUsize;

use lopdf::{Dictionary, Document, Object, ObjectId};
use typst::foundations::Datetime;
use typst::layout::PageRanges;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::error::{Error, Result};

/// Exports the pages of `document` from physical page `first_page` (1-based) on,
/// tagged (without a conformance claim) when `tagged`. Should the structure tree
/// refer to an earlier page, the part is exported untagged instead.
pub fn export_from(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    first_page: usize,
    tagged: bool,
) -> Result<Vec<u8>> {
    if !tagged {
        return untagged_from(document, ident, timestamp, first_page);
    }
    let whole = super::run_export(document, &super::fixed_options(ident, timestamp))?;
    let dropped = first_page.saturating_sub(1);
    if dropped == 0 {
        return Ok(whole);
    }
    let mut doc = Document::load_mem(&whole)
        .map_err(|err| Error::Pdf(format!("re-reading the preview: {err}")))?;
    let pages = doc.get_pages();
    let before: Vec<ObjectId> = pages.range(..=dropped as u32).map(|(_, id)| *id).collect();
    if structure_refers_to(&doc, &before) {
        return untagged_from(document, ident, timestamp, first_page);
    }
    let numbers: Vec<u32> = (1..=dropped as u32).collect();
    doc.delete_pages(&numbers);
    shift_page_labels(&mut doc, dropped)?;
    doc.prune_objects();
    let mut out = Vec::with_capacity(whole.len());
    doc.save_to(&mut out)
        .map_err(|err| Error::Pdf(format!("writing the preview: {err}")))?;
    Ok(out)
}

/// The pages from `first_page` on, untagged: typst cannot tag part of a document.
fn untagged_from(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    first_page: usize,
) -> Result<Vec<u8>> {
    let from = NonZeroUsize::new(first_page);
    untagged(document, ident, timestamp, vec![from..=None])
}

/// The physical pages `pages` (from 1, ascending), untagged.
pub(super) fn untagged_pages(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    pages: &[usize],
) -> Result<Vec<u8>> {
    let ranges = pages
        .chunk_by(|a, b| a + 1 == *b)
        .map(|run| NonZeroUsize::new(run[0])..=NonZeroUsize::new(run[run.len() - 1]))
        .collect();
    untagged(document, ident, timestamp, ranges)
}

/// The pages in `ranges` of `document`, untagged.
fn untagged(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    ranges: Vec<std::ops::RangeInclusive<Option<NonZeroUsize>>>,
) -> Result<Vec<u8>> {
    let options = PdfOptions {
        page_ranges: Some(PageRanges::new(ranges)),
        tagged: false,
        ..super::fixed_options(ident, timestamp)
    };
    super::run_export(document, &options)
}

/// Whether any structure element or marked-content reference names one of `pages`
/// (its `/Pg`): dropping them would then break the tag tree.
fn structure_refers_to(doc: &Document, pages: &[ObjectId]) -> bool {
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    while let Some(object) = stack.pop() {
        let dict: &Dictionary = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            Object::Array(items) => {
                stack.extend(items);
                continue;
            }
            _ => continue,
        };
        if dict
            .get(b"Pg")
            .and_then(Object::as_reference)
            .is_ok_and(|page| pages.contains(&page))
        {
            return true;
        }
        // Inline dictionaries (marked-content references) sit in `/K` arrays.
        stack.extend(
            dict.iter()
                .map(|(_, value)| value)
                .filter(|value| matches!(value, Object::Array(_) | Object::Dictionary(_))),
        );
    }
    false
}

/// Renumbers the `/PageLabels` ranges after the first `dropped` pages are gone: the
/// range holding the new first page starts at it, continuing its numbers.
fn shift_page_labels(doc: &mut Document, dropped: usize) -> Result<()> {
    let catalog = doc
        .catalog()
        .map_err(|e| Error::Pdf(format!("the preview has no catalog: {e}")))?;
    let labels = match catalog.get(b"PageLabels") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok().cloned(),
        Ok(Object::Dictionary(dict)) => Some(dict.clone()),
        _ => None,
    };
    let Some(labels) = labels else {
        return Ok(());
    };
    let nums = match labels.get(b"Nums") {
        Ok(Object::Array(nums)) => nums.clone(),
        Ok(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(nums)) => nums.clone(),
            _ => return Ok(()),
        },
        _ => return Ok(()),
    };
    let dropped = dropped as i64;
    let mut shifted: Vec<(i64, Dictionary)> = Vec::new();
    for pair in nums.chunks(2) {
        let [Object::Integer(start), label] = pair else {
            continue;
        };
        let label = match label {
            Object::Dictionary(dict) => dict.clone(),
            Object::Reference(id) => match doc.get_dictionary(*id) {
                Ok(dict) => dict.clone(),
                Err(_) => continue,
            },
            _ => continue,
        };
        if *start <= dropped {
            // Covers the new first page (a later one covering it replaces it).
            let mut label = label;
            let first = label.get(b"St").and_then(Object::as_i64).unwrap_or(1);
            label.set("St", Object::Integer(first + dropped - start));
            shifted.retain(|(s, _)| *s != 0);
            shifted.push((0, label));
        } else {
            shifted.push((start - dropped, label));
        }
    }
    let mut tree = Dictionary::new();
    tree.set(
        "Nums",
        Object::Array(
            shifted
                .into_iter()
                .flat_map(|(start, label)| [Object::Integer(start), Object::Dictionary(label)])
                .collect(),
        ),
    );
    doc.catalog_mut()
        .map_err(|e| Error::Pdf(format!("the preview has no catalog: {e}")))?
        .set("PageLabels", Object::Dictionary(tree));
    Ok(())
}
