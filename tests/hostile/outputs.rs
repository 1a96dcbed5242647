//! Hostile inputs: outputs. Two meetings never write the same PDF; `--changed` never
//! keeps a pack that is not the one it wrote; a signal or a kill never leaves a
//! temporary file for long; an output folder that cannot be written is refused
//! before any layout work.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::budget;
use super::cli::{open_to_everyone, run_bound_by_permissions};
use crate::common::*;

const ONE_NOTE: &str =
    "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";

fn meeting(project: &Project, name: &str) {
    project.write(name, "meeting.yaml", &meeting_yaml(ONE_NOTE));
    project.write(name, "note.md", &note_with_pages(name, 1));
}

/// The temporary files in `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(".agenda-pack-"))
                        && p.extension().is_some_and(|e| e == "tmp")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn two_meetings_that_would_write_the_same_pdf_are_an_error_naming_both() {
    let project = Project::new();
    for name in ["children/2026-07-16", "adults/2026-07-16", "other"] {
        meeting(&project, name);
    }
    let run = budget::run(project.root(), &["build"]);
    run.assert_code(1).assert_within_budget();
    for (this, other) in [
        ("children/2026-07-16", "adults/2026-07-16"),
        ("adults/2026-07-16", "children/2026-07-16"),
    ] {
        assert!(
            run.stderr.contains(&format!(
                "content/{this}: this meeting and content/{other} would both be written as 2026-07-16.pdf"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("1 of 3 meetings built"),
        "{}",
        run.stderr
    );
    assert_eq!(project.out_files(), [project.pdf("other")]);
    let check = budget::run(project.root(), &["check"]);
    check.assert_code(1);
    assert!(
        check.stderr.contains("checked 3 meetings: 2 errors"),
        "{}",
        check.stderr
    );
}

#[test]
fn changed_rebuilds_a_pack_emptied_or_replaced_since() {
    let project = Project::new();
    meeting(&project, "m");
    budget::run(project.root(), &["build", "--changed"]).assert_code(0);
    let pdf = project.pdf("m");
    let written = std::fs::read(&pdf).unwrap();
    let again = budget::run(project.root(), &["build", "--changed"]);
    again.assert_code(0);
    assert!(
        again.stderr.contains("unchanged out/m.pdf"),
        "{}",
        again.stderr
    );
    for spoilt in [&b""[..], b"garbage", &written[..written.len() / 2]] {
        std::fs::write(&pdf, spoilt).unwrap();
        let run = budget::run(project.root(), &["build", "--changed"]);
        run.assert_code(0);
        assert!(
            run.stderr.contains("built out/m.pdf"),
            "kept a spoilt pack:\n{}",
            run.stderr
        );
        assert_eq!(std::fs::read(&pdf).unwrap(), written);
    }
}

#[test]
fn temporary_files_left_by_a_killed_build_are_removed_by_the_next() {
    let project = Project::new();
    meeting(&project, "m");
    let out = project.root().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join(".agenda-pack-Xy12ab.pdf.tmp"), "%PDF half").unwrap();
    std::fs::write(out.join("notes.tmp"), "not ours").unwrap();
    budget::run(project.root(), &["build"]).assert_code(0);
    assert_eq!(temp_files(&out), Vec::<PathBuf>::new());
    assert!(
        out.join("notes.tmp").exists(),
        "only agenda-pack's own files go"
    );
}

/// A PNG of `side` x `side` pixels of noise (stored, not compressed), so that the pack
/// holding it is large and its write takes a while.
fn noise_png(side: usize) -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as u8
    };
    let side = side as u32;
    crate::common::png::rgb_png(side, side, |_, _| [noise(), noise(), noise()])
}

#[test]
fn a_signal_during_the_write_leaves_no_temporary_file() {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(ONE_NOTE));
    project.write(
        "m",
        "note.md",
        "---\nkind: briefing-note\nsubject: S\n---\n\n![Noise](noise.png)\n",
    );
    std::fs::write(project.meeting_dir("m").join("noise.png"), noise_png(2500)).unwrap();
    let out = project.root().join("out");
    let mut caught = 0;
    for _ in 0..6 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
            .arg("build")
            .current_dir(project.root())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Signal the moment a temporary file appears: the write is in progress.
        let signalled = loop {
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            if !temp_files(&out).is_empty() {
                // SAFETY: kill with a child's pid and a valid signal.
                unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
                break true;
            }
        };
        let status = child.wait().unwrap();
        assert_eq!(
            temp_files(&out),
            Vec::<PathBuf>::new(),
            "a temporary file outlived the process ({status:?})"
        );
        if signalled {
            caught += 1;
            if caught == 3 {
                break;
            }
        }
        let _ = std::fs::remove_dir_all(&out);
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(caught > 0, "no write was ever caught in progress");
}

#[test]
fn an_out_that_is_a_file_is_an_environment_error_before_any_layout() {
    let project = Project::new();
    meeting(&project, "m");
    std::fs::write(project.root().join("packs"), "a file").unwrap();
    let run = budget::run(project.root(), &["build", "--out", "packs"]);
    run.assert_code(2).assert_within_budget();
    assert!(
        run.stderr
            .contains("error: packs: the output folder is a file"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("built"),
        "no layout work: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(project.root().join("packs")).unwrap(),
        b"a file"
    );
}

#[test]
fn a_read_only_out_is_an_environment_error_before_any_layout() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::new();
    meeting(&project, "m");
    let out = project.root().join("out");
    std::fs::create_dir(&out).unwrap();
    open_to_everyone(project.root());
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let output = run_bound_by_permissions(&project, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error: out: "), "{stderr}");
    assert!(!stderr.contains("built"), "no layout work: {stderr}");
    assert!(project.out_files().is_empty());
}
