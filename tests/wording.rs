//! Each council's wording as settings (`style.yaml`, a meeting's `style:`): every
//! setting is built with a non-default value and read back with pdftotext, beside the
//! default it leaves unchanged.

mod common;

use std::process::Command;

use common::*;

/// A meeting with two contacts, two notes (one with a web address, one with an e-mail
/// address in angle brackets), co-opted members, minutes and a briefing note.
fn meeting() -> String {
    meeting_yaml(
        "  - kind: minutes
    title: Minutes
    documents: [minutes.md]
  - kind: briefing-note
    title: A note
    documents: [note.md]
",
    )
    .replace(
        "membership:",
        "  - name: Kim Clerk
    email: kim.clerk@testford.example
notes:
  - First note, papers at <https://testford.example/meetings> online.
  - Second note, write to <clerk@testford.example> please.
membership:",
    )
    .replace(
        "members: [A One, B Two, C Three]",
        "members: [A One, B Two, C Three]\n  co_opted: [Mrs D Four, Mr E Five]",
    )
}

const MINUTES: &str = "---
kind: minutes
date: 2026-06-18
time: \"14:00\"
closed: \"16:05\"
first_minute: 14
present:
  chair: B Two
  members: [A One, B Two, {name: C Three, substitute_for: Z Last}]
  co_opted: [Mrs D Four, Mr E Five]
  cabinet_members:
    - {name: Cllr S Varga, portfolio: Cabinet Member for Education}
    - {name: Cllr T Other}
  employees:
    Children's Services: [H Marsh, D Quayle]
    Law and Governance: [O Trelawney]
apologies: [Councillor Z Last, Councillor Y Gone]
---

# A very long minute title that runs on well beyond the width of a single line of the page and wraps

Text.

# Short one

Text.
";

const NOTE: &str = "---
kind: briefing-note
subject: Dates
date: 2026-07-09
author_block: inline
authors:
  - name: P Author
    email: p.author@testford.example
  - name: Q Writer
    email: q.writer@testford.example
---

# Purpose

Body.
";

/// Builds the meeting with `style` as the meeting's `style:` map (none when empty) and
/// returns the pages as pdftotext lays them out, and the PDF's path's project.
fn build(style: &str) -> (Project, Vec<String>) {
    let project = Project::new();
    let mut yaml = meeting();
    if !style.is_empty() {
        let indented: String = style.lines().map(|l| format!("  {l}\n")).collect();
        yaml = yaml.replace("items:", &format!("style:\n{indented}items:"));
    }
    project.write("m", "meeting.yaml", &yaml);
    project.write("m", "minutes.md", MINUTES);
    project.write("m", "note.md", NOTE);
    build_all(project.root());
    let pages = page_texts(&project.pdf("m"));
    (project, pages)
}

/// Text squeezed to single spaces.
fn squeeze(pages: &[String]) -> String {
    pages
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The trimmed lines of every page.
fn all_lines(pages: &[String]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.lines().map(|l| l.trim().to_string()))
        .collect()
}

#[test]
fn the_separator_after_an_e_mail_address_is_printed() {
    let (_, pages) = build("");
    let text = squeeze(&pages);
    assert!(
        text.contains("E-mail: sam.officer@testford.example; Kim Clerk"),
        "{text}"
    );
    assert!(
        text.contains("E-mail: p.author@testford.example; Q Writer"),
        "{text}"
    );

    let (_, pages) = build("contact_separator: \" or\"");
    let text = squeeze(&pages);
    assert!(
        text.contains("sam.officer@testford.example or Kim Clerk"),
        "{text}"
    );
    assert!(
        text.contains("p.author@testford.example or Q Writer"),
        "{text}"
    );
}

#[test]
fn each_note_is_its_own_paragraph_with_live_links_and_no_angle_brackets() {
    let (project, pages) = build("");
    let lines = all_lines(&pages);
    assert!(
        lines.iter().any(|l| l.starts_with("1) First note")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("2) Second note")),
        "{lines:#?}"
    );
    let text = squeeze(&pages);
    assert!(
        text.contains("papers at https://testford.example/meetings online."),
        "{text}"
    );
    assert!(
        text.contains("write to clerk@testford.example please."),
        "{text}"
    );
    assert!(!text.contains('<'), "{text}");
    let uris = link_uris(&project.pdf("m"));
    assert!(
        uris.contains(&"https://testford.example/meetings".to_string()),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"mailto:clerk@testford.example".to_string()),
        "{uris:?}"
    );
}

