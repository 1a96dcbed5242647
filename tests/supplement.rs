//! Supplementary packs and late items (issue 10, points 1 and 2): documents to follow
//! leave the agenda and are printed in `<meeting>-supplement-N.pdf`, read back with
//! pdftotext and qpdf.

mod common;

use std::path::PathBuf;

use common::*;

const MEETING: &str = "m";

/// The agenda published on Wednesday 1 July 2026 for a meeting on Thursday 16 July,
/// with `items` and then `supplements`.
fn meeting(items: &str, supplements: &str) -> String {
    meeting_yaml(items).replace("  date: 2026-07-08", "  date: 2026-07-01")
        + "supplements:\n"
        + supplements
}

/// A supplement published on Wednesday 8 July: the last day with five clear days.
const ON_TIME: &str = "  - number: 1\n    date: 2026-07-08\n";

/// Item 1 in the agenda (2 pages), item 2 in supplement 1 by its document (3 pages),
/// item 3 in supplement 1 as a whole (1 page).
const ITEMS: &str = "  - kind: briefing-note
    title: Agenda Business
    documents: [a.md]
  - kind: briefing-note
    title: Report That Arrived Late
    documents:
      - file: b.md
        supplement: 1
  - kind: briefing-note
    title: Whole Item To Follow
    supplement: 1
    documents: [c.md]
";

fn project(items: &str, supplements: &str) -> Project {
    let project = Project::new();
    project.write(MEETING, "meeting.yaml", &meeting(items, supplements));
    project.write(MEETING, "a.md", &note_with_pages("A", 2));
    project.write(MEETING, "b.md", &note_with_pages("B", 3));
    project.write(MEETING, "c.md", &note_with_pages("C", 1));
    project
}

fn supplement_pdf(project: &Project, suffix: &str) -> PathBuf {
    project
        .root()
        .join("out")
        .join(format!("{MEETING}-supplement-1{suffix}.pdf"))
}

#[test]
fn the_agenda_shows_to_follow_and_none_of_the_supplements_pages() {
    let project = project(ITEMS, ON_TIME);
    let stderr = build_succeeds(&project);
    assert!(stderr.contains(" 0 warnings"), "{stderr}");
    let main = project.pdf(MEETING);
    qpdf_check(&main);
    let pages = page_texts(&main);
    assert_eq!(pages.len(), 4, "front sheet and item 1's two pages only");
    let front = &pages[0];
    assert_eq!(front_sheet_ranges(front), vec![(3, 4)], "{front}");
    assert_eq!(front.matches("(to follow)").count(), 2, "{front}");
    let after = |title: &str| {
        let line = lines(front).iter().position(|l| l.contains(title)).unwrap();
        lines(front)[line + 1].to_string()
    };
    assert_eq!(after("Report That Arrived Late"), "(to follow)");
    assert_eq!(after("Whole Item To Follow"), "(to follow)");
    for tag in ["MARK B", "MARK C"] {
        assert!(
            token_places(&main, tag).is_empty(),
            "{tag} is not in the agenda"
        );
    }
    assert!(token_places(&main, "MARK A p2").contains(&"page text"));
}

