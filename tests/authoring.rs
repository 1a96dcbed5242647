//! Authoring constructs of briefing notes and public reports, checked on the PDF text.

mod common;

use std::process::Command;

use common::*;

const REPORT: &str = r#"---
kind: report
title: Home to School Transport Policy 2027/28
cabinet_member: Councillor S Varga, Cabinet Member for Education and Skills
director: Director of Education and Skills
wards: [All]
key_decision: true
key_decision_reason: it affects two or more wards.
executive_summary: |
  The Council consulted on its post-16 transport policy.

  This report sets out a revised policy.
recommendations:
  - Approve the revised policy.
  - Delegate minor changes to the Director.
appendices: [Appendix A - Consultation responses]
scrutiny: Yes - Scrutiny Board on 18th June 2026
other_bodies: "No"
council: "No"
authors:
  - {name: F Okonjo, title: Transport Manager, directorate: Education and Skills, telephone: "01632 960478"}
author_block: inline
contributors:
  - {name: T Halvorsen, title: Finance Manager, directorate: Finance, sent: 2026-06-01, approved: 2026-06-05}
appendix_scheme: letter
---

# Context

The policy was last reviewed in 2022.

# Comments from the Director of Finance and the Director of Law

## Financial implications

The changes save £310,000 a year.

## Legal implications

The Council must publish its policy by 31st May.

# Appendix: Consultation responses

APPENDIX-TEXT

---

SECOND-APPENDIX-PAGE
"#;

const NOTE: &str = r#"---
kind: briefing-note
subject: Front-matter recommendations
recommendations: [Note the content of the briefing note., Agree any further areas of work.]
author_block: table
authors: [{name: Jo Bloggs, title: Head of Service, telephone: "01632 960000"}]
---
# Purpose of the Note

{-} Not numbered.

Numbered.

# Background

[landscape]

WIDE-PAGE

[/landscape]

Back to portrait.
"#;

fn build() -> (Project, Vec<String>) {
    let project = Project::new();
    let items = concat!(
        "  - kind: report\n    title: Transport\n    documents: [report.md]\n",
        "  - kind: briefing-note\n    title: Recs\n    documents: [note.md]\n",
    );
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    project.write("m", "report.md", REPORT);
    project.write("m", "note.md", NOTE);
    build_all(project.root());
    let pages = page_texts(&project.pdf("m"));
    (project, pages)
}

/// The non-empty lines of all pages, trimmed, in order.
fn all_lines(pages: &[String]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| lines(p))
        .map(str::to_string)
        .collect()
}

/// Text with every run of white space made one space (pdftotext's column gaps vary).
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts `expected` appear in this order among `lines` (other lines may come between).
fn assert_in_order(lines: &[String], expected: &[&str]) {
    let mut at = 0;
    for want in expected {
        let want = squeeze(want);
        match lines[at..].iter().position(|l| squeeze(l).contains(&want)) {
            Some(found) => at += found + 1,
            None => panic!("`{want}` not found after line {at}:\n{}", lines.join("\n")),
        }
    }
}

#[test]
fn public_report_has_the_cover_block_numbered_sections_and_contributors() {
    let (_project, pages) = build();
    let lines = all_lines(&pages);
    assert_in_order(
        &lines,
        &[
            "Public report",
            "Name of Cabinet Member:",
            "Councillor S Varga, Cabinet Member for Education and Skills",
            "Director Approving Submission of the report:",
            "Ward(s) affected:",
            "Title:",
            "Home to School Transport Policy 2027/28",
            "Is this a key decision?",
            "Yes - it affects two or more wards.",
            "Executive Summary:",
            "Recommendations:",
            "The Test Scrutiny Board is recommended to:",
            "1) Approve the revised policy.",
            "2) Delegate minor changes to the Director.",
            "List of Appendices included:",
            "Other useful background papers:",
            "None",
            "Has it been or will it be considered by Scrutiny?",
            "Will this report go to Council?",
            "1.    Context",
            "1.1   The policy was last reviewed in 2022.",
            "2.    Comments from the Director of Finance",
            "2.1   Financial implications",
            "The changes save £310,000 a year.",
            "2.2   Legal implications",
            "Report author(s): F Okonjo, Transport Manager, Education and Skills, Tel: 01632 960478",
            "Contributor/",
            "T Halvorsen",
            "Appendix A",
            "Consultation responses",
        ],
    );
}

