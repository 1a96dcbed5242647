//! Numbering, structure and page flow as real packs need them, checked on the built
//! PDF with poppler (pdftotext, pdfinfo) and lopdf (tags, outline): numbered
//! sub-headings and explicit numbers, lettered and roman lists, untitled appendices
//! and a second numbered part, the public report's cover, a standalone Markdown
//! appendix, figures kept with their captions and scaled to fit, and landscape slides.

mod common;

use common::structure::Pdf;
use common::*;

/// The lines of every page, whitespace collapsed (pdftotext's reading order).
fn page_lines(pdf: &std::path::Path) -> Vec<Vec<String>> {
    page_texts(pdf)
        .iter()
        .map(|page| {
            lines(page)
                .iter()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect()
}

/// The page (from 1) holding a line that starts with `start`.
fn page_of(pages: &[Vec<String>], start: &str) -> Option<usize> {
    pages
        .iter()
        .position(|page| page.iter().any(|l| l.starts_with(start)))
        .map(|p| p + 1)
}

/// Whether some page holds a line starting with `start`.
fn has_line(pages: &[Vec<String>], start: &str) -> bool {
    page_of(pages, start).is_some()
}

const NOTE: &str = "---
kind: briefing-note
subject: Structure note
---

# Purpose

Why.

# Background

Intro paragraph.

## Primary schools {.numbered}

Under the heading.

{number=5} Skipped to five.

The Board is asked to:

a) note the figures;
b) agree the plan;
c) ask for more.

(i) the first roman item
(ii) the second roman item

# Finance {number=7}

Money.

# Appendix:

Untitled appendix text.

# Part: Data report

# Method

Numbered again.
";

#[test]
fn a_note_numbers_sub_headings_skips_numbers_and_letters_its_lists() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: Note\n    documents: [note.md]\n"),
    );
    project.write("m", "note.md", NOTE);
    build_succeeds(&project);
    let pdf = project.pdf("m");
    let pages = page_lines(&pdf);
    for line in [
        "2 Background",
        "2.1 Intro paragraph.",
        // The sub-heading takes the paragraph number; the paragraphs carry on.
        "2.2 Primary schools",
        "2.3 Under the heading.",
        // `{number=5}` skips 2.4, and the next paragraph follows on.
        "2.5 Skipped to five.",
        "2.6 The Board is asked to:",
        "a) note the figures;",
        "b) agree the plan;",
        "c) ask for more.",
        // A roman list right after the lettered one is a list of its own.
        "(i) the first roman item",
        "(ii) the second roman item",
        "7 Finance",
        "7.1 Money.",
    ] {
        assert!(has_line(&pages, line), "no line `{line}`: {pages:#?}");
    }
    assert!(!has_line(&pages, "2.4"), "2.4 is skipped");
    assert!(
        !pages.iter().flatten().any(|l| l.contains('{')),
        "no attribute is printed"
    );
    // Tagged as a heading (H3, below the sections' H2), not as a paragraph.
    let h3 = Pdf::open(&pdf)
        .elements()
        .iter()
        .filter(|e| e.kind == "H3")
        .count();
    assert_eq!(h3, 1, "the numbered sub-heading is the note's one H3");
}

#[test]
fn an_untitled_appendix_and_a_second_part_invent_no_labels() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: Note\n    documents: [note.md]\n"),
    );
    project.write("m", "note.md", NOTE);
    build_succeeds(&project);
    let pdf = project.pdf("m");
    let pages = page_lines(&pdf);
    let appendix = page_of(&pages, "Untitled appendix text.").expect("the appendix");
    assert_eq!(
        pages[appendix - 1][0],
        "Appendix 1",
        "the label stands alone"
    );
    let part = page_of(&pages, "Data report").expect("the second part");
    assert!(
        part > appendix,
        "the part starts on a page of its own after the appendix"
    );
    assert!(
        !pages[part - 1].iter().any(|l| l.contains("Appendix")),
        "the part has no Appendix label: {:?}",
        pages[part - 1]
    );
    // Its sections are numbered afresh, with numbered paragraphs.
    assert!(pages[part - 1].contains(&"1 Method".to_string()));
    assert!(pages[part - 1].contains(&"1.1 Numbered again.".to_string()));
    let outline: Vec<String> = Pdf::open(&pdf)
        .outline()
        .into_iter()
        .map(|b| b.title)
        .collect();
    assert!(outline.contains(&"Appendix 1".to_string()), "{outline:?}");
    assert!(outline.contains(&"Data report".to_string()), "{outline:?}");
    assert!(outline.contains(&"1 Method".to_string()), "{outline:?}");
}

const REPORT: &str = "---
kind: report
title: Transport Policy
addressees:
  - {to: Cabinet, date: 2026-07-21}
  - {to: Council, date: 2026-09-08}
key_decision: false
executive_summary: |
  The Council consulted.

  The report:
  1. sets out a policy
  2. asks for approval
recommendations:
  - Approve the policy.
