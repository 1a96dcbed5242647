//! `agenda-pack preview`: render one document as it falls in its pack, once or on
//! every save.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use super::console;
use super::guard::guarded;
use super::project::{OUT_DIR, Project};
use super::serve::Served;
use super::signals::{self, OnStop};
use super::watch::{self, Status};
use super::{EXIT_USAGE_ERROR, PreviewArgs, counted, exit_status, select};
use crate::diagnostics::{self, Diagnostic, Format, Sources};
use crate::error::{Error, Result};
use crate::preview::{Preview, Rendered};

/// Runs `preview` and returns the process's exit code.
pub fn run(args: &PreviewArgs) -> ExitCode {
    let serve = args.serve || args.open;
    let watching = args.watch || serve;
    // Stopping is how watching ends; a single render stopped midway is interrupted.
    signals::install(if watching {
        OnStop::Finished
    } else {
        OnStop::Interrupted
    });
    let project = Project::locate(args.content.as_deref());
    let out = project.out(args.out.as_deref(), &Path::new(OUT_DIR).join("preview"));
    let status = Status { timed: watching };
    let templates_dir = select::templates_dir(args.templates.as_deref(), &project.content);
    let png = args.png || serve;
    let preview = select::templates(args.templates.as_deref(), &project.content)
        .and_then(|templates| Preview::new(&args.note, templates, &out, png))
        // Drafts re-rendered on every save are untagged, for speed; one preview is
        // tagged like the pack.
        .map(|preview| preview.tagged(!watching));
    let mut preview = match preview {
        Ok(preview) => preview,
        Err(err) => return fail(&err, &Sources::within([&project.content])),
    };
    crate::pdf::remove_stale(&out);
    let sources = Sources::within([&project.content, preview.meeting_dir()]);
    let served = if serve {
        let title = args.note.file_name().unwrap_or(args.note.as_os_str());
        match Served::start(args.port, &title.to_string_lossy()) {
            Ok((served, address)) => {
                status.line(&format!("serving the pages on {address}"));
                if args.open
                    && let Err(err) = opener::open_browser(&address)
                {
                    status.line(&format!(
                        "warning: cannot open a browser ({err}): open {address} yourself"
                    ));
                }
                Some(served)
            }
            Err(err) => {
                status.line(&format!("error: cannot serve on port {}: {err}", args.port));
                return ExitCode::from(EXIT_USAGE_ERROR);
            }
        }
    } else {
        None
    };
    let on_render = |result: &Result<Rendered>| {
        if let Some(served) = &served {
            let text = match result {
                Ok(_) => String::new(),
                Err(err) => {
                    diagnostics::render(Format::Human, &Diagnostic::all_from_error(err), &sources)
                }
            };
            served.update(result, &text);
        }
    };
    let result = render_and_report(&mut preview, &on_render, &sources, status);
    if watching {
        return watch::run(
            &mut preview,
            &args.note,
            templates_dir.as_deref(),
            &out,
            &on_render,
            &sources,
        );
    }
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => ExitCode::from(exit_status(&err)),
    }
}

/// Renders once (a panic becomes an internal error), tells `on_render`, then prints
/// one `status` line: what was written, pages, warnings and time, or the errors.
pub fn render_and_report(
    preview: &mut Preview,
    on_render: &dyn Fn(&Result<Rendered>),
    sources: &Sources,
    status: Status,
) -> Result<Rendered> {
    let started = Instant::now();
    let dir = preview.meeting_dir().to_path_buf();
    let result = guarded(&dir, || preview.render());
    if result.is_err() {
        // A panic may have left the kept world half-updated: start afresh next time.
        preview.reset();
    }
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    on_render(&result);
    match &result {
        Ok(rendered) => {
            let last = rendered.first_page + rendered.pages.saturating_sub(1);
            let mut line = format!(
                "rendered {} in {millis:.0} ms: {} (Pages {} - {last}, Agenda Item {}), {}",
                rendered.pdf.display(),
                counted(rendered.pages, "page"),
                rendered.first_page,
                rendered.item,
                counted(rendered.warnings.len(), "warning")
            );
            if !rendered.complete {
                line.push_str(
                    " (other documents of the meeting have errors: pages counted from 1; `agenda-pack check` lists them)",
                );
            }
            if !rendered.pngs.is_empty() {
                line.push_str(&format!(", {} PNG pages", rendered.pngs.len()));
            }
            for warning in &rendered.warnings {
                let text = warning.to_string();
                line.push_str(&format!("\n  {}", text.replace('\n', "\n  ")));
            }
            status.line(&line);
        }
        Err(err) => {
            console::text(&on_terminal(err, sources));
            status.line(&format!("not rendered ({millis:.0} ms)"));
        }
    }
    result
}

fn fail(err: &Error, sources: &Sources) -> ExitCode {
    console::text(&on_terminal(err, sources));
    ExitCode::from(exit_status(err))
}

/// An error's diagnostics for stderr, coloured as `--color` says (the served page
/// gets them plain).
fn on_terminal(err: &Error, sources: &Sources) -> String {
    diagnostics::render_styled(
        Format::Human,
        &Diagnostic::all_from_error(err),
        sources,
        console::colour(),
    )
}

/// Whether `path` lies under `dir` (both made absolute, links resolved when possible).
pub fn is_under(path: &Path, dir: &Path) -> bool {
    let resolve = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    resolve(path).starts_with(resolve(dir))
}
