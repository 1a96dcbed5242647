//! Hostile inputs: YAML (meeting.yaml, front matter, work programmes). Each is refused
//! with an error at the file, line and column where the problem is written, within the
//! time and memory budget, and nothing is written to `out/`.

use super::budget;
use crate::common::{Project, meeting_yaml};

/// One public item with the note `note.md`.
const NOTE_ITEM: &str = "  - kind: briefing-note\n    title: Note\n    documents: [note.md]\n";

/// A meeting `m` whose meeting.yaml is `yaml`, with a plain `note.md`.
fn project_with(yaml: &str) -> Project {
    let project = Project::new();
    project.write("m", "meeting.yaml", yaml);
    project.write(
        "m",
        "note.md",
        "---\nkind: briefing-note\nsubject: Note\n---\n\nText.\n",
    );
    project
}

/// Runs `args`, expects a content error (exit 1) within budget, nothing in `out/`,
/// and each of `expected` (a `file:line:column`, the message) in stderr; returns stderr.
fn refused(project: &Project, args: &[&str], expected: &[&str]) -> String {
    let run = budget::run(project.root(), args);
    run.assert_code(1).assert_within_budget();
    for expected in expected {
        assert!(
            run.stderr.contains(expected),
            "expected {expected:?} in:\n{}",
            run.stderr
        );
    }
    assert!(
        std::fs::read_dir(project.root().join("out")).map_or(true, |mut d| d.next().is_none()),
        "out/ is untouched"
    );
    run.stderr.clone()
}

#[test]
fn an_alias_bomb_is_refused_at_the_alias_that_passes_the_limit() {
    let mut yaml = meeting_yaml(NOTE_ITEM);
    yaml.push_str("notes:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let prev = format!("*a{}", level - 1);
        yaml.push_str(&format!("  - &a{level} [{}]\n", vec![prev; 10].join(", ")));
    }
    let project = project_with(&yaml);
    let stderr = refused(&project, &["check"], &["content/m/meeting.yaml:26:"]);
    assert!(stderr.contains("aliases"), "{stderr}");
}

#[test]
fn two_hundred_thousand_aliases_are_refused_by_size_within_budget() {
    let mut yaml = meeting_yaml(NOTE_ITEM);
    yaml.push_str("notes:\n  - &a [x, x, x, x, x, x, x, x]\n");
    for _ in 0..200_000 {
        yaml.push_str("  - *a\n");
    }
    let project = project_with(&yaml);
    let stderr = refused(
        &project,
        &["build"],
        &["content/m/meeting.yaml", "the YAML file is larger than"],
    );
    assert!(stderr.contains("the limit is 256 KiB"), "{stderr}");
}

#[test]
fn a_fifty_megabyte_value_is_refused_by_size_within_budget() {
    let mut yaml = meeting_yaml(NOTE_ITEM);
    yaml.push_str("notes:\n  - ");
    yaml.push_str(&"x".repeat(50 << 20));
    yaml.push('\n');
    let project = project_with(&yaml);
    refused(
        &project,
        &["check"],
        &["content/m/meeting.yaml", "the YAML file is larger than"],
    );
}

#[test]
fn an_alias_bomb_in_front_matter_is_refused() {
    let project = project_with(&meeting_yaml(NOTE_ITEM));
    let mut front = String::from(
        "---\nkind: briefing-note\nsubject: Note\nbackground_papers:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for level in 1..9 {
        let prev = format!("*a{}", level - 1);
        front.push_str(&format!("  - &a{level} [{}]\n", vec![prev; 10].join(", ")));
    }
    front.push_str("---\n\nText.\n");
    project.write("m", "note.md", &front);
    let stderr = refused(&project, &["check"], &["content/m/note.md:8:"]);
    assert!(stderr.contains("aliases"), "{stderr}");
}

#[test]
fn a_huge_markdown_document_is_refused_by_size_within_budget() {
    let project = project_with(&meeting_yaml(NOTE_ITEM));
    let mut note = String::from("---\nkind: briefing-note\nsubject: Note\n---\n\n");
    note.push_str(&"All work and no play. ".repeat(300_000));
    project.write("m", "note.md", &note);
    refused(
        &project,
        &["build"],
        &["content/m/note.md", "the Markdown document is larger than"],
    );
}