recommendations_after: Cabinet is asked to note the timetable.
sub_paragraphs: nested
authors:
  - name: F Okonjo
---

# Context

Text.

# Comments from the Director of Finance

## Financial implications

Costs one.

Costs two.
";

#[test]
fn a_report_cover_prints_only_what_is_given() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: report\n    title: Report\n    documents: [report.md, given.md]\n",
        ),
    );
    project.write("m", "report.md", REPORT);
    // The same questions answered: printed as before.
    let given = REPORT
        .replace(
            "addressees:\n  - {to: Cabinet, date: 2026-07-21}\n  - {to: Council, date: 2026-09-08}\n",
            "cabinet_member: Councillor S Varga\ndirector: Director of Education\nwards: [All]\nscrutiny: ScrutinyAnswer\nother_bodies: OtherAnswer\ncouncil: CouncilAnswer\n",
        )
        .replace("title: Transport Policy", "title: Second Report");
    project.write("m", "given.md", &given);
    build_succeeds(&project);
    let pages = page_lines(&project.pdf("m"));
    let first = page_of(&pages, "Transport Policy").expect("the first report");
    let second = page_of(&pages, "Second Report").expect("the second report");
    let cover = &pages[first - 1];
    for label in [
        "Name of Cabinet Member:",
        "Director Approving Submission of the report:",
        "Ward(s) affected:",
        "Has it been or will it be considered by Scrutiny?",
        "Will this report go to Council?",
    ] {
        assert!(
            !cover.iter().any(|l| l.starts_with(label)),
            "`{label}` is not given: {cover:?}"
        );
        assert!(
            pages[second - 1].iter().any(|l| l.starts_with(label)),
            "`{label}` is given: {:?}",
            pages[second - 1]
        );
    }
    assert!(
        !cover
            .iter()
            .any(|l| l.starts_with("Has it been or will it be considered by any other"))
    );
    for line in [
        "Cabinet 21st July 2026",
        "Council 8th September 2026",
        "1) sets out a policy",
        "2) asks for approval",
        "Cabinet is asked to note the timetable.",
    ] {
        assert!(cover.contains(&line.to_string()), "no `{line}`: {cover:?}");
    }
    // Paragraphs under a numbered sub-heading get a third level.
    for line in [
        "2.1 Financial implications",
        "2.1.1 Costs one.",
        "2.1.2 Costs two.",
    ] {
        assert!(has_line(&pages, line), "no `{line}`: {pages:#?}");
    }
    // By default the title is repeated after the cover, as before.
    assert!(has_line(&pages, "Report title: Transport Policy"));
}

#[test]
fn the_style_can_leave_out_the_repeated_report_title() {
    let project = Project::new();
    let meeting = meeting_yaml("  - kind: report\n    title: Report\n    documents: [report.md]\n");
    project.write(
        "m",
        "meeting.yaml",
        &format!("{meeting}style:\n  report_title: omitted\n"),
    );
    project.write("m", "report.md", REPORT);
    build_succeeds(&project);
    let pages = page_lines(&project.pdf("m"));
    assert!(!has_line(&pages, "Report title:"), "{pages:#?}");
    assert!(
        has_line(&pages, "Transport Policy"),
        "the cover keeps its title"
    );
    assert!(has_line(&pages, "1. Context"));
}

#[test]
fn a_markdown_appendix_is_a_document_of_its_own_in_the_item_range() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: briefing-note\n    title: Note\n    documents: [note.md, data.md]\n  - kind: briefing-note\n    title: Next\n    documents: [next.md]\n",
        ),
    );
    project.write("m", "note.md", &note_with_pages("N", 1));
    project.write("m", "next.md", &note_with_pages("X", 1));
    project.write(
        "m",
        "data.md",
        "---\nkind: appendix\ntitle: Attendance data 2025/26\n---\n\n# Tables\n\nDATAMARK first page.\n\n---\n\nDATAMARK second page.\n",
    );
    build_succeeds(&project);
    let pdf = project.pdf("m");
    let pages = page_lines(&pdf);
    // Note on 3 (padded to 4), the appendix on 5-6, the next item from 7.
    let start = page_of(&pages, "Attendance data 2025/26").expect("its title");
    assert_eq!(start, 5, "{pages:#?}");
    assert_eq!(page_of(&pages, "DATAMARK second page."), Some(6));
    assert!(
        !pages[start - 1]
            .iter()
            .any(|l| l.starts_with("Briefing note") || l.starts_with("Subject:")),
        "no note header: {:?}",
        pages[start - 1]
    );
    // Unnumbered: its heading and text carry no numbers.
    assert!(pages[start - 1].contains(&"Tables".to_string()));
    assert!(pages[start - 1].contains(&"DATAMARK first page.".to_string()));
    let front = page_texts(&pdf)[..2].join("\n");
    assert_eq!(front_sheet_ranges(&front), [(3, 6), (7, 8)]);
    let outline = Pdf::open(&pdf).outline();
    assert!(
        outline
            .iter()
            .any(|b| b.level == 2 && b.title == "Attendance data 2025/26" && b.page == Some(5)),
        "{outline:?}"
    );
}

