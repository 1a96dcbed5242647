//! `preview --watch`: re-render on every save of a file the last render read (the
//! note, its images, the meeting, the content root's `style.yaml`, the minutes the
//! minute book counts) or of a template, keeping the typst world (and comemo's
//! caches) alive in between. Every line it prints starts with the time.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::EXIT_USAGE_ERROR;
use super::console::say;
use super::guard::guarded;
use super::preview::{is_under, render_and_report};
use crate::diagnostics::Sources;
use crate::error::Result;
use crate::preview::{Preview, Rendered};
use crate::templates::Templates;

/// How long to wait for more events after the first one of a save (editors often
/// write a file in several steps).
const SETTLE: Duration = Duration::from_millis(15);

/// How long the author pauses before a patched draft is exported whole.
const PAUSE: Duration = Duration::from_secs(1);

/// How status lines are printed: after the local time (`HH:MM:SS`) while watching,
/// so that a line can be told from the one of an earlier save.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    /// Whether lines start with the time.
    pub timed: bool,
}

impl Status {
    /// Prints `text` (continuation lines as they are).
    pub fn line(self, text: &str) {
        if self.timed {
            say!("{} {text}", chrono::Local::now().format("%H:%M:%S"));
        } else {
            say!("{text}");
        }
    }
}

/// Watches until the process is stopped; returns only when watching fails.
pub fn run(
    preview: &mut Preview,
    note: &Path,
    templates_dir: Option<&Path>,
    out_dir: &Path,
    on_render: &dyn Fn(&Result<Rendered>),
    sources: &Sources,
) -> ExitCode {
    let status = Status { timed: true };
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(err) => {
            status.line(&format!("error: cannot watch files: {err}"));
            return ExitCode::from(EXIT_USAGE_ERROR);
        }
    };
    let mut folders: Vec<PathBuf> = vec![preview.meeting_dir().to_path_buf()];
    folders.extend(templates_dir.map(Path::to_path_buf));
    for dir in &folders {
        if let Err(err) = watcher.watch(dir, RecursiveMode::Recursive) {
            status.line(&format!("error: cannot watch {}: {err}", dir.display()));
            return ExitCode::from(EXIT_USAGE_ERROR);
        }
    }
    let mut outside = Outside::default();
    outside.follow(&mut watcher, preview, &folders, status);
    status.line(&format!(
        "watching {} and the files the last render read (Ctrl-C to stop)",
        folders
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let relevant = |event: &Event, outside: &Outside| -> Vec<PathBuf> {
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
            .filter(|p| folders.iter().any(|dir| is_under(p, dir)) || outside.has(p))
            .cloned()
            .collect()
    };
    // Once after each render, while waiting for the next save: off the path from a
    // save to its PDF.
    preview.evict_stale();
    loop {
        let first = if preview.unsettled() {
            match rx.recv_timeout(PAUSE) {
                Ok(first) => first,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let dir = preview.meeting_dir().to_path_buf();
                    if let Err(err) = guarded(&dir, || preview.settle()) {
                        preview.reset();
                        status.line(&format!("error: exporting the draft whole: {err}"));
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(first) => first,
                Err(_) => break,
            }
        };
        let mut changed = match first {
            Ok(event) => relevant(&event, &outside),
            Err(err) => {
                status.line(&format!("warning: watching: {err}"));
                continue;
            }
        };
        if changed.is_empty() {
            continue;
        }
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            if let Ok(event) = more {
                changed.extend(relevant(&event, &outside));
            }
        }
        let templates_changed =
            templates_dir.is_some_and(|dir| changed.iter().any(|p| is_under(p, dir)));
        if templates_changed {
            match Templates::load(templates_dir) {
                Ok(templates) => preview.set_templates(templates),
                Err(err) => {
                    status.line(&format!("error: {err}"));
                    status.line("not rendered");
                    continue;
                }
            }
        }
        // Only the note itself changed: it still starts where it did in the pack.
        let only_note = changed.iter().all(|p| resolve(p) == resolve(note));
        if !only_note {
            preview.invalidate_layout();
        }
        let _ = render_and_report(preview, on_render, sources, status);
        outside.follow(&mut watcher, preview, &folders, status);
        preview.evict_stale();
    }
    ExitCode::SUCCESS
}

/// The files the last render read outside the watched folders (the content root's
/// `style.yaml`, other meetings' minutes), each watched through its folder, since an
/// editor's save may replace the file itself.
#[derive(Default)]
struct Outside {
    /// The files, resolved.
    files: BTreeSet<PathBuf>,
    /// The folders watched for them (not recursively).
    dirs: BTreeSet<PathBuf>,
}

impl Outside {
    /// Watches the last render's dependencies outside `folders`, and no longer the
    /// folders of files it did not read.
    fn follow(
        &mut self,
        watcher: &mut RecommendedWatcher,
        preview: &Preview,
        folders: &[PathBuf],
        status: Status,
    ) {
        self.files = preview
            .dependencies()
            .iter()
            .filter(|file| !folders.iter().any(|dir| is_under(file, dir)))
            .map(|file| resolve(file))
            .collect();
        let dirs: BTreeSet<PathBuf> = self
            .files
            .iter()
            .filter_map(|file| file.parent())
            .filter(|dir| dir.is_dir())
            .map(Path::to_path_buf)
            .collect();
        for gone in self.dirs.difference(&dirs) {
            let _ = watcher.unwatch(gone);
        }
        for new in dirs.difference(&self.dirs) {
            if let Err(err) = watcher.watch(new, RecursiveMode::NonRecursive) {
                status.line(&format!("warning: cannot watch {}: {err}", new.display()));
            }
        }
        self.dirs = dirs;
    }

    /// Whether `path` is one of the files.
    fn has(&self, path: &Path) -> bool {
        self.files.contains(&resolve(path))
    }
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

/// `path` made absolute with links resolved, through its folder when the file itself
/// does not exist (removed, or not created yet), so paths compare equal however
/// they were written.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map_or_else(|_| absolute.clone(), |dir| dir.join(name)),
        _ => absolute,
    }
}