/// The URIs of the PDF's link annotations, read with qpdf.
fn link_uris(pdf: &std::path::Path) -> Vec<String> {
    let output = Command::new("qpdf")
        .arg("--json")
        .arg(pdf)
        .output()
        .expect("qpdf runs (apt-get install qpdf)");
    let json = String::from_utf8_lossy(&output.stdout);
    json.split("\"/URI\": \"u:")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_page_range_goes_on_the_title_line_when_asked() {
    let (_, pages) = build("");
    let lines = all_lines(&pages[..1]);
    assert!(lines.iter().any(|l| l.ends_with("Minutes")), "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.starts_with("(Pages 3 - 4)")),
        "{lines:#?}"
    );

    let (_, pages) = build("page_range: same-line");
    let lines = all_lines(&pages[..1]);
    assert!(
        lines.iter().any(|l| l.ends_with("Minutes (Pages 3 - 4)")),
        "{lines:#?}"
    );
}

#[test]
fn the_contact_block_may_be_printed_as_lines() {
    let (_, pages) = build("contact_block: lines");
    let lines = all_lines(&pages);
    let at = lines
        .iter()
        .position(|l| l == "Contact:")
        .expect("a Contact: line");
    assert_eq!(
        lines[at + 1..at + 6],
        [
            "Sam Officer",
            "Telephone: 01632 960001",
            "E-mail: sam.officer@testford.example",
            "Kim Clerk",
            "E-mail: kim.clerk@testford.example",
        ],
        "{lines:#?}"
    );
}

#[test]
fn names_may_be_joined_with_and() {
    let (_, pages) = build("");
    let text = squeeze(&pages);
    assert!(
        text.contains("Councillors A One, B Two (Chair), C Three"),
        "{text}"
    );
    assert!(
        text.contains("Co-opted Members: Mrs D Four, Mr E Five"),
        "{text}"
    );
    assert!(
        text.contains("Councillor Z Last, Councillor Y Gone"),
        "{text}"
    );

    let (_, pages) = build("name_lists: and");
    let text = squeeze(&pages);
    assert!(
        text.contains("Councillors A One, B Two (Chair) and C Three"),
        "{text}"
    );
    assert!(
        text.contains("Co-opted Members: Mrs D Four and Mr E Five"),
        "{text}"
    );
    assert!(
        text.contains("Councillor Z Last and Councillor Y Gone"),
        "{text}"
    );
}

#[test]
fn the_access_paragraph_takes_the_council_s_heading_and_wording() {
    let (_, pages) = build(
        "access_heading: \"Access to the meeting:\"\naccess_text: \"The Town Hall has step-free access [ask at #reception].\"",
    );
    let text = squeeze(&pages);
    assert!(
        text.contains(
            "Access to the meeting: The Town Hall has step-free access [ask at #reception]."
        ),
        "{text}"
    );
    assert!(!text.contains("hearing loop"), "{text}");
}

#[test]
fn minutes_wording_follows_the_settings() {
    let (_, pages) = build("");
    let text = squeeze(&pages);
    assert!(
        text.contains(
            "Members: Cllr A One Cllr B Two (Chair) Cllr C Three (substitute for Cllr Z Last)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Co-opted Members: Mrs D Four Mr E Five"),
        "{text}"
    );
    // A portfolio is optional.
    assert!(
        text.contains("Cllr S Varga (Cabinet Member for Education) Cllr T Other Employees"),
        "{text}"
    );
    assert!(
        text.contains("Employees (by Directorate): Children's Services: H Marsh, D Quayle Law and Governance: O Trelawney"),
        "{text}"
    );
    assert!(text.contains("14 A very long minute title"), "{text}");

    let (_, pages) = build(
        "councillor: councillor
present_labels:
  cabinet_members: \"Cabinet Member and Deputy Cabinet Member:\"
  employees: \"Employees:\"
  apologies: \"Apologies for absence:\"
employees: one-per-line
co_opted: one-line
minute_numbers: dot",
    );
    let text = squeeze(&pages);
    assert!(
        text.contains("Members: Councillor A One Councillor B Two (Chair) Councillor C Three (substitute for Councillor Z Last)"),
        "{text}"
    );
    assert!(
        text.contains("Co-opted Members: Mrs D Four and Mr E Five Cabinet Member and"),
        "{text}"
    );
    assert!(
        text.contains("Deputy Cabinet Member: Cllr T Other"),
        "{text}"
    );
    assert!(
        text.contains("Employees: H Marsh, Children's Services D Quayle, Children's Services O Trelawney, Law and Governance"),
        "{text}"
    );
    assert!(
        text.contains("Apologies for absence: Councillor Z Last"),
        "{text}"
    );
    assert!(text.contains("14. A very long minute title"), "{text}");
    assert!(text.contains("15. Short one"), "{text}");
}

#[test]
fn a_wrapped_minute_title_keeps_its_hanging_indent() {
    let (_, pages) = build("");
    let page = pages
        .iter()
        .find(|p| p.contains("A very long minute title"))
        .unwrap();
    let lines: Vec<&str> = page.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("A very long minute title"))
        .unwrap();
    let title_column = lines[at].find("A very").unwrap();
    let next = lines[at + 1];
    assert!(next.contains("wraps"), "{page}");
    let indent = next.len() - next.trim_start().len();
    assert_eq!(indent, title_column, "{page}");
}

