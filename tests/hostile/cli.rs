//! Hostile inputs: the command line. Messages never quote a file from outside the
//! content; a closed pipe is not a crash; one error gives one exit status in every
//! command; a meeting named twice is built once; a broken corner of content/ or a
//! panic stays with its own meeting.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::budget;
use crate::common::*;

const ONE_NOTE: &str =
    "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";

/// A project with the meetings `names`, each with one good one-page note.
fn meetings(names: &[&str]) -> Project {
    let project = Project::new();
    for name in names {
        project.write(name, "meeting.yaml", &meeting_yaml(ONE_NOTE));
        project.write(name, "note.md", &note_with_pages(name, 1));
    }
    project
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs agenda-pack with an extra environment variable.
fn run_with_env(dir: &Path, args: &[&str], name: &str, value: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env(name, value)
        .output()
        .expect("the agenda-pack binary runs")
}

/// Runs agenda-pack so that file permissions bind: as `nobody` when the tests run
/// as root (root reads and writes any folder whatever its mode), with the project
/// opened to everyone first; as the user otherwise.
pub(super) fn run_bound_by_permissions(project: &Project, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agenda-pack"));
    command
        .args(args)
        .current_dir(project.root())
        .env_remove("SOURCE_DATE_EPOCH");
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        // SAFETY: setgroups, setgid and setuid are async-signal-safe; nothing else
        // runs between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            command.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(65534) != 0
                    || libc::setuid(65534) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    command.output().expect("the agenda-pack binary runs")
}

/// Opens every folder of `root` to everyone (so `nobody` can read the content and
/// create out/); call before taking a permission away.
pub(super) fn open_to_everyone(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o777
        } else {
            0o644
        };
        if !entry.path_is_symlink() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        }
    }
}

#[test]
fn an_error_never_quotes_a_file_linked_from_outside_the_content() {
    const MARKER: &str = "OUTSIDE-MARKER-7f3a";
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(
        &secret,
        format!("---\nkind: briefing-note\nsubjet: {MARKER}\n---\n\n{MARKER}\n"),
    )
    .unwrap();
    let project = meetings(&["m"]);
    std::fs::remove_file(project.meeting_dir("m").join("note.md")).unwrap();
    std::os::unix::fs::symlink(&secret, project.meeting_dir("m").join("note.md")).unwrap();
    for args in [
        &["check"][..],
        &["check", "--format", "github"],
        &["check", "--format", "json"],
        &["build"],
        &["preview", "content/m/note.md"],
    ] {
        let run = budget::run(project.root(), args);
        run.assert_code(1).assert_within_budget();
        assert!(
            !run.stderr.contains(MARKER) && !run.stdout.contains(MARKER),
            "{args:?} quoted the outside file:\n{}{}",
            run.stdout,
            run.stderr
        );
    }
    assert!(project.out_files().is_empty());
}

/// Runs `args` with stderr and stdout piped and both closed before anything is
/// printed; returns the exit status.
fn with_closed_pipes(project: &Project, args: &[&str]) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the agenda-pack binary runs");
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap().code()
}

#[test]
fn a_closed_pipe_is_not_an_error_in_any_command() {
    let project = meetings(&["a", "b"]);
    // 101 is a panic (`failed printing to stderr`).
    assert_eq!(with_closed_pipes(&project, &["build"]), Some(0));
    assert_eq!(
        project.out_files().len(),
        2,
        "the packs are built all the same"
    );
    assert_eq!(with_closed_pipes(&project, &["check"]), Some(0));
    assert_eq!(
        with_closed_pipes(&project, &["check", "--format", "json"]),
        Some(0)
    );
    assert_eq!(
        with_closed_pipes(&project, &["preview", "content/a/note.md"]),
        Some(0)
    );
    assert_eq!(with_closed_pipes(&project, &["--help"]), Some(0));
    // The closed pipe does not hide a real failure.
    project.write("a", "note.md", "---\nkind: briefing-note\nsubjet: S\n---\n");
    assert_eq!(with_closed_pipes(&project, &["build"]), Some(1));
}

/// The exit statuses of build, check and preview on the project.
fn statuses(project: &Project) -> [Option<i32>; 3] {
    ["build", "check", "preview content/m/note.md"].map(|command| {
        let args: Vec<&str> = command.split(' ').collect();
        let run = budget::run(project.root(), &args);
        run.assert_within_budget();
        run.code
    })
}

#[test]
fn the_same_error_gives_the_same_exit_status_in_build_check_and_preview() {
    let project = meetings(&["m"]);
    let templates = project.root().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // A template that fails while rendering (both the pack and the preview use it).
    std::fs::write(
        templates.join("briefing-note.typ.j2"),
        "{{ no_such.field }}",
    )
    .unwrap();
    assert_eq!(statuses(&project), [Some(2); 3], "a broken template");
    // A house style typst rejects.
    std::fs::remove_file(templates.join("briefing-note.typ.j2")).unwrap();
    let style = include_str!("../../templates/style.typ").replace(
        "#let blank-text = [This page is intentionally left blank]",
        "#let blank-text = [This page is intentionally left blank",
    );
    std::fs::write(templates.join("style.typ"), style).unwrap();
    assert_eq!(statuses(&project), [Some(2); 3], "a broken house style");
    std::fs::remove_file(templates.join("style.typ")).unwrap();
    // The content's own mistake.
    project.write("m", "note.md", "---\nkind: briefing-note\nsubjet: S\n---\n");
    assert_eq!(statuses(&project), [Some(1); 3], "a content error");
    assert!(project.out_files().is_empty());
}

