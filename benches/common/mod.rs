//! What the benchmarks share: generated meetings of briefing notes.

// Each bench includes this module and uses part of it.
#![allow(dead_code)]

#[path = "../../tests/common/png.rs"]
pub mod png;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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

/// A meeting.yaml for a generated meeting with the given `items:` block (indented by
/// two spaces).
pub fn meeting_yaml(items: &str) -> String {
    format!(
        "council: Benchmark City Council\ncommittee: Benchmark Scrutiny Board\ndate: 2026-07-16\ntime: \"14:00\"\n\
place: Room 1\npublication: {{name: A Person, post: Chief Executive, address: Town Hall, date: 2026-07-08}}\n\
contacts: [{{name: B Person, telephone: \"01632 960000\"}}]\nmembership: {{chair: A, members: [A, B, C]}}\n\
items:\n{items}"
    )
}

/// Five sentences; `tag`, when not empty, opens it, so that no two meetings share a
/// paragraph (typst's cache would otherwise serve one meeting's layout to another).
fn paragraph(seed: usize, tag: &str) -> String {
    let sentences = (0..5).map(|i| SENTENCES[(seed + i) % SENTENCES.len()]);
    let opening = (!tag.is_empty()).then(|| format!("Reference {tag}-{seed}."));
    opening
        .into_iter()
        .chain(sentences.map(str::to_string))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A briefing note of about six pages: sections of text, a 30-row table, an appendix.
/// `tag`, when not empty, also marks its headings and table cells, so that two
/// meetings share no layout at all, as real meetings share little.
pub fn note(index: usize, tag: &str) -> String {
    let mark = if tag.is_empty() {
        String::new()
    } else {
        format!(" ({tag})")
    };
    let mut text = format!(
        "---\nkind: briefing-note\nsubject: Generated briefing note {index}\nauthors:\n  - name: Test Author\n    title: Head of Service\n---\n\n"
    );
    for section in 0..4 {
        text.push_str(&format!("# Section {}{mark}\n\n", section + 1));
        for p in 0..5 {
            text.push_str(&paragraph(index + section + p, tag));
            text.push_str("\n\n");
        }
    }
    text.push_str("Table: Generated figures\n\n| Area | 2025 | 2026 |\n|:--|--:|--:|\n");
    for row in 0..30 {
        text.push_str(&format!(
            "| Locality {row}{mark} | {} | {} |\n",
            100 + row * 7,
            110 + row * 6
        ));
    }
    text.push_str(&format!("\n# Appendix: Further detail{mark}\n\n"));
    for p in 0..4 {
        text.push_str(&paragraph(index + p, tag));
        text.push_str("\n\n");
    }
    text
}

/// Writes a meeting with `notes` generated notes into `dir`, their text tagged with
/// `tag` (see [`paragraph`]).
pub fn generate(dir: &Path, notes: usize, tag: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let mut items = String::new();
    for i in 1..=notes {
        std::fs::write(dir.join(format!("note-{i}.md")), note(i, tag)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Generated item {i}\n    by: Briefing Note of the Director\n    documents: [note-{i}.md]\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), meeting_yaml(&items)).unwrap();
}

/// Briefing notes per meeting of a generated year: about 40 pages with the front
/// sheet and agenda.
pub const YEAR_NOTES: usize = 6;

/// Writes `count` meetings of a year under `content`, no two sharing a paragraph;
/// their folders.
pub fn year(content: &Path, count: usize) -> Vec<String> {
    (1..=count)
        .map(|k| {
            let dir = content.join(format!("meeting-{k:02}"));
            generate(&dir, YEAR_NOTES, &format!("m{k}"));
            dir.to_str().unwrap().to_string()
        })
        .collect()
}

/// Runs `program` with `args`, returning wall seconds and the peak resident set in
/// MiB: the largest of the process and every descendant it waited for (`wait4`).
pub fn run(program: &str, args: &[&str]) -> (f64, f64) {
    run_to(program, args, Stdio::null(), Stdio::null())
}

/// [`run`], with what the program prints (stdout, then stderr) returned beside.
pub fn run_printing(program: &str, args: &[&str]) -> (f64, f64, String) {
    let log = tempfile::NamedTempFile::new().unwrap();
    // One open file, so the two streams share its offset and do not overwrite.
    let out = log.reopen().unwrap();
    let err = out.try_clone().unwrap();
    let (wall, peak) = run_to(program, args, out.into(), err.into());
    (wall, peak, std::fs::read_to_string(log.path()).unwrap())
}

// The child is reaped by `wait4`, which std's `wait` cannot replace: it also reports
// the child's peak memory.
#[allow(clippy::zombie_processes)]
fn run_to(program: &str, args: &[&str], stdout: Stdio, stderr: Stdio) -> (f64, f64) {
    let started = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("the binary runs");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child with valid out-pointers.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{program} {args:?} failed"
    );
    (seconds, usage.ru_maxrss as f64 / 1024.0)
}

/// The number of pages of the PDF at `pdf` (0 when it cannot be read).
pub fn pages(pdf: &Path) -> usize {
    let data = std::fs::read(pdf).unwrap();
    lopdf::Document::load_mem(&data)
        .map(|pdf| pdf.get_pages().len())
        .unwrap_or(0)
}

/// Where a bench writes what it generates: the folder given on its command line
/// (`cargo bench --bench NAME -- DIR`), kept to time other builds on the same content,
/// or else `temporary`.
pub fn root_or(temporary: &Path) -> PathBuf {
    let root = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with("--"))
        .map_or_else(|| temporary.to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&root).unwrap();
    root
}
