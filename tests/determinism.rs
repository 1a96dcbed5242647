//! Reproducible output: the same content gives the same bytes, and the creation date
//! comes from the meeting data or `SOURCE_DATE_EPOCH`, never the clock.

mod common;

use std::process::Command;

use common::*;

fn project() -> Project {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n      - file: app.pdf\n        title: App\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    project.write("m", "note.md", &note_with_pages("1.1", 3));
    std::fs::write(
        project.meeting_dir("m").join("app.pdf"),
        external_pdf("1.2", 2),
    )
    .unwrap();
    project
}

fn build_into(project: &Project, out: &str, epoch: Option<&str>) -> Vec<u8> {
    build_with(project, out, epoch, &[])
}

fn build_with(project: &Project, out: &str, epoch: Option<&str>, extra: &[&str]) -> Vec<u8> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agenda-pack"));
    command
        .args(["build", "--out", out])
        .args(extra)
        .current_dir(project.root());
    match epoch {
        Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(project.root().join(out).join("m.pdf")).unwrap()
}

#[test]
fn two_builds_give_identical_bytes() {
    let project = project();
    let first = build_into(&project, "out-a", None);
    let second = build_into(&project, "out-b", None);
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "two builds of the same content differ");
}

#[test]
fn every_standard_gives_identical_bytes_with_the_external_pages_placed() {
    let project = project();
    for standard in ["ua-1", "a-2a", "a-2b", "a-3", "none"] {
        let first = build_with(&project, "out-a", None, &["--standard", standard]);
        let second = build_with(&project, "out-b", None, &["--standard", standard]);
        assert!(first == second, "two {standard} builds differ");
        // The external pages were placed: their text is in the pack.
        let text = page_texts(&project.root().join("out-b/m.pdf")).join("\n");
        assert!(text.contains("MARK 1.2 p2"), "{standard}: {text}");
    }
}

#[test]
fn the_sample_pack_builds_to_identical_bytes() {
    let build = || {
        let (out, _) = build_repository_content(&[]);
        [
            "2026-07-16-children-scrutiny",
            "2026-09-10-children-scrutiny-supplement-1",
        ]
        .map(|pack| std::fs::read(out.path().join(format!("{pack}.pdf"))).unwrap())
    };
    assert!(build() == build(), "two builds of the sample pack differ");
}

#[test]
fn creation_date_comes_from_the_publication_date_or_source_date_epoch() {
    let project = project();
    build_into(&project, "out-a", None);
    let info = pdf_info(&project.root().join("out-a/m.pdf"));
    let created = info
        .iter()
        .find(|(k, _)| k == "CreationDate")
        .map(|(_, v)| v.as_str());
    assert_eq!(
        created,
        Some("Wed Jul  8 00:00:00 2026 UTC"),
        "the publication date"
    );

    // 2026-01-02 03:04:05 UTC
    let stamped = build_into(&project, "out-b", Some("1767323045"));
    let info = pdf_info(&project.root().join("out-b/m.pdf"));
    let created = info
        .iter()
        .find(|(k, _)| k == "CreationDate")
        .map(|(_, v)| v.as_str());
    assert_eq!(created, Some("Fri Jan  2 03:04:05 2026 UTC"));
    assert_eq!(stamped, build_into(&project, "out-c", Some("1767323045")));
}
