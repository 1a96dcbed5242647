//! Minutes in full: numbering through the municipal year, cross references, the
//! `Present:` block, private business, and the warnings when numbers do not follow on.

mod common;

use common::*;

/// Minutes of the meeting held on `date`, numbered from `first`, with `titles` as minutes.
fn minutes(date: &str, first: u32, titles: &[&str], extra: &str) -> String {
    let body: Vec<String> = titles
        .iter()
        .map(|t| format!("# {t}\n\nDiscussed.\n"))
        .collect();
    format!(
        "---
kind: minutes
date: {date}
time: \"14:00\"
closed: \"16:00\"
first_minute: {first}
present:
  chair: B Two
  members:
    - A One
    - B Two
    - name: D Four
      substitute_for: C Three
  cabinet_members:
    - name: Cllr E Five
      portfolio: Cabinet Member for Schools
  other_members:
    - name: Cllr F Six
      portfolio: Ward Councillor
  employees_grouped_by: service-area
  employees:
    Zeta Service: [G Seven]
    Alpha Service: [H Eight, I Nine]
  invited:
    - name: J Ten
      organisation: Testford Police
  others_present:
    - name: K Eleven
      organisation: Parent Forum
apologies: [Councillor C Three]
---

{extra}

{}",
        body.join("\n")
    )
}

/// A meeting `name` whose minutes item holds `files`.
fn meeting(project: &Project, name: &str, date: &str, files: &[&str]) {
    let documents: Vec<String> = files.iter().map(|f| format!("      - {f}\n")).collect();
    let yaml = meeting_yaml(&format!(
        "  - kind: minutes\n    title: Minutes\n    documents:\n{}",
        documents.concat()
    ))
    .replace("date: 2026-07-16", &format!("date: {date}"));
    project.write(name, "meeting.yaml", &yaml);
}

#[test]
fn minute_numbers_continue_from_the_given_first_number_through_private_business() {
    let project = Project::new();
    meeting(&project, "m", "2026-07-16", &["minutes.md"]);
    project.write(
        "m",
        "minutes.md",
        &minutes(
            "2026-06-18",
            22,
            &[
                "Declarations of Interests",
                "Budget Monitoring",
                "Private Business",
                "Contract Award",
            ],
            "",
        ),
    );
    build_succeeds(&project);
    let text = page_texts(&project.pdf("m"))[2..].join("\n");
    let numbered: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(
        numbered
            .iter()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>(),
        [
            "22 Declarations of Interests",
            "23 Budget Monitoring",
            "24 Contract Award"
        ],
        "{text}"
    );
    let public = text
        .find("Public Business")
        .expect("Public Business heading");
    let private = text
        .find("Private Business")
        .expect("Private Business heading");
    let award = text.find("Contract Award").expect("minute 24");
    assert!(public < private && private < award, "{text}");
    assert!(text.contains("(Meeting closed at 4.00 pm)"), "{text}");
}

#[test]
fn present_block_groups_people_as_the_house_style_does() {
    let project = Project::new();
    meeting(&project, "m", "2026-07-16", &["minutes.md"]);
    project.write(
        "m",
        "minutes.md",
        &minutes("2026-06-18", 1, &["Budget"], ""),
    );
    build_succeeds(&project);
    let page = &page_texts(&project.pdf("m"))[2];
    let rows: Vec<String> = lines(page)
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let expected = [
        "Members: Cllr A One",
        "Cllr B Two (Chair)",
        "Cllr D Four (substitute for Cllr C Three)",
        "Cabinet Members: Cllr E Five (Cabinet Member for Schools)",
        "Other Members: Cllr F Six (Ward Councillor)",
        // Groups keep the order they were written in.
        "Employees (by Service Zeta Service: G Seven",
        "Area): Alpha Service: H Eight, I Nine",
        "Invited: J Ten (Testford Police)",
        "Others Present: K Eleven (Parent Forum)",
        "Apologies: Councillor C Three",
    ];
    let mut at = 0;
    for line in expected {
        let found = rows[at..]
            .iter()
            .position(|r| r == line)
            .unwrap_or_else(|| panic!("`{line}` after line {at} in:\n{}", rows.join("\n")));
        at += found + 1;
    }
}

