//! `build --changed` with nothing to do: the time to find that a council's meetings
//! are all current (every input hashed, every PDF's bytes checked), whole process.
//!
//! Generates 12 meetings of five notes each, builds them once, then times repeated
//! `build --changed` runs that rebuild nothing, reporting median, min and max.
//! `CHANGED_BENCH_BASELINE=<another agenda-pack>` times that binary too, run by run in
//! turn with this one (each with an output folder it built itself).
//!
//! Run with `cargo bench --bench changed`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Meetings generated: a committee's year.
const MEETINGS: usize = 12;

/// Timed runs of each binary.
const RUNS: usize = 21;

const PARAGRAPH: &str = "The service received 1,284 requests in the quarter, 6.2% more than a year earlier, and officers will report progress to the Board at its meeting in March.";

fn generate(content: &Path) {
    for m in 1..=MEETINGS {
        let dir = content.join(format!("2026-{m:02}-14-board"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut items = String::new();
        for n in 1..=5 {
            let mut text = format!("---\nkind: briefing-note\nsubject: Note {n}\n---\n\n");
            for s in 1..=4 {
                text.push_str(&format!("# Section {s}\n\n{}\n\n", PARAGRAPH.repeat(6)));
            }
            std::fs::write(dir.join(format!("note-{n}.md")), text).unwrap();
            items.push_str(&format!(
                "  - kind: briefing-note\n    title: Item {n}\n    documents: [note-{n}.md]\n"
            ));
        }
        std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
    }
}

/// Runs `build --changed` with `binary` into `out`; the wall time in milliseconds.
fn build_changed(binary: &Path, content: &Path, out: &Path) -> (f64, String) {
    let started = Instant::now();
    let output = Command::new(binary)
        .args(["build", "--changed", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs");
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (millis, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn summary(values: &mut [f64]) -> String {
    values.sort_by(f64::total_cmp);
    format!(
        "median {:>6.1} ms  min {:>6.1}  max {:>6.1}",
        values[values.len() / 2],
        values[0],
        values[values.len() - 1]
    )
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    generate(&content);
    let mut binaries = vec![("this", PathBuf::from(env!("CARGO_BIN_EXE_agenda-pack")))];
    if let Ok(baseline) = std::env::var("CHANGED_BENCH_BASELINE") {
        binaries.push(("baseline", PathBuf::from(baseline)));
    }
    let outs: Vec<PathBuf> = (0..binaries.len())
        .map(|i| root.path().join(format!("out-{i}")))
        .collect();
    for ((_, binary), out) in binaries.iter().zip(&outs) {
        let (_, said) = build_changed(binary, &content, out);
        assert!(
            said.contains(&format!("{MEETINGS} of {MEETINGS} meetings built")),
            "{said}"
        );
    }
    let mut times = vec![Vec::new(); binaries.len()];
    for _ in 0..RUNS {
        for (i, (_, binary)) in binaries.iter().enumerate() {
            let (millis, said) = build_changed(binary, &content, &outs[i]);
            assert!(
                said.contains(&format!("({MEETINGS} unchanged, not rebuilt)")),
                "{said}"
            );
            times[i].push(millis);
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "build --changed, nothing to do, {MEETINGS} meetings, {RUNS} runs each (load {})",
        load.trim()
    );
    for ((label, _), times) in binaries.iter().zip(&mut times) {
        println!("  {label:<8} {}", summary(times));
    }
}
