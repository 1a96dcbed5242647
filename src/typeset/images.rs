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
    #[error("{1} (`{0}`)")]
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
    /// An SVG whose filter effects would be drawn as pictures over too many pixels.
    #[error(
        "the SVG image `{0}` has filter effects (blurs, shadows) drawn over about {1} megapixels, more than the limit of {limit} megapixels",
        limit = MAX_FILTER_PIXELS / 1_000_000
    )]
    SvgFilters(String, u64),
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
            Self::SvgFilters(..) => {
                "remove the filter effects, or export the drawing as PNG (at most 40 megapixels)"
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
            svg_within_limits(&svg, name)
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

/// The most pixels an SVG's filter effects may be drawn over in all: the exporter
/// draws each filtered group as a picture (a blur takes about half a second per
/// megapixel); a primitive that visits many neighbours per pixel (a morphology
/// radius, a convolution matrix, turbulence octaves) counts more.
const MAX_FILTER_PIXELS: u64 = 20_000_000;
/// The widest an SVG is placed (the text width, 17 cm, in points), and the pixels per
/// point and most pixels a side the exporter draws a filtered group at.
const PLACED_WIDTH: f64 = 482.0;
const FILTER_SCALE: f64 = 4.0;
const FILTER_MAX_SIDE: f64 = 5000.0;

/// Holds what an SVG makes the exporter decode or draw as pictures to the limits:
/// the pictures it embeds (`data:` URLs, also in patterns, masks and nested SVGs)
/// from their headers, and the area its filter effects are drawn over.
fn svg_within_limits(svg: &SvgImage, name: &str) -> Result<(), ImageProblem> {
    let tree = svg.tree();
    let scale = PLACED_WIDTH * FILTER_SCALE / f64::from(tree.size().width());
    let mut filter_pixels = 0.0;
    walk_svg(tree.root(), scale, &mut filter_pixels)
        .map_err(|limit| ImageProblem::Limit(name.into(), limit))?;
    if filter_pixels > MAX_FILTER_PIXELS as f64 {
        return Err(ImageProblem::SvgFilters(
            name.into(),
            (filter_pixels / 1e6).ceil() as u64,
        ));
    }
    Ok(())
}

/// Checks the pictures under `group` and adds the pixels its filters are drawn over
/// (each primitive of each filter is a pass over the group's picture).
fn walk_svg(group: &usvg::Group, scale: f64, filter_pixels: &mut f64) -> Result<(), ImageLimit> {
    if !group.filters().is_empty() {
        let bbox = group.abs_layer_bounding_box();
        let side = |length: f32| (f64::from(length) * scale).min(FILTER_MAX_SIDE);
        let area = side(bbox.width()) * side(bbox.height());
        let passes: f64 = group
            .filters()
            .iter()
            .flat_map(|filter| filter.primitives())
            .map(|primitive| passes_per_pixel(primitive.kind(), scale))
            .sum();
        *filter_pixels += passes * area;
    }
    for node in group.children() {
        if let usvg::Node::Group(inner) = node {
            walk_svg(inner, scale, filter_pixels)?;
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
                result = walk_svg(root, scale, filter_pixels);
            }
        });
        result?;
    }
    Ok(())
}

/// The cost of a filter primitive per pixel it draws, in passes of a blur. Visiting
/// a neighbour is about a hundredth of that (measured: a dilation visiting 1,521
/// neighbours over 5 megapixels took 37 s, a blur 3 s).
fn passes_per_pixel(kind: &usvg::filter::Kind, scale: f64) -> f64 {
    use usvg::filter::Kind;
    let span = |radius: f32| 2.0 * (f64::from(radius) * scale).min(FILTER_MAX_SIDE) + 1.0;
    let neighbours = match kind {
        Kind::Morphology(m) => span(m.radius_x().get()) * span(m.radius_y().get()),
        Kind::ConvolveMatrix(c) => f64::from(c.matrix().columns()) * f64::from(c.matrix().rows()),
        Kind::Turbulence(t) => 25.0 * f64::from(t.num_octaves()),
        _ => 0.0,
    };
    1.0 + neighbours / 100.0
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

    /// An SVG of `count` page-sized rectangles, each blurred.
    fn blurred_svg(count: usize) -> String {
        let rects = "<rect width=\"20000\" height=\"20000\" filter=\"url(#b)\"/>".repeat(count);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"20000\"><defs><filter id=\"b\"><feGaussianBlur stdDeviation=\"500\"/></filter></defs>{rects}</svg>"
        )
    }

    #[test]
    fn an_svg_whose_filters_would_be_drawn_over_too_many_pixels_is_refused() {
        // Each filter is drawn as a picture at export (1.4 kB of 20 such took 40 s).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.svg");
        std::fs::write(&path, blurred_svg(20)).unwrap();
        let problem = check(&path, "chart.svg").unwrap_err();
        assert!(matches!(problem, ImageProblem::SvgFilters(..)), "{problem}");
        assert!(problem.to_string().contains("megapixels"), "{problem}");
        std::fs::write(&path, blurred_svg(2)).unwrap();
        assert_eq!(check(&path, "chart.svg"), Ok(()));
        // One dilation by a wide radius visits a great many pixels per pixel (100 s).
        let dilated = blurred_svg(1).replace(
            "<feGaussianBlur stdDeviation=\"500\"/>",
            "<feMorphology operator=\"dilate\" radius=\"2000\"/>",
        );
        std::fs::write(&path, dilated).unwrap();
        assert!(matches!(
            check(&path, "chart.svg"),
            Err(ImageProblem::SvgFilters(..))
        ));
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
