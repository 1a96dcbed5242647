//! Checking an external (supplied) PDF appendix and counting its pages, reading it as
//! untrusted input within the limits of `pdf::supplied`.

use std::path::Path;

use crate::error::Result;
use crate::model::ExternalPdf;

/// Reads the PDF at `path` within the limits and counts its pages.
pub fn load(path: &Path, title: String) -> Result<ExternalPdf> {
    let page_count = crate::pdf::count_supplied_pages(path)?;
    Ok(ExternalPdf { title, page_count })
}
