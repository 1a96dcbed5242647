//! Bad content: one clear error naming the file (and line), a non-zero exit code, and
//! nothing written to `out/`.

mod common;

use common::*;

const ONE_NOTE: &str =
    "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";

/// Builds a project whose meeting `m` has `meeting.yaml` = `yaml` and a valid note,
/// then applies `spoil`, and returns stderr after checking the failure is clean.
fn failing_build(yaml: &str, spoil: impl FnOnce(&Project)) -> String {
    let project = Project::new();
    project.write("m", "meeting.yaml", yaml);
    project.write("m", "note.md", &note_with_pages("1.1", 1));
    spoil(&project);
    build_fails(&project)
}

#[test]
fn missing_document_names_the_line_in_meeting_yaml() {
    let yaml = meeting_yaml(
        "  - kind: briefing-note\n    title: A note\n    documents:\n      - missing.md\n",
    );
    let stderr = failing_build(&yaml, |_| {});
    assert!(
        stderr.contains("content/m/meeting.yaml:22:9: document `missing.md` not found"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let yaml =
        meeting_yaml(ONE_NOTE).replace("place: Committee Room 1 - Town Hall", "place: [unclosed");
    let stderr = failing_build(&yaml, |_| {});
    assert!(stderr.contains("content/m/meeting.yaml:5:"), "{stderr}");
}

#[test]
fn unknown_key_in_front_matter_suggests_the_right_one() {
    let stderr = failing_build(&meeting_yaml(ONE_NOTE), |project| {
        project.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubjet: Typo\n---\n\nText.\n",
        );
    });
    assert!(
        stderr.contains("content/m/note.md:3:1: unknown field `subjet`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `subject`?"), "{stderr}");
}

#[test]
fn bad_date_names_its_line_and_the_expected_form() {
    let yaml = meeting_yaml(ONE_NOTE).replace("date: 2026-07-16", "date: 16/07/2026");
    let stderr = failing_build(&yaml, |_| {});
    assert!(stderr.contains("content/m/meeting.yaml:3:7:"), "{stderr}");
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}

#[test]
fn image_without_alt_text_names_the_markdown_line() {
    let stderr = failing_build(&meeting_yaml(ONE_NOTE), |project| {
        project.write(
            "m",
            "chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
        );
        project.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubject: S\n---\n\nIntro.\n\n![](chart.svg)\n",
        );
    });
    assert!(
        stderr.contains("content/m/note.md:8:1: the image has no alternative text"),
        "{stderr}"
    );
}

#[test]
fn corrupt_external_pdf_is_named() {
    let yaml = meeting_yaml(
        "  - kind: briefing-note\n    title: A\n    documents:\n      - file: bad.pdf\n        title: Bad\n",
    );
    let stderr = failing_build(&yaml, |project| {
        project.write("m", "bad.pdf", "%PDF-1.7 this is not really a PDF")
    });
    assert!(
        stderr.contains("content/m/bad.pdf: the file is not a readable PDF"),
        "{stderr}"
    );
}

#[test]
fn encrypted_external_pdf_says_how_to_decrypt_it() {
    let yaml = meeting_yaml(
        "  - kind: briefing-note\n    title: A\n    documents:\n      - file: locked.pdf\n        title: Locked\n",
    );
    let stderr = failing_build(&yaml, |project| {
        let dir = project.meeting_dir("m");
        std::fs::write(dir.join("plain.pdf"), external_pdf("1.1", 1)).unwrap();
        let status = std::process::Command::new("qpdf")
            .args(["--encrypt", "user", "owner", "256", "--"])
            .arg(dir.join("plain.pdf"))
            .arg(dir.join("locked.pdf"))
            .status()
            .expect("qpdf runs");
        assert!(status.success());
    });
    assert!(
        stderr.contains("content/m/locked.pdf: the PDF is encrypted"),
        "{stderr}"
    );
    assert!(stderr.contains("qpdf --decrypt"), "{stderr}");
}

#[test]
fn table_merging_a_cell_with_nothing_is_located() {
    let stderr = failing_build(&meeting_yaml(ONE_NOTE), |project| {
        project.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubject: S\n---\n\nIntro.\n\n| A | B |\n|---|---|\n| < | b |\n",
        );
    });
    assert!(
        stderr.contains(
            "content/m/note.md:8:1: `<` merges a cell with one that does not exist (row 2, column 1)"
        ),
        "{stderr}"
    );
}

#[test]
fn one_bad_meeting_does_not_stop_the_others() {
    let project = Project::new();
    project.write("good", "meeting.yaml", &meeting_yaml(ONE_NOTE));
    project.write("good", "note.md", &note_with_pages("1.1", 1));
    project.write("bad", "meeting.yaml", &meeting_yaml(ONE_NOTE));
    let output = agenda_pack(project.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(project.out_files(), vec![project.pdf("good")], "{stderr}");
    assert!(stderr.contains("1 of 2 meetings built"), "{stderr}");
}

#[test]
fn author_text_is_printed_verbatim_and_never_run() {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(ONE_NOTE));
    let hostile =
        r#"#set page(width: 2cm) #read("/etc/passwd") $x^2$ a < b > c @ref // not a comment"#;
    project.write(
        "m",
        "note.md",
        &format!(
            "---\nkind: briefing-note\nsubject: \"#pagebreak() ]\"\n---\n\n# Section\n\n{hostile}\n"
        ),
    );
    build_all(project.root());
    let pages = page_texts(&project.pdf("m"));
    let text: String = pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(hostile),
        "the hostile text is printed as written:\n{text}"
    );
    assert!(text.contains("#pagebreak() ]"));
    assert_eq!(pages.len(), 4, "no page break was injected");
}

#[test]
fn a_chair_missing_from_the_members_is_located() {
    let yaml = meeting_yaml(ONE_NOTE).replace("chair: B Two", "chair: Z Nobody");
    let stderr = failing_build(&yaml, |_| {});
    assert!(
        stderr.contains(
            "content/m/meeting.yaml:16:10: the Chair `Z Nobody` is not in `membership.members`"
        ),
        "{stderr}"
    );
}

#[test]
fn late_publication_is_a_warning_naming_the_last_good_day() {
    let project = Project::new();
    // Published Friday 10 July for Thursday 16 July: 13, 14, 15 are the clear days.
    let yaml = meeting_yaml(ONE_NOTE).replace("  date: 2026-07-08", "  date: 2026-07-10");
    project.write("m", "meeting.yaml", &yaml);
    project.write("m", "note.md", &note_with_pages("1.1", 1));
    let stderr = build_succeeds(&project);
    assert!(
        stderr.contains("warning: content/m/meeting.yaml:10:9: the agenda is published 3 clear days before the meeting; the law asks for 5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("publish by Wednesday, 8 July 2026"),
        "{stderr}"
    );
}
