//! `preview --watch`: re-render on every save of the note, its images, the meeting
//! or a template, keeping the typst world (and comemo's caches) alive in between.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use super::EXIT_USAGE_ERROR;
use super::console::say;
use super::preview::{is_under, render_and_report};
use crate::diagnostics::Sources;
use crate::error::Result;
use crate::preview::{Preview, Rendered};
use crate::templates::Templates;

/// How long to wait for more events after the first one of a save (editors often
/// write a file in several steps).
const SETTLE: Duration = Duration::from_millis(15);

/// Watches until the process is stopped; returns only when watching fails.
pub fn run(
    preview: &mut Preview,
    note: &Path,
    templates_dir: Option<&Path>,
    out_dir: &Path,
    on_render: &dyn Fn(&Result<Rendered>),
    sources: &Sources,
) -> ExitCode {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(err) => {
            say!("error: cannot watch files: {err}");
            return ExitCode::from(EXIT_USAGE_ERROR);
        }
    };
    let mut watched: Vec<PathBuf> = vec![preview.meeting_dir().to_path_buf()];
    watched.extend(templates_dir.map(Path::to_path_buf));
    for dir in &watched {
        if let Err(err) = watcher.watch(dir, RecursiveMode::Recursive) {
            say!("error: cannot watch {}: {err}", dir.display());
            return ExitCode::from(EXIT_USAGE_ERROR);
        }
    }
    say!(
        "watching {} (Ctrl-C to stop)",
        watched
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let relevant = |event: &Event| -> Vec<PathBuf> {
        let kind = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Modify(_)
                | EventKind::Remove(_)
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        if !kind {
            return Vec::new();
        }
        event
            .paths
            .iter()
            .filter(|p| !is_under(p, out_dir) && !is_scratch(p))
            .cloned()
            .collect()
    };
    while let Ok(first) = rx.recv() {
        let mut changed = match first {
            Ok(event) => relevant(&event),
            Err(err) => {
                say!("warning: watching: {err}");
                continue;
            }
        };
        if changed.is_empty() {
            continue;
        }
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            if let Ok(event) = more {
                changed.extend(relevant(&event));
            }
        }
        let templates_changed =
            templates_dir.is_some_and(|dir| changed.iter().any(|p| is_under(p, dir)));
        if templates_changed {
            match Templates::load(templates_dir) {
                Ok(templates) => preview.set_templates(templates),
                Err(err) => {
                    say!("error: {err}\nnot rendered");
                    continue;
                }
            }
        }
        // Only the note itself changed: it still starts where it did in the pack.
        let only_note = changed.iter().all(|p| same_file(p, note));
        if !only_note {
            preview.invalidate_layout();
        }
        let _ = render_and_report(preview, on_render, sources);
    }
    ExitCode::SUCCESS
}

/// Editors' and our own temporary files, which never change the preview.
fn is_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.starts_with(".agenda-pack-")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
}

fn same_file(a: &Path, b: &Path) -> bool {
    let resolve = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    resolve(a) == resolve(b)
}
