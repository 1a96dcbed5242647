//! Preview latency: how long from saving a note to its new PDF, as a distribution.
//!
//! Measures, in release mode, (1) the library's render: the first (cold) one, which
//! also lays out the full pack once, and warm re-renders after an edit, which reuse
//! comemo's caches; (2) end to end through `agenda-pack preview --watch`: from the
//! file write to the "rendered" line (the PDF written atomically), over 100
//! consecutive saves in each of several runs, on a ~12-page note and on a
//! 100-section note, with the watcher's resident memory after 100 and 300 saves.
//!
//! Run with `cargo bench --bench preview`. `PREVIEW_BENCH_RUNS` sets the number of
//! runs (3), `PREVIEW_BENCH_LONG` the saves of the first run (300);
//! `PREVIEW_BENCH_BASELINE=<another agenda-pack>` times that binary too, run by run
//! in turn with this one, for a paired comparison.

mod common;

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

use agenda_pack::preview::Preview;
use agenda_pack::templates::Templates;

const SENTENCE: &str = "The service received 1,284 requests in the quarter, 6.2% more than a year earlier, and officers will report progress to the Board at its meeting in March.";

/// Saves timed in each run.
const SAVES: usize = 100;

/// The pause between a render and the next save (an author saves far less often).
const PAUSE: Duration = Duration::from_millis(100);

/// A briefing note of `sections` sections (8 make about ten pages); `edit` varies one
/// sentence of the fourth.
fn note(sections: usize, edit: usize) -> String {
    let mut text = String::from("---\nkind: briefing-note\nsubject: Generated note\n---\n\n");
    for section in 1..=sections {
        text.push_str(&format!("# Section {section}\n\n"));
        for p in 0..6 {
            if section == 4 && p == 2 {
                text.push_str(&format!("Edited sentence number {edit}. "));
            }
            text.push_str(&SENTENCE.repeat(4));
            text.push_str("\n\n");
        }
        text.push_str("Table: Figures\n\n| Area | 2025 | 2026 |\n|:--|--:|--:|\n");
        for row in 0..6 {
            text.push_str(&format!(
                "| Locality {row} | {} | {} |\n",
                100 + row,
                120 + row
            ));
        }
        text.push('\n');
    }
    text
}

/// A meeting: four other notes, then the note of `sections` sections as item 5.
fn generate(dir: &Path, sections: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut items = String::new();
    for i in 1..=4 {
        std::fs::write(
            dir.join(format!("other-{i}.md")),
            format!(
                "---\nkind: briefing-note\nsubject: Other {i}\n---\n\n# One\n\n{}\n",
                SENTENCE.repeat(30)
            ),
        )
        .unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Other {i}\n    documents: [other-{i}.md]\n"
        ));
    }
    std::fs::write(dir.join("note.md"), note(sections, 0)).unwrap();
    items.push_str("  - kind: briefing-note\n    title: The note\n    documents: [note.md]\n");
    std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
}

/// A process's resident set in MiB, from /proc (0 where there is none).
fn resident_mib(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The machine's load averages, as `uptime` prints them.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value below which `fraction` of `sorted` lies (nearest rank).
fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    let rank = (fraction * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Median, p95 and max of `values`, as text.
fn distribution(values: &[f64]) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    format!(
        "median {:>6.1}  p95 {:>6.1}  max {:>6.1} ms",
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.95),
        sorted[sorted.len() - 1]
    )
}

/// A note being previewed by a `preview --watch` process.
struct Watcher {
    child: Child,
    lines: Lines<BufReader<ChildStderr>>,
}

impl Watcher {
    fn start(binary: &Path, note: &Path, out: &Path) -> Self {
        let mut child = Command::new(binary)
            .args(["preview", note.to_str().unwrap(), "--watch", "--out"])
            .arg(out)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut watcher = Self { child, lines };
        // The first render, then the line saying what is watched.
        watcher.next_line();
        watcher.next_line();
        watcher
    }

    /// The next "rendered" or "watching" line, without the time it starts with.
    fn next_line(&mut self) -> String {
        loop {
            let line = self.lines.next().expect("the watcher runs").unwrap();
            let line = line
                .split_once(' ')
                .map_or(line.clone(), |(_, rest)| rest.to_string());
            if line.contains("rendered") || line.contains("watching") {
                return line;
            }
        }
    }

