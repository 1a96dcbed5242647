//! What the layout tells the PDF step, read from its `metadata` markers: the
//! outline's bookmarks and the placeholder pages for external PDFs.

use std::path::Path;

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::{Bookmark, ExternalPage};
use crate::typeset::CONTENT_DIR;

/// The pages laid out as placeholders for external PDF pages, read from the
/// `<external-page>` markers, with the file (in the meeting folder `meeting_dir`)
/// and page each one shows.
pub fn external_pages(document: &PagedDocument, meeting_dir: &Path) -> Vec<ExternalPage> {
    let label = Label::new(PicoStr::intern("external-page")).expect("a valid label");
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|marker| {
            let pack_page = introspector.page(marker.location()?)?.get();
            let Value::Dict(value) = &marker.to_packed::<MetadataElem>()?.value else {
                return None;
            };
            let Ok(Value::Str(path)) = value.get("path") else {
                return None;
            };
            let Ok(Value::Int(page)) = value.get("page") else {
                return None;
            };
            let relative = path
                .as_str()
                .strip_prefix(CONTENT_DIR)?
                .trim_start_matches('/');
            Some(ExternalPage {
                pack_page,
                file: meeting_dir.join(relative),
                page: usize::try_from(*page).ok()?,
            })
        })
        .collect()
}

/// The outline's entries, read from the `<bookmark>` markers, in document order.
pub fn bookmarks(document: &PagedDocument) -> Vec<Bookmark> {
    let label = Label::new(PicoStr::intern("bookmark")).expect("a valid label");
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|marker| {
            let position = introspector.position(marker.location()?)?;
            let page = position.page.get();
            let height = document.pages().get(page - 1)?.frame.height();
            let Value::Dict(value) = &marker.to_packed::<MetadataElem>()?.value else {
                return None;
            };
            let Ok(Value::Int(level)) = value.get("level") else {
                return None;
            };
            let title = match value.get("title") {
                Ok(Value::Content(content)) => content.plain_text().to_string(),
                Ok(Value::Str(text)) => text.to_string(),
                _ => return None,
            };
            Some(Bookmark {
                level: usize::try_from(*level).ok()?,
                title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                page,
                // A little above the marker, so a heading is not flush with the
                // window's edge (the page's top at most).
                top: ((height - position.point.y)
                    .to_pt()
                    .min(height.to_pt() - 24.0)
                    + 24.0) as f32,
            })
        })
        .collect()
}
