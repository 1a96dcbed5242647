//! Whether typst can place an image file: its limits read from the header, then a
//! decode with typst's own decoders, so a bad image is an error at the line that names
//! it rather than a failure deep inside the house style.

use std::path::Path;

use typst::diag::LoadedWithin;
use typst::foundations::{Bytes, Smart};
use typst::loading::{LoadSource, Loaded};
use typst::syntax::Spanned;
use typst::visualize::{ExchangeFormat, ImageFormat, RasterImage, SvgImage, VectorFormat};

use crate::content::image_limits::{self, ImageLimit};

/// Why an image cannot be placed; each names the image as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    /// Too many pixels, or too large a file.
    #[error("`{0}`: {1}")]
    Limit(String, ImageLimit),
    /// Not a format typst places.
    #[error("the image `{0}` is not a PNG, JPEG, GIF, WebP or SVG image")]
    UnknownFormat(String),
    /// A raster image whose data is broken.
    #[error("the image `{0}` cannot be decoded ({1})")]
    Raster(String, String),
    /// An SVG that cannot be drawn (malformed XML, an unsupported construct).
    #[error("the SVG image `{0}` cannot be drawn: {1}")]
    Svg(String, String),
    /// The file could not be read.
    #[error("the image `{0}` cannot be read ({1})")]
    Unreadable(String, String),
}

impl ImageProblem {
    /// How to fix it, for the hint line.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Limit(_, limit) => limit.hint(),
            Self::UnknownFormat(_) | Self::Raster(..) | Self::Unreadable(..) => {
                "the file is not a valid PNG, JPEG, GIF, WebP or SVG image: export it again"
            }
            Self::Svg(..) => {
                "open the SVG in a drawing program and export it again as plain SVG (or as PNG)"
            }
        }
    }
}

/// Checks that typst can place the image at `path`; `name` is how the author named it.
pub fn check(path: &Path, name: &str) -> Result<(), ImageProblem> {
    image_limits::check(path).map_err(|limit| ImageProblem::Limit(name.into(), limit))?;
    let data = std::fs::read(path)
        .map(Bytes::new)
        .map_err(|err| ImageProblem::Unreadable(name.into(), err.kind().to_string()))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let format = match extension.as_str() {
        "png" => Some(ImageFormat::Raster(ExchangeFormat::Png.into())),
        "jpg" | "jpeg" => Some(ImageFormat::Raster(ExchangeFormat::Jpg.into())),
        "gif" => Some(ImageFormat::Raster(ExchangeFormat::Gif.into())),
        "webp" => Some(ImageFormat::Raster(ExchangeFormat::Webp.into())),
        "svg" | "svgz" => Some(ImageFormat::Vector(VectorFormat::Svg)),
        _ => ImageFormat::detect(&data),
    };
    match format {
        // Decoded with the same arguments as typst's layout, which then finds it cached.
        Some(ImageFormat::Raster(format)) => RasterImage::new(data, format, Smart::Auto)
            .map(drop)
            .map_err(|err| ImageProblem::Raster(name.into(), err.to_string())),
        Some(ImageFormat::Vector(VectorFormat::Svg)) => {
            SvgImage::new(data.clone()).map(drop).map_err(|err| {
                let loaded = Loaded::new(Spanned::detached(LoadSource::Bytes), data);
                ImageProblem::Svg(name.into(), err.within(&loaded).message.to_string())
            })
        }
        Some(ImageFormat::Vector(_)) | None => Err(ImageProblem::UnknownFormat(name.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_svg_is_named_with_the_parser_s_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.svg");
        std::fs::write(&path, "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>").unwrap();
        let problem = check(&path, "images/chart.svg").unwrap_err();
        assert!(matches!(problem, ImageProblem::Svg(..)), "{problem}");
        assert!(
            problem.to_string().contains("`images/chart.svg`"),
            "{problem}"
        );
        std::fs::write(
            &path,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
        )
        .unwrap();
        assert_eq!(check(&path, "images/chart.svg"), Ok(()));
    }

    #[test]
    fn a_file_that_is_no_image_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "plain text").unwrap();
        assert_eq!(
            check(&path, "notes.txt"),
            Err(ImageProblem::UnknownFormat("notes.txt".into()))
        );
        let png = dir.path().join("broken.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nbroken").unwrap();
        assert!(matches!(
            check(&png, "broken.png"),
            Err(ImageProblem::Raster(..))
        ));
    }
}
