//! `agenda-pack preview`: render one document as it falls in its pack, once or on
//! every save.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use super::serve::Served;
use super::{EXIT_CONTENT_ERROR, EXIT_USAGE_ERROR, PreviewArgs, counted, select, watch};
use crate::diagnostics::{self, Diagnostic, Format};
use crate::error::{Error, Result};
use crate::preview::{Preview, Rendered};

/// Runs `preview` and returns the process's exit code.
pub fn run(args: &PreviewArgs) -> ExitCode {
    let templates_dir = select::templates_dir(args.templates.as_deref(), &args.content);
    let png = args.png || args.serve;
    let preview = select::templates(args.templates.as_deref(), &args.content)
        .and_then(|templates| Preview::new(&args.note, templates, &args.out, png));
    let mut preview = match preview {
        Ok(preview) => preview,
        Err(err) => return fail(&err),
    };
    let served = if args.serve {
        match Served::start(args.port) {
            Ok((served, address)) => {
                eprintln!("serving the pages on {address}");
                Some(served)
            }
            Err(err) => {
                eprintln!("error: cannot serve on port {}: {err}", args.port);
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
                Err(err) => diagnostics::render(Format::Human, &[Diagnostic::from_error(err)]),
            };
            served.update(result, &text);
        }
    };
    let result = render_and_report(&mut preview, &on_render);
    if args.watch || args.serve {
        return watch::run(
            &mut preview,
            &args.note,
            templates_dir.as_deref(),
            &args.out,
            &on_render,
        );
    }
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => exit_code(&err),
    }
}

/// Renders once, tells `on_render`, then prints one line: what was written, pages,
/// warnings and time, or the errors.
pub fn render_and_report(
    preview: &mut Preview,
    on_render: &dyn Fn(&Result<Rendered>),
) -> Result<Rendered> {
    let started = Instant::now();
    let result = preview.render();
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
            eprintln!("{line}");
        }
        Err(err) => {
            let text = diagnostics::render(Format::Human, &[Diagnostic::from_error(err)]);
            eprint!("{text}");
            eprintln!("not rendered ({millis:.0} ms)");
        }
    }
    result
}

fn fail(err: &Error) -> ExitCode {
    let text = diagnostics::render(Format::Human, &[Diagnostic::from_error(err)]);
    eprint!("{text}");
    exit_code(err)
}

fn exit_code(err: &Error) -> ExitCode {
    match err {
        Error::Content(_) | Error::Typeset(_) => ExitCode::from(EXIT_CONTENT_ERROR),
        _ => ExitCode::from(EXIT_USAGE_ERROR),
    }
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