#[test]
fn each_place_has_its_own_date_style() {
    let (_, pages) = build("");
    let text = squeeze(&pages);
    assert!(
        text.contains("2.00 pm on Thursday, 16th July, 2026"),
        "{text}"
    );
    assert!(
        text.contains("held at 2.00 pm on Thursday, 18 June 2026"),
        "{text}"
    );
    assert!(text.contains("Date: 9th July 2026"), "{text}");

    let (_, pages) = build(
        "front_sheet_dates: plain\nminutes_dates: ordinal\nnote_dates: plain\nnote_date_label: false",
    );
    let text = squeeze(&pages);
    assert!(text.contains("2.00 pm on Thursday, 16 July 2026"), "{text}");
    assert!(
        text.contains("held at 2.00 pm on Thursday, 18th June, 2026"),
        "{text}"
    );
    assert!(
        text.contains("To: Test Scrutiny Board 9 July 2026"),
        "{text}"
    );
    assert!(!text.contains("Date:"), "{text}");
}

/// A work programme whose July meeting has `rows` items; `head` goes before `meetings:`.
fn programme(head: &str, rows: usize) -> String {
    let items: Vec<String> = (1..=rows)
        .map(|n| {
            format!(
                "      - title: Item {n}\n        detail: Detail of item {n} with enough words to wrap onto a second line of its cell.\n        lead: Officer {n}\n"
            )
        })
        .collect();
    format!(
        "kind: work-programme
title: Programme Title 2026/27
{head}
meetings:
  - date: 2026-06-18
    items:
      - title: Budget Outturn
        detail: |
          Line one
          Line two
        lead: Cllr A One
        cells: {{Source: Member request, Outcomes: Recommendations to Cabinet}}
  - heading: Date to be arranged
    items:
      - title: Placed Group Item
  - date: 2026-07-16
    note: \"- to take place at the Council House\"
    moved_from: 2026-10-01
    items:
{}  - date: 2026-09-24
  - date: 2026-11-12
    note: PM
    items:
      - title: Fostering
later:
  - heading: 2027/28
    items:
      - title: Later Item
",
        items.concat()
    )
}

const COLUMNS: &str = "columns: [Source, Outcomes]";

/// Builds a meeting whose one item is the programme `text`, with `style` as the
/// meeting's `style:`; returns the pages.
fn build_programme(text: &str, style: &str) -> Vec<String> {
    let project = Project::new();
    let mut yaml = meeting_yaml(
        "  - kind: work-programme\n    title: Work Programme\n    documents: [programme.yaml]\n",
    );
    if !style.is_empty() {
        yaml = yaml.replace("items:", &format!("style:\n  {style}\nitems:"));
    }
    project.write("m", "meeting.yaml", &yaml);
    project.write("m", "programme.yaml", text);
    build_all(project.root());
    page_texts(&project.pdf("m"))
}

/// The table pages of a programme (those headed by the table's header), squeezed.
fn table_pages(pages: &[String], header: &str) -> Vec<String> {
    pages
        .iter()
        .map(|p| squeeze(std::slice::from_ref(p)))
        .filter(|p| p.contains(header))
        .collect()
}

