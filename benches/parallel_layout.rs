//! `build --parallel-layout` against the default layout and against the typst CLI on
//! the same typst source: a 400-section meeting split into 8 documents (whole
//! processes, in turn, wall time and peak memory); then, in one process as a watch
//! would, the rebuild after one note of a pack of about 300 pages is edited (the other
//! documents' layouts kept).
//!
//! Run with `cargo bench --bench parallel_layout`; set `TYPST` to a typst CLI (0.15)
//! to compare with it, `NOTES` to split the meeting into that many notes of 50
//! sections instead of 8 (`NOTES=2`: 100 sections), and `KEEP` to keep the generated
//! meetings and typst source.

mod common;

use std::path::Path;
use std::time::Instant;

use agenda_pack::model::Audience;
use agenda_pack::pack::{self, BuildOptions, Layout};
use agenda_pack::pdf::Standard;
use agenda_pack::templates::Templates;

/// Sentences to vary the generated text.
const SENTENCES: [&str; 4] = [
    "The service received 1,284 requests in the quarter, 6.2% more than a year earlier.",
    "Officers will report progress to the Board at its meeting in March.",
    "Partners agreed a shared plan and a single point of contact for families.",
    "Performance against the target improved in four of the six localities.",
];

/// Paired runs of each command.
const RUNS: usize = 5;

/// A note of `sections` sections of five paragraphs each (about a page a section),
/// its subject ending with `edit`.
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

/// Writes the meeting's whole-pack typst source and the house style into `dir`, for
/// the typst CLI.
fn write_typst_source(meeting: &Path, templates: &Templates, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let loaded = pack::load(meeting).unwrap();
    let source = pack::typst_source(&loaded, templates).unwrap();
    std::fs::write(dir.join("main.typ"), source).unwrap();
    std::fs::write(dir.join("style.typ"), templates.style()).unwrap();
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The machine's load average over the last minute.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    if std::env::var_os("KEEP").is_some() {
        println!("generated in {}", root.path().display());
    }
    let templates = Templates::load(None).unwrap();
    let meeting = root.path().join("content").join("split");
    let notes: usize = std::env::var("NOTES")
        .map(|n| n.parse().expect("NOTES is a number"))
        .unwrap_or(8);
    generate(&meeting, notes, 50);
    let out = root.path().join("out");
    let binary = env!("CARGO_BIN_EXE_agenda-pack");
    let whole = vec![
        "build".to_string(),
        meeting.to_string_lossy().to_string(),
        "--out".to_string(),
        out.to_string_lossy().to_string(),
    ];
    let parallel: Vec<String> = whole
        .iter()
        .cloned()
        .chain(["--parallel-layout".to_string()])
        .collect();
    let mut commands: Vec<(&str, String, Vec<String>)> = vec![
        ("whole layout", binary.to_string(), whole),
        ("parallel layout", binary.to_string(), parallel),
    ];
    let dir = root.path().join("typst");
    write_typst_source(&meeting, &templates, &dir);
    if let Some(typst) = std::env::var_os("TYPST") {
        let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let path = |p: &Path| p.to_string_lossy().to_string();
        commands.push((
            "typst CLI",
            typst.to_string_lossy().to_string(),
            vec![
                "compile".to_string(),
                "--root".to_string(),
                path(&dir),
                "--font-path".to_string(),
                path(&fonts),
                "--ignore-system-fonts".to_string(),
                path(&dir.join("main.typ")),
                path(&root.path().join("typst.pdf")),
            ],
        ));
    }
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new(); commands.len()];
    let load_before = load();
    for _ in 0..RUNS {
        for ((_, program, args), runs) in commands.iter().zip(&mut runs) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            runs.push(common::run(program, &args));
        }
    }
    let pages = common::pages(&out.join("split.pdf"));
    println!(
        "{} sections in {notes} documents ({pages} pages), median of {RUNS} runs in turn, load {load_before} -> {}:",
        notes * 50,
        load()
    );
    let walls: Vec<f64> = runs
        .iter()
        .map(|r| median(r.iter().map(|r| r.0).collect()))
        .collect();
    for ((name, _, _), (runs, wall)) in commands.iter().zip(runs.iter().zip(&walls)) {
        let peak = median(runs.iter().map(|r| r.1).collect());
        let ratios: Vec<String> = commands
            .iter()
            .zip(&walls)
            .filter(|((other, _, _), _)| other != name)
            .map(|((other, _, _), base)| format!("{:.2}x {other}", wall / base))
            .collect();
        println!(
            "  {name:<16} {wall:.3} s  peak {peak:.0} MiB  ({})",
            ratios.join(", ")
        );
    }

    // One process, as a watch: build, edit one note, build again.
    let edited = root.path().join("content").join("edited");
    generate(&edited, 10, 30);
    for layout in [Layout::Whole, Layout::Parallel { keep: true }] {
        let options = BuildOptions {
            out_dir: out.clone(),
            standard: Standard::Ua1,
            source_date_epoch: Some(0),
            layout,
            keep_meeting: false,
        };
        let build = || pack::build_for(&edited, &templates, &options, &[Audience::Public]).unwrap();
        let started = Instant::now();
        let pages = build()[0].pages;
        let first = started.elapsed().as_secs_f64();
        let mut rebuilds = Vec::new();
        for n in 0..RUNS {
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
            "{layout:?}: {pages} pages, first build {first:.3} s, rebuild after editing one note: median {:.3} s (of {RUNS}), load {}",
            median(rebuilds),
            load()
        );
    }
    if std::env::var_os("KEEP").is_some() {
        let _ = root.keep();
    }
}
