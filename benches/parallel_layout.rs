//! `build --parallel-layout` against the default layout: a 400-section meeting split
//! into 8 documents built by the release binary (wall time and peak memory, runs
//! paired), and, in one process as a watch would, the rebuild after one note of a
//! pack of about 300 pages is edited (the other documents' layouts kept).
//!
//! Run with `cargo bench --bench parallel_layout`.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use agenda_pack::model::Audience;
use agenda_pack::pack::{self, BuildOptions, Layout};
use agenda_pack::pdf::Standard;
use agenda_pack::templates::Templates;

const SENTENCES: [&str; 4] = [
    "The service received 1,284 requests in the quarter, 6.2% more than a year earlier.",
    "Officers will report progress to the Board at its meeting in March.",
    "Partners agreed a shared plan and a single point of contact for families.",
    "Performance against the target improved in four of the six localities.",
];

/// A note of `sections` sections of five paragraphs each (about a page a section).
fn note(index: usize, sections: usize, edit: &str) -> String {
    let mut text = format!(
        "---\nkind: briefing-note\nsubject: Generated note {index}{edit}\nauthors:\n  - name: Test Author\n    title: Head of Service\n---\n\n"
    );
    for section in 0..sections {
        text.push_str(&format!("# Section {}\n\n", section + 1));
        for p in 0..5 {
            let paragraph: Vec<&str> = (0..5)
                .map(|i| SENTENCES[(index + section + p + i) % SENTENCES.len()])
                .collect();
            text.push_str(&paragraph.join(" "));
            text.push_str("\n\n");
        }
    }
    text
}

/// Writes a meeting of `notes` notes of `sections` sections each into `dir`.
fn generate(dir: &Path, notes: usize, sections: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut items = String::new();
    for i in 1..=notes {
        std::fs::write(dir.join(format!("note-{i}.md")), note(i, sections, "")).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Item {i}\n    by: Briefing Note of the Director\n    documents: [note-{i}.md]\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
}

/// Runs the binary, returning wall seconds and the peak resident set in MiB.
// The child is reaped by `wait4`, which also reports its peak memory.
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

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    let meeting = root.path().join("content").join("split");
    generate(&meeting, 8, 50);
    let out = root.path().join("out");
    let base = [
        "build",
        meeting.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let parallel: Vec<&str> = base.iter().copied().chain(["--parallel-layout"]).collect();
    let (mut whole_runs, mut parallel_runs) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        whole_runs.push(run(&base));
        parallel_runs.push(run(&parallel));
    }
    let (whole, par) = (
        median(whole_runs.iter().map(|r| r.0).collect()),
        median(parallel_runs.iter().map(|r| r.0).collect()),
    );
    let peak = |runs: &[(f64, f64)]| runs.iter().map(|r| r.1).fold(0.0, f64::max);
    println!("400 sections in 8 documents, median of 5 paired runs:");
    println!(
        "  whole layout    {whole:.3} s  peak {:.0} MiB",
        peak(&whole_runs)
    );
    println!(
        "  parallel layout {par:.3} s  peak {:.0} MiB  ({:.2}x)",
        peak(&parallel_runs),
        par / whole
    );

    // One process, as a watch: build, edit one note, build again.
    let edited = root.path().join("content").join("edited");
    generate(&edited, 10, 30);
    let templates = Templates::load(None).unwrap();
    for layout in [Layout::Whole, Layout::Parallel] {
        let options = BuildOptions {
            out_dir: out.clone(),
            standard: Standard::Ua1,
            source_date_epoch: Some(0),
            layout,
        };
        let build = || pack::build_for(&edited, &templates, &options, &[Audience::Public]).unwrap();
        let started = Instant::now();
        let pages = build()[0].pages;
        let first = started.elapsed().as_secs_f64();
        let mut rebuilds = Vec::new();
        for n in 0..5 {
            std::fs::write(
                edited.join("note-4.md"),
                note(4, 30, &format!(" (edit {n})")),
            )
            .unwrap();
            let started = Instant::now();
            build();
            rebuilds.push(started.elapsed().as_secs_f64());
        }
        println!(
            "{layout:?}: {pages} pages, first build {first:.3} s, rebuild after editing one note: median {:.3} s (of 5)",
            median(rebuilds)
        );
    }
}
