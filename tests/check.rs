//! `agenda-pack check`: one test per class of mistake, each checking the exact
//! file:line:column reported and that nothing in `out/` was touched; the GitHub
//! annotation format as a snapshot, and the human format's source line and caret.

mod common;

use std::path::PathBuf;
use std::time::SystemTime;

use common::*;

const ONE_NOTE: &str =
    "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";

/// A project with meeting `m`: `meeting.yaml` = `yaml`, a valid one-page note, and an
/// `out/` folder holding an earlier PDF; `spoil` then breaks something.
fn project_with(yaml: &str, spoil: impl FnOnce(&Project)) -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", yaml);
    project.write("m", "note.md", &note_with_pages("1.1", 1));
    std::fs::create_dir(project.root().join("out")).unwrap();
    std::fs::write(project.root().join("out/earlier.pdf"), "%PDF-earlier").unwrap();
    spoil(&project);
    project
}

/// Every file in `out/` with its length and modification time.
fn out_state(project: &Project) -> Vec<(PathBuf, u64, SystemTime)> {
    let mut state: Vec<_> = project
        .out_files()
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).unwrap();
            (path, meta.len(), meta.modified().unwrap())
        })
        .collect();
    state.sort();
    state
}

/// One reported problem, from `--format json`.
#[derive(Debug)]
struct Reported {
    place: String,
    message: String,
    hint: String,
}

