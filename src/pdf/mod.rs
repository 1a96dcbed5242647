//! PDF output: export of the laid-out pack with fixed metadata, finishing it (external
//! pages, outline), and atomic writing so a failed or interrupted build never leaves a
//! half-written file.

use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::{Error, Result};

mod ahead;
mod draft;
mod external;
mod markers;
mod outline;
mod packed;
mod post;
mod prescan;
mod range;
mod raw;
mod supplied;
mod write;

pub use ahead::{COPY_AHEAD_BYTES, CopiedAhead};
pub use draft::{Draft, Drafts};
pub(crate) use external::landscape_pages;
pub use external::{ExternalPage, import_supplied, supplied_warnings};
pub use markers::{bookmarks, external_pages};
pub use outline::Bookmark;
pub use post::{Finished, finish, write_finished};
pub use range::export_from;
pub use supplied::Refusal;
pub(crate) use supplied::open as open_supplied;
pub use write::{
    abandon_pending, probe_writable, remove_stale, write_atomically, write_atomically_with,
};

/// The PDF standard a pack is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Standard {
    /// Tagged PDF 1.7 without a conformance claim: the plainest output.
    None,
    /// PDF/UA-1 (accessibility), the default.
    #[default]
    #[value(name = "ua-1", alias = "pdf-ua-1")]
    Ua1,
    /// PDF/UA-1 and PDF/A-2a (accessible and archival, fully tagged).
    #[value(name = "a-2a", alias = "pdf-a-2a")]
    A2a,
    /// PDF/UA-1 and PDF/A-2b (accessible and archival, visual appearance).
    #[value(name = "a-2b", alias = "pdf-a-2b")]
    A2b,
    /// PDF/UA-1 and PDF/A-3a (archival, allows embedded files).
    #[value(name = "a-3", alias = "a-3a", alias = "pdf-a-3")]
    A3,
}

impl Standard {
    /// The typst standards this one means.
    fn typst_standards(self) -> &'static [PdfStandard] {
        match self {
            Standard::None => &[],
            Standard::Ua1 => &[PdfStandard::Ua_1],
            Standard::A2a => &[PdfStandard::Ua_1, PdfStandard::A_2a],
            Standard::A2b => &[PdfStandard::Ua_1, PdfStandard::A_2b],
            Standard::A3 => &[PdfStandard::Ua_1, PdfStandard::A_3a],
        }
    }
}

/// Exports `document` to PDF bytes. `timestamp` is the creation date written into
/// the file, fixed so that the same content always gives the same bytes.
pub fn export(
    document: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    standard: Standard,
) -> Result<Vec<u8>> {
    let standards = PdfStandards::new(standard.typst_standards())
        .map_err(|err| Error::Pdf(err.message().to_string()))?;
    let options = PdfOptions {
        standards,
        ..fixed_options(ident, timestamp)
    };
    run_export(document, &options)
}

/// Options naming the file and fixing its date, so the same content gives the same bytes.
fn fixed_options(ident: &str, timestamp: Datetime) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("agenda-pack {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        ..PdfOptions::default()
    }
}

/// Runs typst's export, gathering its errors into one.
fn run_export(document: &PagedDocument, options: &PdfOptions) -> Result<Vec<u8>> {
    typst_pdf::pdf(document, options).map_err(|errors| {
        Error::Pdf(
            errors
                .iter()
                .map(|e| format!("error: {}", e.message))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}

/// Compiles a standalone typst document (no house style, no content folder) to PDF.
///
/// Used to make fixtures such as external appendices for the sample content and tests.
pub fn standalone(source: &str, date: Datetime) -> Result<Vec<u8>> {
    let world = crate::typeset::PackWorld::new(source.to_string(), [], Path::new("."), date);
    let typeset = crate::typeset::typeset(&world)?;
    export(&typeset.document, "standalone", date, Standard::None)
}