    /// Milliseconds from writing `text` to `note` to the new PDF.
    fn save(&mut self, note: &Path, text: &str) -> f64 {
        std::thread::sleep(PAUSE);
        let started = Instant::now();
        std::fs::write(note, text).unwrap();
        let line = self.next_line();
        assert!(line.starts_with("rendered"), "{line}");
        started.elapsed().as_secs_f64() * 1000.0
    }

    fn resident_mib(&self) -> f64 {
        resident_mib(&self.child.id().to_string())
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One run: `saves` saves of the note of `sections` sections; the latencies of the
/// first [`SAVES`] and the resident memory after [`SAVES`] and after `saves`.
fn session(binary: &Path, note_path: &Path, out: &Path, sections: usize, saves: usize) -> Session {
    std::fs::write(note_path, note(sections, 0)).unwrap();
    let mut watcher = Watcher::start(binary, note_path, out);
    let mut latencies = Vec::new();
    let mut resident = Vec::new();
    for edit in 1..=saves {
        let millis = watcher.save(note_path, &note(sections, edit));
        if edit <= SAVES {
            latencies.push(millis);
        }
        if edit == SAVES || edit == saves {
            resident.push((edit, watcher.resident_mib()));
        }
    }
    resident.dedup_by_key(|(edit, _)| *edit);
    Session {
        latencies,
        resident,
    }
}

struct Session {
    latencies: Vec<f64>,
    resident: Vec<(usize, f64)>,
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    let runs: usize = std::env::var("PREVIEW_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    // The first run's saves, for the memory after a long session.
    let long_session: usize = std::env::var("PREVIEW_BENCH_LONG")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
        .max(SAVES);
    let mut binaries = vec![("this", PathBuf::from(env!("CARGO_BIN_EXE_agenda-pack")))];
    if let Ok(baseline) = std::env::var("PREVIEW_BENCH_BASELINE") {
        binaries.push(("baseline", PathBuf::from(baseline)));
    }
    println!("load at start: {}", load());

    // (1) The library: cold, then warm renders after edits, on the ~12-page note.
    let meeting = root.path().join("content/bench");
    generate(&meeting, 8);
    let note_path = meeting.join("note.md");
    let out = root.path().join("out/preview");
    let templates = Templates::load(None).unwrap();
    let mut preview = Preview::new(&note_path, templates, &out, false).unwrap();
    let started = Instant::now();
    let first = preview.render().unwrap();
    let cold = started.elapsed().as_secs_f64() * 1000.0;
    let warm: Vec<f64> = (1..=20)
        .map(|edit| {
            std::fs::write(&note_path, note(8, edit)).unwrap();
            let started = Instant::now();
            preview.render().unwrap();
            let millis = started.elapsed().as_secs_f64() * 1000.0;
            // As `--watch` does, after the PDF is out.
            preview.evict_stale();
            millis
        })
        .collect();
    drop(preview);
    println!(
        "note: {} pages (pack pages {} on)",
        first.pages, first.first_page
    );
    println!("library render, cold (with full-pack layout): {cold:>7.1} ms");
    println!(
        "library render, warm after an edit (20):   {}",
        distribution(&warm)
    );

    // (2) End to end through `preview --watch`, binaries in turn within each run.
    let long = root.path().join("content/long");
    generate(&long, 100);
    println!(
        "save -> new PDF via --watch, {SAVES} saves a run, {} ms apart:",
        PAUSE.as_millis()
    );
    for (label, dir, sections) in [("sample note", &meeting, 8), ("100 sections", &long, 100)] {
        let note_path = dir.join("note.md");
        for run in 1..=runs {
            let order: Vec<_> = if run % 2 == 1 {
                binaries.iter().collect()
            } else {
                binaries.iter().rev().collect()
            };
            for (binary, path) in order {
                let saves = if run == 1 { long_session } else { SAVES };
                let session = session(path, &note_path, &out, sections, saves);
                let resident = session
                    .resident
                    .iter()
                    .map(|(n, mib)| format!("{mib:.0} MiB after {n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                println!(
                    "  {label:<12} run {run} {binary:<8} {}  resident {resident}  (load {})",
                    distribution(&session.latencies),
                    load()
                );
            }
        }
    }
}
