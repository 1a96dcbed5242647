//! Hostile inputs: confinement. Every file a meeting names (documents, work
//! programmes, external PDFs, the logo, the flow chart) must lie inside its meeting
//! folder once links are followed; no byte of a file outside the content root ever
//! reaches a message or a PDF.

use super::budget;
use crate::common::{Project, meeting_yaml};

/// A token that appears in the secret file and nowhere else.
const SECRET: &str = "SECRET-7f3a9c-CONFINEMENT";

/// Every way a meeting's content is read: each format of `check`, and `build`.
const RUNS: [&[&str]; 4] = [
    &["check", "--format", "human"],
    &["check", "--format", "github"],
    &["check", "--format", "json"],
    &["build"],
];

/// Writes `text` to `secrets/<name>` beside the content root (outside it) and links
/// `content/m/<link>` to it.
fn link_outside(project: &Project, name: &str, text: &[u8], link: &str) {
    let secrets = project.root().join("secrets");
    std::fs::create_dir_all(&secrets).unwrap();
    std::fs::write(secrets.join(name), text).unwrap();
    let link = project.meeting_dir("m").join(link);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(secrets.join(name), link).unwrap();
}

/// Where a message must point: a file under the project, a line and a column.
struct At<'a>(&'a str, usize, usize);

impl At<'_> {
    /// Whether the output of `check --format <format>` (or `build`) points here.
    fn shown_in(&self, format: &str, stdout: &str, stderr: &str) -> bool {
        let At(file, line, column) = *self;
        match format {
            "json" => serde_json::from_str::<serde_json::Value>(stdout)
                .ok()
                .and_then(|list| list.as_array().cloned())
                .unwrap_or_default()
                .iter()
                .any(|d| {
                    d["file"].as_str().is_some_and(|f| f.ends_with(file))
                        && d["line"] == line
                        && d["column"] == column
                }),
            "github" => stdout.contains(&format!("file={file},line={line},col={column}")),
            _ => stderr.contains(&format!("{file}:{line}:{column}")),
        }
    }
}

/// Runs every way of reading the meeting and checks each refuses `at` with `message`,
/// writes nothing, and never shows the secret.
fn assert_refused(project: &Project, at: At, message: &str) {
    for args in RUNS {
        let run = budget::run(project.root(), args);
        run.assert_code(1).assert_within_budget();
        let all = format!("{}\n{}", run.stdout, run.stderr);
        assert!(!all.contains(SECRET), "{args:?} shows the secret:\n{all}");
        let format = args.last().copied().unwrap_or_default();
        assert!(
            at.shown_in(format, &run.stdout, &run.stderr),
            "{args:?} does not point at {}:{}:{}:\n{all}",
            at.0,
            at.1,
            at.2
        );
        assert!(
            all.contains(message),
            "{args:?} does not say {message:?}:\n{all}"
        );
        assert!(
            !project.root().join("out").exists()
                || std::fs::read_dir(project.root().join("out"))
                    .unwrap()
                    .next()
                    .is_none(),
            "{args:?} wrote to out/"
        );
    }
}

#[test]
fn a_document_linked_to_a_file_outside_is_refused_at_its_reference() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: Note\n    documents: [note.md]\n"),
    );
    let note = format!("---\nkind: briefing-note\nsubject: Note\n---\n\n{SECRET}\n");
    link_outside(&project, "note.md", note.as_bytes(), "note.md");
    assert_refused(
        &project,
        At("content/m/meeting.yaml", 21, 17),
        "link to a file outside",
    );
}

#[test]
fn a_document_under_a_linked_folder_is_refused() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: briefing-note\n    title: Note\n    documents:\n      - shared/note.md\n",
        ),
    );
    let note = format!("---\nkind: briefing-note\nsubject: Note\n---\n\n{SECRET}\n");
    link_outside(&project, "note.md", note.as_bytes(), "unused.md");
    std::os::unix::fs::symlink(
        project.root().join("secrets"),
        project.meeting_dir("m").join("shared"),
    )
    .unwrap();
    std::fs::remove_file(project.meeting_dir("m").join("unused.md")).unwrap();
    assert_refused(
        &project,
        At("content/m/meeting.yaml", 22, 9),
        "link to a file outside",
    );
}

