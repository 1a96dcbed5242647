//! The command line's conventions: completions, the manual page, `--version` with the
//! commit, colour under `--color` and `NO_COLOR`, `--quiet` and `--verbose`, and
//! `build --format github|json` for CI.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// Runs `agenda-pack` in `dir` with extra environment variables.
fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agenda-pack"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the agenda-pack binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A project with one meeting `m` published two days late: one warning.
fn meeting_with_a_warning() -> Project {
    let project = Project::new();
    let yaml = meeting_yaml("  - kind: apologies\n    title: Apologies\n")
        .replace("  date: 2026-07-08", "  date: 2026-07-14");
    project.write("m", "meeting.yaml", &yaml);
    project
}

/// A project with one clean meeting `m`.
fn clean_meeting() -> Project {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: apologies\n    title: Apologies\n"),
    );
    project
}

#[test]
fn bash_completions_are_a_script_naming_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_with_env(dir.path(), &["completions", "bash"], &[]);
    assert!(output.status.success());
    let script = text(&output.stdout);
    for word in [
        "build",
        "check",
        "preview",
        "new",
        "minutes",
        "completions",
        "man",
    ] {
        assert!(script.contains(word), "{word} missing:\n{script}");
    }
    assert!(script.contains("complete -F"), "{script}");
    let file = dir.path().join("agenda-pack.bash");
    std::fs::write(&file, &script).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(syntax.status.success(), "{}", text(&syntax.stderr));
}

#[test]
fn the_manual_page_is_roff_with_a_name_section() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_with_env(dir.path(), &["man"], &[]);
    assert!(output.status.success());
    let roff = text(&output.stdout);
    assert!(roff.contains(".TH agenda-pack 1"), "{roff}");
    assert!(roff.contains(".SH NAME\nagenda\\-pack \\- "), "{roff}");
    assert!(roff.contains(".SH SYNOPSIS"), "{roff}");
    // Formatted by groff as `man` would, when it is installed (Debian: groff-base).
    let file = dir.path().join("agenda-pack.1");
    std::fs::write(&file, &roff).unwrap();
    if let Ok(formatted) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&file)
        .env("GROFF_NO_SGR", "1")
        .output()
    {
        assert!(formatted.status.success(), "{}", text(&formatted.stderr));
        assert_eq!(text(&formatted.stderr), "", "groff warns");
        let page = plain(&text(&formatted.stdout)).replace(['\u{2010}', '\u{2212}'], "-");
        let words: Vec<&str> = page.split_whitespace().collect();
        let name = words
            .iter()
            .position(|w| *w == "NAME")
            .expect("a NAME heading");
        assert_eq!(
            words[name + 1..name + 4],
            ["agenda-pack", "-", "Turns"],
            "{page}"
        );
        assert!(page.contains("completions"), "{page}");
    }
}

/// Terminal text without the overstrikes (`N\x08N`) that make it bold or underlined.
fn plain(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i + 1) == Some(&'\u{8}') {
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_with_env(dir.path(), &["--version"], &[]);
    assert!(output.status.success());
    let version = text(&output.stdout);
    let expected = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "unknown".to_string(),
            |o| text(&o.stdout).trim().to_string(),
        );
    assert_eq!(
        version.trim(),
        format!("agenda-pack {} ({expected})", env!("CARGO_PKG_VERSION"))
    );
    if expected != "unknown" {
        assert!(expected.len() >= 7 && expected.chars().all(|c| c.is_ascii_hexdigit()));
    }
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let project = meeting_with_a_warning();
    let root = project.root();
    let esc = |output: &Output| output.stderr.contains(&0x1b);
    let always = run_with_env(root, &["check", "--color=always"], &[]);
    assert!(always.status.success(), "{}", text(&always.stderr));
    assert!(
        esc(&always),
        "--color=always colours:\n{}",
        text(&always.stderr)
    );
    assert!(text(&always.stderr).contains("warning"));
    for (args, env) in [
        (&["check", "--color=never"][..], &[][..]),
        (&["check"][..], &[("NO_COLOR", "1")][..]),
        // auto: stderr is a pipe here.
        (&["check"][..], &[][..]),
        (&["--color", "auto", "check"][..], &[][..]),
    ] {
        let output = run_with_env(root, args, env);
        assert!(text(&output.stderr).contains("warning"), "{args:?} {env:?}");
        assert!(!esc(&output), "{args:?} {env:?}:\n{}", text(&output.stderr));
    }
    // build's lines colour their label too.
    let out = root.join("out");
    let build = run_with_env(
        root,
        &["build", "--color=always", "--out", out.to_str().unwrap()],
        &[],
    );
    assert!(esc(&build), "{}", text(&build.stderr));
}

