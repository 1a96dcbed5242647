//! Typesetting: compiling the generated typst source into a laid-out document.

mod author_text;
mod coverage;
mod fonts;
mod images;
mod layout_turns;
mod memo_scope;
mod table_fit;
mod world;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst_layout::PagedDocument;

pub use author_text::in_author_text;
pub use coverage::{Unprintable, covers};
pub use images::{ImageProblem, check as check_image};
pub use memo_scope::MemoScope;
pub use world::{CONTENT_DIR, PackWorld};

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};

/// A laid-out pack and the warnings typst gave on the way.
pub struct Typeset {
    /// The pages.
    pub document: PagedDocument,
    /// typst's warnings; those about author text at their Markdown line.
    pub warnings: Vec<Diagnostic>,
}

/// Lays out the pack held by `world`.
pub fn typeset(world: &PackWorld) -> Result<Typeset> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    // A warning about author text names the Markdown line, like an error.
    let mut warnings: Vec<Diagnostic> = warnings
        .iter()
        .map(|w| match in_author_text(world, w) {
            Some(located) => Diagnostic::content_warning(&located),
            None => Diagnostic::unlocated_warning(describe_place(world, w)),
        })
        .collect();
    if let Ok(document) = &output {
        let too_wide = table_fit::too_wide_tables(document);
        warnings.extend(too_wide.iter().map(Diagnostic::content_warning));
    }
    match output {
        // A character no font has prints as an empty box (and fails PDF/UA export):
        // the converter refuses it in Markdown; this finds it wherever else it came from.
        Ok(document) => match coverage::in_pages(world, &document) {
            Some(error) => Err(error.into()),
            None => Ok(Typeset { document, warnings }),
        },
        Err(errors) => {
            // An error in author text is the author's to fix: name the Markdown line.
            if let Some(error) = errors.iter().find_map(|e| in_author_text(world, e)) {
                return Err(error.into());
            }
            Err(Error::Typeset(
                errors
                    .iter()
                    .map(|e| describe(world, e))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ))
        }
    }
}

/// One diagnostic as `error: file:line:column: message`, the offending line, and hints.
pub fn describe(world: &dyn World, diagnostic: &SourceDiagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{severity}: {}", describe_place(world, diagnostic))
}

/// One diagnostic as `file:line:column: message`, the offending line, and hints.
fn describe_place(world: &dyn World, diagnostic: &SourceDiagnostic) -> String {
    let mut out = String::new();
    let place = diagnostic.span.id().and_then(|id| {
        let source = world.source(id).ok()?;
        let range = world.range(diagnostic.span)?;
        let line = source.lines().byte_to_line(range.start)?;
        let column = source.lines().byte_to_column(range.start)?;
        let text = source
            .text()
            .lines()
            .nth(line)
            .unwrap_or_default()
            .to_string();
        Some((
            id.vpath().get_without_slash().to_string(),
            line + 1,
            column + 1,
            text,
        ))
    });
    match place {
        Some((file, line, column, text)) => {
            out.push_str(&format!(
                "{file}:{line}:{column}: {}\n    {}",
                diagnostic.message,
                text.trim()
            ));
        }
        None => out.push_str(&diagnostic.message),
    }
    for hint in &diagnostic.hints {
        out.push_str(&format!("\n  hint: {}", hint.v));
    }
    out
}
