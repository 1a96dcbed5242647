//! `agenda-pack check`: validate every meeting's content, templates and layout
//! without writing anything, and report each problem where it is.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use super::{CheckArgs, EXIT_CONTENT_ERROR, EXIT_USAGE_ERROR, counted, select};
use crate::diagnostics::{self, Diagnostic, Format, Severity};
use crate::error::Error;
use crate::pack;

/// Runs `check` and returns the process's exit code.
pub fn run(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    let prepared = select::meetings(&args.paths, &args.content).and_then(|meetings| {
        let templates = select::templates(args.templates.as_deref(), &args.content)?;
        Ok((meetings, templates))
    });
    let (meetings, templates) = match prepared {
        Ok(prepared) => prepared,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(EXIT_USAGE_ERROR);
        }
    };
    if meetings.is_empty() {
        eprintln!("error: no meeting folders found (a meeting folder holds a meeting.yaml)");
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    let checked: Vec<(Vec<Diagnostic>, bool)> = meetings
        .par_iter()
        .map(|dir| match pack::check(dir, &templates) {
            Ok(warnings) => (warnings, false),
            // A broken template override is the style's fault, not the content's.
            Err(err) => (
                vec![Diagnostic::from_error(&err)],
                matches!(err, Error::Template(_) | Error::Pdf(_)),
            ),
        })
        .collect();
    let internal = checked.iter().any(|(_, internal)| *internal);
    let diagnostics: Vec<Diagnostic> = checked.into_iter().flat_map(|(d, _)| d).collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let text = diagnostics::render(args.format, &diagnostics);
    let printed = match args.format {
        Format::Human => std::io::stderr().write_all(text.as_bytes()),
        Format::Github | Format::Json => std::io::stdout().write_all(text.as_bytes()),
    };
    if printed.is_err() {
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    eprintln!(
        "checked {}: {}, {}, {:.2}s",
        counted(meetings.len(), "meeting"),
        counted(errors, "error"),
        counted(diagnostics.len() - errors, "warning"),
        started.elapsed().as_secs_f64()
    );
    if internal {
        ExitCode::from(EXIT_USAGE_ERROR)
    } else if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CONTENT_ERROR)
    }
}
