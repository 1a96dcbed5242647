//! Checking an external (supplied) PDF appendix, counting its pages and finding its
//! landscape ones, reading it as untrusted input within the limits of `pdf::supplied`;
//! for a build, keeping what was read for its pages to be copied ahead.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Result;
use crate::model::ExternalPdf;
use crate::pdf::CopiedAhead;

/// What loading needs of a supplied PDF.
struct Pages {
    count: usize,
    landscape: Vec<usize>,
}

/// Reads the PDF at `path` within the limits, counts its pages and notes which are
/// landscape; keeps what it read in `ahead`, if given, for the pages to be copied.
fn read(path: &Path, ahead: Option<&CopiedAhead>) -> Result<Pages> {
    let supplied = crate::pdf::open_supplied(path)?;
    let pages = Pages {
        count: supplied.pages.len(),
        landscape: crate::pdf::landscape_pages(&supplied),
    };
    if let Some(ahead) = ahead {
        ahead.keep(path, supplied);
    }
    Ok(pages)
}

/// A meeting's supplied PDFs read ahead, in parallel: each is parsed whole, so a
/// pack of several spent most of its loading reading them one after another. Memory
/// holds one parsed file per core at most, unless they are kept to be copied ahead.
pub struct ReadAhead(HashMap<PathBuf, Result<Pages>>);

impl ReadAhead {
    /// Reads the files of `paths` that name PDFs (by extension), in parallel; keeps
    /// them in `ahead`, if given, when they come to no more than it admits. The paths
    /// must have been checked to stay inside the meeting folder.
    pub fn read<'p>(
        paths: impl IntoIterator<Item = &'p Path>,
        ahead: Option<&CopiedAhead>,
    ) -> Self {
        let mut pdfs: Vec<&Path> = paths
            .into_iter()
            .filter(|path| {
                path.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            })
            .collect();
        pdfs.sort();
        pdfs.dedup();
        let ahead = ahead.filter(|_| CopiedAhead::admits(pdfs.iter().copied()));
        Self(
            pdfs.into_par_iter()
                .map(|path| (path.to_path_buf(), read(path, ahead)))
                .collect(),
        )
    }

    /// The supplied PDF at `path`, titled `title`: read ahead, or read now.
    pub fn load(&mut self, path: &Path, title: String) -> Result<ExternalPdf> {
        let pages = self.0.remove(path).unwrap_or_else(|| read(path, None))?;
        Ok(ExternalPdf {
            title,
            page_count: pages.count,
            landscape_pages: pages.landscape,
        })
    }
}