/// A note whose figure comes after `filler` numbered paragraphs.
fn figure_note(filler: usize) -> String {
    let paragraphs: Vec<String> = (0..filler)
        .map(|i| format!("Filler paragraph {i} with enough words to take a line or two of the page in the note body text here."))
        .collect();
    format!(
        "---\nkind: briefing-note\nsubject: Figure flow\n---\n\n# Purpose\n\n{}\n\n![A blue box](images/box.svg \"Big figure caption\")\n\nAfter the figure.\n",
        paragraphs.join("\n\n")
    )
}

/// Builds a note with a figure 400 wide and `height` high, at the text width, after
/// `filler` paragraphs, and returns the page lines.
fn build_figure(filler: usize, height: u32) -> Vec<Vec<String>> {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: Note\n    documents: [note.md]\n"),
    );
    project.write(
        "m",
        "images/box.svg",
        &format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"{height}\"><rect width=\"400\" height=\"{height}\" fill=\"#88aacc\"/><text x=\"20\" y=\"150\" font-size=\"40\">BOXTEXT</text></svg>"),
    );
    project.write("m", "note.md", &figure_note(filler));
    build_succeeds(&project);
    page_lines(&project.pdf("m"))
}

#[test]
fn a_figure_short_of_room_is_scaled_down_with_its_caption_on_the_page() {
    // Seven paragraphs leave about 320 pt: the figure (377 pt with its caption) fits
    // at 80% of its width, which is over the 60% floor.
    let pages = build_figure(7, 300);
    let text = page_of(&pages, "1.7 Filler paragraph 6").unwrap();
    assert_eq!(
        page_of(&pages, "BOXTEXT"),
        Some(text),
        "scaled onto the page"
    );
    assert_eq!(page_of(&pages, "Figure 1: Big figure caption"), Some(text));
}

#[test]
fn a_caption_never_sits_alone_on_the_next_page() {
    // The picture (313 pt) fits the 322 pt left, its caption does not: the figure
    // used to print the picture and leave the caption alone on the next page.
    let pages = build_figure(7, 261);
    let text = page_of(&pages, "1.7 Filler paragraph 6").unwrap();
    assert_eq!(page_of(&pages, "BOXTEXT"), Some(text));
    assert_eq!(page_of(&pages, "Figure 1: Big figure caption"), Some(text));
}

#[test]
fn a_figure_far_short_of_room_moves_whole_with_its_caption() {
    // Fourteen paragraphs leave under 70 pt: below the floor, so the figure and its
    // caption move to the next page together.
    let pages = build_figure(14, 300);
    let text = page_of(&pages, "1.14 Filler paragraph 13").unwrap();
    let figure = page_of(&pages, "BOXTEXT").unwrap();
    assert_eq!(figure, text + 1);
    assert_eq!(
        page_of(&pages, "Figure 1: Big figure caption"),
        Some(figure)
    );
}

/// A supplied PDF whose pages are landscape where `landscape` says so.
fn slides(landscape: &[bool]) -> Vec<u8> {
    let body: Vec<String> = landscape
        .iter()
        .enumerate()
        .map(|(i, &wide)| {
            let size = if wide {
                "width: 29.7cm, height: 21cm"
            } else {
                "width: 21cm, height: 29.7cm"
            };
            format!("#page({size})[SLIDEMARK {}]", i + 1)
        })
        .collect();
    let source = format!("#set text(font: \"Liberation Sans\")\n{}", body.join("\n"));
    let date = typst::foundations::Datetime::from_ymd(2026, 1, 1).unwrap();
    agenda_pack::pdf::standalone(&source, date).expect("the fixture compiles")
}

#[test]
fn landscape_slides_keep_landscape_pages_with_footer_and_stamp() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: presentation\n    title: Slides\n    by: Presentation by the Service\n    documents:\n      - file: slides.pdf\n        title: The slides\n",
        ),
    );
    std::fs::write(
        project.meeting_dir("m").join("slides.pdf"),
        slides(&[true, false, true]),
    )
    .unwrap();
    build_succeeds(&project);
    let pdf = project.pdf("m");
    let sizes = page_sizes(&pdf);
    let landscape: Vec<bool> = sizes.iter().map(|(w, h)| w > h).collect();
    // Front sheet 1-2, slides 3-5 (the second portrait), padding 6.
    assert_eq!(
        landscape,
        [false, false, true, false, true, false],
        "{sizes:?}"
    );
    let pages = page_texts(&pdf);
    for (page, slide) in [(3, 1), (4, 2), (5, 3)] {
        let text = &pages[page - 1];
        assert!(
            text.contains(&format!("SLIDEMARK {slide}")),
            "page {page}: {text}"
        );
        assert_eq!(footer_number(text), Some(page), "page {page}: {text}");
    }
    assert_eq!(stamp(&pages[2]), Some(1), "{}", pages[2]);
}
