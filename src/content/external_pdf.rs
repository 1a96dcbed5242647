//! Checking an external (supplied) PDF appendix, counting its pages and finding its
//! landscape ones, reading it as untrusted input within the limits of `pdf::supplied`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Result;
use crate::model::ExternalPdf;

/// What loading needs of a supplied PDF.
struct Pages {
    count: usize,
    landscape: Vec<usize>,
}

/// Reads the PDF at `path` within the limits, counts its pages and notes which are
/// landscape.
fn read(path: &Path) -> Result<Pages> {
    let supplied = crate::pdf::open_supplied(path)?;
    Ok(Pages {
        count: supplied.pages.len(),
        landscape: crate::pdf::landscape_pages(&supplied),
    })
}

/// A meeting's supplied PDFs read ahead, in parallel: each is parsed whole, so a
/// pack of several spent most of its loading reading them one after another. Memory
/// holds one parsed file per core at most.
pub struct ReadAhead(HashMap<PathBuf, Result<Pages>>);

impl ReadAhead {
    /// Reads the files of `paths` that name PDFs (by extension), in parallel. The paths
    /// must have been checked to stay inside the meeting folder.
    pub fn read<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Self {
        let mut pdfs: Vec<&Path> = paths
            .into_iter()
            .filter(|path| {
                path.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            })
            .collect();
        pdfs.sort();
        pdfs.dedup();
        Self(
            pdfs.into_par_iter()
                .map(|path| (path.to_path_buf(), read(path)))
                .collect(),
        )
    }

    /// The supplied PDF at `path`, titled `title`: read ahead, or read now.
    pub fn load(&mut self, path: &Path, title: String) -> Result<ExternalPdf> {
        let pages = self.0.remove(path).unwrap_or_else(|| read(path))?;
        Ok(ExternalPdf {
            title,
            page_count: pages.count,
            landscape_pages: pages.landscape,
        })
    }
}
