//! Limits on supplied images, checked from the file's header before anything decodes
//! it: a small file can claim a picture large enough to exhaust the machine.

use std::path::Path;

/// The most pixels a raster image may have: 40 megapixels (a 7,300 x 5,500 photograph).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The largest image file accepted, in bytes (50 MiB).
pub const MAX_BYTES: u64 = 50 << 20;

/// Why an image is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageLimit {
    /// The header claims more pixels than [`MAX_PIXELS`].
    #[error("the image is {width} x {height} pixels, more than the limit of {} megapixels", MAX_PIXELS / 1_000_000)]
    TooManyPixels {
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
    },
    /// The file is larger than [`MAX_BYTES`].
    #[error("the image file is {} MiB, more than the limit of {} MiB", .0 >> 20, MAX_BYTES >> 20)]
    TooLarge(u64),
}

impl ImageLimit {
    /// How to fix it, for the hint line.
    pub fn hint(&self) -> &'static str {
        "scale the image down (at most 40 megapixels; 2,000 pixels wide is plenty for a page) and save it again"
    }
}

/// Checks the image at `path` against the limits from its size and header only. A
/// header that cannot be read is not refused here: the typesetter's own decoding
/// reports it, traced to the line that names the image.
pub fn check(path: &Path) -> Result<(), ImageLimit> {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if bytes > MAX_BYTES {
        return Err(ImageLimit::TooLarge(bytes));
    }
    match imagesize::size(path) {
        Ok(size) => within_pixels(size),
        Err(_) => Ok(()),
    }
}

/// Checks image data held in memory (such as a picture embedded in an SVG) against
/// the limits, from its length and header only.
pub fn check_bytes(data: &[u8]) -> Result<(), ImageLimit> {
    let bytes = data.len() as u64;
    if bytes > MAX_BYTES {
        return Err(ImageLimit::TooLarge(bytes));
    }
    match imagesize::blob_size(data) {
        Ok(size) => within_pixels(size),
        Err(_) => Ok(()),
    }
}

fn within_pixels(size: imagesize::ImageSize) -> Result<(), ImageLimit> {
    let (width, height) = (size.width as u64, size.height as u64);
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(ImageLimit::TooManyPixels { width, height });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of a baseline JPEG whose frame header claims `width` x `height`.
    fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn a_small_file_claiming_a_huge_picture_is_refused_from_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.jpg");
        std::fs::write(&path, jpeg_header(65500, 65500)).unwrap();
        assert_eq!(
            check(&path),
            Err(ImageLimit::TooManyPixels {
                width: 65500,
                height: 65500
            })
        );
        std::fs::write(&path, jpeg_header(2000, 1500)).unwrap();
        assert_eq!(check(&path), Ok(()));
    }
}
