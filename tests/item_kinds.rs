//! Every agenda item kind of house style section 7: its front-sheet line (title, range
//! or none, by-line, sub-items, stock sentence) and its pages, read back with pdftotext.

mod common;

use common::*;

const ITEMS: &str = "  - kind: apologies
    title: Apologies and Substitutions
  - kind: declarations
    title: Declarations of Interests
  - kind: minutes
    title: Minutes
    sub_items:
      - To agree the minutes of the meeting held on 18th June, 2026
      - Matters Arising
    documents: [minutes.md]
  - kind: briefing-note
    title: School Places
    by: Briefing Note of the Director of Education
    documents: [note.md]
  - kind: presentation
    title: Youth Justice Plan
    by: Presentation by the Head of Youth Justice
  - kind: presentation
    title: Road Safety
    by: Presentation by the Road Safety Manager
    documents:
      - file: slides.pdf
        title: Road Safety slides
  - kind: report
    title: Transport Policy
    by: Report of the Director of Education
    documents: [report.md]
  - kind: work-programme
    title: Work Programme 2026/27
    by: Report of the Scrutiny Co-ordinator
    documents: [programme.yaml]
  - kind: any-other-business
    title: Any Other Items of Public Business
  - kind: evaluation
    title: Evaluation of the Meeting
private_items:
  - kind: report
    title: Contract Award
    exempt_paragraph: 3
    documents: [exempt.md]
";

const MINUTES: &str = "---
kind: minutes
date: 2026-06-18
time: \"14:00\"
closed: \"16:00\"
first_minute: 1
present:
  chair: B Two
  members: [A One, B Two]
---

# Budget

Noted.
";

const PROGRAMME: &str = "kind: work-programme
title: Work Programme 2026/27
last_updated: 2026-07-01
meetings:
  - date: 2026-07-16
    items:
      - title: School Places
";

const EXEMPT: &str = "---
kind: briefing-note
subject: Contract Award
---

SECRET-EXEMPT-TEXT
";

fn project() -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", &meeting_yaml(ITEMS));
    project.write("m", "minutes.md", MINUTES);
    project.write("m", "note.md", &note_with_pages("note", 1));
    project.write("m", "report.md", &note_with_pages("report", 2));
    project.write("m", "programme.yaml", PROGRAMME);
    project.write("m", "exempt.md", EXEMPT);
    std::fs::write(
        project.meeting_dir("m").join("slides.pdf"),
        external_pdf("slides", 3),
    )
    .unwrap();
    project
}

/// The front sheet's lines from `N.` up to the next item, whitespace squeezed.
fn item_lines(front_sheet: &str, number: usize) -> Vec<String> {
    let squeezed: Vec<String> = lines(front_sheet)
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let start = squeezed
        .iter()
        .position(|l| l.starts_with(&format!("{number}. ")))
        .unwrap_or_else(|| panic!("item {number} on the front sheet:\n{front_sheet}"));
    let end = squeezed[start + 1..]
        .iter()
        .position(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
                || l == "Private Business"
                || l.starts_with("Alex Example")
        })
        .map_or(squeezed.len(), |p| start + 1 + p);
    squeezed[start..end].to_vec()
}

