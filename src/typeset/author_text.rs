//! Naming the Markdown line behind a typst error: through the source markers of the
//! generated main file, and for images that typst cannot decode (which fail while
//! laying out, inside the house style) by decoding the author's images again.

use typst::World;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst::syntax::ast;
use typst::syntax::{DiagSpan, LinkedNode, VirtualPath};
use typst::visualize::{ImageFormat, RasterImage, SvgImage, VectorFormat};

use crate::error::ContentError;
use crate::markup::source_map;

/// The house-style function that places an author's image.
const FIGURE_FUNCTION: &str = "captioned-figure";

/// A typst error raised by a converted Markdown body, as a content error at the
/// Markdown line it came from (found through the source markers of the main file).
pub fn in_author_text(world: &dyn World, diagnostic: &SourceDiagnostic) -> Option<ContentError> {
    let spans = std::iter::once(diagnostic.span)
        .chain(diagnostic.trace.iter().map(|t| DiagSpan::from(t.span)));
    let location = spans
        .filter(|span| span.id() == Some(world.main()))
        .find_map(|span| {
            let source = world.source(world.main()).ok()?;
            let range = world.range(span)?;
            source_map::markdown_origin(&source, range.start)
        })?;
    let hint = match diagnostic.hints.first() {
        Some(hint) => hint.v.to_string(),
        None => {
            "typst could not lay out what is written here; check the image or text at this line"
                .into()
        }
    };
    Some(ContentError::new(location, diagnostic.message.to_string()).with_hint(hint))
}

/// The first image placed by author text that typst cannot decode, as a content
/// error at its Markdown line.
pub fn broken_image(world: &dyn World) -> Option<ContentError> {
    let source = world.source(world.main()).ok()?;
    let mut calls = Vec::new();
    figure_calls(&LinkedNode::new(source.root()), &mut calls);
    calls.into_iter().find_map(|(offset, path)| {
        let location = source_map::markdown_origin(&source, offset)?;
        let vpath = VirtualPath::new(&path).ok()?;
        let id =
            typst::syntax::RootedPath::new(typst::syntax::VirtualRoot::Project, vpath).intern();
        let data = world.file(id).ok()?;
        let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if decodes(&data, &extension) {
            return None;
        }
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        Some(
            ContentError::new(location, format!("the image `{name}` cannot be decoded")).with_hint(
                "the file is not a valid PNG, JPEG, GIF, WebP or SVG image: export it again",
            ),
        )
    })
}

/// Whether typst can decode `data`, an image file with `extension`.
fn decodes(data: &typst::foundations::Bytes, extension: &str) -> bool {
    use typst::visualize::ExchangeFormat;
    let format = match extension {
        "png" => Some(ImageFormat::Raster(ExchangeFormat::Png.into())),
        "jpg" | "jpeg" => Some(ImageFormat::Raster(ExchangeFormat::Jpg.into())),
        "gif" => Some(ImageFormat::Raster(ExchangeFormat::Gif.into())),
        "webp" => Some(ImageFormat::Raster(ExchangeFormat::Webp.into())),
        "svg" | "svgz" => Some(ImageFormat::Vector(VectorFormat::Svg)),
        _ => ImageFormat::detect(data),
    };
    match format {
        Some(ImageFormat::Raster(format)) => {
            RasterImage::new(data.clone(), format, Smart::Auto).is_ok()
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => SvgImage::new(data.clone()).is_ok(),
        Some(ImageFormat::Vector(VectorFormat::Pdf)) => true,
        None => false,
    }
}

/// The calls of the figure function in the main file: their offsets and image paths.
fn figure_calls(node: &LinkedNode, out: &mut Vec<(usize, String)>) {
    if let Some(call) = node.cast::<ast::FuncCall>()
        && let ast::Expr::Ident(ident) = call.callee()
        && ident.as_str() == FIGURE_FUNCTION
        && let Some(ast::Arg::Pos(ast::Expr::Str(path))) = call.args().items().next()
    {
        out.push((node.offset(), path.get().to_string()));
    }
    for child in node.children() {
        figure_calls(&child, out);
    }
}
