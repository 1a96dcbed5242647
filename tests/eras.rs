//! The era variants of the front sheet and dates, chosen by `content/style.yaml` or a
//! meeting's own `style:` map; each variant is built and read back with pdftotext.

mod common;

use common::*;

const ITEMS: &str = "  - kind: briefing-note\n    title: A note\n    documents: [note.md]\n";
const NOTES: &str = "notes:\n  - First note.\n  - Second note.\nitems:";

/// Builds meeting `m` with `style.yaml` = `root_style` (if any) and `meeting.yaml`
/// edited by `edit`; returns the text of every page, squeezed to single spaces.
fn build_with(root_style: Option<&str>, edit: impl Fn(String) -> String) -> String {
    let project = Project::new();
    if let Some(style) = root_style {
        std::fs::write(project.root().join("content/style.yaml"), style).unwrap();
    }
    project.write("m", "meeting.yaml", &edit(meeting_yaml(ITEMS)));
    project.write(
        "m",
        "note.md",
        "---\nkind: briefing-note\nsubject: Dates\n---\n\nBody.\n",
    );
    build_all(project.root());
    page_texts(&project.pdf("m"))
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn with_notes(yaml: String) -> String {
    yaml.replace("items:", NOTES)
}

#[test]
fn the_default_era_prints_numbered_notes_the_hearing_loop_and_ordinal_dates() {
    let text = build_with(None, with_notes);
    assert!(
        text.contains("2.00 pm on Thursday, 16th July, 2026"),
        "{text}"
    );
    assert!(
        text.contains("Notes: 1) First note. 2) Second note."),
        "{text}"
    );
    assert!(
        text.contains("Please note: a hearing loop is available"),
        "{text}"
    );
    assert!(!text.contains("Public Access"), "{text}");
    assert!(
        text.contains("Town Hall, Testford Wednesday, 8 July 2026"),
        "{text}"
    );
    assert!(text.contains("Date: 16th July 2026"), "{text}");
}

#[test]
fn the_later_era_prints_one_contact_note_public_access_and_plain_dates() {
    let style =
        "notes: contact-note\naccess: public-access\ndates: plain\nsignatory_date: running\n";
    let text = build_with(Some(style), |yaml| yaml);
    assert!(text.contains("2.00 pm on Thursday, 16 July 2026"), "{text}");
    assert!(
        text.contains("Note: The person to contact about the agenda and documents for this meeting is Sam Officer, telephone 01632 960001, e-mail sam.officer@testford.example."),
        "{text}"
    );
    assert!(!text.contains("Notes:"), "{text}");
    assert!(
        text.contains("Public Access: Any member of the public"),
        "{text}"
    );
    assert!(!text.contains("hearing loop"), "{text}");
    assert!(text.contains("Town Hall, Testford 8 July 2026"), "{text}");
    assert!(text.contains("Date: 16 July 2026"), "{text}");
}

#[test]
fn a_meeting_overrides_the_content_root_key_by_key() {
    let root = "access: public-access\ndates: plain\n";
    let text = build_with(Some(root), |yaml| {
        with_notes(yaml).replace("items:", "style:\n  dates: ordinal\nitems:")
    });
    // Dates from the meeting, access from the root, notes from the default.
    assert!(text.contains("Thursday, 16th July, 2026"), "{text}");
    assert!(text.contains("Public Access:"), "{text}");
    assert!(text.contains("Notes: 1) First note."), "{text}");
}

#[test]
fn times_print_with_a_dot_and_noon_in_words() {
    let text = build_with(None, |yaml| {
        yaml.replace("time: \"14:00\"", "time: \"12:00\"")
    });
    assert!(
        text.contains("12 noon on Thursday, 16th July, 2026"),
        "{text}"
    );
}

#[test]
fn style_mistakes_are_located() {
    let project = Project::new();
    std::fs::write(
        project.root().join("content/style.yaml"),
        "notes: numbered\nacess: public-access\n",
    )
    .unwrap();
    project.write("m", "meeting.yaml", &meeting_yaml(ITEMS));
    project.write("m", "note.md", &note_with_pages("a", 1));
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/style.yaml:2:1: unknown field `acess`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `access`?"), "{stderr}");

    // Numbered notes given where the style prints one contact note would be lost.
    std::fs::write(
        project.root().join("content/style.yaml"),
        "notes: contact-note\n",
    )
    .unwrap();
    project.write("m", "meeting.yaml", &with_notes(meeting_yaml(ITEMS)));
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/meeting.yaml:18:1: `notes:` are given, but this style prints a single contact note"),
        "{stderr}"
    );
}

#[test]
fn a_logo_heads_the_front_sheet_as_a_figure_with_its_alt_text() {
    let project = Project::new();
    let logo = "logo:\n  file: images/logo.svg\n  alt: Testford Borough Council\n";
    let yaml = meeting_yaml(ITEMS).replacen("date:", &format!("{logo}date:"), 1);
    project.write("m", "meeting.yaml", &yaml);
    project.write("m", "note.md", &note_with_pages("a", 1));
    project.write(
        "m",
        "images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"30\"><rect width=\"90\" height=\"30\" fill=\"#1a4f9c\"/></svg>",
    );
    build_all(project.root());
    let pdf = common::structure::Pdf::open(&project.pdf("m"));
    let alts: Vec<String> = pdf
        .elements()
        .into_iter()
        .filter(|e| e.kind == "Figure")
        .filter_map(|e| e.alt)
        .collect();
    assert_eq!(alts, ["Testford Borough Council"]);

    // Without its description, or missing, the logo is an error at its line.
    std::fs::remove_dir_all(project.root().join("out")).unwrap();
    project.write(
        "m",
        "meeting.yaml",
        &yaml.replace("alt: Testford Borough Council\n", "alt: \"\"\n"),
    );
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/meeting.yaml:5:3: the logo has no alternative text"),
        "{stderr}"
    );
    project.write(
        "m",
        "meeting.yaml",
        &yaml.replace("images/logo.svg", "images/crest.svg"),
    );
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/meeting.yaml:4:9: the logo: `images/crest.svg` not found"),
        "{stderr}"
    );
}
