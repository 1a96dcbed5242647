//! The work programme from its data file: summary page, grouped table with repeated
//! header, cancelled and moved meetings, later groups, and located mistakes.

mod common;

use common::*;

const ITEMS: &str = "  - kind: work-programme
    title: Work Programme 2026/27
    documents: [programme.yaml]
";

/// A programme with `rows` items at the July meeting, enough to run the table over pages.
fn programme(rows: usize, extra: &str) -> String {
    let items: Vec<String> = (1..=rows)
        .map(|n| format!("      - title: Item {n}\n        detail: Detail of item {n} with enough words to wrap onto a second line of its cell.\n        lead: Cllr A One / Officer {n}\n"))
        .collect();
    format!(
        "kind: work-programme
title: Work Programme 2026/27
last_updated: 2026-07-03
introduction: The Board's plan.
meetings:
  - date: 2026-06-18
    items:
      - title: Budget Outturn
  - date: 2026-07-16
    items:
{}  - date: 2026-09-24
    moved_to: 2026-11-12
  - date: 2026-11-12
    items:
      - title: Fostering
  - date: 2027-01-21
    cancelled: true
later:
  - heading: Date to be determined
    items:
      - title: Mental Health
information_only:
  - title: Schools Causing Concern
{extra}",
        items.concat()
    )
}

fn project(programme_text: &str) -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(ITEMS));
    project.write("m", "programme.yaml", programme_text);
    project
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn summary_page_then_a_table_grouped_by_date_with_its_header_on_every_page() {
    let project = project(&programme(30, ""));
    build_all(project.root());
    let pdf = project.pdf("m");
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    let header = "Date Title Detail Cabinet Member/ Lead Officer";
    let first_table_page = (3..pages.len())
        .find(|&i| squeeze(&pages[i]).starts_with(header))
        .expect("a table page");
    // A summary this long runs over; the programme's own first page starts it.
    let summary = squeeze(&pages[2..first_table_page].join("\n"));
    assert!(summary.contains("Last updated 3rd July 2026"), "{summary}");
    assert!(
        summary.contains("Please see page 2 onwards for background to items"),
        "{summary}"
    );
    for group in [
        "18th June 2026 Budget Outturn",
        "16th July 2026 Item 1 Item 2",
        "24th September 2026 Moved to 12th November 2026",
        "12th November 2026 Fostering",
        "21st January 2027 Meeting cancelled",
        "Date to be determined Mental Health",
        "Items for information only Schools Causing Concern",
    ] {
        assert!(
            summary.contains(group),
            "`{group}` in the summary:\n{summary}"
        );
    }
    assert!(
        !summary.contains("Detail of item"),
        "details are in the table only"
    );

    // The table follows the summary and spans several pages.
    let table_pages: Vec<String> = pages[first_table_page..]
        .iter()
        .filter(|p| !is_padding(p))
        .map(|p| squeeze(p))
        .collect();
    assert!(table_pages.len() >= 2, "the table runs over pages");
    for page in &table_pages {
        assert!(
            page.starts_with(header),
            "header repeated on every table page:\n{page}"
        );
    }
    let table = table_pages.join(" ");
    // The date is printed once per group, before its first item, and again with
    // `(continued)` on each page the group runs on to.
    let continued = table.matches("(continued)").count();
    assert!(continued >= 1, "{table}");
    assert_eq!(
        table.matches("16th July 2026").count(),
        1 + continued,
        "{table}"
    );
    // Dates never wrap; a longer heading does, so pdftotext interleaves its lines.
    let order = [
        "18th June 2026 Budget Outturn",
        "16th July 2026 Item 1 Detail of item 1",
        "Item 30 Detail of item 30",
        "24th September 2026 Moved to 12th November 2026",
        "12th November 2026 Fostering",
        "21st January 2027 Meeting cancelled",
        "Date to be Mental Health",
        "Items for information Schools Causing",
    ];
    let mut at = 0;
    for row in order {
        let found = table[at..]
            .find(row)
            .unwrap_or_else(|| panic!("`{row}` after {at} in:\n{table}"));
        at += found + row.len();
    }
}

#[test]
fn the_flow_chart_is_a_figure_with_its_alt_text() {
    let chart = "flow_chart:\n  file: chart.svg\n  alt: Four steps from a suggestion to the programme.\n  caption: How items are chosen\n";
    let project = project(&programme(1, chart));
    project.write(
        "m",
        "chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\"><rect width=\"100\" height=\"40\" fill=\"#ccc\"/></svg>",
    );
    build_all(project.root());
    let text = squeeze(&page_texts(&project.pdf("m")).join("\n"));
    assert!(text.contains("Figure 1: How items are chosen"), "{text}");
}

#[test]
fn programme_mistakes_are_located() {
    let cases = [
        (
            programme(1, "").replace("moved_to: 2026-11-12", "moved_to: 2026-11-13"),
            "content/m/programme.yaml:15:5: moved to 13th November 2026, which is not a meeting in the programme",
        ),
        (
            programme(1, "").replace("2027-01-21", "2026-11-12"),
            "content/m/programme.yaml:19:5: the meeting on 12th November 2026 is listed twice",
        ),
        (
            programme(1, "").replace("date: 2026-06-18", "date: 2026-06-31"),
            "content/m/programme.yaml:6:11: `2026-06-31` is not a date from 1900 to 2200: write it as YYYY-MM-DD",
        ),
        (
            programme(1, "flow_chart:\n  file: chart.svg\n  alt: \"\"\n"),
            "content/m/programme.yaml:29:3: the flow chart has no alternative text",
        ),
        (
            programme(1, "flow_chart:\n  file: missing.svg\n  alt: A chart.\n"),
            "content/m/programme.yaml:28:9: the flow chart: `missing.svg` not found",
        ),
        (
            programme(1, "owner: Scrutiny\n"),
            "content/m/programme.yaml:27:1: unknown field `owner`",
        ),
    ];
    for (text, expected) in cases {
        let project = project(&text);
        let stderr = build_fails(&project);
        assert!(stderr.contains(expected), "`{expected}` in:\n{stderr}");
    }
}

#[test]
fn a_programme_without_this_meeting_is_warned_about() {
    let project = project(&programme(1, "").replace("2026-07-16", "2026-07-23"));
    let stderr = build_succeeds(&project);
    assert!(
        stderr.contains("warning: content/m/programme.yaml:5:1: the programme lists no meeting on 16th July 2026"),
        "{stderr}"
    );
}