#[test]
fn appendix_pages_after_the_first_carry_a_running_header() {
    let (_project, pages) = build();
    let first = pages
        .iter()
        .position(|p| p.contains("APPENDIX-TEXT"))
        .unwrap();
    let second = pages
        .iter()
        .position(|p| p.contains("SECOND-APPENDIX-PAGE"))
        .unwrap();
    assert_eq!(second, first + 1);
    assert_eq!(
        lines(&pages[second])[0],
        "Appendix A: Consultation responses"
    );
    assert!(!pages[first].contains("Appendix A: Consultation responses"));
}

#[test]
fn note_recommendations_opt_out_paragraphs_table_authors_and_landscape() {
    let (project, pages) = build();
    let lines = all_lines(&pages);
    assert_in_order(
        &lines,
        &[
            "1       Purpose of the Note",
            "Not numbered.",
            "1.1     Numbered.",
            "2       Recommendations",
            "2.1     The Test Scrutiny Board is recommended to:",
            "1) Note the content of the briefing note.",
            "2) Agree any further areas of work.",
            "3       Background",
            "WIDE-PAGE",
            "3.2     Back to portrait.",
            "Author(s)",
            "Jo Bloggs",
        ],
    );
    assert!(
        lines.iter().any(|l| l.starts_with("Not numbered.")),
        "the marker is not printed"
    );
    let wide = pages.iter().position(|p| p.contains("WIDE-PAGE")).unwrap() + 1;
    let pdf = project.pdf("m");
    let output = Command::new("pdfinfo")
        .args([
            "-f",
            &wide.to_string(),
            "-l",
            &wide.to_string(),
            pdf.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&output.stdout);
    assert!(
        info.contains("841.89 x 595.276"),
        "page {wide} is A4 landscape:\n{info}"
    );
    assert_eq!(footer_number(&pages[wide - 1]), Some(wide));
}

#[test]
fn authoring_mistakes_are_located() {
    let cases = [
        (
            REPORT.replace("key_decision_reason: it affects two or more wards.\n", ""),
            "report.md:7:1: a key decision needs its reason",
        ),
        (
            NOTE.replace("# Background", "# Recommendations"),
            "note.md:14:1: the recommendations are given twice",
        ),
        (
            NOTE.replace("Numbered.", "| A | B |\n|---|---|\n| 1 |"),
            "note.md:14:1: this table row has 1 cells but the table has 2 columns",
        ),
    ];
    for (index, (text, expected)) in cases.into_iter().enumerate() {
        let project = Project::new();
        let file = if index == 0 { "report.md" } else { "note.md" };
        let items = format!("  - kind: report\n    title: T\n    documents: [{file}]\n");
        project.write("m", "meeting.yaml", &meeting_yaml(&items));
        project.write("m", file, &text);
        let output = agenda_pack(project.root(), &["build"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
        assert!(project.out_files().is_empty());
    }
}

#[test]
fn an_appendix_starting_on_a_page_shows_no_running_header_of_the_one_before() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents: [note.md]\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    let note = "---\nkind: briefing-note\nsubject: S\n---\n\n# One\n\nText.\n\n# Appendix: First\n\nFIRST-A\n\n---\n\nFIRST-B\n\n# Appendix: Second\n\nSECOND-A\n";
    project.write("m", "note.md", note);
    build_all(project.root());
    let pages = page_texts(&project.pdf("m"));
    let page_of = |marker: &str| pages.iter().position(|p| p.contains(marker)).unwrap();
    assert_eq!(lines(&pages[page_of("FIRST-B")])[0], "Appendix 1: First");
    assert_eq!(lines(&pages[page_of("SECOND-A")])[0], "Appendix 2");
    assert!(!pages[page_of("SECOND-A")].contains("Appendix 1: First"));
}
