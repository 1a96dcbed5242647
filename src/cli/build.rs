//! `agenda-pack build`: find the meetings, build them in parallel, report each.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use super::{BuildArgs, EXIT_CONTENT_ERROR, EXIT_USAGE_ERROR};
use crate::content::find_meetings;
use crate::error::Result;
use crate::pack::{self, BuildOptions, Built};
use crate::templates::Templates;

/// Runs `build` and returns the process's exit code.
pub fn run(args: &BuildArgs) -> ExitCode {
    match prepare(args) {
        Ok((meetings, templates, options)) => build_all(&meetings, &templates, &options, args.jobs),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(EXIT_USAGE_ERROR)
        }
    }
}

fn prepare(args: &BuildArgs) -> Result<(Vec<PathBuf>, Templates, BuildOptions)> {
    let roots = if args.paths.is_empty() {
        vec![args.content.clone()]
    } else {
        args.paths.clone()
    };
    let mut meetings = Vec::new();
    for root in &roots {
        if !root.is_dir() {
            return Err(crate::error::Error::io(
                root,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
            ));
        }
        meetings.extend(find_meetings(root)?);
    }
    meetings.dedup();
    let templates_dir = args
        .templates
        .clone()
        .or_else(|| default_templates_dir(&args.content));
    let templates = Templates::load(templates_dir.as_deref())?;
    let options = BuildOptions {
        out_dir: args.out.clone(),
        standard: args.standard,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse().ok()),
    };
    Ok((meetings, templates, options))
}

/// `templates/` beside the content root, when it exists.
fn default_templates_dir(content: &Path) -> Option<PathBuf> {
    let parent = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(parent.join("templates")).filter(|dir| dir.is_dir())
}

fn build_all(
    meetings: &[PathBuf],
    templates: &Templates,
    options: &BuildOptions,
    jobs: Option<usize>,
) -> ExitCode {
    if meetings.is_empty() {
        eprintln!("error: no meeting folders found (a meeting folder holds a meeting.yaml)");
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    let started = Instant::now();
    let build_one = |dir: &PathBuf| {
        let begun = Instant::now();
        let result = pack::build(dir, templates, options);
        report(dir, &result, begun.elapsed().as_secs_f64());
        result
    };
    let results: Vec<Result<Built>> = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool.install(|| meetings.par_iter().map(build_one).collect()),
        Err(_) => meetings.iter().map(build_one).collect(),
    };
    let failed = results.iter().filter(|r| r.is_err()).count();
    let pages: usize = results.iter().flatten().map(|b| b.pages).sum();
    let warnings: usize = results.iter().flatten().map(|b| b.warnings.len()).sum();
    eprintln!(
        "{} of {} meetings built, {pages} pages, {warnings} warnings, {:.2}s",
        results.len() - failed,
        results.len(),
        started.elapsed().as_secs_f64()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CONTENT_ERROR)
    }
}

fn report(dir: &Path, result: &Result<Built>, seconds: f64) {
    match result {
        Ok(built) => {
            let mut lines = format!(
                "built {} ({} pages) in {seconds:.2}s",
                built.output.display(),
                built.pages
            );
            for warning in &built.warnings {
                lines.push_str(&format!("\n  {}", warning.replace('\n', "\n  ")));
            }
            eprintln!("{lines}");
        }
        Err(err) => eprintln!("error: {}: not built\n{err}", dir.display()),
    }
}
