//! `agenda-pack build`: find the meetings, build them in parallel, report each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use super::console::{self, Verbosity, detail, say};
use super::emit;
use super::guard::guarded;
use super::out_dir::OutDir;
use super::progress::Progress;
use super::project::{OUT_DIR, Project};
use super::select::{self, Selected};
use super::signals::{self, OnStop};
use super::site;
use super::workers;
use super::{
    AudienceChoice, BuildArgs, EXIT_USAGE_ERROR, counted, exit_status, templates_label, worst,
};
use crate::diagnostics::{Diagnostic, Format, Sources};
use crate::error::{ContentError, Error, Result};
use crate::fingerprint::{self, Hashes, Record};
use crate::model::Audience;
use crate::pack::{self, BuildOptions, Built, Layout};
use crate::site::SiteTemplates;
use crate::templates::Templates;
use crate::typeset::MemoScope;

/// Runs `build` and returns the process's exit code.
pub fn run(args: &BuildArgs) -> ExitCode {
    signals::install(OnStop::Interrupted);
    let project = Project::locate(args.content.as_deref());
    match prepare(args, &project) {
        Ok((selected, templates, options, out)) => {
            let code = build_all(&selected, &templates, &options, args, &project);
            out.tidy();
            code
        }
        Err(err) => {
            say!("error: {err}");
            ExitCode::from(exit_status(&err))
        }
    }
}

/// Everything checked before any layout work: the meetings, the templates, and an
/// output folder that can be written to.
fn prepare(
    args: &BuildArgs,
    project: &Project,
) -> Result<(Selected, Templates, BuildOptions, OutDir)> {
    let selected = select::meetings(&args.paths, &project.content)?.in_shard(args.shard);
    let templates = select::templates(args.templates.as_deref(), &project.content)?;
    let out_dir = project.out(args.out.as_deref(), Path::new(OUT_DIR));
    let out = OutDir::ready(&out_dir)?;
    let options = BuildOptions {
        out_dir,
        standard: args.standard,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse().ok()),
        layout: if args.parallel_layout {
            Layout::Parallel { keep: false }
        } else {
            Layout::Whole
        },
        keep_meeting: args.site,
    };
    Ok((selected, templates, options, out))
}

/// The packs to write, in order: `--audience`, or `--private` for the members' pack;
/// the public pack first whenever `--site` publishes it.
fn audiences(args: &BuildArgs) -> &'static [Audience] {
    match (args.audience, args.private, args.site) {
        (AudienceChoice::Public, false, _) => &[Audience::Public],
        (_, true, true) | (AudienceChoice::Members, _, true) | (AudienceChoice::All, _, _) => {
            &[Audience::Public, Audience::Members]
        }
        (_, true, false) | (AudienceChoice::Members, _, false) => &[Audience::Members],
    }
}

/// `Public pack`, `Public and Members packs`: the packs written, for `--verbose`.
fn packs_label(audiences: &[Audience]) -> String {
    let names: Vec<String> = audiences.iter().map(|a| format!("{a:?}")).collect();
    let noun = if names.len() == 1 { "pack" } else { "packs" };
    format!("{} {noun}", names.join(" and "))
}

/// `templates/` beside the content root, when it exists.
pub(super) fn default_templates_dir(content: &Path) -> Option<PathBuf> {
    let parent = content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(parent.join("templates")).filter(|dir| dir.is_dir())
}