#[test]
fn cross_references_print_as_minutes_and_unknown_ones_are_warned_about() {
    let project = Project::new();
    meeting(&project, "m", "2026-07-16", &["june.md"]);
    // May's minutes live in an earlier meeting's folder: 1 to 3.
    meeting(&project, "earlier", "2026-06-18", &["may.md"]);
    project.write(
        "earlier",
        "may.md",
        &minutes("2026-05-28", 1, &["One", "Two", "Three"], ""),
    );
    project.write(
        "m",
        "june.md",
        &minutes(
            "2026-06-18",
            4,
            &["Four"],
            "Further to [[minute 2/26]], and to [[minute 9/26]], the Board agreed.",
        ),
    );
    let stderr = build_succeeds(&project);
    let text = page_texts(&project.pdf("m")).join("\n");
    assert!(
        text.contains("Further to Minute 2/26, and to Minute 9/26, the Board agreed."),
        "{text}"
    );
    assert!(!text.contains("[["), "{text}");
    assert!(
        stderr.contains(
            "warning: content/m/june.md:33:36: Minute 9/26 is not in any minutes in the content"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Minute 2/26 is not"),
        "a known minute is not warned about:\n{stderr}"
    );
}

#[test]
fn first_minute_numbers_that_overlap_or_leave_a_gap_are_warned_about() {
    let project = Project::new();
    meeting(&project, "earlier", "2026-06-18", &["may.md"]);
    project.write(
        "earlier",
        "may.md",
        &minutes("2026-05-28", 1, &["One", "Two", "Three"], ""),
    );
    meeting(&project, "m", "2026-07-16", &["june.md"]);
    project.write("m", "june.md", &minutes("2026-06-18", 3, &["Four"], ""));
    // A warning does not stop the build.
    let stderr = build_succeeds(&project);
    assert!(
        stderr.contains(
            "warning: content/m/june.md:6:1: first minute 3 overlaps the minutes of 28th May 2026"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("set `first_minute: 4`"), "{stderr}");

    project.write("m", "june.md", &minutes("2026-06-18", 6, &["Four"], ""));
    let stderr = build_succeeds(&project);
    assert!(
        stderr.contains("first minute 6 leaves a gap after"),
        "{stderr}"
    );

    project.write("m", "june.md", &minutes("2026-06-18", 4, &["Four"], ""));
    let stderr = build_succeeds(&project);
    assert!(!stderr.contains("first minute"), "{stderr}");
}

#[test]
fn minutes_without_members_present_are_an_error_at_the_line() {
    let project = Project::new();
    meeting(&project, "m", "2026-07-16", &["minutes.md"]);
    let text = minutes("2026-06-18", 1, &["One"], "").replace(
        "  members:\n    - A One\n    - B Two\n    - name: D Four\n      substitute_for: C Three\n",
        "  members: []\n",
    );
    project.write("m", "minutes.md", &text);
    let stderr = build_fails(&project);
    assert!(
        stderr.contains("content/m/minutes.md:9:3: the minutes list no members present"),
        "{stderr}"
    );
}

#[test]
fn a_cross_reference_that_is_not_a_minute_is_an_error() {
    let project = Project::new();
    meeting(&project, "m", "2026-07-16", &["minutes.md"]);
    project.write(
        "m",
        "minutes.md",
        &minutes("2026-06-18", 1, &["One"], "See [[the budget]]."),
    );
    let stderr = build_fails(&project);
    assert!(
        stderr.contains(
            "content/m/minutes.md:33:5: `[[the budget]]` is not a minute cross reference"
        ),
        "{stderr}"
    );
}