#[test]
fn a_duplicate_key_is_refused_at_its_second_line() {
    let yaml = meeting_yaml(NOTE_ITEM).replace("place:", "date: 2026-07-17\nplace:");
    let stderr = refused(
        &project_with(&yaml),
        &["check"],
        &[
            "content/m/meeting.yaml:5:1",
            "the key `date` is given twice",
        ],
    );
    assert!(stderr.contains("first on line 3"), "{stderr}");
}

#[test]
fn a_nul_is_refused_at_its_line() {
    let yaml = meeting_yaml(NOTE_ITEM).replace("Committee Room 1", "Committee\0Room 1");
    refused(
        &project_with(&yaml),
        &["check"],
        &["content/m/meeting.yaml:5:17", "the file contains a NUL"],
    );
}

#[test]
fn invalid_utf8_is_refused_at_its_line() {
    let project = project_with("");
    let mut bytes = meeting_yaml(NOTE_ITEM).into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Room").unwrap();
    bytes[at] = 0xff;
    std::fs::write(project.meeting_dir("m").join("meeting.yaml"), bytes).unwrap();
    refused(
        &project,
        &["check"],
        &["content/m/meeting.yaml:5:18", "the file is not UTF-8"],
    );
}

#[test]
fn a_second_document_is_refused_at_its_marker() {
    let yaml = format!("{}---\ncouncil: Other\n", meeting_yaml(NOTE_ITEM));
    refused(
        &project_with(&yaml),
        &["check"],
        &["content/m/meeting.yaml:22:1", "a second YAML document"],
    );
}

#[test]
fn an_unclosed_bracket_in_front_matter_is_pointed_at_with_file_lines_only() {
    let project = project_with(&meeting_yaml(NOTE_ITEM));
    project.write(
        "m",
        "note.md",
        "---\nkind: briefing-note\nsubject: Note\nbackground_papers: [Budget 2026\nto: The Board\n---\n\nText.\n",
    );
    let stderr = refused(
        &project,
        &["check"],
        &["content/m/note.md:4:20", "this `[` is never closed"],
    );
    // The parser's own, front-matter-relative line (3) is never quoted.
    assert!(!stderr.contains("line 3"), "{stderr}");
}

#[test]
fn a_bad_exempt_paragraph_is_reported_at_its_own_item() {
    let yaml = format!(
        "{}private_items:\n  - kind: report\n    title: A\n    exempt_paragraph: 3\n    documents: [a.md]\n  - kind: report\n    title: B\n    exempt_paragraph: 9\n    documents: [b.md]\n",
        meeting_yaml(NOTE_ITEM)
    );
    let project = project_with(&yaml);
    for name in ["a.md", "b.md"] {
        project.write(
            "m",
            name,
            "---\nkind: briefing-note\nsubject: Exempt\n---\n\nText.\n",
        );
    }
    refused(
        &project,
        &["check"],
        &["content/m/meeting.yaml:29:23", "there is no paragraph 9"],
    );
}

#[test]
fn a_missing_document_is_reported_at_its_own_name() {
    let yaml =
        meeting_yaml("  - kind: briefing-note\n    title: Note\n    documents: [data.md, a.md]\n");
    let project = project_with(&yaml);
    project.write(
        "m",
        "data.md",
        "---\nkind: briefing-note\nsubject: Data\n---\n\nText.\n",
    );
    refused(
        &project,
        &["check"],
        &["content/m/meeting.yaml:21:26", "document `a.md` not found"],
    );
}

#[test]
fn an_item_error_is_reported_at_the_item_not_where_its_title_also_appears() {
    // The title also appears in `place:`, on line 5.
    let yaml =
        meeting_yaml("  - kind: apologies\n    title: Town Hall\n    documents: [note.md]\n");
    refused(
        &project_with(&yaml),
        &["check"],
        &[
            "content/m/meeting.yaml:21:16",
            "`Town Hall` is printed by its title only",
        ],
    );
}

#[test]
fn years_outside_1900_to_2200_are_refused_at_the_edge_everywhere() {
    for (date, line, column) in [("+12026-07-01", 3, 7), ("-0001-07-01", 3, 7)] {
        let yaml =
            meeting_yaml(NOTE_ITEM).replacen("date: 2026-07-16", &format!("date: \"{date}\""), 1);
        let project = project_with(&yaml);
        let at = format!("content/m/meeting.yaml:{line}:{column}");
        for args in [
            &["check"][..],
            &["build"],
            &["preview", "content/m/note.md"],
        ] {
            let stderr = refused(&project, args, &[&at]);
            assert!(
                stderr.contains("1900") && stderr.contains("2200"),
                "{stderr}"
            );
        }
    }
    let yaml = meeting_yaml(NOTE_ITEM).replace("  date: 2026-07-08", "  date: 9999-12-31");
    refused(
        &project_with(&yaml),
        &["build"],
        &["content/m/meeting.yaml:10:9"],
    );
}

