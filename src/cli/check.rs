//! `agenda-pack check`: validate every meeting's content, templates and layout
//! without writing anything, and report each problem where it is.

use std::process::ExitCode;
use std::time::Instant;

use super::console::{detail, say};
use super::guard::guarded;
use super::project::Project;
use super::timetable::Deadline;
use super::workers;
use super::{CheckArgs, EXIT_USAGE_ERROR, counted, emit, exit_status, select, templates_label};
use crate::content;
use crate::diagnostics::{Diagnostic, Severity, Sources};
use crate::error::Error;
use crate::pack;
use crate::typeset::MemoScope;

/// Runs `check` and returns the process's exit code.
pub fn run(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    let project = Project::locate(args.content.as_deref());
    let prepared = select::meetings(&args.paths, &project.content).and_then(|selected| {
        let selected = selected.in_shard(args.shard);
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
        if selected.outside_shard > 0 {
            say!("no meeting falls in this part (--shard); nothing to check");
            return ExitCode::SUCCESS;
        }
        say!("error: no meeting folders found (a meeting folder holds a meeting.yaml)");
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    let clashes = select::clashes(meetings);
    let calendar = content::load_calendar(&project.content);
    // Each meeting's diagnostics, its number of errors (shown or not), its status,
    // and its publication deadline.
    type Checked = (Vec<Diagnostic>, usize, Option<u8>, Option<Deadline>);
    MemoScope::lay_out_at_once(workers::layouts_at_once(0));
    let checked: Vec<Checked> = workers::in_order(meetings, 0, |dir| {
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
            Ok(checked) => {
                let deadline = calendar
                    .as_ref()
                    .ok()
                    .map(|calendar| Deadline::of(&checked.meeting, calendar));
                (checked.warnings, 0, None, deadline)
            }
            Err(err) => (
                Diagnostic::all_from_error(&err),
                err.count(),
                Some(exit_status(&err)),
                None,
            ),
        }
    });
    let calendar_error = calendar.err();
    let status = checked
        .iter()
        .filter_map(|(_, _, status, _)| *status)
        .chain(calendar_error.iter().map(exit_status))
        .max();
    let errors: usize = checked.iter().map(|(_, count, _, _)| count).sum::<usize>()
        + calendar_error.iter().map(Error::count).sum::<usize>();
    let deadlines: Vec<String> = checked
        .iter()
        .filter_map(|(_, _, _, deadline)| deadline.as_ref().map(Deadline::line))
        .collect();
    // A mistake of a file every meeting reads (`holidays.yaml`, `style.yaml`) is
    // reported by each meeting: it is shown, and counted, once.
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut repeated_errors = 0;
    for diagnostic in selected
        .skipped
        .iter()
        .map(Diagnostic::content_warning)
        .chain(calendar_error.iter().flat_map(Diagnostic::all_from_error))
        .chain(checked.into_iter().flat_map(|(d, _, _, _)| d))
    {
        if diagnostics.contains(&diagnostic) {
            repeated_errors += usize::from(diagnostic.severity == Severity::Error);
        } else {
            diagnostics.push(diagnostic);
        }
    }
    let errors = errors - repeated_errors;
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
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
        counted(warnings, "warning"),
        started.elapsed().as_secs_f64()
    );
    status.map_or(ExitCode::SUCCESS, ExitCode::from)
}
