//! `build --parallel-layout` (experimental): each document of a pack laid out as a
//! typst document of its own, in parallel (kept for the next build in the process when
//! asked); the front sheet laid out last, from the documents' known lengths; the footers
//! drawn afterwards; the pages joined into one document, exported once.
//!
//! It rests on the house style's pagination: every document starts on an odd page
//! and pads to an even one, and nothing in it but its footer depends on where it
//! starts. Footnotes are the exception typst numbers across documents: each document
//! is told how many came before it (counted in the generated source, checked after).

mod cache;
mod frames;

use rayon::prelude::*;
use typst::foundations::{Label, NativeElement, Selector};
use typst::introspection::{Introspector, Location};
use typst::layout::Frame;
use typst::model::{Document, FootnoteElem};
use typst::utils::{PicoStr, hash128};
use typst_layout::{Page, PagedDocument};

use crate::error::{Error, Result};
use crate::model::Meeting;
use crate::pack::{self, LaidOut};
use crate::templates::{self, STYLE_FILE, Templates};
use crate::typeset::{self, PackWorld};

use cache::Cached;

/// How many times the front sheet is laid out at most: its own length moves the
/// page numbers it prints, which may move its length (in practice it settles at once).
const FRONT_SHEET_ATTEMPTS: usize = 4;

/// Lays out a meeting's pack document by document (see the module's comment); with
/// `keep`, the layouts are kept for the next build in this process and reused.
pub fn lay_out(meeting: Meeting, templates: &Templates, keep: bool) -> Result<LaidOut> {
    let context = templates::pack_context(&meeting)?;
    let mut warnings = pack::content_warnings(&meeting, &context);
    let count = context
        .value
        .get_attr("documents")
        .ok()
        .and_then(|documents| documents.len())
        .unwrap_or(0);
    let sources = document_sources(templates, &context.value, count)?;
    let parts = sources
        .par_iter()
        .map(|(source, _)| lay_out_part(source, &meeting, templates, keep))
        .collect::<Result<Vec<Cached>>>()?;
    check_footnotes(&parts, &sources)?;

    let (front, front_pages) =
        lay_out_front_sheet(&meeting, templates, &context.value, &parts, keep)?;
    let footers = lay_out_footers(&meeting, templates, &parts, front_pages, keep)?;
    let document = join(&meeting, &front, &parts, &footers)?;
    if keep {
        cache::end_layout();
    }

    for warning in std::iter::once(&front)
        .chain(&parts)
        .flat_map(|part| &part.warnings)
    {
        if !warnings.contains(warning) {
            warnings.push(warning.clone());
        }
    }
    Ok(LaidOut {
        meeting,
        document,
        warnings,
    })
}

/// The typst source of each document on its own, with the number of footnotes in it.
fn document_sources(
    templates: &Templates,
    context: &minijinja::Value,
    count: usize,
) -> Result<Vec<(String, usize)>> {
    let mut sources = Vec::with_capacity(count);
    let mut before = 0;
    for index in 0..count {
        let alone = templates.render_document(context, index, 0)?;
        // Author text cannot write `#footnote[`: its `#` and `[` are escaped.
        let footnotes = alone.matches("#footnote[").count();
        let source = if before == 0 {
            alone
        } else {
            templates.render_document(context, index, before)?
        };
        sources.push((source, footnotes));
        before += footnotes;
    }
    Ok(sources)
}

/// Lays out one part from its typst source, or, with `keep`, takes it from the cache
/// (and keeps it there).
fn lay_out_part(
    source: &str,
    meeting: &Meeting,
    templates: &Templates,
    keep: bool,
) -> Result<Cached> {
    let key = hash128(&(
        source,
        templates.style(),
        &meeting.dir,
        meeting.published().ymd(),
    ));
    if keep && let Some(cached) = cache::get(key) {
        return Ok(cached);
    }
    let world = PackWorld::new(
        source.to_string(),
        [(format!("/{STYLE_FILE}"), templates.style().to_string())],
        &meeting.dir,
        pack::today(meeting),
    );
    let typeset = typeset::typeset(&world)?;
    let read = world
        .take_read()
        .into_iter()
        .map(|path| {
            let digest = cache::digest(&path);
            (path, digest)
        })
        .collect();
    let cached = Cached {
        document: typeset.document,
        warnings: typeset.warnings,
        read,
    };
    if keep {
        cache::put(key, cached.clone());
    }
    Ok(cached)
}

