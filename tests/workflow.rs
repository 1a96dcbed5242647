//! The author's and CI's workflow around `build`: scaffolding with `new`, rebuilding
//! only changed meetings with `--changed`, and plain progress lines in CI.

mod common;

use common::*;

#[test]
fn a_new_meeting_builds_at_once_and_checks_clean() {
    let project = Project::new();
    let output = agenda_pack(
        project.root(),
        &["new", "meeting", "content/2027-01-14-board"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = agenda_pack(project.root(), &["check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    build_all(project.root());
    let pages = page_texts(&project.pdf("2027-01-14-board"));
    let text = pages.join("\n");
    assert!(text.contains("Purpose of the Note"), "{text}");
    assert!(text.contains("Recommendations"));
    assert!(text.contains("Information/Background"));
    assert!(text.contains("Note the content of the briefing note"));
    assert_eq!(stamp(&pages[2]), Some(3), "the note is item 3");
    let again = agenda_pack(
        project.root(),
        &["new", "meeting", "content/2027-01-14-board"],
    );
    assert_eq!(again.status.code(), Some(2), "never overwrites");
}

#[test]
fn a_new_note_previews_once_listed() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: briefing-note\n    title: Meals\n    documents:\n      - school-meals.md\n",
        ),
    );
    let output = agenda_pack(
        project.root(),
        &["new", "note", "content/m/school-meals.md"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = agenda_pack(project.root(), &["preview", "content/m/school-meals.md"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pages = page_texts(&project.root().join("out/preview/school-meals.pdf"));
    assert!(pages[0].contains("School meals"), "{}", pages[0]);
    assert_eq!(stamp(&pages[0]), Some(1));
}

#[test]
fn changed_rebuilds_only_meetings_whose_inputs_changed() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n";
    for name in ["a", "b"] {
        project.write(name, "meeting.yaml", &meeting_yaml(items));
        project.write(name, "note.md", &note_with_pages(name, 1));
    }
    let first = agenda_pack(project.root(), &["build", "--changed"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("2 of 2 meetings built"), "{stderr}");
    let built_b = std::fs::metadata(project.pdf("b"))
        .unwrap()
        .modified()
        .unwrap();
    let (a_before, b_before) = (
        std::fs::read(project.pdf("a")).unwrap(),
        std::fs::read(project.pdf("b")).unwrap(),
    );
    project.write(
        "a",
        "note.md",
        &note_with_pages("a", 1).replace("MARK a p1", "MARK a p1 EDITED"),
    );
    let second = agenda_pack(project.root(), &["build", "--changed"]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(
        stderr.contains("unchanged out/b.pdf, not rebuilt"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 1 meeting built (1 unchanged, not rebuilt)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::metadata(project.pdf("b"))
            .unwrap()
            .modified()
            .unwrap(),
        built_b,
        "b's PDF was not written again"
    );
    assert!(
        std::fs::read(project.pdf("b")).unwrap() == b_before,
        "b's PDF is unchanged"
    );
    // a's pack is written again, from the edited note: other bytes, the new text.
    assert!(
        std::fs::read(project.pdf("a")).unwrap() != a_before,
        "a was rebuilt"
    );
    assert!(
        page_texts(&project.pdf("a"))[2].contains("MARK a p1 EDITED"),
        "a's pack shows the edit"
    );
}

#[test]
fn another_build_of_the_tool_rebuilds_every_pack() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n";
    for name in ["a", "b"] {
        project.write(name, "meeting.yaml", &meeting_yaml(items));
        project.write(name, "note.md", &note_with_pages(name, 1));
    }
    let record = project.root().join("out/.agenda-pack-hashes");
    let first = agenda_pack(project.root(), &["build", "--changed"]);
    assert!(first.status.success());
    let written = std::fs::read_to_string(&record).unwrap();
    let (header, packs) = written.split_once('\n').unwrap();
    let build = header
        .strip_prefix("# built by agenda-pack ")
        .unwrap_or_else(|| panic!("the record names the build that wrote it: {header}"));
    assert!(
        build.starts_with(env!("CARGO_PKG_VERSION")),
        "the build names the version: {build}"
    );
    // The same record, as the same version and commit built from other sources
    // would have written it.
    let other = format!("{build}-edited");
    std::fs::write(&record, format!("# built by agenda-pack {other}\n{packs}")).unwrap();
    let second = agenda_pack(project.root(), &["build", "--changed"]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(stderr.contains("2 of 2 meetings built"), "{stderr}");
    assert!(!stderr.contains("unchanged"), "{stderr}");
    let third = agenda_pack(project.root(), &["build", "--changed"]);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(
        stderr.contains("unchanged out/a.pdf, not rebuilt"),
        "rebuilt by this build, then current: {stderr}"
    );
}

#[test]
fn ci_gets_plain_lines_and_a_summary() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n";
    for name in ["a", "b"] {
        project.write(name, "meeting.yaml", &meeting_yaml(items));
        project.write(name, "note.md", &note_with_pages(name, 1));
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .arg("build")
        .current_dir(project.root())
        .env("CI", "true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no escape codes: {stderr:?}");
    assert!(stderr.contains("built out/a.pdf (4 pages)"), "{stderr}");
    assert!(stderr.contains("built out/b.pdf (4 pages)"), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("2 of 2 meetings built, 8 pages, 0 warnings, "),
        "{stderr}"
    );
}
