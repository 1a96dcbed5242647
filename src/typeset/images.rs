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
    #[error("the SVG image `{0}` cannot be drawn ({1})")]
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
            .map_err(|err| ImageProblem::Raster(name.into(), cause(&err).into())),
        Some(ImageFormat::Vector(VectorFormat::Svg)) => {
            let svg = SvgImage::new(data.clone()).map_err(|err| {
                let loaded = Loaded::new(Spanned::detached(LoadSource::Bytes), data);
                let message = err.within(&loaded).message;
                ImageProblem::Svg(name.into(), cause(&message).into())
            })?;
            embedded_within_limits(svg.tree().root())
                .map_err(|limit| ImageProblem::Limit(name.into(), limit))
        }
        Some(ImageFormat::Vector(_)) | None => Err(ImageProblem::UnknownFormat(name.into())),
    }
}

/// The cause in typst's `failed to do thing (cause)` messages.
fn cause(message: &str) -> &str {
    message
        .split_once(" (")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(message)
}

/// Holds the pictures an SVG embeds (`data:` URLs, nested SVGs, patterns and masks
/// included) to the same limits: they are decoded when the pack is exported.
fn embedded_within_limits(group: &usvg::Group) -> Result<(), ImageLimit> {
    for node in group.children() {
        if let usvg::Node::Group(inner) = node {
            embedded_within_limits(inner)?;
        }
        if let usvg::Node::Image(image) = node {
            match image.kind() {
                usvg::ImageKind::JPEG(data)
                | usvg::ImageKind::PNG(data)
                | usvg::ImageKind::GIF(data)
                | usvg::ImageKind::WEBP(data) => image_limits::check_bytes(data)?,
                usvg::ImageKind::SVG(_) => {}
            }
        }
        let mut result = Ok(());
        node.subroots(|root| {
            if result.is_ok() {
                result = embedded_within_limits(root);
            }
        });
        result?;
    }
    Ok(())
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
    fn a_picture_embedded_in_an_svg_is_held_to_the_pixel_limit() {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend([20_000u32.to_be_bytes(), 20_000u32.to_be_bytes()].concat());
        png.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.svg");
        std::fs::write(
            &path,
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><g><image width=\"10\" height=\"10\" href=\"data:image/png;base64,{}\"/></g></svg>",
                base64_encode(&png)
            ),
        )
        .unwrap();
        assert_eq!(
            check(&path, "chart.svg"),
            Err(ImageProblem::Limit(
                "chart.svg".into(),
                ImageLimit::TooManyPixels {
                    width: 20_000,
                    height: 20_000
                }
            ))
        );
    }

    /// Standard base64, for a test fixture.
    fn base64_encode(bytes: &[u8]) -> String {
        const TABLE: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
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
