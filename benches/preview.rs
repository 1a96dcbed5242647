//! Preview latency: how long from saving a ~10-page briefing note to its new PDF.
//!
//! Measures, in release mode, (1) the library's render: the first (cold) one, which
//! also lays out the full pack once, and warm re-renders after an edit, which reuse
//! comemo's caches; (2) end to end through `agenda-pack preview --watch`: from the
//! file write to the "rendered" line, the PDF having been written atomically.
//!
//! Run with `cargo bench --bench preview`.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use agenda_pack::preview::Preview;
use agenda_pack::templates::Templates;

const SENTENCE: &str = "The service received 1,284 requests in the quarter, 6.2% more than a year earlier, and officers will report progress to the Board at its meeting in March.";

/// A briefing note of about ten pages; `edit` varies one sentence.
fn note(edit: usize) -> String {
    let mut text = String::from("---\nkind: briefing-note\nsubject: Ten-page note\n---\n\n");
    for section in 1..=8 {
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

/// A meeting: four other notes, then the ten-page note as item 5.
fn generate(dir: &Path) {
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
    std::fs::write(dir.join("note.md"), note(0)).unwrap();
    items.push_str("  - kind: briefing-note\n    title: The note\n    documents: [note.md]\n");
    std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
}

/// This process's resident set, from /proc (0 where there is none).
fn resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    let meeting = root.path().join("content/bench");
    generate(&meeting);
    let note_path = meeting.join("note.md");
    let out = root.path().join("out/preview");

    // (1) The library: cold, then warm renders after edits.
    let templates = Templates::load(None).unwrap();
    let mut preview = Preview::new(&note_path, templates, &out, false).unwrap();
    let started = Instant::now();
    let first = preview.render().unwrap();
    let cold = started.elapsed().as_secs_f64() * 1000.0;
    let warm: Vec<f64> = (1..=10)
        .map(|edit| {
            std::fs::write(&note_path, note(edit)).unwrap();
            let started = Instant::now();
            preview.render().unwrap();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!(
        "note: {} pages (pack pages {} on)",
        first.pages, first.first_page
    );
    println!("library render, cold (with full-pack layout): {cold:>7.1} ms");
    println!(
        "library render, warm after an edit: median {:>6.1} ms, max {:>6.1} ms",
        median(warm.clone()),
        warm.iter().copied().fold(0.0, f64::max)
    );

    // Memory over a long session: comemo's cache is evicted after each render.
    let mut rss = Vec::new();
    for edit in 11..=300 {
        std::fs::write(&note_path, note(edit)).unwrap();
        preview.render().unwrap();
        if edit == 20 || edit == 100 || edit == 300 {
            rss.push((edit, resident_mib()));
        }
    }
    println!(
        "resident memory after N renders: {}",
        rss.iter()
            .map(|(n, mib)| format!("{n}: {mib:.0} MiB"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // (2) End to end: save -> "rendered" line of `preview --watch`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args([
            "preview",
            note_path.to_str().unwrap(),
            "--watch",
            "--out",
            out.to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut next_render = || loop {
        let line = lines.next().expect("the watcher runs").unwrap();
        // Each line starts with the time of day.
        let line = line
            .split_once(' ')
            .map_or(line.clone(), |(_, rest)| rest.to_string());
        if line.contains("rendered") || line.contains("watching") {
            return line;
        }
    };
    next_render();
    next_render();
    let mut latencies = Vec::new();
    for edit in 100..110 {
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        std::fs::write(&note_path, note(edit)).unwrap();
        let line = next_render();
        assert!(line.starts_with("rendered"), "{line}");
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "save -> new PDF via --watch: median {:>6.1} ms, max {:>6.1} ms (10 saves)",
        median(latencies.clone()),
        latencies.iter().copied().fold(0.0, f64::max)
    );
}
