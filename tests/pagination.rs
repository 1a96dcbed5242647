//! Pagination of generated packs, checked page by page on the PDF with poppler and
//! qpdf against an independent model of the house style's section 1.

mod common;

use common::*;

/// A document of a generated meeting.
#[derive(Clone, Copy)]
enum Doc {
    /// A Markdown briefing note of this many pages.
    Note(usize),
    /// An external PDF appendix of this many pages.
    Pdf(usize),
    /// A briefing note of this many pages (at least 2), the last a landscape page.
    EndsLandscape(usize),
}

impl Doc {
    fn pages(self) -> usize {
        match self {
            Doc::Note(n) | Doc::Pdf(n) | Doc::EndsLandscape(n) => n,
        }
    }
}

/// Builds a meeting whose items hold `items` (an empty list is an item without
/// documents), after `plain_items` items without documents to lengthen the front sheet.
fn build(items: &[&[Doc]], plain_items: usize) -> (Project, std::path::PathBuf) {
    let project = Project::new();
    let mut yaml = String::new();
    for n in 1..=plain_items {
        yaml.push_str(&format!("  - kind: apologies\n    title: Item without documents number {n} with a longer title to take up room\n"));
    }
    for (index, docs) in items.iter().enumerate() {
        let number = plain_items + index + 1;
        yaml.push_str(&format!(
            "  - kind: briefing-note\n    title: Item {number}\n"
        ));
        if docs.is_empty() {
            continue;
        }
        yaml.push_str("    documents:\n");
        for (d, doc) in docs.iter().enumerate() {
            let tag = format!("{number}.{}", d + 1);
            match doc {
                Doc::Note(pages) => {
                    let file = format!("note-{number}-{}.md", d + 1);
                    project.write("m", &file, &note_with_pages(&tag, *pages));
                    yaml.push_str(&format!("      - {file}\n"));
                }
                Doc::EndsLandscape(pages) => {
                    let file = format!("note-{number}-{}.md", d + 1);
                    let portrait = note_with_pages(&tag, pages - 1);
                    let text =
                        format!("{portrait}\n[landscape]\n\nMARK {tag} p{pages}\n\n[/landscape]\n");
                    project.write("m", &file, &text);
                    yaml.push_str(&format!("      - {file}\n"));
                }
                Doc::Pdf(pages) => {
                    let file = format!("appendix-{number}-{}.pdf", d + 1);
                    let path = project.meeting_dir("m").join(&file);
                    std::fs::write(path, external_pdf(&tag, *pages)).unwrap();
                    yaml.push_str(&format!(
                        "      - file: {file}\n        title: Appendix {tag}\n"
                    ));
                }
            }
        }
    }
    project.write("m", "meeting.yaml", &meeting_yaml(&yaml));
    build_all(project.root());
    let pdf = project.pdf("m");
    (project, pdf)
}

/// Checks every page of the pack against the house style's pagination rules, computed
/// here from the documents' page counts alone.
fn check(pdf: &std::path::Path, items: &[&[Doc]], plain_items: usize) {
    qpdf_check(pdf);
    let pages = page_texts(pdf);
    assert_eq!(
        pages.len(),
        page_count(pdf),
        "pdftotext and pdfinfo agree on the page count"
    );

    // The front sheet is everything before the first document's first marker.
    let front = pages
        .iter()
        .position(|p| p.contains("MARK "))
        .expect("a document page");
    assert!(
        front >= 2 && front % 2 == 0,
        "the front sheet fills an even number of pages, got {front}"
    );

    let mut expected_stamps = Vec::new();
    let mut expected_padding = Vec::new();
    let mut expected_ranges = Vec::new();
    let mut page = front + 1;
    for (index, docs) in items.iter().enumerate() {
        let number = plain_items + index + 1;
        let first = page;
        for (d, doc) in docs.iter().enumerate() {
            assert!(page % 2 == 1, "documents start on odd pages");
            if d == 0 {
                expected_stamps.push((page, number));
            }
            for k in 1..=doc.pages() {
                let text = &pages[page - 1];
                let marker = format!("MARK {number}.{} p{k}", d + 1);
                assert!(
                    text.contains(&marker),
                    "page {page} should hold `{marker}`:\n{text}"
                );
                page += 1;
            }
            if (page - 1) % 2 == 1 {
                expected_padding.push(page);
                page += 1;
            }
        }
        if !docs.is_empty() {
            expected_ranges.push((first, page - 1));
        }
    }
    assert_eq!(
        pages.len(),
        page - 1,
        "nothing follows the last document's padding"
    );

    for (index, text) in pages.iter().enumerate() {
        let number = index + 1;
        if number <= front {
            assert_eq!(
                footer_number(text),
                None,
                "front sheet page {number} has no footer"
            );
            assert!(
                !text.contains("Page "),
                "front sheet page {number} shows no page number"
            );
        } else {
            assert_eq!(
                footer_number(text),
                Some(number),
                "page {number} prints its number:\n{text}"
            );
        }
        assert_eq!(
            is_padding(text),
            expected_padding.contains(&number),
            "page {number} is a padding page exactly when rule 2 says so:\n{text}"
        );
        let stamped = expected_stamps
            .iter()
            .find(|(p, _)| *p == number)
            .map(|(_, n)| *n);
        assert_eq!(stamp(text), stamped, "stamp on page {number}");
        assert_eq!(
            text.matches("Agenda Item").count(),
            usize::from(stamped.is_some())
        );
    }

    let front_sheet = pages[..front].join("\n");
    assert_eq!(
        front_sheet_ranges(&front_sheet),
        expected_ranges,
        "front-sheet ranges"
    );
    let labels = page_labels(pdf);
    let printed: Vec<String> = (1..=pages.len()).map(|n| n.to_string()).collect();
    assert_eq!(labels, printed, "page labels equal printed numbers");
}