#[test]
fn a_work_programme_linked_to_a_secrets_file_is_never_echoed() {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(
        "  - kind: work-programme\n    title: Work Programme\n    documents: [programme.yaml]\n",
    ));
    let secrets = format!("{SECRET}: hunter2\napi_key: {SECRET}\n");
    link_outside(
        &project,
        "secrets.yaml",
        secrets.as_bytes(),
        "programme.yaml",
    );
    assert_refused(
        &project,
        At("content/m/meeting.yaml", 21, 17),
        "link to a file outside",
    );
}

#[test]
fn a_note_linked_to_a_system_file_is_not_shown_in_a_snippet() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: Note\n    documents: [a.md, note.md]\n"),
    );
    project.write(
        "m",
        "a.md",
        "---\nkind: briefing-note\nsubject: A\n---\n\nText.\n",
    );
    let passwd = format!("root:x:0:0:{SECRET}:/root:/bin/bash\n");
    link_outside(&project, "passwd", passwd.as_bytes(), "note.md");
    assert_refused(
        &project,
        At("content/m/meeting.yaml", 21, 23),
        "link to a file outside",
    );
}

#[test]
fn an_external_pdf_linked_outside_is_refused() {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(
        "  - kind: report\n    title: Report\n    documents:\n      - file: supplied.pdf\n        title: Supplied\n",
    ));
    let pdf = crate::common::external_pdf(SECRET, 1);
    link_outside(&project, "supplied.pdf", &pdf, "supplied.pdf");
    assert_refused(
        &project,
        At("content/m/meeting.yaml", 22, 15),
        "link to a file outside",
    );
}

#[test]
fn a_logo_linked_outside_is_refused_at_its_file_name() {
    let project = Project::new();
    let yaml = meeting_yaml("  - kind: apologies\n    title: Apologies\n").replace(
        "place:",
        "logo:\n  file: logo.png\n  alt: Council logo\nplace:",
    );
    project.write("m", "meeting.yaml", &yaml);
    link_outside(&project, "logo.png", SECRET.as_bytes(), "logo.png");
    assert_refused(
        &project,
        At("content/m/meeting.yaml", 6, 9),
        "link to a file outside",
    );
}

#[test]
fn a_logo_past_the_pixel_limit_is_refused_at_its_file_name() {
    let project = Project::new();
    let yaml = meeting_yaml("  - kind: apologies\n    title: Apologies\n").replace(
        "place:",
        "logo:\n  file: logo.png\n  alt: Council logo\nplace:",
    );
    project.write("m", "meeting.yaml", &yaml);
    std::fs::write(project.meeting_dir("m").join("logo.png"), huge_png_header()).unwrap();
    let run = budget::run(project.root(), &["check"]);
    run.assert_code(1).assert_within_budget();
    assert!(
        run.stderr.contains("content/m/meeting.yaml:6:9")
            && run
                .stderr
                .contains("the logo: the image is 65500 x 65500 pixels"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_flow_chart_linked_outside_is_refused_at_its_file_name() {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(
        "  - kind: work-programme\n    title: Work Programme\n    documents: [programme.yaml]\n",
    ));
    project.write(
        "m",
        "programme.yaml",
        "kind: work-programme\ntitle: Work Programme\nlast_updated: 2026-07-01\nflow_chart:\n  file: chart.png\n  alt: How items reach the board\nmeetings:\n  - date: 2026-07-16\n",
    );
    link_outside(&project, "chart.png", SECRET.as_bytes(), "chart.png");
    assert_refused(
        &project,
        At("content/m/programme.yaml", 5, 9),
        "link to a file outside",
    );
}

/// The first bytes of a PNG that claims 65,500 x 65,500 pixels.
fn huge_png_header() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(65500u32.to_be_bytes());
    png.extend(65500u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png
}
