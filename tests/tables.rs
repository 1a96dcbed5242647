//! Tables as printed: the hard-table gallery (`tests/fixtures/table-gallery`) and the
//! sample packs, read back word by word with poppler.

mod common;

use std::path::{Path, PathBuf};

use common::word_boxes::assert_no_word_faults;
use common::*;

const GALLERY: &str = "2026-10-01-table-gallery";

/// Builds every meeting of the content folder `content` into a temporary folder;
/// returns it and stderr.
fn build_content(content: &Path) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().expect("a temporary folder");
    let output = agenda_pack(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    (out, stderr)
}

fn gallery() -> (tempfile::TempDir, String) {
    build_content(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/table-gallery"))
}

#[test]
fn no_word_of_the_table_gallery_overlaps_another_or_passes_the_margin() {
    let (out, _) = gallery();
    assert_no_word_faults(&out.path().join(format!("{GALLERY}.pdf")), &[]);
}

/// The pages of `pack` that show a page of one of the `supplied` PDFs: those holding
/// the first line of text of a supplied page.
fn supplied_pages(pack: &Path, supplied: &[PathBuf]) -> Vec<usize> {
    let first_lines: Vec<String> = supplied
        .iter()
        .flat_map(|pdf| page_texts(pdf))
        .filter_map(|page| lines(&page).first().map(|line| line.to_string()))
        .collect();
    page_texts(pack)
        .iter()
        .enumerate()
        .filter(|(_, text)| first_lines.iter().any(|line| text.contains(line.as_str())))
        .map(|(index, _)| index + 1)
        .collect()
}

#[test]
fn no_word_of_the_sample_packs_overlaps_another_or_passes_the_margin() {
    let (out, _) = build_repository_content(&[]);
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for meeting in [
        "2026-07-16-children-scrutiny",
        "2026-09-24-children-scrutiny",
    ] {
        let supplied: Vec<PathBuf> = std::fs::read_dir(content.join(meeting))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "pdf"))
            .collect();
        let pack = out.path().join(format!("{meeting}.pdf"));
        let supplied = supplied_pages(&pack, &supplied);
        assert!(!supplied.is_empty(), "each sample pack has a supplied PDF");
        assert_no_word_faults(&pack, &supplied);
    }
}

#[test]
fn only_tables_too_wide_even_at_the_floor_are_warned_about_at_their_line() {
    let (_out, stderr) = gallery();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("the table is too wide"))
        .collect();
    let place = |line: usize| {
        format!(
            "gallery.md:{line}:1: the table is too wide for the page even at its smallest type (9 pt)"
        )
    };
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings[0].contains(&place(23)), "{stderr}");
    assert!(warnings[1].contains(&place(33)), "{stderr}");
    assert!(stderr.contains("[landscape]"), "{stderr}");
}

#[test]
fn only_captioned_tables_are_numbered_and_captions_align_with_their_tables() {
    let (out, _) = gallery();
    let pdf = out.path().join(format!("{GALLERY}.pdf"));
    let text = page_texts(&pdf).join("\n");
    for n in 1..=8 {
        assert_eq!(
            text.matches(&format!("Table {n}:")).count(),
            1,
            "Table {n}\n{text}"
        );
    }
    assert!(!text.contains("Table 9"), "{text}");
    assert!(text.contains("Table 7: Sessions by term"), "{text}");

    let words: Vec<word_boxes::Word> = word_boxes::word_boxes(&pdf)
        .into_iter()
        .flat_map(|page| page.words)
        .collect();
    let find = |text: &str, after: &word_boxes::Word| -> word_boxes::Word {
        words
            .iter()
            .find(|w| w.text == text && (w.page, w.y_min) > (after.page, after.y_min))
            .unwrap_or_else(|| panic!("{text:?} after {after:?}"))
            .clone()
    };
    let start = words.iter().find(|w| w.text == "narrow").unwrap().clone();
    // A narrow table starts where its caption starts (at the margin), not centred.
    let caption = find("Table", &start);
    let first_cell = find("Term", &start);
    assert!(
        (first_cell.x_min - caption.x_min).abs() < 8.0,
        "{caption:?} {first_cell:?}"
    );
    let uncaptioned = find("Term", &find("uncaptioned", &start));
    assert!(
        (uncaptioned.x_min - caption.x_min).abs() < 8.0,
        "{uncaptioned:?}"
    );
    // Twelve columns of figures fit by stepping the type down (to 9 pt from 11 pt).
    let intro = find("Twelve", &words[0]);
    let figure = find("[587;", &intro);
    let height = |w: &word_boxes::Word| w.y_max - w.y_min;
    assert!(
        height(&figure) < 0.8 * height(&intro),
        "{figure:?} against {intro:?}"
    );
    // A name over a role: two lines of one cell.
    let name = find("Carys", &start);
    let role = find("Head", &start);
    assert!((role.x_min - name.x_min).abs() < 0.5 && role.y_min > name.y_max - 1.0);
}

#[test]
fn header_rows_and_row_headers_are_tagged_header_cells() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: Glossary\n    documents: [note.md]\n"),
    );
    project.write(
        "m",
        "note.md",
        "---\nkind: briefing-note\nsubject: Glossary\n---\n\nTable: Pupils {header=2}\n\n| Pupils | < | < |\n| :-- | --: | --: |\n| Phase | 2025 | 2026 |\n| Primary | 1 | 2 |\n\nTerms used:\n\n| | |\n| :-- | :-- |\n| EHE | Elective home education |\n| SAO | School attendance order |\n",
    );
    build_all(project.root());
    let pdf = structure::Pdf::open(&project.pdf("m"));
    let scopes = pdf.attribute_of_each("TH", "Scope");
    // Four header cells (the spanning title, then three), two row headers.
    assert_eq!(scopes.len(), 6, "{scopes:?}");
    assert_eq!(
        scopes
            .iter()
            .filter(|s| s.as_deref() == Some("Row"))
            .count(),
        2,
        "{scopes:?}"
    );
    let data = pdf.attribute_of_each("TD", "Scope").len();
    assert_eq!(data, 3 + 2, "the data cells of both tables");
    let spans = pdf.attribute_of_each("TH", "ColSpan");
    assert!(spans.contains(&Some("3".into())), "{spans:?}");
}
