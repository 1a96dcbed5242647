//! Template filling: the typst source made from a meeting, and council overrides.

mod common;

use agenda_pack::content::load_meeting;
use agenda_pack::pack::typst_source;
use agenda_pack::templates::Templates;
use common::*;

fn sample_project() -> Project {
    let project = Project::new();
    let items = concat!(
        "  - kind: apologies\n    title: Apologies & Substitutions\n",
        "  - kind: minutes\n    title: Minutes\n    sub_items: [To agree the minutes, Matters Arising]\n",
        "    documents: [note.md]\n",
        "  - kind: any-other-business\n    title: Any Other Business\n",
    );
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    project.write(
        "m",
        "note.md",
        "---\nkind: minutes\ndate: 2026-06-18\ntime: \"14:00\"\nclosed: \"15:00\"\nfirst_minute: 1\npresent:\n  chair: B Two\n  members: [B Two]\n---\n\n# Minute\n\nMARK 2.1 p1\n",
    );
    project
}

#[test]
fn the_front_sheet_gets_ranges_sub_items_and_stock_text_from_the_data() {
    let project = sample_project();
    let meeting = load_meeting(&project.meeting_dir("m")).unwrap();
    let source = typst_source(&meeting, &Templates::load(None).unwrap()).unwrap();
    assert!(
        source.contains("#agenda-item(1)[\n  *Apologies \\& Substitutions*\n]"),
        "{source}"
    );
    assert!(source.contains("#page-range(2)"));
    assert!(!source.contains("#page-range(1)") && !source.contains("#page-range(3)"));
    assert!(source.contains("a\\) To agree the minutes"));
    assert!(source.contains("b\\) Matters Arising"));
    assert!(source.contains("Any other items of business which the Chair decides"));
    assert!(source.contains("#start-document(item: 2, first: true, exempt: false, item-title: "));
    assert!(source.contains("MARK 2\\.1 p1"));
}

#[test]
fn a_templates_folder_next_to_content_overrides_the_defaults() {
    let project = sample_project();
    let templates = project.root().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let style = include_str!("../templates/style.typ").replace(
        "[This page is intentionally left blank]",
        "[Left blank on purpose]",
    );
    std::fs::write(templates.join("style.typ"), style).unwrap();
    build_all(project.root());
    let pages = page_texts(&project.pdf("m"));
    assert!(pages.iter().any(|p| p.contains("Left blank on purpose")));
    assert!(!pages.iter().any(|p| p.contains("intentionally left blank")));
}

#[test]
fn a_broken_template_override_is_a_usage_error() {
    let project = sample_project();
    let templates = project.root().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("pack.typ.j2"), "{% for x in %}").unwrap();
    let output = agenda_pack(project.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("template error"), "{stderr}");
    assert!(project.out_files().is_empty());
}
