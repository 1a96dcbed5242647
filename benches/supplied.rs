//! Supplied PDFs at scale: a pack carrying 300 pages of supplied PDFs (four files of
//! 60 to 90 pages, each page text and a raster image), against what it is made of:
//! `qpdf --empty --pages <files> -- out.pdf` merging the same files, plus the build of
//! the same meeting without them (the typst layout of the rest). Prints wall time and
//! peak memory of each whole process, and the ratio of the pack to the sum.
//!
//! Run with `cargo bench --bench supplied` (needs `qpdf` on the PATH); `cargo bench
//! --bench supplied -- DIR` keeps the generated meetings and PDFs in `DIR`.

mod common;

use std::path::{Path, PathBuf};

/// The supplied files' page counts: 300 pages in all.
const SUPPLIED_PAGES: [usize; 4] = [60, 90, 70, 80];

/// A PNG of `width` x `height` RGB pixels: a gradient with noise (so it does not
/// compress to nothing), stored uncompressed.
fn png(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    common::png::rgb_png(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state & 0x1f) as u8;
        [
            (x * 255 / width) as u8 ^ noise,
            (y * 255 / height) as u8,
            ((x + y + seed) % 256) as u8 ^ noise,
        ]
    })
}

/// A note of about two pages: text, a table and a picture.
fn note(index: usize) -> String {
    let mut text = format!(
        "---\nkind: briefing-note\nsubject: Supplied document part {index}\nauthors:\n  - name: Test Author\n    title: Planning Officer\n---\n\n"
    );
    for section in 1..=3 {
        text.push_str(&format!("# Part {section}\n\n"));
        for p in 0..4 {
            text.push_str(&format!(
                "Application {index}-{section}-{p}: the applicant proposes a two-storey extension to the rear, \
                 with parking for three cars and a new access from the lane. Consultees raised drainage, \
                 highways and heritage matters, set out below with the officer's assessment.\n\n"
            ));
        }
    }
    text.push_str(&format!(
        "![Site photograph {index}](images/site-{}.png \"Site photograph {index}\")\n",
        index % 4
    ));
    text
}

/// Writes a meeting of `notes` generated notes into `dir`, with its pictures; then
/// `supplied` (file name, title) as external PDF appendices of one more item.
fn generate(dir: &Path, notes: usize, supplied: &[(String, String)]) {
    std::fs::create_dir_all(dir.join("images")).unwrap();
    for i in 0..4 {
        std::fs::write(
            dir.join(format!("images/site-{i}.png")),
            png(480, 320, i + 1),
        )
        .unwrap();
    }
    let mut items = String::new();
    for i in 1..=notes {
        std::fs::write(dir.join(format!("note-{i}.md")), note(i)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Generated item {i}\n    by: Briefing Note of the Director\n    documents: [note-{i}.md]\n"
        ));
    }
    for (file, title) in supplied {
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: {title}\n    by: Report of the Head of Planning\n    documents:\n      - file: {file}\n        title: {title}\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
}

/// The median wall time and the largest peak of each command of `commands`, run in
/// turn `runs` times after one round not counted, so that the machine's drift falls on
/// all of them alike.
fn measure(runs: usize, commands: &[(&str, Vec<&str>)]) -> Vec<(f64, f64)> {
    let round = || -> Vec<(f64, f64)> {
        commands
            .iter()
            .map(|(program, args)| common::run(program, args))
            .collect()
    };
    round();
    let rounds: Vec<Vec<(f64, f64)>> = (0..runs).map(|_| round()).collect();
    (0..commands.len())
        .map(|i| {
            let mut walls: Vec<f64> = rounds.iter().map(|r| r[i].0).collect();
            walls.sort_by(f64::total_cmp);
            let peak = rounds.iter().map(|r| r[i].1).fold(0.0, f64::max);
            (walls[walls.len() / 2], peak)
        })
        .collect()
}

fn main() {
    let binary = env!("CARGO_BIN_EXE_agenda-pack");
    let temporary = tempfile::tempdir().unwrap();
    let root = common::root_or(temporary.path());
    let content = root.join("content");
    let out = root.join("out");
    let out_arg = out.to_str().unwrap();

    // The supplied PDFs: packs built from generated notes, each page text and a picture.
    let mut supplied: Vec<PathBuf> = Vec::new();
    for (index, pages) in SUPPLIED_PAGES.into_iter().enumerate() {
        let name = format!("application-{index}");
        let dir = content.join(&name);
        generate(&dir, pages / 2, &[]);
        common::run(binary, &["build", dir.to_str().unwrap(), "--out", out_arg]);
        let built = out.join(format!("{name}.pdf"));
        // Exactly `pages` pages, so the sum is 300.
        let file = root.join(format!("{name}.pdf"));
        let range = format!("1-{pages}");
        common::run(
            "qpdf",
            &[
                built.to_str().unwrap(),
                "--pages",
                ".",
                &range,
                "--",
                file.to_str().unwrap(),
            ],
        );
        supplied.push(file);
    }

    let with = content.join("with-supplied");
    let without = content.join("without-supplied");
    let listed: Vec<(String, String)> = supplied
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let name = file.file_name().unwrap().to_str().unwrap().to_string();
            (name, format!("Planning application {}", i + 1))
        })
        .collect();
    generate(&with, 8, &listed);
    generate(&without, 8, &[]);
    for file in &supplied {
        std::fs::copy(file, with.join(file.file_name().unwrap())).unwrap();
    }

    let merged = root.join("merged.pdf");
    let mut qpdf_args = vec!["--empty", "--pages"];
    qpdf_args.extend(supplied.iter().map(|f| f.to_str().unwrap()));
    qpdf_args.extend(["--", merged.to_str().unwrap()]);

    let [pack, rest, qpdf] = measure(
        9,
        &[
            (
                binary,
                vec!["build", with.to_str().unwrap(), "--out", out_arg],
            ),
            (
                binary,
                vec!["build", without.to_str().unwrap(), "--out", out_arg],
            ),
            ("qpdf", qpdf_args),
        ],
    )[..] else {
        unreachable!("three commands measured")
    };
    let largest = supplied
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .max()
        .unwrap_or(0) as f64
        / f64::from(1 << 20);
    let total = supplied
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum::<u64>() as f64
        / f64::from(1 << 20);

    println!("supplied PDFs: {total:.1} MiB in all, the largest {largest:.1} MiB");
    println!("{:<34} {:>10} {:>12}", "run", "wall (s)", "peak (MiB)");
    for (name, (wall, peak)) in [
        ("pack with 300 supplied pages", pack),
        ("pack without them (the rest)", rest),
        ("qpdf --empty --pages (the merge)", qpdf),
    ] {
        println!("{name:<34} {wall:>10.3} {peak:>12.1}");
    }
    println!(
        "pack / (rest + merge): {:.2}x wall; peak over the rest's: {:.1} MiB",
        pack.0 / (rest.0 + qpdf.0),
        pack.1 - rest.1
    );
}
