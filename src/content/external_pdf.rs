//! Checking an external PDF appendix and counting its pages.

use std::path::Path;

use hayro_syntax::{LoadPdfError, Pdf};

use crate::error::{ContentError, Error, Result};
use crate::model::ExternalPdf;

/// Reads the PDF at `path` and counts its pages.
pub fn load(path: &Path, title: String) -> Result<ExternalPdf> {
    let data = std::fs::read(path).map_err(|err| Error::io(path, err))?;
    let pdf = Pdf::new(data).map_err(|err| match err {
        LoadPdfError::Decryption(_) => ContentError::in_file(path, "the PDF is encrypted, so it cannot be placed in the pack")
            .with_hint("ask the supplier for an unencrypted copy, or remove the password with `qpdf --decrypt in.pdf out.pdf`"),
        LoadPdfError::Invalid => ContentError::in_file(path, "the file is not a readable PDF (damaged or not a PDF)")
            .with_hint("open it in a PDF viewer to check it, and export it again"),
    })?;
    let page_count = pdf.pages().len();
    if page_count == 0 {
        return Err(ContentError::in_file(path, "the PDF has no pages").into());
    }
    Ok(ExternalPdf { title, page_count })
}
