//! The statutory timetable: bank holidays from `holidays.yaml` (one-off days, other
//! nations' calendars) moving the publish-by day that `check` prints, the
//! `timetable` planning sheet as text and CSV, and `build --audience all`.

mod common;

use common::*;

const ONE_NOTE: &str =
    "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n";

/// A project whose meeting folders are `(name, meeting date, publication date)`.
fn project_of(meetings: &[(&str, &str, &str)]) -> Project {
    let project = Project::new();
    for (name, date, published) in meetings {
        let yaml = meeting_yaml(ONE_NOTE)
            .replace("date: 2026-07-16", &format!("date: {date}"))
            .replace("  date: 2026-07-08", &format!("  date: {published}"));
        project.write(name, "meeting.yaml", &yaml);
        project.write(name, "note.md", &note_with_pages("1", 1));
    }
    project
}

fn write_holidays(project: &Project, yaml: &str) {
    std::fs::write(project.root().join("content/holidays.yaml"), yaml).unwrap();
}

/// `check`'s stderr, asserting its exit code.
fn check(project: &Project, code: i32) -> String {
    let output = agenda_pack(project.root(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    stderr
}

/// The line `check` prints for `meeting`.
fn publish_by_line(stderr: &str, meeting: &str) -> String {
    stderr
        .lines()
        .find(|line| line.starts_with(&format!("{meeting}: publish by ")))
        .unwrap_or_else(|| panic!("no publish-by line for {meeting}:\n{stderr}"))
        .to_string()
}

#[test]
fn a_one_off_holiday_in_holidays_yaml_moves_the_deadline() {
    let project = sample_project();
    let before = check(&project, 0);
    assert_eq!(
        publish_by_line(&before, "2026-07-16-children-scrutiny"),
        "2026-07-16-children-scrutiny: publish by Wednesday 8 July 2026"
    );
    write_holidays(
        &project,
        "extra:\n  - date: 2026-07-13\n    name: Civic jubilee\n",
    );
    let after = check(&project, 0);
    assert_eq!(
        publish_by_line(&after, "2026-07-16-children-scrutiny"),
        "2026-07-16-children-scrutiny: publish by Tuesday 7 July 2026 \
         (set for Wednesday 8 July 2026, 4 clear days: late)"
    );
    // The other meeting has no holiday in its notice period.
    assert_eq!(
        publish_by_line(&after, "2026-09-24-children-scrutiny"),
        "2026-09-24-children-scrutiny: publish by Wednesday 16 September 2026"
    );
}

#[test]
fn scotland_keeps_st_andrews_day_and_2_january() {
    // St Andrew's Day 2026 is Monday 30 November; 2 January 2027, a Saturday, is
    // kept on Monday 4 January in Scotland.
    let project = project_of(&[
        ("2026-12-03-board", "2026-12-03", "2026-11-24"),
        ("2027-01-07-board", "2027-01-07", "2026-12-23"),
    ]);
    let england = check(&project, 0);
    assert_eq!(
        publish_by_line(&england, "2026-12-03-board"),
        "2026-12-03-board: publish by Wednesday 25 November 2026"
    );
    assert_eq!(
        publish_by_line(&england, "2027-01-07-board"),
        "2027-01-07-board: publish by Tuesday 29 December 2026"
    );
    write_holidays(&project, "nation: scotland\n");
    let scotland = check(&project, 0);
    assert_eq!(
        publish_by_line(&scotland, "2026-12-03-board"),
        "2026-12-03-board: publish by Tuesday 24 November 2026"
    );
    assert_eq!(
        publish_by_line(&scotland, "2027-01-07-board"),
        "2027-01-07-board: publish by Monday 28 December 2026"
    );
}

#[test]
fn a_bad_holidays_yaml_entry_is_a_located_error() {
    let project = sample_project();
    write_holidays(
        &project,
        "nation: england-and-wales\nremoved:\n  - 2026-05-05\n",
    );
    let stderr = check(&project, 1);
    assert!(
        stderr.contains("content/holidays.yaml:3:5"),
        "located at the date:\n{stderr}"
    );
    assert!(
        stderr.contains("Tuesday, 5 May 2026 is not a regular bank holiday of england-and-wales"),
        "{stderr}"
    );
    write_holidays(&project, "nation: wales\n");
    let stderr = check(&project, 1);
    assert!(stderr.contains("content/holidays.yaml:1:9"), "{stderr}");
    let output = agenda_pack(project.root(), &["timetable"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("content/holidays.yaml:1:9"));
}

/// The rows of `timetable` with `args`, asserting success.
fn timetable(project: &Project, args: &[&str]) -> String {
    let mut all = vec!["timetable"];
    all.extend(args);
    let output = agenda_pack(project.root(), &all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_timetable_as_aligned_text_and_as_csv() {
    let project = project_of(&[
        ("2027-05-06-board", "2027-05-06", "2027-04-27"),
        ("2026-07-16-board", "2026-07-16", "2026-07-09"),
        ("2027-04-29-board", "2027-04-29", "2027-04-21"),
    ]);
    // A committee whose name needs quoting in CSV.
    let yaml =
        std::fs::read_to_string(project.meeting_dir("2026-07-16-board").join("meeting.yaml"))
            .unwrap()
            .replace(
                "committee: Test Scrutiny Board",
                "committee: 'Board \"A\", Testford'",
            );
    project.write("2026-07-16-board", "meeting.yaml", &yaml);

    let text = timetable(&project, &[]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("Meeting "), "{text}");
    assert!(
        lines[1].starts_with("Thursday 16 July 2026 "),
        "in date order:\n{text}"
    );
    assert!(lines[3].starts_with("Thursday 6 May 2027 "), "{text}");
    let column = lines[0].find("Publish by").unwrap();
    for line in &lines[1..] {
        assert!(
            line[column..].starts_with(char::is_alphabetic),
            "aligned:\n{text}"
        );
        assert!(line[..column].ends_with("  "), "aligned:\n{text}");
    }
    assert!(lines[1].contains("Wednesday 8 July 2026"), "{text}");
    assert!(lines[1].contains("4 (late)"), "{text}");

    let csv_text = timetable(&project, &["--format", "csv", "--year", "2026"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "meeting_date",
            "committee",
            "publish_by",
            "published",
            "clear_days",
            "late",
            "folder"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    // Municipal year 2026: May 2026 to April 2027.
    assert_eq!(
        rows,
        [
            [
                "2026-07-16",
                "Board \"A\", Testford",
                "2026-07-08",
                "2026-07-09",
                "4",
                "true",
                "2026-07-16-board"
            ],
            [
                "2027-04-29",
                "Test Scrutiny Board",
                "2027-04-21",
                "2027-04-21",
                "5",
                "false",
                "2027-04-29-board"
            ],
        ]
    );
}

/// The PDFs `build` writes into `out` with `args`, by name, with their bytes.
fn built(project: &Project, out: &str, args: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut all = vec!["build", "--out", out];
    all.extend(args);
    let output = agenda_pack(project.root(), &all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut pdfs: Vec<(String, Vec<u8>)> = std::fs::read_dir(project.root().join(out))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(p).unwrap())
        })
        .collect();
    pdfs.sort();
    pdfs
}

#[test]
fn audience_all_writes_both_packs_as_separate_builds_do() {
    // The sample: 16 July has nothing exempt (its members' pack reuses the public
    // pages), 24 September has a private report (laid out for each audience), and
    // 10 September an exempt note in its supplement.
    let project = sample_project();
    let all = built(&project, "all", &["--audience", "all"]);
    let public = built(&project, "public", &["--audience", "public"]);
    let members = built(&project, "members", &["--audience", "members"]);
    let alias = built(&project, "private", &["--private"]);
    let names: Vec<&str> = all.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2026-07-16-children-scrutiny-private.pdf",
            "2026-07-16-children-scrutiny.pdf",
            "2026-09-10-children-scrutiny-private.pdf",
            "2026-09-10-children-scrutiny-supplement-1-private.pdf",
            "2026-09-10-children-scrutiny-supplement-1.pdf",
            "2026-09-10-children-scrutiny.pdf",
            "2026-09-24-children-scrutiny-private.pdf",
            "2026-09-24-children-scrutiny.pdf",
        ]
    );
    let mut separate = [public, members.clone()].concat();
    separate.sort();
    assert!(all == separate, "--audience all writes the same bytes");
    assert!(members == alias, "--private is --audience members");
    // Read back: the members' title, and the exempt report only in the members' pack.
    let root = project.root();
    for name in [
        "2026-07-16-children-scrutiny",
        "2026-09-24-children-scrutiny",
    ] {
        let info = pdf_info(&root.join(format!("all/{name}-private.pdf")));
        let title = info.iter().find(|(k, _)| k == "Title").unwrap();
        assert!(title.1.ends_with(" - Not for publication"), "{info:?}");
        let info = pdf_info(&root.join(format!("all/{name}.pdf")));
        let title = info.iter().find(|(k, _)| k == "Title").unwrap();
        assert!(!title.1.contains("Not for publication"), "{info:?}");
    }
    let private = page_texts(&root.join("all/2026-09-24-children-scrutiny-private.pdf"));
    let public = page_texts(&root.join("all/2026-09-24-children-scrutiny.pdf"));
    assert_eq!(private.len(), public.len() + 2, "the exempt report's pages");
    assert!(private.iter().any(|p| p.contains("Not for publication")));
    assert!(!public.iter().any(|p| p.contains("Not for publication")));
}

#[test]
fn changed_fingerprints_each_audience() {
    let project = sample_project();
    let run = |args: &[&str]| {
        let mut all = vec!["build", "--changed"];
        all.extend(args);
        let output = agenda_pack(project.root(), &all);
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let first = run(&["--audience", "public"]);
    assert!(first.contains("3 of 3 meetings built"), "{first}");
    // The public packs are current; only the members' packs are built (with the
    // members' supplement of 10 September).
    let second = run(&["--audience", "all"]);
    assert_eq!(second.matches("unchanged out/").count(), 3, "{second}");
    assert_eq!(second.matches("-private.pdf (").count(), 4, "{second}");
    let third = run(&["--audience", "all"]);
    assert_eq!(third.matches("unchanged out/").count(), 6, "{third}");
    assert!(third.contains("(3 unchanged, not rebuilt)"), "{third}");
}
