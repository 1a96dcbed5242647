//! Memory across the meetings one process builds: what a meeting cached (typst's
//! memoised layout) is dropped when it is done, so the resident set after the twelfth
//! meeting of a generated year is about that after the first; and meetings built two
//! at a time lay out one at a time, so the year's peak stays near one meeting's.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use agenda_pack::model::Audience;
use agenda_pack::pack::{self, BuildOptions, Layout};
use agenda_pack::pdf::Standard;
use agenda_pack::templates::Templates;

/// Meetings in the generated year.
const MEETINGS: usize = 12;

/// This process's resident set in KiB, from /proc.
fn resident_kib() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .expect("/proc/self/status is readable")
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS is given in kB")
}

/// A briefing note of a few pages whose every paragraph is the meeting's own, so no
/// meeting's layout can be served from another's cached results.
fn note(meeting: usize, note: usize) -> String {
    let mut text =
        format!("---\nkind: briefing-note\nsubject: Note {note} of meeting {meeting}\n---\n\n");
    for section in 1..=4 {
        text.push_str(&format!("# Section {section}\n\n"));
        for paragraph in 1..=6 {
            text.push_str(&format!(
                "Meeting {meeting}, note {note}, paragraph {section}.{paragraph}: the service \
                 received {} requests in the quarter, and officers will report progress to the \
                 Board at its meeting in March. Partners agreed a shared plan and a single point \
                 of contact for families, shaped by feedback from young people.\n\n",
                1000 + meeting * 97 + note * 13 + paragraph
            ));
        }
        text.push_str("| Area | 2025 | 2026 |\n|:--|--:|--:|\n");
        for row in 0..8 {
            text.push_str(&format!(
                "| Locality {meeting}-{row} | {} | {} |\n",
                100 + row * meeting,
                110 + row * note
            ));
        }
        text.push('\n');
    }
    text
}

/// Writes meeting `k` of the year into `dir`.
fn generate(dir: &Path, k: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut items = String::new();
    for n in 1..=4 {
        std::fs::write(dir.join(format!("note-{n}.md")), note(k, n)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Item {n} of meeting {k}\n    documents: [note-{n}.md]\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), common::meeting_yaml(&items)).unwrap();
}

/// The resident set after the first meeting and after the last, each meeting passed
/// through `work` in turn.
fn resident_after_first_and_last(
    dirs: &[std::path::PathBuf],
    work: impl Fn(&Path),
) -> (usize, usize) {
    work(&dirs[0]);
    let first = resident_kib();
    for dir in &dirs[1..] {
        work(dir);
    }
    (first, resident_kib())
}

#[test]
fn memory_does_not_grow_with_each_meeting_built_or_checked() {
    let root = tempfile::tempdir().unwrap();
    let dirs: Vec<_> = (1..=MEETINGS)
        .map(|k| {
            let dir = root.path().join(format!("content/meeting-{k:02}"));
            generate(&dir, k);
            dir
        })
        .collect();
    let templates = Templates::load(None).unwrap();
    let options = BuildOptions {
        out_dir: root.path().join("out"),
        standard: Standard::Ua1,
        source_date_epoch: None,
        layout: Layout::Whole,
        keep_meeting: false,
    };
    std::fs::create_dir_all(&options.out_dir).unwrap();

    let (first, last) = resident_after_first_and_last(&dirs, |dir| {
        let built = pack::build_for(dir, &templates, &options, &[Audience::Public]).unwrap();
        assert!(built[0].pages >= 10, "{} pages", built[0].pages);
    });
    assert!(
        last * 2 <= first * 3,
        "built: {first} KiB resident after the first meeting, {last} KiB after the {MEETINGS}th"
    );

    // check lays out as build does, without the export.
    let (first, last) = resident_after_first_and_last(&dirs, |dir| {
        pack::check(dir, &templates).unwrap();
    });
    assert!(
        last * 2 <= first * 3,
        "checked: {first} KiB resident after the first meeting, {last} KiB after the {MEETINGS}th"
    );
}

/// The peak resident set, in KiB, of `agenda-pack` run with `args` (which must succeed).
fn peak_kib(args: &[&Path]) -> i64 {
    // Reaped by wait4, which gives the child's peak memory where Child::wait cannot.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the agenda-pack binary runs");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our child, not yet reaped (Child::wait is never called).
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(reaped, child.id() as libc::pid_t, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "agenda-pack {args:?} failed (status {status})"
    );
    usage.ru_maxrss
}

#[test]
fn a_year_built_two_meetings_at_a_time_peaks_near_one_meeting() {
    let root = tempfile::tempdir().unwrap();
    let content = root.path().join("content");
    for k in 1..=MEETINGS {
        generate(&content.join(format!("meeting-{k:02}")), k);
    }
    let one = peak_kib(&[
        Path::new("build"),
        &content.join("meeting-12"),
        Path::new("--out"),
        &root.path().join("one"),
    ]);
    let year = peak_kib(&[
        Path::new("build"),
        &content,
        Path::new("--jobs"),
        Path::new("2"),
        Path::new("--out"),
        &root.path().join("year"),
    ]);
    // Measured 1.21-1.23x (two cores); 1.43-1.48x with two meetings laying out at once.
    assert!(
        year * 100 <= one * 135,
        "{MEETINGS} meetings peaked at {year} KiB, one alone at {one} KiB"
    );
}