#[test]
fn a_first_minute_past_the_bound_is_refused() {
    let yaml = meeting_yaml("  - kind: minutes\n    title: Minutes\n    documents: [minutes.md]\n");
    let project = project_with(&yaml);
    project.write(
        "m",
        "minutes.md",
        "---\nkind: minutes\ndate: 2026-06-18\ntime: \"14:00\"\nclosed: \"16:00\"\nfirst_minute: 4294967295\npresent:\n  chair: B Two\n  members: [A One, B Two]\n---\n\n# One\n\n# Two\n\n# Three\n",
    );
    let stderr = refused(&project, &["check"], &["content/m/minutes.md:6:15"]);
    assert!(stderr.contains("first_minute"), "{stderr}");
}

#[test]
fn more_sub_items_than_letters_are_refused() {
    let subs: String = (1..=27)
        .map(|n| format!("      - Sub-item {n}\n"))
        .collect();
    let yaml = meeting_yaml(&format!(
        "  - kind: minutes\n    title: Minutes\n    sub_items:\n{subs}"
    ));
    refused(
        &project_with(&yaml),
        &["check"],
        &["content/m/meeting.yaml:48:9", "the item has 27 sub-items"],
    );
}

#[test]
fn an_empty_council_committee_or_place_is_refused_at_its_line() {
    for (key, line) in [("council", 1), ("committee", 2), ("place", 5)] {
        let yaml = meeting_yaml(NOTE_ITEM)
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{key}:")) {
                    format!("{key}: \"\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let column = key.len() + 3;
        refused(
            &project_with(&format!("{yaml}\n")),
            &["check"],
            &[
                &format!("content/m/meeting.yaml:{line}:{column}"),
                &format!("`{key}:` is empty"),
            ],
        );
    }
}

#[test]
fn the_minute_book_advises_from_the_same_count_as_the_printed_minutes() {
    let minutes = |date: &str, first: u32, body: &str| {
        format!(
            "---\nkind: minutes\ndate: {date}\ntime: \"14:00\"\nclosed: \"16:00\"\nfirst_minute: {first}\npresent:\n  chair: B Two\n  members: [A One, B Two]\n---\n\n{body}"
        )
    };
    let project = Project::new();
    // May's minutes print minutes 1 and 2: the setext heading is `Public Business`.
    project.write(
        "may",
        "minutes.md",
        &minutes(
            "2026-05-28",
            1,
            "# One\n\nNoted.\n\nPublic\nBusiness\n========\n\n# Two\n\nNoted.\n",
        ),
    );
    let item = "  - kind: minutes\n    title: Minutes\n    documents: [minutes.md]\n";
    project.write("june", "meeting.yaml", &meeting_yaml(item));
    project.write(
        "june",
        "minutes.md",
        &minutes("2026-06-18", 3, "# Three\n\nNoted.\n"),
    );
    let run = budget::run(project.root(), &["check", "content/june"]);
    run.assert_code(0).assert_within_budget();
    assert!(!run.stderr.contains("first minute"), "{}", run.stderr);
}

#[test]
fn inputs_just_under_the_size_limits_are_checked_within_budget() {
    // A front sheet of notes is the slowest YAML to lay out.
    let head = meeting_yaml("  - kind: apologies\n    title: Apologies\n") + "notes:\n";
    let note = "  - A note printed on the front sheet of the agenda, about access.\n";
    let notes = note.repeat((256 * 1024 - head.len() - 64) / note.len());
    let project = project_with(&(head + &notes));
    budget::run(project.root(), &["check"])
        .assert_code(0)
        .assert_within_budget();

    let project = project_with(&meeting_yaml(NOTE_ITEM));
    let paragraph = format!(
        "{}\n\n",
        "All work and no play makes a long report. ".repeat(20)
    );
    let front = "---\nkind: briefing-note\nsubject: Note\n---\n\n";
    let body = paragraph.repeat((2 * 1024 * 1024 - front.len() - 64) / paragraph.len());
    project.write("m", "note.md", &format!("{front}{body}"));
    budget::run(project.root(), &["check"])
        .assert_code(0)
        .assert_within_budget();
}
