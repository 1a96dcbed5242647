//! Exporting part of a laid-out document: the pages of one document, for previews.

use std::num::NonZeroUsize;

use typst::foundations::{Datetime, Smart};
use typst::layout::PageRanges;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::error::{Error, Result};

/// Exports the pages of `document` from physical page `first_page` (1-based) on, as
/// an untagged PDF.
pub fn export_from(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    first_page: usize,
) -> Result<Vec<u8>> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("agenda-pack {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: Some(PageRanges::new(vec![NonZeroUsize::new(first_page)..=None])),
        // typst cannot tag part of a document; a preview needs no structure tree.
        tagged: false,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        Error::Pdf(
            errors
                .iter()
                .map(|e| format!("error: {}", e.message))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}