#[test]
fn the_work_programme_prints_what_its_data_declares() {
    let pages = build_programme(
        &programme("columns: [Source, Outcomes]\nlast_updated: 2026-07-03", 2),
        "",
    );
    let text = squeeze(&pages);
    assert!(text.contains("Last updated 3rd July 2026"), "{text}");
    // (The narrower lead officer's heading wraps in the wider table.)
    let header = "Date Title Detail Cabinet Source Outcomes Member/ Lead Officer";
    assert!(text.contains(header), "{text}");
    let lines = all_lines(&pages);
    // Extra columns, and a line break kept inside a cell.
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Line one") && !l.contains("Line two")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("Line two")), "{lines:#?}");
    assert!(
        text.contains("Cllr A One Member Recommendations"),
        "the extra columns' cells follow the lead officer's: {text}"
    );
    // A date's note and the date it was moved from, in the summary.
    assert!(
        text.contains("16th July 2026 - to take place at the Council House (moved from 1st October 2026) Item 1"),
        "{text}"
    );
    assert!(text.contains("12th November 2026 PM Fostering"), "{text}");
    // A group without a date stays where the data puts it, in the summary and table.
    let summary = &text[..text.find(header).unwrap()];
    let placed = summary
        .find("Date to be arranged Placed Group Item")
        .expect(summary);
    assert!(
        summary.find("18th June 2026").unwrap() < placed,
        "{summary}"
    );
    assert!(
        placed < summary.find("16th July 2026").unwrap(),
        "{summary}"
    );
    let table = &text[text.find(header).unwrap()..];
    let placed = table.find("Placed Group Item").expect(table);
    assert!(
        table.find("18th June 2026 Budget").unwrap() < placed,
        "{table}"
    );
    assert!(placed < table.find("Item 1").unwrap(), "{table}");
    // An empty meeting prints the stock words.
    assert!(
        text.contains("24th September 2026 No items planned yet"),
        "{text}"
    );
    // No date wraps in the table's date column.
    for date in [
        "18th June 2026",
        "16th July 2026",
        "24th September 2026",
        "12th November 2026",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(date)),
            "`{date}` on one line:\n{lines:#?}"
        );
    }
}

#[test]
fn last_updated_is_optional_and_an_empty_meeting_may_print_blank_or_its_own_words() {
    let pages = build_programme(&programme(COLUMNS, 1), "programme_no_items: \"\"");
    let text = squeeze(&pages);
    assert!(!text.contains("Last updated"), "{text}");
    assert!(!text.contains("No items planned yet"), "{text}");
    assert!(
        text.contains("24th September 2026 12th November 2026"),
        "{text}"
    );

    let pages = build_programme(
        &programme(COLUMNS, 1),
        "programme_no_items: To be confirmed",
    );
    let text = squeeze(&pages);
    assert!(
        text.contains("24th September 2026 To be confirmed"),
        "{text}"
    );
}

#[test]
fn a_date_group_split_over_a_page_repeats_its_date_with_continued() {
    let header = "Date Title Detail Cabinet Source Outcomes Member/ Lead Officer";
    let pages = build_programme(&programme(COLUMNS, 30), "");
    let tables = table_pages(&pages, header);
    assert!(tables.len() >= 2, "{tables:#?}");
    for page in &tables[1..] {
        let after = &page[page.find(header).unwrap() + header.len()..];
        assert!(
            after.trim_start().starts_with("16th July 2026 Item"),
            "the group's date heads the next page:\n{page}"
        );
        assert!(page.contains("(continued)"), "{page}");
    }
    assert!(!tables[0].contains("(continued)"), "{}", tables[0]);
    assert!(!squeeze(&pages).contains("Programme Title 2026/27 Date Title"));

    // The title heads every table page when the style asks for it.
    let pages = build_programme(
        &programme(COLUMNS, 30),
        "programme_title_on_every_page: true",
    );
    let tables = table_pages(&pages, header);
    assert!(tables.len() >= 2, "{tables:#?}");
    for page in &tables {
        assert!(
            page.contains(&format!("Programme Title 2026/27 {header}")),
            "{page}"
        );
    }
}

#[test]
fn a_cell_for_an_undeclared_column_is_an_error_at_its_line() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(
            "  - kind: work-programme\n    title: Work Programme\n    documents: [programme.yaml]\n",
        ),
    );
    project.write("m", "programme.yaml", &programme("columns: [Source]", 1));
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/programme.yaml:12:")
            && stderr.contains("`Outcomes` is not a column of the programme"),
        "{stderr}"
    );
}

#[test]
fn the_work_programme_has_its_own_date_style() {
    let pages = build_programme(&programme(COLUMNS, 1), "work_programme_dates: plain");
    let text = squeeze(&pages);
    assert!(
        text.contains(
            "16 July 2026 - to take place at the Council House (moved from 1 October 2026) Item 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("24 September 2026 No items planned yet"),
        "{text}"
    );
    // The front sheet keeps the pack's own date style.
    assert!(
        text.contains("2.00 pm on Thursday, 16th July, 2026"),
        "{text}"
    );
}
