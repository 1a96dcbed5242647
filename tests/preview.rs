//! `agenda-pack preview`: one document paginated as in its pack, PNG pages, and
//! `--watch` re-rendering after the note is edited.

mod common;

use common::*;

const TWO_NOTES: &str = "  - kind: briefing-note\n    title: First\n    documents:\n      - first.md\n  - kind: briefing-note\n    title: Second\n    documents:\n      - second.md\n";

/// Meeting `m`: a 3-page note (pages 3-6 with padding) then a 2-page note (7-8).
fn project() -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(TWO_NOTES));
    project.write("m", "first.md", &note_with_pages("1", 3));
    project.write("m", "second.md", &note_with_pages("2", 2));
    project
}

#[test]
fn a_note_is_numbered_and_stamped_as_in_its_pack() {
    let project = project();
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md", "--png"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 pages (Pages 7 - 8, Agenda Item 2), 0 warnings, 2 PNG pages"),
        "{stderr}"
    );
    let pdf = project.root().join("out/preview/second.pdf");
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 2);
    assert_eq!(stamp(&pages[0]), Some(2), "{}", pages[0]);
    assert_eq!(footer_number(&pages[0]), Some(7));
    assert_eq!(footer_number(&pages[1]), Some(8));
    assert!(pages[1].contains("MARK 2 p2"));
    assert_eq!(page_labels(&pdf), ["7", "8"]);
    for page in [7, 8] {
        let png = std::fs::read(
            project
                .root()
                .join(format!("out/preview/second-{page}.png")),
        )
        .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "page {page} is a PNG");
    }
    assert!(!project.pdf("m").exists(), "the pack itself is not built");
}

/// Previews the second note, expecting it to succeed from page 1; returns stderr.
fn preview_second_from_page_1(project: &Project) -> String {
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 pages (Pages 1 - 2, Agenda Item 2)"),
        "{stderr}"
    );
    stderr
}

#[test]
fn a_note_starts_at_page_1_when_the_rest_of_the_pack_cannot_be_laid_out() {
    let project = project();
    // A character no font has, in a front-matter value: found only once laid out.
    project.write(
        "m",
        "first.md",
        "---\nkind: briefing-note\nsubject: S 😀\n---\n\nText.\n",
    );
    preview_second_from_page_1(&project);
    let pages = page_texts(&project.root().join("out/preview/second.pdf"));
    assert_eq!(footer_number(&pages[0]), Some(1));
}

#[test]
fn a_note_previews_while_the_other_documents_are_still_missing() {
    let project = project();
    std::fs::remove_file(project.meeting_dir("m").join("first.md")).unwrap();
    let stderr = preview_second_from_page_1(&project);
    assert!(
        stderr.contains("other documents of the meeting have errors"),
        "{stderr}"
    );
    let pages = page_texts(&project.root().join("out/preview/second.pdf"));
    assert_eq!(stamp(&pages[0]), Some(2));
    assert_eq!(footer_number(&pages[0]), Some(1));
    // The note's own mistakes are still reported, at their line.
    project.write(
        "m",
        "second.md",
        "---\nkind: briefing-note\nsubjet: S\n---\n",
    );
    let output = agenda_pack(project.root(), &["preview", "content/m/second.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--> content/m/second.md:3:1"), "{stderr}");
}

#[test]
fn a_note_not_on_the_agenda_is_an_error_with_a_hint() {
    let project = project();
    project.write("m", "stray.md", &note_with_pages("3", 1));
    let output = agenda_pack(project.root(), &["preview", "content/m/stray.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("not listed in content/m/meeting.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("documents:"), "{stderr}");
}

#[test]
fn watch_renders_again_after_the_note_is_saved() {
    let project = project();
    let mut running = Running::start(
        project.root(),
        &["preview", "content/m/first.md", "--watch"],
    );
    let wait_for = |prefix: &str| running.wait_for(prefix);
    wait_for("watching");
    let pdf = project.root().join("out/preview/first.pdf");
    assert_eq!(page_texts(&pdf).len(), 4, "3 pages and a padding page");
    project.write(
        "m",
        "first.md",
        &note_with_pages("1", 3).replace("MARK 1 p3", "MARK 1 p3 EDITED"),
    );
    let line = wait_for("rendered ");
    assert!(
        line.contains("4 pages (Pages 3 - 6, Agenda Item 1)"),
        "{line}"
    );
    let pages = page_texts(&pdf);
    assert!(pages[2].contains("EDITED"), "{}", pages[2]);
    // A broken save reports the error and keeps watching; fixing it renders again.
    project.write(
        "m",
        "first.md",
        "---\nkind: briefing-note\nsubjet: S\n---\n",
    );
    wait_for("not rendered");
    project.write("m", "first.md", &note_with_pages("1", 1));
    let line = wait_for("rendered ");
    assert!(line.contains("2 pages (Pages 3 - 4"), "{line}");
    running.stop();
    let leftovers: Vec<_> = std::fs::read_dir(project.root().join("out/preview"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        leftovers,
        ["first.pdf"],
        "writes are atomic: no temporary files left"
    );
}
