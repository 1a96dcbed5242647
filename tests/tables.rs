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