#[test]
fn each_item_kind_has_its_front_sheet_line() {
    let project = project();
    build_all(project.root());
    let pdf = project.pdf("m");
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    let front = pages[..2].join("\n");
    let expect = |number: usize, lines: &[&str]| {
        assert_eq!(item_lines(&front, number), lines, "item {number}");
    };
    // Minutes 3-4 (1 page + padding), note 5-6, slides 7-10 (3 + padding), report 11-12,
    // programme 13-14 (summary + table).
    expect(1, &["1. Apologies and Substitutions"]);
    expect(2, &["2. Declarations of Interests"]);
    expect(
        3,
        &[
            "3. Minutes",
            "(Pages 3 - 4)",
            "a) To agree the minutes of the meeting held on 18th June, 2026",
            "b) Matters Arising",
        ],
    );
    expect(
        4,
        &[
            "4. School Places",
            "(Pages 5 - 6)",
            "Briefing Note of the Director of Education",
        ],
    );
    expect(
        5,
        &[
            "5. Youth Justice Plan",
            "Presentation by the Head of Youth Justice",
        ],
    );
    expect(
        6,
        &[
            "6. Road Safety",
            "(Pages 7 - 10)",
            "Presentation by the Road Safety Manager",
        ],
    );
    expect(
        7,
        &[
            "7. Transport Policy",
            "(Pages 11 - 12)",
            "Report of the Director of Education",
        ],
    );
    expect(
        8,
        &[
            "8. Work Programme 2026/27",
            "(Pages 13 - 14)",
            "Report of the Scrutiny Co-ordinator",
        ],
    );
    let aob = item_lines(&front, 9).join(" ");
    assert_eq!(
        aob,
        "9. Any Other Items of Public Business Any other items of business which the Chair \
         decides to take as matters of urgency because of the special circumstances involved."
    );
    expect(10, &["10. Evaluation of the Meeting"]);
    let exempt = item_lines(&front, 11).join(" ");
    assert!(
        exempt.starts_with(
            "11. Contract Award Exempt information under paragraph 3 of Part 1 of Schedule 12A"
        ),
        "{exempt}"
    );
    assert!(!exempt.contains("(Pages"), "{exempt}");

    // Pages: the stamps fall where the ranges say, and the exempt report is left out.
    assert_eq!(pages.len(), 14);
    let stamps: Vec<(usize, usize)> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| stamp(p).map(|n| (i + 1, n)))
        .collect();
    assert_eq!(stamps, [(3, 3), (5, 4), (7, 6), (11, 7), (13, 8)]);
    assert!(pages[6].contains("MARK slides p1"), "slides on page 7");
    assert!(is_padding(&pages[9]), "the 3-page slides are padded");
    // Not in the page text, the outline or the bytes (the members' pack prints it, below).
    assert_eq!(token_places(&pdf, "SECRET-EXEMPT-TEXT"), Vec::<&str>::new());
}

#[test]
fn an_item_printed_by_title_only_cannot_take_documents() {
    let project = project();
    let yaml = meeting_yaml(
        "  - kind: declarations\n    title: Declarations of Interests\n    documents: [note.md]\n",
    );
    project.write("m", "meeting.yaml", &yaml);
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/meeting.yaml:21:16: `Declarations of Interests` is printed by its title only and takes no documents"),
        "{stderr}"
    );
}

#[test]
fn exempt_paragraphs_are_checked() {
    let project = project();
    let public_exempt = meeting_yaml(
        "  - kind: report\n    title: Contract\n    exempt_paragraph: 3\n    documents: [exempt.md]\n",
    );
    project.write("m", "meeting.yaml", &public_exempt);
    let output = agenda_pack(project.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "content/m/meeting.yaml:21:5: only private business is exempt under Schedule 12A"
        ),
        "{stderr}"
    );

    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml(&ITEMS.replace("exempt_paragraph: 3", "exempt_paragraph: 9")),
    );
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("meeting.yaml:57:23: there is no paragraph 9 in Part 1 of Schedule 12A"),
        "{stderr}"
    );
}

#[test]
fn the_members_pack_includes_exempt_documents_headed_not_for_publication() {
    let project = project();
    let output = agenda_pack(project.root(), &["build", "--private"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = project.root().join("out/m-private.pdf");
    assert!(
        !project.pdf("m").exists(),
        "the published pack is not written"
    );
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    // The public pack's 14 pages, then the exempt note on 15 and its padding page.
    assert_eq!(pages.len(), 16);
    let exempt = item_lines(&pages[..2].join("\n"), 11).join(" ");
    assert!(exempt.contains("(Pages 15 - 16)"), "{exempt}");
    let headed: Vec<usize> = (1..=pages.len())
        .filter(|&p| {
            lines(&pages[p - 1])
                .first()
                .is_some_and(|l| l.starts_with("Not for publication"))
        })
        .collect();
    assert_eq!(
        headed,
        [15, 16],
        "the exempt document's pages and its padding page are headed"
    );
    assert!(pages[14].contains("SECRET-EXEMPT-TEXT"));
    assert_eq!(
        stamp(&pages[14].replace("Not for publication", "")),
        Some(11)
    );
    let info = pdf_info(&pdf);
    assert!(
        info.iter()
            .any(|(k, v)| k == "Title" && v.ends_with("- Not for publication")),
        "{info:?}"
    );
}