/// Runs `check --format json`, asserts exit code 1, one error and `out/` untouched,
/// and returns the error.
fn single_error(project: &Project) -> Reported {
    let before = out_state(project);
    let output = agenda_pack(project.root(), &["check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(out_state(project), before, "check never touches out/");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("check prints JSON");
    let errors: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{stdout}");
    let e = errors[0];
    Reported {
        place: format!(
            "{}:{}:{}",
            e["file"].as_str().unwrap_or("?"),
            e["line"],
            e["column"]
        ),
        message: e["message"].as_str().unwrap_or_default().to_string(),
        hint: e["hint"].as_str().unwrap_or_default().to_string(),
    }
}

#[test]
fn a_clean_meeting_checks_clean_and_writes_nothing() {
    let project = project_with(&meeting_yaml(ONE_NOTE), |_| {});
    let before = out_state(&project);
    let output = agenda_pack(project.root(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("checked 1 meeting: 0 errors"), "{stderr}");
    assert_eq!(out_state(&project), before);
}

/// The single error `check` reports for a note with this body (after its front matter).
fn note_error(body: &str) -> Reported {
    single_error(&project_with(&meeting_yaml(ONE_NOTE), |p| {
        p.write(
            "m",
            "note.md",
            &format!("---\nkind: briefing-note\nsubject: S\n---\n\n{body}"),
        )
    }))
}

#[test]
fn malformed_yaml() {
    // `post` indented one space too far.
    let yaml = meeting_yaml(ONE_NOTE).replace("  post:", "   post:");
    let e = single_error(&project_with(&yaml, |_| {}));
    assert_eq!(e.place, "content/m/meeting.yaml:8:8", "{e:?}");
    assert_eq!(e.message, "mapping values are not allowed in this context");
    assert!(e.hint.contains("indentation"), "{e:?}");
}

#[test]
fn unknown_key_with_did_you_mean() {
    let e = single_error(&project_with(&meeting_yaml(ONE_NOTE), |p| {
        p.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubjet: Typo\n---\n\nText.\n",
        )
    }));
    assert_eq!(e.place, "content/m/note.md:3:1", "{e:?}");
    assert!(e.message.starts_with("unknown field `subjet`"), "{e:?}");
    assert_eq!(e.hint, "did you mean `subject`?");
}

#[test]
fn missing_file() {
    let yaml = meeting_yaml(ONE_NOTE).replace("- note.md", "- missing.md");
    let e = single_error(&project_with(&yaml, |_| {}));
    assert_eq!(e.place, "content/m/meeting.yaml:22:9", "{e:?}");
    assert_eq!(e.message, "document `missing.md` not found");
}

#[test]
fn missing_image() {
    let e = note_error("Intro.\n\n![A chart](images/chart.png)\n");
    assert_eq!(e.place, "content/m/note.md:8:1", "{e:?}");
    assert_eq!(e.message, "image `images/chart.png` not found");
}

#[test]
fn image_without_alt_text() {
    let e = single_error(&project_with(&meeting_yaml(ONE_NOTE), |p| {
        p.write("m", "chart.svg", SVG);
        p.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubject: S\n---\n\nIntro.\n\n![](chart.svg)\n",
        )
    }));
    assert_eq!(e.place, "content/m/note.md:8:1", "{e:?}");
    assert_eq!(e.message, "the image has no alternative text");
}

#[test]
fn bad_date() {
    let yaml = meeting_yaml(ONE_NOTE).replace("date: 2026-07-16", "date: 16/07/2026");
    let e = single_error(&project_with(&yaml, |_| {}));
    assert_eq!(e.place, "content/m/meeting.yaml:3:7", "{e:?}");
    assert!(e.message.contains("YYYY-MM-DD"), "{e:?}");
}

#[test]
fn duplicate_item_number() {
    let items = "  - number: 1\n    kind: apologies\n    title: Apologies\n  - number: 1\n    kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";
    let e = single_error(&project_with(&meeting_yaml(items), |_| {}));
    assert_eq!(e.place, "content/m/meeting.yaml:22:13", "{e:?}");
    assert_eq!(e.message, "item number 1 is given twice");
    assert!(e.hint.contains("this is item 2"), "{e:?}");
}

#[test]
fn text_that_would_break_typst() {
    // Quotes nested deeper than typst's parser can take are refused at their line.
    let deep = "> ".repeat(30);
    let e = note_error(&format!("Intro.\n\n{deep}deep\n"));
    // The 21st `>` (column 41) is one level too deep.
    assert_eq!(e.place, "content/m/note.md:8:41", "{e:?}");
    assert!(e.message.contains("nested too deeply"), "{e:?}");
}

#[test]
fn a_link_without_an_address_is_reported_at_the_markdown_line() {
    // It passes Markdown; typst would refuse it, and the converter does first.
    let e = note_error("# Section\n\nIntro.\n\nSee the\nnew [guidance]() here.\n");
    assert_eq!(e.place, "content/m/note.md:11:5", "{e:?}");
    assert_eq!(e.message, "the link has no address");
}

#[test]
fn github_format_annotations() {
    let yaml = meeting_yaml(ONE_NOTE).replace("date: 2026-07-16", "date: 16/07/2026");
    let project = project_with(&yaml, |p| {
        p.write("n", "meeting.yaml", &meeting_yaml(ONE_NOTE));
        p.write(
            "n",
            "note.md",
            "---\nkind: briefing-note\nsubjet: Typo\n---\n\nText.\n",
        );
    });
    let output = agenda_pack(project.root(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}

#[test]
fn human_format_shows_the_source_line_and_a_caret() {
    let project = project_with(&meeting_yaml(ONE_NOTE), |p| {
        p.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubjet: Typo\n---\n\nText.\n",
        )
    });
    let output = agenda_pack(project.root(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: unknown field `subjet`"), "{stderr}");
    assert!(stderr.contains("--> content/m/note.md:3:1"), "{stderr}");
    assert!(stderr.contains("3 | subjet: Typo"), "{stderr}");
    assert!(stderr.contains("  | ^"), "{stderr}");
    assert!(
        stderr.contains("= hint: did you mean `subject`?"),
        "{stderr}"
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let project = project_with(&meeting_yaml(ONE_NOTE), |_| {});
    let output = agenda_pack(project.root(), &["check", "content/nowhere"]);
    assert_eq!(output.status.code(), Some(2));
}

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";

#[test]
fn an_image_typst_cannot_decode_is_reported_at_the_markdown_line() {
    // Images are decoded before layout, so the error names the image at its line.
    let e = single_error(&project_with(&meeting_yaml(ONE_NOTE), |p| {
        p.write("m", "images/ok.svg", SVG);
        p.write("m", "images/chart.png", "this is not a PNG");
        p.write(
            "m",
            "note.md",
            "---\nkind: briefing-note\nsubject: S\n---\n\n# Section\n\n![Fine](images/ok.svg)\n\nIntro.\n\n![A chart](images/chart.png)\n",
        )
    }));
    assert_eq!(e.place, "content/m/note.md:12:1", "{e:?}");
    assert!(
        e.message
            .starts_with("the image `images/chart.png` cannot be decoded ("),
        "{e:?}"
    );
}

#[test]
fn a_template_override_that_fails_while_rendering_is_a_usage_error() {
    let project = project_with(&meeting_yaml(ONE_NOTE), |p| {
        let templates = p.root().join("templates");
        std::fs::create_dir(&templates).unwrap();
        std::fs::write(templates.join("pack.typ.j2"), "{{ meeting.no_such_field }}").unwrap();
    });
    let before = out_state(&project);
    let output = agenda_pack(project.root(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("template error"), "{stderr}");
    assert_eq!(out_state(&project), before);
}
