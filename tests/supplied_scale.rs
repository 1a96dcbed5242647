//! Supplied PDFs at scale: a pack carrying 300 pages of four supplied PDFs, read back
//! with independent tools (pdftotext, pdfinfo, qpdf): every supplied page at its place
//! and printed page, the file sound, bookmarks and page labels where they belong.

mod common;

use common::{
    Project, build_succeeds, external_pdf, footer_number, meeting_yaml, note_with_pages,
    page_count, page_labels, page_texts, qpdf_check,
};

/// The supplied files' page counts: 300 in all.
const SUPPLIED: [usize; 4] = [60, 90, 70, 80];

/// The outline as qpdf reads it: (title, page from 1), depth first.
fn qpdf_outline(pdf: &std::path::Path) -> Vec<(String, usize)> {
    let output = std::process::Command::new("qpdf")
        .args(["--json=2", "--json-key=outlines", pdf.to_str().unwrap()])
        .output()
        .unwrap_or_else(|err| panic!("{}", common::missing_program("qpdf", &err)));
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found = Vec::new();
    let mut stack: Vec<serde_json::Value> = json["outlines"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .rev()
        .collect();
    while let Some(entry) = stack.pop() {
        found.push((
            entry["title"].as_str().unwrap_or_default().to_string(),
            entry["destpageposfrom1"].as_u64().unwrap_or(0) as usize,
        ));
        if let Some(kids) = entry["kids"].as_array() {
            stack.extend(kids.iter().rev().cloned());
        }
    }
    found
}

#[test]
fn three_hundred_supplied_pages_land_in_order_with_their_numbers_and_bookmarks() {
    let project = Project::new();
    let meeting = "2026-07-16-planning";
    let dir = project.meeting_dir(meeting);
    let mut items = String::from(
        "  - kind: briefing-note\n    title: Opening note\n    documents: [opening.md]\n",
    );
    std::fs::write(dir.join("opening.md"), note_with_pages("open", 3)).unwrap();
    for (index, pages) in SUPPLIED.into_iter().enumerate() {
        let file = format!("application-{index}.pdf");
        std::fs::write(dir.join(&file), external_pdf(&format!("S{index}"), pages)).unwrap();
        items.push_str(&format!(
            "  - kind: briefing-note\n    title: Application {index}\n    documents:\n      - file: {file}\n        title: Supplied application {index}\n"
        ));
    }
    std::fs::write(dir.join("meeting.yaml"), meeting_yaml(&items)).unwrap();
    build_succeeds(&project);
    let pdf = project.pdf(meeting);

    qpdf_check(&pdf);
    let texts = page_texts(&pdf);
    assert_eq!(texts.len(), page_count(&pdf));
    let labels = page_labels(&pdf);
    let outline = qpdf_outline(&pdf);
    let mut supplied_seen = 0;
    for (index, pages) in SUPPLIED.into_iter().enumerate() {
        let on = |k: usize| -> Vec<usize> {
            let mark = format!("MARK S{index} p{k}");
            texts
                .iter()
                .enumerate()
                .filter(|(_, text)| text.lines().any(|line| line.trim() == mark))
                .map(|(i, _)| i)
                .collect()
        };
        let first = match on(1).as_slice() {
            [only] => *only,
            other => panic!("`MARK S{index} p1` on pages {other:?}"),
        };
        for k in 1..=pages {
            let page = first + k - 1;
            assert_eq!(on(k), [page], "supplied page {k} of file {index}");
            // Its printed number is its page label.
            let printed = footer_number(&texts[page])
                .unwrap_or_else(|| panic!("no footer on page {}", page + 1));
            assert_eq!(labels[page], printed.to_string(), "page {}", page + 1);
            supplied_seen += 1;
        }
        let title = format!("Supplied application {index}");
        assert!(
            outline.contains(&(title.clone(), first + 1)),
            "bookmark `{title}` at page {}: {outline:?}",
            first + 1
        );
    }
    assert_eq!(supplied_seen, 300);
}
