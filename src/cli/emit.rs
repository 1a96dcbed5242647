//! Printing a run's diagnostics in the chosen `--format`, one code path for `check`
//! and `build`: human on stderr (errors only under `--quiet`), GitHub annotations and
//! JSON on stdout, whole, for the tools that read them.

use super::console::{self, Verbosity, say};
use crate::diagnostics::{self, Diagnostic, Format, Severity, Sources};

/// Prints `all` in `format`; false when stdout cannot be written (the caller exits 2).
pub fn diagnostics(format: Format, all: &[Diagnostic], sources: &Sources) -> bool {
    match format {
        Format::Human => {
            let shown: Vec<Diagnostic> = all
                .iter()
                .filter(|d| {
                    console::verbosity() != Verbosity::Quiet || d.severity == Severity::Error
                })
                .cloned()
                .collect();
            console::text(&diagnostics::render_styled(
                format,
                &shown,
                sources,
                console::colour(),
            ));
            true
        }
        Format::Github | Format::Json => {
            match console::stdout(&diagnostics::render(format, all, sources)) {
                Ok(()) => true,
                Err(err) => {
                    say!("error: cannot print the diagnostics: {err}");
                    false
                }
            }
        }
    }
}
