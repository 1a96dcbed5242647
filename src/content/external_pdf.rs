//! Checking an external (supplied) PDF appendix, counting its pages and finding its
//! landscape ones, reading it as untrusted input within the limits of `pdf::supplied`.

use std::path::Path;

use crate::error::Result;
use crate::model::ExternalPdf;

/// Reads the PDF at `path` within the limits, counts its pages and notes which are
/// landscape.
pub fn load(path: &Path, title: String) -> Result<ExternalPdf> {
    let supplied = crate::pdf::open_supplied(path)?;
    Ok(ExternalPdf {
        title,
        page_count: supplied.pages.len(),
        landscape_pages: crate::pdf::landscape_pages(&supplied),
    })
}