/// Fails when a document laid out more or fewer footnotes than its source has calls
/// for: the numbers after it would then differ from the whole pack's.
fn check_footnotes(parts: &[Cached], sources: &[(String, usize)]) -> Result<()> {
    for (index, (part, (_, counted))) in parts.iter().zip(sources).enumerate() {
        let laid_out = part
            .document
            .introspector()
            .query(&FootnoteElem::ELEM.select())
            .len();
        if laid_out != *counted {
            return Err(Error::ParallelLayout(format!(
                "document {} lays out {laid_out} footnotes where its source has {counted}",
                index + 1
            )));
        }
    }
    Ok(())
}

/// The front sheet, laid out with each item's pages as they fall after it, and its
/// length in pages.
fn lay_out_front_sheet(
    meeting: &Meeting,
    templates: &Templates,
    context: &minijinja::Value,
    parts: &[Cached],
    keep: bool,
) -> Result<(Cached, usize)> {
    let mut front_pages = 2;
    for _ in 0..FRONT_SHEET_ATTEMPTS {
        let item_pages = item_pages(meeting, context, parts, front_pages);
        let source = templates.render_front_sheet(context, item_pages)?;
        let front = lay_out_part(&source, meeting, templates, keep)?;
        let laid_out = front.document.pages().len();
        if laid_out == front_pages {
            return Ok((front, front_pages));
        }
        front_pages = laid_out;
    }
    Err(Error::ParallelLayout(
        "the front sheet's length does not settle".to_string(),
    ))
}

/// For the front sheet, by item: its printed range and where its link leads (the
/// start of its first document), the documents following `front_pages` pages.
fn item_pages(
    meeting: &Meeting,
    context: &minijinja::Value,
    parts: &[Cached],
    front_pages: usize,
) -> minijinja::Value {
    let item_of = |index: usize| -> Option<i64> {
        let documents = context.get_attr("documents").ok()?;
        let document = documents.get_item(&minijinja::Value::from(index)).ok()?;
        i64::try_from(document.get_attr("item").ok()?).ok()
    };
    let mut entries: Vec<minijinja::Value> = Vec::new();
    let mut start = front_pages + 1;
    let mut index = 0;
    while index < parts.len() {
        let item = item_of(index);
        let first = start;
        let target = marker_positions(&parts[index].document, "doc-start")
            .first()
            .copied();
        let mut last = first;
        while index < parts.len() && item_of(index) == item {
            let ends = pack::document_end_pages(&parts[index].document);
            let end = ends.last().copied().unwrap_or(1);
            last = start + end - 1;
            start += parts[index].document.pages().len();
            index += 1;
        }
        if last % 2 == 1 {
            last += 1;
        }
        let (page, x, y) = target.unwrap_or((1, 0.0, 0.0));
        entries.push(minijinja::context! {
            item => item,
            first => first + meeting.page_offset,
            last => last + meeting.page_offset,
            page => first + page - 1,
            x => length(x),
            y => length(y),
        });
    }
    minijinja::Value::from(entries)
}

/// A length in points as typst code, fixed to a thousandth of a point so that the
/// source (and the layout cache's key) does not hang on float formatting.
fn length(points: f64) -> minijinja::Value {
    minijinja::Value::from_safe_string(format!("{points:.3}pt"))
}

/// The page (from 1) and point (in pt) of each metadata marker labelled `label`.
fn marker_positions(document: &PagedDocument, label: &str) -> Vec<(usize, f64, f64)> {
    let introspector = document.introspector();
    marker_locations(document, label)
        .into_iter()
        .filter_map(|location| introspector.position(location))
        .map(|position| {
            (
                position.page.get(),
                position.point.x.to_pt(),
                position.point.y.to_pt(),
            )
        })
        .collect()
}