#[test]
fn documents_of_one_to_five_pages_start_odd_and_pad_to_even() {
    let items: &[&[Doc]] = &[
        &[Doc::Note(1)],
        &[Doc::Note(2)],
        &[Doc::Note(3)],
        &[Doc::Note(4)],
        &[Doc::Note(5)],
    ];
    let (_project, pdf) = build(items, 0);
    check(&pdf, items, 0);
    // Worked by hand: 2 front + 2 + 2 + 4 + 4 + 6.
    assert_eq!(page_count(&pdf), 20);
}

#[test]
fn item_with_two_documents_and_items_without_documents() {
    let items: &[&[Doc]] = &[
        &[],
        &[Doc::Note(3), Doc::Note(2)],
        &[],
        &[Doc::Note(1), Doc::Pdf(2)],
        &[],
    ];
    let (_project, pdf) = build(items, 0);
    check(&pdf, items, 0);
    let front = page_texts(&pdf)[0].clone();
    // Worked by hand: item 2 is pages 3-6 (3 + padding) and 7-8, item 4 is 9-10 and 11-12.
    assert_eq!(front_sheet_ranges(&front), [(3, 8), (9, 12)]);
}

#[test]
fn a_document_ending_on_a_landscape_page_ends_there() {
    // The marker closing such a document falls out of the flow, onto the page of what
    // follows: it once stretched an even document's range over the next document's
    // pages, and took the padding page's "intentionally left blank" from an odd one.
    let items: &[&[Doc]] = &[
        &[Doc::EndsLandscape(2)],
        &[Doc::EndsLandscape(3)],
        &[Doc::Note(1)],
        &[Doc::EndsLandscape(2), Doc::Note(2)],
        &[Doc::EndsLandscape(3)],
    ];
    let (_project, pdf) = build(items, 0);
    check(&pdf, items, 0);
    let pages = page_texts(&pdf);
    // Worked by hand: 3-4, 5-8 (with padding), 9-10, 11-14, 15-18 (with padding).
    assert_eq!(
        front_sheet_ranges(&pages[0]),
        [(3, 4), (5, 8), (9, 10), (11, 14), (15, 18)]
    );
    let landscape = landscape_pages(&pdf);
    assert_eq!(landscape, [4, 7, 12, 17]);
}

#[test]
fn external_pdf_as_the_first_item() {
    let items: &[&[Doc]] = &[&[Doc::Pdf(3)], &[Doc::Note(2)]];
    let (_project, pdf) = build(items, 0);
    check(&pdf, items, 0);
    assert_eq!(page_count(&pdf), 2 + 4 + 2);
}

#[test]
fn long_front_sheet_is_padded_so_the_first_document_starts_odd() {
    let items: &[&[Doc]] = &[&[Doc::Note(1)], &[Doc::Pdf(1)], &[Doc::Note(2)]];
    let (_project, pdf) = build(items, 70);
    check(&pdf, items, 70);
    let pages = page_texts(&pdf);
    let front = pages.iter().position(|p| p.contains("MARK ")).unwrap();
    assert!(
        front >= 4,
        "70 extra items push the front sheet past two pages"
    );
}
