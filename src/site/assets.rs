//! The files of the site that are not pages: the stylesheet, the packs, and the
//! images and supplied PDFs copied from the meeting folders.

use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, creating its folder.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    }
    std::fs::write(path, bytes).map_err(|err| Error::io(path, err))
}

/// Copies `from` to `to`, creating `to`'s folder.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|err| Error::io(from, err))
}

/// `1.2 MB`, `340 KB`: a file's size as a reader weighs a download.
pub fn size_label(bytes: u64) -> String {
    const KB: u64 = 1000;
    const MB: u64 = 1000 * KB;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_kilobytes_or_megabytes() {
        assert_eq!(size_label(1), "1 KB");
        assert_eq!(size_label(340_000), "340 KB");
        assert_eq!(size_label(1_260_000), "1.3 MB");
    }
}
