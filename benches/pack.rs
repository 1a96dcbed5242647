//! Builds generated packs of about 100 and 400 pages with the release binary and prints
//! pages, wall time and peak memory of the whole process.
//!
//! Run with `cargo bench --bench pack`.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Sentences to vary the generated text.
const SENTENCES: [&str; 6] = [
    "The service received 1,284 requests in the quarter, 6.2% more than a year earlier.",
    "Officers will report progress to the Board at its meeting in March.",
    "The budget for 2026/27 is £4,630,000, of which £312,000 is one-off funding.",
    "Partners agreed a shared plan and a single point of contact for families.",
    "Feedback from young people shaped the changes described in this section.",
    "Performance against the target improved in four of the six localities.",
];

fn paragraph(seed: usize) -> String {
    (0..5)
        .map(|i| SENTENCES[(seed + i) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn note(index: usize) -> String {
    let mut text = format!(
        "---\nkind: briefing-note\nsubject: Generated briefing note {index}\nauthors:\n  - name: Test Author\n    title: Head of Service\n---\n\n"
    );
    for section in 0..4 {
        text.push_str(&format!("# Section {}\n\n", section + 1));
        for p in 0..5 {
            text.push_str(&paragraph(index + section + p));
            text.push_str("\n\n");
        }
    }
    text.push_str("Table: Generated figures\n\n| Area | 2025 | 2026 |\n|:--|--:|--:|\n");
    for row in 0..30 {
        text.push_str(&format!(
            "| Locality {row} | {} | {} |\n",
            100 + row * 7,
            110 + row * 6
        ));
    }
    text.push_str("\n# Appendix: Further detail\n\n");
    for p in 0..4 {
        text.push_str(&paragraph(index + p));
        text.push_str("\n\n");
    }
    text
}

/// Writes a meeting with `notes` generated notes into `dir`.
fn generate(dir: &Path, notes: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut items = String::new();
    for i in 1..=notes {
        std::fs::write(dir.join(format!("note-{i}.md")), note(i)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Generated item {i}\n    by: Briefing Note of the Director\n    documents: [note-{i}.md]\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
}

/// Runs the binary, returning wall seconds and the peak resident set in MiB.
// The child is reaped by `wait4`, which std's `wait` cannot replace: it also reports
// the child's peak memory.
#[allow(clippy::zombie_processes)]
fn run(args: &[&str]) -> (f64, f64) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args(args)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child with valid out-pointers.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the build failed"
    );
    (seconds, usage.ru_maxrss as f64 / 1024.0)
}

fn pages(pdf: &Path) -> usize {
    let data = std::fs::read(pdf).unwrap();
    lopdf::Document::load_mem(&data)
        .map(|pdf| pdf.get_pages().len())
        .unwrap_or(0)
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    println!(
        "{:<10} {:<9} {:>6} {:>10} {:>10} {:>12}",
        "pack", "standard", "pages", "wall (s)", "best (s)", "peak (MiB)"
    );
    // The default (tagged PDF/UA-1, with the outline and object streams written after
    // export) and the plainest output, to show what conformance costs.
    for ((name, notes), standard) in [("small", 16), ("large", 65)]
        .into_iter()
        .flat_map(|pack| [(pack, "ua-1"), (pack, "none")])
    {
        let meeting = root.path().join("content").join(name);
        generate(&meeting, notes);
        let out = root.path().join("out");
        let args = [
            "build",
            meeting.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--standard",
            standard,
        ];
        let runs: Vec<(f64, f64)> = (0..3).map(|_| run(&args)).collect();
        let wall = runs.iter().map(|r| r.0).sum::<f64>() / runs.len() as f64;
        let best = runs.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
        let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
        let pages = pages(&out.join(format!("{name}.pdf")));
        println!("{name:<10} {standard:<9} {pages:>6} {wall:>10.3} {best:>10.3} {peak:>12.1}");
    }
}
