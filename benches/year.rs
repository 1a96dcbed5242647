//! A council's year in one process: builds N distinct generated meetings of about 40
//! pages each, once with one `agenda-pack build` over all of them and once with one
//! process per meeting (`xargs -P`, the same parallelism), and prints each one's wall
//! time and peak memory; the per-meeting run's peak is the largest single meeting's.
//! `check` over all of them is measured too.
//!
//! Run with `cargo bench --bench year` (or, sharing the release build's dependencies,
//! `cargo build --release --bench year` and run `target/release/deps/year-*`). Settings, from the environment:
//! `YEAR_MEETINGS` (the values of N, default `12,48`), `YEAR_JOBS` (default 2),
//! `YEAR_RUNS` (rounds, default 1), `YEAR_BINARY` (the binary measured, default the
//! one just built), and `YEAR_BASELINE`: another agenda-pack binary to measure in the
//! same rounds, turn about with it, for paired figures. `cargo bench --bench year --
//! DIR` keeps the generated meetings in `DIR/year-N/content`.

mod common;

use std::path::Path;

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.into())
}

/// The figures of one binary over one year.
struct Figures {
    one_wall: f64,
    one_peak: f64,
    each_wall: f64,
    largest_peak: f64,
    check_wall: f64,
    check_peak: f64,
}

fn measure(binary: &str, content: &Path, meetings: &[String], jobs: &str, out: &Path) -> Figures {
    let one_out = out.join("one");
    let each_out = out.join("each");
    let content = content.to_str().unwrap();
    let (one_wall, one_peak) = common::run(
        binary,
        &[
            "build",
            content,
            "--jobs",
            jobs,
            "--out",
            one_out.to_str().unwrap(),
        ],
    );
    let list = out.join("meetings.txt");
    std::fs::write(&list, meetings.join("\n")).unwrap();
    // An output folder each: processes sharing one would tidy it under each other.
    let each = format!(
        "exec '{binary}' build \"$1\" --out '{}'/\"$(basename \"$1\")\"",
        each_out.display()
    );
    let (each_wall, largest_peak) = common::run(
        "xargs",
        &[
            "-a",
            list.to_str().unwrap(),
            "-P",
            jobs,
            "-n",
            "1",
            "sh",
            "-c",
            each.as_str(),
            "sh",
        ],
    );
    let (check_wall, check_peak) = common::run(binary, &["check", content]);
    Figures {
        one_wall,
        one_peak,
        each_wall,
        largest_peak,
        check_wall,
        check_peak,
    }
}

fn main() {
    let jobs = setting("YEAR_JOBS", "2");
    let runs: usize = setting("YEAR_RUNS", "1")
        .parse()
        .expect("YEAR_RUNS is a number");
    let this = setting("YEAR_BINARY", env!("CARGO_BIN_EXE_agenda-pack"));
    let mut binaries = vec![("this", this)];
    if let Ok(baseline) = std::env::var("YEAR_BASELINE") {
        binaries.push(("baseline", baseline));
    }
    println!(
        "{:<9} {:>3} {:>5} | {:>9} {:>9} {:>6} | {:>10} {:>10} {:>6} | {:>9} {:>10}",
        "binary",
        "N",
        "pages",
        "one (s)",
        "each (s)",
        "ratio",
        "one (MiB)",
        "max1 (MiB)",
        "ratio",
        "check (s)",
        "check (MiB)"
    );
    for count in setting("YEAR_MEETINGS", "12,48").split(',') {
        let count: usize = count.trim().parse().expect("YEAR_MEETINGS lists numbers");
        let temporary = tempfile::tempdir().unwrap();
        let root = common::root_or(temporary.path()).join(format!("year-{count}"));
        let content = root.join("content");
        let meetings = common::year(&content, count);
        for _ in 0..runs {
            for (name, binary) in &binaries {
                let out = root.join("out").join(name);
                std::fs::create_dir_all(&out).unwrap();
                let f = measure(binary, &content, &meetings, &jobs, &out);
                let pages = common::pages(&out.join("one/meeting-01.pdf"));
                println!(
                    "{name:<9} {count:>3} {pages:>5} | {:>9.2} {:>9.2} {:>6.2} | {:>10.0} {:>10.0} {:>6.2} | {:>9.2} {:>10.0}",
                    f.one_wall,
                    f.each_wall,
                    f.one_wall / f.each_wall,
                    f.one_peak,
                    f.largest_peak,
                    f.one_peak / f.largest_peak,
                    f.check_wall,
                    f.check_peak
                );
            }
        }
    }
}