#[test]
fn the_supplement_has_its_own_front_sheet_ranges_padding_and_labels() {
    let project = project(ITEMS, ON_TIME);
    build_succeeds(&project);
    let pdf = supplement_pdf(&project, "");
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    // Front sheet (2), item 2's three pages and a padding page, item 3's page and one.
    assert_eq!(pages.len(), 8);
    let front = &pages[0];
    for wanted in [
        "Supplementary Agenda",
        "Test Scrutiny Board",
        "Report That Arrived Late",
        "Whole Item To Follow",
        "Alex Example, Chief Executive, Town Hall, Testford",
        "8 July 2026",
    ] {
        assert!(front.contains(wanted), "{wanted:?} in:\n{front}");
    }
    assert!(!front.contains("Agenda Business"), "item 1 is not carried");
    assert!(
        !front.contains("1 July 2026"),
        "its own date, not the agenda's"
    );
    assert_eq!(front_sheet_ranges(front), vec![(3, 6), (7, 8)]);
    // The ranges against the real pages: stamps, markers, padding and footers.
    assert_eq!(stamp(&pages[2]), Some(2));
    assert!(pages[2].contains("MARK B p1") && pages[4].contains("MARK B p3"));
    assert!(is_padding(&pages[5]), "{}", pages[5]);
    assert_eq!(stamp(&pages[6]), Some(3));
    assert!(pages[6].contains("MARK C p1"));
    assert!(is_padding(&pages[7]));
    let footers: Vec<Option<usize>> = pages.iter().map(|p| footer_number(p)).collect();
    assert_eq!(footers[2..], [3, 4, 5, 6, 7, 8].map(Some));
    let labels: Vec<String> = (1..=8).map(|n| n.to_string()).collect();
    assert_eq!(page_labels(&pdf), labels);
    let info = pdf_info(&pdf);
    let title = info.iter().find(|(k, _)| k == "Title").unwrap();
    assert!(title.1.contains("Supplementary Agenda"), "{title:?}");
}

#[test]
fn continued_numbers_follow_the_agenda_and_restarted_ones_do_not() {
    let continued = ON_TIME.to_string() + "    page_numbers: continue\n";
    let project = project(ITEMS, &continued);
    build_succeeds(&project);
    let pdf = supplement_pdf(&project, "");
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 8);
    // The agenda has 4 pages: the supplement's pages are 5 to 12.
    assert_eq!(front_sheet_ranges(&pages[0]), vec![(7, 10), (11, 12)]);
    let footers: Vec<Option<usize>> = pages.iter().map(|p| footer_number(p)).collect();
    assert_eq!(footers[2..], [7, 8, 9, 10, 11, 12].map(Some));
    let labels: Vec<String> = (5..=12).map(|n| n.to_string()).collect();
    assert_eq!(page_labels(&pdf), labels);
    assert_eq!(stamp(&pages[2]), Some(2), "still the third physical page");
}

#[test]
fn an_exempt_document_in_a_supplement_is_only_in_the_members_supplement() {
    let token = unique_token("Exempt");
    let items = ITEMS.to_string()
        + "private_items:
  - kind: briefing-note
    title: Contract Negotiations
    exempt_paragraph: 3
    supplement: 1
    documents: [secret.md]
";
    let project = project("", "");
    project.write(MEETING, "meeting.yaml", &meeting(&items, ON_TIME));
    project.write(
        MEETING,
        "secret.md",
        &format!("---\nkind: briefing-note\nsubject: Negotiations\n---\n\n{token}\n"),
    );
    build_succeeds(&project);
    let members = agenda_pack(project.root(), &["build", "--private"]);
    assert!(members.status.success());

    let public = supplement_pdf(&project, "");
    assert_eq!(token_places(&public, &token), Vec::<&str>::new());
    let front = &page_texts(&public)[0];
    assert!(
        front.contains("Contract Negotiations"),
        "listed by its title"
    );
    assert!(front.contains("paragraph 3"));
    assert_eq!(front_sheet_ranges(front).len(), 2, "no range for it");

    let private = supplement_pdf(&project, "-private");
    assert!(token_places(&private, &token).contains(&"page text"));
    let pages = page_texts(&private);
    let front = &pages[0];
    assert_eq!(front_sheet_ranges(front), vec![(3, 6), (7, 8), (9, 10)]);
    assert!(pages[8].contains("Not for publication"));

    // The members' agenda shows it to follow; the published agenda never does.
    let agenda = |name: &str| page_texts(&project.root().join("out").join(name))[0].clone();
    let members_agenda = agenda("m-private.pdf");
    assert_eq!(members_agenda.matches("(to follow)").count(), 3);
    assert_eq!(agenda("m.pdf").matches("(to follow)").count(), 2);
}