#[test]
fn quiet_prints_nothing_on_success_and_only_errors_on_failure() {
    let project = clean_meeting();
    for args in [&["-q", "check"][..], &["build", "--quiet"][..]] {
        let output = run_with_env(project.root(), args, &[]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert_eq!(text(&output.stderr), "", "{args:?}");
        assert_eq!(text(&output.stdout), "", "{args:?}");
    }
    // A warning is not an error: still nothing.
    let warned = meeting_with_a_warning();
    let output = run_with_env(warned.root(), &["-q", "check"], &[]);
    assert_eq!(text(&output.stderr), "");
    // An error is printed, without the summary.
    project.write("m", "meeting.yaml", "council: [\n");
    let output = run_with_env(project.root(), &["-q", "check"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("error"), "{stderr}");
    assert!(!stderr.contains("checked 1 meeting"), "{stderr}");
}

#[test]
fn verbose_prints_the_settings_and_each_meeting_time() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: apologies\n    title: Apologies\n  - kind: briefing-note\n    title: Note\n    documents: [note.md]\n",
        ),
    );
    project.write("m", "note.md", &note_with_pages("n", 3));
    let output = run_with_env(project.root(), &["check", "-v"], &[]);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("templates built in"), "{stderr}");
    assert!(stderr.contains("checked content/m in "), "{stderr}");
    let build = run_with_env(project.root(), &["build", "--verbose"], &[]);
    let stderr = text(&build.stderr);
    assert!(stderr.contains("standard Ua1, Public pack"), "{stderr}");
    // Item 2's note: pages 3 to 5, padded to 6.
    assert!(stderr.contains("\n  item 2: Pages 3 - 6"), "{stderr}");
    let quiet = run_with_env(project.root(), &["check", "-v", "-q"], &[]);
    assert_eq!(quiet.status.code(), Some(2), "-q and -v conflict");
}

#[test]
fn build_warnings_reach_ci_as_annotations_or_json() {
    let project = meeting_with_a_warning();
    let root = project.root();
    let github = run_with_env(root, &["build", "--format", "github"], &[]);
    assert!(github.status.success(), "{}", text(&github.stderr));
    let annotations = text(&github.stdout);
    assert!(
        annotations.starts_with("::warning file=content/m/meeting.yaml,line="),
        "{annotations}"
    );
    assert!(annotations.contains("clear days"), "{annotations}");
    assert!(project.pdf("m").is_file(), "the pack is still built");
    // The human lines stay on stderr, without repeating the warning.
    assert!(!text(&github.stderr).contains("clear days"));

    let json = run_with_env(root, &["build", "--format", "json"], &[]);
    assert!(json.status.success());
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["severity"], "warning");
    assert_eq!(list[0]["file"], "content/m/meeting.yaml");

    // An error is an annotation too, and the exit status is unchanged.
    project.write("m", "meeting.yaml", "council: [\n");
    let failed = run_with_env(root, &["build", "--format", "github"], &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        text(&failed.stdout).starts_with("::error file=content/m/meeting.yaml"),
        "{}",
        text(&failed.stdout)
    );
}
