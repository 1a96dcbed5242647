//! Hostile inputs: exempt.

use super::budget;

// --- Exempt slips that meeting.yaml can make (content loader) ---

/// A token written only in the exempt report.
const EXEMPT_TOKEN: &str = "EXEMPT-5d21e8-SLIP";

/// A meeting whose public items are `public` and private items `private` (both
/// already indented), with the exempt report `exempt.md` holding the token.
fn slip_project(public: &str, private: &str) -> crate::common::Project {
    let project = crate::common::Project::new();
    let yaml = format!(
        "{}private_items:\n{private}",
        crate::common::meeting_yaml(public)
    );
    project.write("m", "meeting.yaml", &yaml);
    project.write(
        "m",
        "exempt.md",
        &format!("---\nkind: briefing-note\nsubject: Contract\n---\n\n{EXEMPT_TOKEN}\n"),
    );
    project
}

/// Builds and checks `project`: both refuse with `expected`, write nothing, and never
/// show the exempt text.
fn assert_slip_refused(project: &crate::common::Project, expected: &[&str]) {
    for args in [&["build"][..], &["build", "--private"], &["check"]] {
        let run = budget::run(project.root(), args);
        run.assert_code(1).assert_within_budget();
        for expected in expected {
            assert!(
                run.stderr.contains(expected),
                "{args:?}: expected {expected:?} in:\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains(EXEMPT_TOKEN) && !run.stdout.contains(EXEMPT_TOKEN));
        assert!(
            std::fs::read_dir(project.root().join("out")).map_or(true, |mut d| d.next().is_none()),
            "{args:?} wrote to out/"
        );
    }
}

#[test]
fn an_exempt_report_also_listed_under_a_public_item_is_refused_naming_both_lines() {
    let project = slip_project(
        "  - kind: report\n    title: Contract\n    documents: [exempt.md]\n",
        "  - kind: report\n    title: Contract\n    exempt_paragraph: 3\n    documents: [./exempt.md]\n",
    );
    assert_slip_refused(
        &project,
        &[
            "content/m/meeting.yaml:26:17",
            "`./exempt.md` is listed under two items (also at line 21)",
        ],
    );
}

#[test]
fn a_private_item_without_an_exempt_paragraph_is_refused() {
    let project = slip_project(
        "  - kind: apologies\n    title: Apologies\n",
        "  - kind: report\n    title: Contract\n    documents: [exempt.md]\n",
    );
    assert_slip_refused(
        &project,
        &[
            "content/m/meeting.yaml:23:12",
            "a private item needs the paragraph of Schedule 12A",
        ],
    );
}

// --- end of the content loader's exempt tests ---
