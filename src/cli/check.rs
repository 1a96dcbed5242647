//! `agenda-pack check`: validate every meeting's content, templates and layout
//! without writing anything, and report each problem where it is.

use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use super::console::{detail, say};
use super::guard::guarded;
use super::project::Project;
use super::timetable::Deadline;
use super::{CheckArgs, EXIT_USAGE_ERROR, counted, emit, exit_status, select, templates_label};
use crate::content;
use crate::diagnostics::{Diagnostic, Severity, Sources};
use crate::error::Error;
use crate::pack;

/// Runs `check` and returns the process's exit code.
pub fn run(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    let project = Project::locate(args.content.as_deref());
    let prepared = select::meetings(&args.paths, &project.content).and_then(|selected| {
        let templates = select::templates(args.templates.as_deref(), &project.content)?;
        Ok((selected, templates))
    });
    let (selected, templates) = match prepared {
        Ok(prepared) => prepared,
        Err(err) => {
            say!("error: {err}");
            return ExitCode::from(exit_status(&err));
        }
    };
    let meetings = &selected.meetings;
    detail!(
        "content {}, templates {}",
        project.content.display(),
        templates_label(
            select::templates_dir(args.templates.as_deref(), &project.content).as_deref()
        )
    );
    if meetings.is_empty() {
        say!("error: no meeting folders found (a meeting folder holds a meeting.yaml)");
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    let clashes = select::clashes(meetings);
    let calendar = content::load_calendar(&project.content);
    let checked: Vec<(Vec<Diagnostic>, Option<u8>, Option<Deadline>)> = meetings
        .par_iter()
        .map(|dir| {
            let begun = Instant::now();
            let result = match clashes.get(dir) {
                Some(clash) => Err(Error::from(clash.clone())),
                None => guarded(dir, || pack::check(dir, &templates)),
            };
            detail!(
                "checked {} in {:.2}s",
                dir.display(),
                begun.elapsed().as_secs_f64()
            );
            match result {
                Ok(warnings) => {
                    let deadline = calendar
                        .as_ref()
                        .ok()
                        .and_then(|calendar| Deadline::of_meeting(dir, calendar).ok());
                    (warnings, None, deadline)
                }
                Err(err) => (
                    vec![Diagnostic::from_error(&err)],
                    Some(exit_status(&err)),
                    None,
                ),
            }
        })
        .collect();
    let calendar_error = calendar.err();
    let status = checked
        .iter()
        .filter_map(|(_, status, _)| *status)
        .chain(calendar_error.iter().map(exit_status))
        .max();
    let deadlines: Vec<String> = checked
        .iter()
        .filter_map(|(_, _, deadline)| deadline.as_ref().map(Deadline::line))
        .collect();
    let diagnostics: Vec<Diagnostic> = selected
        .skipped
        .iter()
        .map(Diagnostic::content_warning)
        .chain(calendar_error.iter().map(Diagnostic::from_error))
        .chain(checked.into_iter().flat_map(|(d, _, _)| d))
        .collect();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let sources = Sources::within(std::iter::once(&project.content).chain(meetings));
    if !emit::diagnostics(args.format, &diagnostics, &sources) {
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    for line in deadlines {
        say!("{line}");
    }
    say!(
        "checked {}: {}, {}, {:.2}s",
        counted(meetings.len(), "meeting"),
        counted(errors, "error"),
        counted(diagnostics.len() - errors, "warning"),
        started.elapsed().as_secs_f64()
    );
    status.map_or(ExitCode::SUCCESS, ExitCode::from)
}
