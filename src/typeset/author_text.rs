//! Naming the Markdown line behind a typst error, through the source markers of the
//! generated main file. (Images are checked before layout, where they are named:
//! see `images`.)

use typst::World;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::syntax::DiagSpan;

use crate::error::ContentError;
use crate::markup::source_map;

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