#[test]
fn a_meeting_named_twice_on_the_command_line_is_built_once() {
    let project = meetings(&["m"]);
    let run = budget::run(
        project.root(),
        &["build", "content/m", "./content/m", "content/m/"],
    );
    run.assert_code(0).assert_within_budget();
    assert_eq!(
        run.stderr.matches("built out/m.pdf").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 of 1 meeting built"),
        "{}",
        run.stderr
    );
    let run = budget::run(
        project.root(),
        &["check", "content/m", "./content/m/note.md"],
    );
    run.assert_code(0);
    assert!(run.stderr.contains("checked 1 meeting"), "{}", run.stderr);
}

#[test]
fn check_converts_the_documents_only_the_members_pack_prints() {
    let project = meetings(&["m"]);
    let yaml = meeting_yaml(ONE_NOTE)
        + "private_items:\n  - kind: briefing-note\n    title: Contract\n    exempt_paragraph: 3\n    documents: [exempt.md]\n";
    project.write("m", "meeting.yaml", &yaml);
    project.write(
        "m",
        "exempt.md",
        "---\nkind: briefing-note\nsubject: S\n---\n\nIntro.\n\n| A | B |\n|---|---|\n| < | b |\n",
    );
    let private = budget::run(project.root(), &["build", "--private"]);
    private.assert_code(1).assert_within_budget();
    assert!(
        private
            .stderr
            .contains("content/m/exempt.md:8:1: `<` merges a cell with one that does not exist"),
        "{}",
        private.stderr
    );
    let check = budget::run(project.root(), &["check"]);
    check.assert_code(1).assert_within_budget();
    assert!(
        check.stderr.contains("content/m/exempt.md:8:1"),
        "check passes what build --private refuses:\n{}",
        check.stderr
    );
}

#[test]
fn a_panic_in_one_meeting_is_its_internal_error_and_the_others_build() {
    let project = meetings(&["a", "b", "c"]);
    let output = run_with_env(project.root(), &["build"], "AGENDA_PACK_TEST_PANIC", "b");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: content/b: not built\ninternal error"),
        "{stderr}"
    );
    assert!(stderr.contains("2 of 3 meetings built"), "{stderr}");
    let mut out = project.out_files();
    out.sort();
    assert_eq!(out, [project.pdf("a"), project.pdf("c")]);
    let output = run_with_env(project.root(), &["check"], "AGENDA_PACK_TEST_PANIC", "b");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("internal error"), "{stderr}");
    assert!(stderr.contains("checked 3 meetings: 1 error"), "{stderr}");
    let preview = ["preview", "content/b/note.md"];
    let output = run_with_env(project.root(), &preview, "AGENDA_PACK_TEST_PANIC", "b");
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("internal error"), "{stderr}");
}

#[test]
fn links_to_nothing_and_link_loops_stay_with_their_own_meeting() {
    use std::os::unix::fs::symlink;
    let project = meetings(&["a", "b", "c"]);
    let content = project.root().join("content");
    // A link to nothing that meeting a uses, one that nothing uses, and a loop.
    symlink(content.join("a/gone.md"), content.join("a/dangling.md")).unwrap();
    project.write(
        "a",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: briefing-note\n    title: A note\n    documents:\n      - dangling.md\n",
        ),
    );
    symlink(content.join("nowhere"), content.join("b/unused.md")).unwrap();
    symlink(&content, content.join("c/loop")).unwrap();
    let run = budget::run(project.root(), &["build"]);
    run.assert_code(1).assert_within_budget();
    assert!(
        run.stderr.contains("error: content/a: not built"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 of 3 meetings built"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning: content/b/unused.md: skipped while looking for meetings: a link to nothing"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: content/c/loop: skipped while looking for meetings: a link loop"),
        "{}",
        run.stderr
    );
    let mut out = project.out_files();
    out.sort();
    assert_eq!(out, [project.pdf("b"), project.pdf("c")]);
    let check = budget::run(project.root(), &["check", "--format", "github"]);
    check.assert_code(1);
    assert!(
        check.stdout.contains("::warning file=content/c/loop"),
        "{}",
        check.stdout
    );
    // `--changed` reads every file of a meeting: the same links do not stop it.
    let changed = budget::run(project.root(), &["build", "--changed"]);
    changed.assert_code(1);
    assert!(
        changed.stderr.contains("2 of 3 meetings built"),
        "{}",
        changed.stderr
    );
}

#[test]
fn an_unreadable_folder_is_a_warning_and_the_other_meetings_build() {
    let project = meetings(&["a", "b"]);
    project.write("locked/inner", "meeting.yaml", &meeting_yaml(ONE_NOTE));
    open_to_everyone(project.root());
    let locked = project.root().join("content/locked");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = run_bound_by_permissions(&project, &["build"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning: content/locked: skipped while looking for meetings: cannot be read"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("2 of 2 meetings built"), "{stderr}");
}