/// The locations of the markers labelled `label`, in order.
fn marker_locations(document: &PagedDocument, label: &str) -> Vec<Location> {
    let label = Label::new(PicoStr::intern(label)).expect("a valid label");
    document
        .introspector()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|marker| marker.location())
        .collect()
}

/// The footers of every page after the front sheet, each laid out on a page of its
/// own of the same orientation: those pages' frames.
fn lay_out_footers(
    meeting: &Meeting,
    templates: &Templates,
    parts: &[Cached],
    front_pages: usize,
    keep: bool,
) -> Result<Vec<Frame>> {
    let mut pages = Vec::new();
    for part in parts {
        let supplied: Vec<usize> = marker_positions(&part.document, "external-page")
            .into_iter()
            .map(|(page, _, _)| page)
            .collect();
        for (index, page) in part.document.pages().iter().enumerate() {
            pages.push(minijinja::context! {
                flipped => page.frame.width() > page.frame.height(),
                supplied => supplied.contains(&(index + 1)),
            });
        }
    }
    let expected = pages.len();
    // A pack of no documents is its front sheet alone (typst would lay out an empty page).
    if expected == 0 {
        return Ok(Vec::new());
    }
    let source = templates.render_footers(
        front_pages + meeting.page_offset,
        minijinja::Value::from(pages),
    )?;
    let footers = lay_out_part(&source, meeting, templates, keep)?;
    if footers.document.pages().len() != expected {
        return Err(Error::ParallelLayout(format!(
            "the footers take {} pages for {expected}",
            footers.document.pages().len()
        )));
    }
    Ok(footers
        .document
        .pages()
        .iter()
        .map(|page| page.frame.clone())
        .collect())
}

/// The pack: the front sheet's pages, then each document's with its footer drawn,
/// each part's locations salted apart, the pages numbered through. The documents'
/// frames are rewritten in parallel.
fn join(
    meeting: &Meeting,
    front: &Cached,
    parts: &[Cached],
    footers: &[Frame],
) -> Result<PagedDocument> {
    let salt = |part: &str, index: usize| hash128(&(part, index));
    // Where each document's pages start among the footers.
    let starts: Vec<usize> = parts
        .iter()
        .scan(0, |start, part| {
            let here = *start;
            *start += part.document.pages().len();
            Some(here)
        })
        .collect();
    let documents = parts
        .par_iter()
        .zip(&starts)
        .enumerate()
        .map(|(index, (part, start))| -> Result<Vec<(&Page, Frame)>> {
            // Each document's layout opens with the pack's `Agenda` bookmark: the
            // front sheet's is the one kept.
            let agenda = marker_locations(&part.document, "bookmark")
                .first()
                .copied();
            part.document
                .pages()
                .iter()
                .enumerate()
                .map(|(number, page)| {
                    let own = match agenda {
                        Some(location) if number == 0 => {
                            frames::without_element(&page.frame, location)
                        }
                        _ => page.frame.clone(),
                    };
                    let salted = frames::relocate(&own, salt("document", index));
                    let footer = frames::relocate(&footers[start + number], salt("footers", 0));
                    let frame = frames::with_footer_of(&salted, &footer).ok_or_else(|| {
                        Error::ParallelLayout("the house style's footer draws nothing".to_string())
                    })?;
                    Ok((page, frame))
                })
                .collect()
        })
        .collect::<Result<Vec<_>>>()?;
    let front_pages = front
        .document
        .pages()
        .iter()
        .map(|page| (page, frames::relocate(&page.frame, salt("front", 0))));
    let pages = front_pages
        .chain(documents.into_iter().flatten())
        .enumerate()
        .map(|(index, (page, frame))| Page {
            frame,
            number: (index + 1 + meeting.page_offset) as u64,
            ..page.clone()
        })
        .collect();
    Ok(PagedDocument::new(pages, front.document.info().clone()))
}