fn build_all(
    selected: &Selected,
    templates: &Templates,
    options: &BuildOptions,
    args: &BuildArgs,
    project: &Project,
) -> ExitCode {
    let meetings = &selected.meetings;
    if args.format == Format::Human {
        for skipped in &selected.skipped {
            say!(
                "{}",
                Diagnostic::content_warning(skipped).one_line(console::colour())
            );
        }
    }
    if let Some(shard) = args.shard {
        detail!(
            "shard {shard}: {} of {}",
            counted(meetings.len(), "meeting"),
            meetings.len() + selected.outside_shard
        );
    }
    if meetings.is_empty() {
        if selected.outside_shard > 0 {
            say!("no meeting falls in this part (--shard); nothing to build");
            return ExitCode::SUCCESS;
        }
        say!("error: no meeting folders found (a meeting folder holds a meeting.yaml)");
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    if !args.paths.is_empty() {
        say!("{}", plan(meetings, &args.paths, project));
    }
    let started = Instant::now();
    let clashes = select::clashes(meetings);
    let templates_dir = select::templates_dir(args.templates.as_deref(), &project.content);
    let site_templates = match args
        .site
        .then(|| SiteTemplates::load(templates_dir.as_deref()))
        .transpose()
    {
        Ok(templates) => templates,
        Err(err) => {
            say!("error: {err}");
            return ExitCode::from(exit_status(&err));
        }
    };
    detail!(
        "content {}, templates {}, out {}, standard {:?}, {}",
        project.content.display(),
        templates_label(templates_dir.as_deref()),
        options.out_dir.display(),
        options.standard,
        packs_label(audiences(args))
    );
    let changed = args.changed.then(|| ChangeCheck {
        record: Mutex::new(Record::load(&options.out_dir)),
        templates_dir: templates_dir.clone(),
        // The layout only when not the default, so that records made before it stay valid.
        options: match options.layout {
            Layout::Whole => format!("{:?} {:?}", options.standard, options.source_date_epoch),
            layout => format!(
                "{:?} {:?} {layout:?}",
                options.standard, options.source_date_epoch
            ),
        },
    });
    let progress = Progress::new(meetings.len());
    let build_one = |dir: &PathBuf| -> Option<Result<Vec<Built>>> {
        let begun = Instant::now();
        let result = match clash(&clashes, dir) {
            Some(error) => Err(error),
            None => {
                // Each audience's pack is fingerprinted on its own: one may be current.
                let stale: Vec<(Audience, Option<String>)> = audiences(args)
                    .iter()
                    .filter_map(|&audience| match &changed {
                        Some(changed) => changed
                            .unchanged_or_hash(dir, audience, options, &progress)
                            .map(|hash| (audience, hash)),
                        None => Some((audience, None)),
                    })
                    .collect();
                if stale.is_empty() {
                    progress.advance();
                    return None;
                }
                let wanted: Vec<Audience> = stale.iter().map(|(audience, _)| *audience).collect();
                let result = guarded(dir, || pack::build_for(dir, templates, options, &wanted));
                if let Some(changed) = &changed {
                    for (index, (audience, hash)) in stale.into_iter().enumerate() {
                        let built = result.as_ref().ok().and_then(|built| built.get(index));
                        changed.record(dir, audience, built, hash);
                    }
                }
                result
            }
        };
        progress.line(&report(
            dir,
            &result,
            begun.elapsed().as_secs_f64(),
            args.format,
        ));
        progress.advance();
        Some(result)
    };
    // The command exits after these: the last meeting's cache is left to the exit.
    MemoScope::expect(meetings.len());
    MemoScope::lay_out_at_once(workers::layouts_at_once(args.jobs.unwrap_or(0)));
    let results: Vec<Option<Result<Vec<Built>>>> =
        workers::in_order(meetings, args.jobs.unwrap_or(0), build_one);
    progress.finish();
    if let Some(changed) = &changed {
        let record = changed.record.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(err) = record.save() {
            say!("warning: {err}");
        }
    }
    let skipped = results.iter().filter(|r| r.is_none()).count();
    let results: Vec<Result<Vec<Built>>> = results.into_iter().flatten().collect();
    if args.format != Format::Human {
        let diagnostics: Vec<Diagnostic> = selected
            .skipped
            .iter()
            .map(Diagnostic::content_warning)
            .chain(results.iter().flat_map(|result| {
                match result {
                    Ok(built) => built
                        .iter()
                        .flat_map(|b| std::iter::once(b).chain(&b.supplements))
                        .flat_map(|b| b.warnings.clone())
                        .collect(),
                    Err(err) => Diagnostic::all_from_error(err),
                }
            }))
            .collect();
        let sources = Sources::within(std::iter::once(&project.content).chain(meetings));
        if !emit::diagnostics(args.format, &diagnostics, &sources) {
            return ExitCode::from(EXIT_USAGE_ERROR);
        }
    }
    let web_edition = site_templates.as_ref().map(|templates| {
        site::write(
            &options.out_dir,
            meetings,
            &results,
            args.site_url.as_ref(),
            templates,
        )
    });
    let failed = results.iter().filter(|r| r.is_err()).count();
    let packs = || {
        results
            .iter()
            .flatten()
            .flatten()
            .flat_map(|b| std::iter::once(b).chain(&b.supplements))
    };
    let pages: usize = packs().map(|b| b.pages).sum();
    let failed_warnings: usize = results
        .iter()
        .filter_map(|result| result.as_ref().err())
        .map(|err| err.warnings().len())
        .sum();
    let warnings: usize =
        packs().map(|b| b.warnings.len()).sum::<usize>() + failed_warnings + selected.skipped.len();
    let skipped = if skipped > 0 {
        format!(" ({skipped} unchanged, not rebuilt)")
    } else {
        String::new()
    };
    say!(
        "{} of {} built{skipped}, {}, {}, {:.2}s",
        results.len() - failed,
        counted(results.len(), "meeting"),
        counted(pages, "page"),
        counted(warnings, "warning"),
        started.elapsed().as_secs_f64()
    );
    if let Some(Err(err)) = &web_edition {
        say!("error: the web edition was not written: {err}");
    }
    let site_error = web_edition.and_then(Result::err);
    worst(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .chain(site_error.as_ref()),
    )
}

/// What `build` given paths will do, in one line: `building 1 meeting:
/// 2026-07-16-children-scrutiny (from content/2026-07-16-children-scrutiny)`, the
/// paths as they lie in the project (a `.` or a note shows where it is).
fn plan(meetings: &[PathBuf], paths: &[PathBuf], project: &Project) -> String {
    const NAMED: usize = 5;
    let mut names: Vec<String> = meetings
        .iter()
        .take(NAMED)
        .map(|dir| pack_name(dir, Audience::Public))
        .collect();
    if meetings.len() > NAMED {
        names.push(format!("and {} more", meetings.len() - NAMED));
    }
    let from: Vec<String> = paths
        .iter()
        .map(|path| project.shown(path).display().to_string())
        .collect();
    format!(
        "building {}: {} (from {})",
        counted(meetings.len(), "meeting"),
        names.join(", "),
        from.join(", ")
    )
}

/// The error of a meeting whose pack name clashes with another's, if it does.
fn clash(clashes: &BTreeMap<PathBuf, ContentError>, dir: &Path) -> Option<Error> {
    clashes.get(dir).cloned().map(Error::from)
}

/// `--changed`: the record of what each pack was built from.
struct ChangeCheck {
    record: Mutex<Record>,
    templates_dir: Option<PathBuf>,
    options: String,
}

impl ChangeCheck {
    /// The hash of a meeting's inputs when it must be built, or `None` (after saying
    /// so) when its pack is current: built from the same inputs, and still the very
    /// file written then. A meeting whose inputs cannot be read is built, so that
    /// its error is reported.
    fn unchanged_or_hash(
        &self,
        dir: &Path,
        audience: Audience,
        options: &BuildOptions,
        progress: &Progress,
    ) -> Option<Option<String>> {
        let settings = format!("{} {audience:?}", self.options);
        let Ok(hash) = fingerprint::of_inputs(dir, self.templates_dir.as_deref(), &settings) else {
            return Some(None);
        };
        let name = pack_name(dir, audience);
        let pdf = options.out_dir.join(format!("{name}.pdf"));
        let record = self.record.lock().unwrap_or_else(|e| e.into_inner());
        let supplements = supplement_names(&record, dir, audience);
        let is_current = |name: &str| {
            let pdf = options.out_dir.join(format!("{name}.pdf"));
            record.is_current(name, &hash, &pdf)
        };
        if is_current(&name) && supplements.iter().all(|name| is_current(name)) {
            progress.line(&format!("unchanged {}, not rebuilt", pdf.display()));
            return None;
        }
        Some(Some(hash))
    }

    fn record(&self, dir: &Path, audience: Audience, built: Option<&Built>, hash: Option<String>) {
        let name = pack_name(dir, audience);
        let mut record = self.record.lock().unwrap_or_else(|e| e.into_inner());
        for stale in supplement_names(&record, dir, audience) {
            record.remove(&stale);
        }
        match (built, hash) {
            (Some(built), Some(inputs)) => {
                for pack in std::iter::once(built).chain(&built.supplements) {
                    let hashes = Hashes {
                        inputs: inputs.clone(),
                        output: pack.digest.clone(),
                    };
                    record.set(&pack.name, hashes);
                }
            }
            _ => record.remove(&name),
        }
    }
}

/// The file stem of a meeting's pack as [`crate::model::Meeting::pack_name`] gives it:
/// its folder's name, with `-private` for the members' pack.
fn pack_name(dir: &Path, audience: Audience) -> String {
    let meeting = dir
        .file_name()
        .map_or_else(|| "meeting".into(), |n| n.to_string_lossy().into_owned());
    Audience::pack_name(&meeting, audience)
}

/// The recorded supplements of a meeting's pack for `audience`, which must be current
/// too for the meeting to be left alone.
fn supplement_names(record: &Record, dir: &Path, audience: Audience) -> Vec<String> {
    let prefix = format!("{}-supplement-", pack_name(dir, Audience::Public));
    let private = Audience::pack_name("", Audience::Members);
    record
        .names_starting(&prefix)
        .into_iter()
        .filter(|name| name.ends_with(&private) == (audience == Audience::Members))
        .collect()
}

/// A meeting's line: built or not, with its warnings or errors in the human format
/// (the other formats print them together at the end, on stdout).
fn report(dir: &Path, result: &Result<Vec<Built>>, seconds: f64, format: Format) -> String {
    let human = format == Format::Human;
    match result {
        Ok(built) => built
            .iter()
            .map(|built| pack_report(built, seconds, human))
            .collect::<Vec<String>>()
            .join("\n"),
        Err(err) if human => format!("error: {}: not built\n{err}", dir.display()),
        Err(_) => format!("error: {}: not built", dir.display()),
    }
}

/// One pack's line, with its item ranges (verbose) and warnings (human format).
fn pack_report(built: &Built, seconds: f64, human: bool) -> String {
    let mut lines = format!(
        "built {} ({} pages) in {seconds:.2}s",
        built.output.display(),
        built.pages
    );
    for supplement in &built.supplements {
        lines.push_str(&format!(
            "\n  and {} ({} pages)",
            supplement.output.display(),
            supplement.pages
        ));
    }
    if console::verbosity() == Verbosity::Verbose {
        for (item, range) in &built.item_ranges {
            lines.push_str(&format!("\n  item {item}: {range}"));
        }
    }
    let warnings = built.supplements.iter().flat_map(|s| &s.warnings);
    for warning in built.warnings.iter().chain(warnings).filter(|_| human) {
        let text = warning.one_line(console::colour());
        lines.push_str(&format!("\n  {}", text.replace('\n', "\n  ")));
    }
    lines
}