#[test]
fn a_late_item_prints_its_reason_for_urgency() {
    let items = ITEMS.to_string()
        + "  - kind: briefing-note
    title: Late Business
    added: 2026-07-03
    urgency: The decision is needed before the contract ends.
    supplement: 1
    documents: [d.md]
";
    let project = project(&items, ON_TIME);
    project.write(MEETING, "d.md", &note_with_pages("D", 1));
    let stderr = build_succeeds(&project);
    assert!(stderr.contains(" 0 warnings"), "{stderr}");
    for pdf in [project.pdf(MEETING), supplement_pdf(&project, "")] {
        let front = page_texts(&pdf)[0].clone();
        let joined = lines(&front).join(" ");
        assert!(
            joined.contains(
                "Late Business (to follow) Reason for urgency: The decision is needed before the contract ends."
            ) || joined.contains(
                "Late Business (Pages 9 - 10) Reason for urgency: The decision is needed before the contract ends."
            ),
            "{joined}"
        );
    }
}

#[test]
fn a_late_item_without_a_reason_is_a_located_error() {
    let items = "  - kind: briefing-note
    title: Late Business
    added: 2026-07-03
    documents: [a.md]
";
    let project = project(items, ON_TIME);
    let stderr = build_fails(&project);
    assert!(
        stderr.contains(
            "content/m/meeting.yaml:21:12: item 1 was added after the agenda was published"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("urgency:"), "the hint says how: {stderr}");

    // Added on the day of publication: not late, and `urgency:` has nothing to explain.
    let on_time = items.replace("2026-07-03", "2026-07-01");
    project.write(MEETING, "meeting.yaml", &meeting(&on_time, ON_TIME));
    let stderr = build_succeeds(&project);
    assert!(
        stderr.contains("supplement 1 carries no documents"),
        "{stderr}"
    );
    let needless = on_time + "    urgency: No reason needed.\n";
    let project = self::project("", "");
    project.write(MEETING, "meeting.yaml", &meeting(&needless, ON_TIME));
    let stderr = build_fails(&project);
    assert!(stderr.contains("`urgency:` is for a late item"), "{stderr}");
}

#[test]
fn a_supplement_published_late_warns_naming_the_deadline() {
    let late = "  - number: 1\n    date: 2026-07-10\n";
    let project = project(ITEMS, late);
    let stderr = build_succeeds(&project);
    assert!(
        stderr.contains("content/m/meeting.yaml:")
            && stderr.contains("supplement 1 is published 3 clear days before the meeting")
            && stderr.contains("publish by Wednesday 8 July 2026"),
        "{stderr}"
    );
    assert!(stderr.contains(" 1 warning"), "told once: {stderr}");
    let check = agenda_pack(project.root(), &["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("publish by Wednesday 8 July 2026"),
        "{stderr}"
    );
}

#[test]
fn a_supplement_must_be_declared_and_published_after_the_agenda() {
    let project = project(ITEMS, "  - number: 2\n    date: 2026-07-08\n");
    let stderr = build_fails(&project);
    assert!(stderr.contains("this is supplement 1, not 2"), "{stderr}");
    project.write(
        MEETING,
        "meeting.yaml",
        &meeting(ITEMS, "  - number: 1\n    date: 2026-07-01\n"),
    );
    let stderr = build_fails(&project);
    assert!(stderr.contains("not after the agenda"), "{stderr}");
    let undeclared = meeting_yaml(ITEMS).replace("  date: 2026-07-08", "  date: 2026-07-01");
    project.write(MEETING, "meeting.yaml", &undeclared);
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/meeting.yaml:26:21:")
            && stderr.contains(
                "`b.md` is marked for supplement 1, which `supplements:` does not declare"
            ),
        "{stderr}"
    );
}

#[test]
fn changed_rebuilds_a_meeting_whose_supplement_is_gone() {
    let project = project(ITEMS, ON_TIME);
    let first = agenda_pack(project.root(), &["build", "--changed"]);
    assert!(first.status.success());
    let second = agenda_pack(project.root(), &["build", "--changed"]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("not rebuilt"), "{stderr}");
    std::fs::remove_file(supplement_pdf(&project, "")).unwrap();
    let third = agenda_pack(project.root(), &["build", "--changed"]);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(!stderr.contains("not rebuilt"), "{stderr}");
    assert!(supplement_pdf(&project, "").is_file());
}

#[test]
fn the_third_sample_meeting_has_a_supplement_and_a_late_item() {
    let (out, stderr) = build_repository_content(&[]);
    assert!(stderr.contains(" 0 warnings"), "{stderr}");
    let meeting = "2026-09-10-children-scrutiny";
    let agenda = page_texts(&out.path().join(format!("{meeting}.pdf")));
    assert!(agenda[0].contains("(to follow)") && agenda[0].contains("Reason for urgency:"));
    let supplement = out.path().join(format!("{meeting}-supplement-1.pdf"));
    let pages = page_texts(&supplement);
    assert!(pages[0].contains("Supplementary Agenda"));
    assert!(pages.iter().any(|p| p.contains("Ofsted Focused Visit")));
    assert!(
        token_places(&supplement, "independent fostering agencies").is_empty(),
        "the exempt note is not in the published supplement"
    );
}

#[test]
fn a_document_to_follow_previews_on_its_supplement_s_pages() {
    let project = project(ITEMS, ON_TIME);
    let output = agenda_pack(project.root(), &["preview", "content/m/c.md"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("(Pages 7 - 8, Agenda Item 3)"),
        "after item 2's pages in the supplement, not the agenda's: {stderr}"
    );
    let pages = page_texts(&project.root().join("out/preview/c.pdf"));
    assert_eq!(footer_number(&pages[0]), Some(7));
}

#[test]
fn a_second_supplement_is_numbered_and_continues_after_the_first() {
    let items = ITEMS.replace(
        "    supplement: 1\n    documents: [c.md]",
        "    supplement: 2\n    documents: [c.md]",
    );
    let supplements = "  - number: 1
    date: 2026-07-06
    page_numbers: continue
  - number: 2
    date: 2026-07-08
    page_numbers: continue
    signatory:
      name: Robin Deputy
      post: Deputy Chief Executive
      address: Town Hall, Testford
";
    let project = project(&items, supplements);
    let stderr = build_succeeds(&project);
    assert!(stderr.contains(" 0 warnings"), "{stderr}");
    let out = project.root().join("out");
    let first = page_texts(&out.join("m-supplement-1.pdf"));
    let second = page_texts(&out.join("m-supplement-2.pdf"));
    assert!(first[0].contains("Supplementary Agenda 1"), "{}", first[0]);
    assert!(
        second[0].contains("Supplementary Agenda 2"),
        "{}",
        second[0]
    );
    // Agenda 1-4; supplement 1 (front sheet, item 2: 3 pages and padding) 5-10;
    // supplement 2 from 11: its front sheet, then item 3 on 13-14.
    assert_eq!(front_sheet_ranges(&first[0]), vec![(7, 10)]);
    assert_eq!(front_sheet_ranges(&second[0]), vec![(13, 14)]);
    assert!(second[0].contains("Robin Deputy, Deputy Chief Executive"));
    assert!(second[0].contains("8 July 2026") && !second[0].contains("6 July 2026"));
    assert!(!second[0].contains("Report That Arrived Late"));
}

#[test]
fn a_reason_for_urgency_is_printed_verbatim_and_never_run() {
    let reason = r#"#panic("x") ] *bold* $x$ // <lab> @ref"#;
    let items = format!(
        "  - kind: briefing-note
    title: Late Business
    added: 2026-07-03
    urgency: '{reason}'
    documents: [a.md]
"
    );
    let project = project(&items, "");
    build_succeeds(&project);
    let front = page_texts(&project.pdf(MEETING))[0].clone();
    assert!(
        front.contains(&format!("Reason for urgency: {reason}")),
        "{front}"
    );
}
