//! Exporting part of a laid-out document: the pages of one document, for previews.

use std::num::NonZeroUsize;

use typst::foundations::Datetime;
use typst::layout::PageRanges;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::error::Result;

/// Exports the pages of `document` from physical page `first_page` (1-based) on, as
/// an untagged PDF.
pub fn export_from(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    first_page: usize,
) -> Result<Vec<u8>> {
    let options = PdfOptions {
        page_ranges: Some(PageRanges::new(vec![NonZeroUsize::new(first_page)..=None])),
        // typst cannot tag part of a document; a preview needs no structure tree.
        tagged: false,
        ..super::fixed_options(ident, timestamp)
    };
    super::run_export(document, &options)
}
