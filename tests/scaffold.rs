//! `new`: every kind of document, written into a copy of the sample content and
//! listed with the lines `new` prints, checks clean; minutes number on through the
//! municipal year; a new meeting gives its five clear days.

mod common;

use std::path::Path;

use common::*;

/// A project holding a copy of the repository's sample content.
fn sample_project() -> tempfile::TempDir {
    let project = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &project.path().join("content"),
    );
    project
}

/// Runs `agenda-pack new ...`, expecting success, and returns its stderr.
fn new(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend(args);
    let output = agenda_pack(root, &all);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "new {args:?}:\n{stderr}");
    stderr
}

/// Does what `new`'s output says: adds the printed item entry to the printed
/// meeting.yaml under the printed key.
fn list(root: &Path, stderr: &str) {
    let mut lines = stderr.lines().skip_while(|l| !l.starts_with("add to "));
    let header = lines
        .next()
        .unwrap_or_else(|| panic!("no listing:\n{stderr}"));
    let (file, key) = header
        .trim_start_matches("add to ")
        .split_once(", under `")
        .unwrap();
    let key = key.trim_end_matches(":`:");
    let entry: String = lines
        .take_while(|l| l.starts_with("  "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(entry.contains("documents:"), "{stderr}");
    let path = root.join(file);
    let yaml = std::fs::read_to_string(&path).unwrap();
    let yaml = match key {
        "items" => yaml.replacen("private_items:", &format!("{entry}private_items:"), 1),
        "private_items" => {
            let yaml = yaml.replace("private_items: []", "private_items:");
            format!("{}\n{entry}", yaml.trim_end())
        }
        other => panic!("unexpected key {other}"),
    };
    std::fs::write(path, yaml).unwrap();
}

/// Runs `check`, expecting no error and no warning.
fn check_clean(root: &Path) {
    let output = agenda_pack(root, &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains(" 0 errors, 0 warnings"), "{stderr}");
}

fn first_minute(file: &Path) -> u32 {
    let text = std::fs::read_to_string(file).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("first_minute: "))
        .unwrap();
    line["first_minute: ".len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn every_kind_of_document_once_listed_checks_clean_and_prints() {
    let project = sample_project();
    let root = project.path();
    let meeting = "content/2026-09-24-children-scrutiny";
    for args in [
        ["note", &format!("{meeting}/school-meals.md")],
        ["report", &format!("{meeting}/reports/library-hours.md")],
        ["work-programme", &format!("{meeting}/programme-2026.yaml")],
        ["private", &format!("{meeting}/staffing-restructure.md")],
    ] {
        let stderr = new(root, &args);
        list(root, &stderr);
    }
    check_clean(root);

    let out = root.join("out");
    let output = agenda_pack(
        root,
        &[
            "build",
            "--private",
            meeting,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = page_texts(&out.join("2026-09-24-children-scrutiny-private.pdf")).join("\n");
    for expected in [
        "School meals",
        "Purpose of the Note",
        "Library hours",
        "Name of Cabinet Member",
        "Is this a key decision?",
        "Financial implications",
        "Contributors/approvers",
        "Scrutiny Board Work Programme 2026/27",
        "Staffing restructure",
        "paragraph 3 of Part 1 of Schedule 12A",
        "Not for publication",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn minutes_number_on_through_private_business_and_restart_in_may() {
    let project = sample_project();
    let root = project.path();
    // The sample's minutes of 16th July 2026 end at minute 21.
    for meeting in [
        "2026-11-19-children-scrutiny",
        "2027-01-14-children-scrutiny",
        "2027-05-20-children-scrutiny",
        "2027-06-17-children-scrutiny",
    ] {
        new(root, &["meeting", &format!("content/{meeting}")]);
    }
    // Each meeting's minutes, written into the next meeting (the default) and listed.
    let expected = [
        // 24th September has eight public items and one private: minutes 22 to 30
        // (the `Private Business` heading takes no number).
        ("2026-09-24", "2026-11-19", 22),
        // 19th November: its five stock items and the minutes item just listed.
        ("2026-11-19", "2027-01-14", 31),
        ("2027-01-14", "2027-05-20", 37),
        // A new municipal year starts in May: numbering starts again.
        ("2027-05-20", "2027-06-17", 1),
    ];
    for (minuted, into, first) in expected {
        let stderr = new(
            root,
            &["minutes", &format!("content/{minuted}-children-scrutiny")],
        );
        let file = root.join(format!(
            "content/{into}-children-scrutiny/minutes-{minuted}.md"
        ));
        assert!(
            stderr.contains(&format!(
                "created {}",
                file.strip_prefix(root).unwrap().display()
            )),
            "{stderr}"
        );
        assert_eq!(first_minute(&file), first, "minutes of {minuted}");
        list(root, &stderr);
    }
    let private = std::fs::read_to_string(
        root.join("content/2026-11-19-children-scrutiny/minutes-2026-09-24.md"),
    )
    .unwrap();
    let body = private.splitn(3, "---\n").nth(2).unwrap();
    let headings: Vec<&str> = body.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(
        headings,
        [
            "# Apologies and Substitutions",
            "# Declarations of Interests",
            "# Minutes",
            "# Youth Justice Plan 2026/27",
            "# Elective Home Education",
            "# Scrutiny Board Work Programme 2026/27",
            "# Any Other Items of Public Business",
            "# Evaluation of the Meeting",
            "# Private Business",
            "# Residential Placements Framework - Contract Award",
        ]
    );
    assert!(private.contains("  chair: \"K Okafor\"\n"), "{private}");
    assert!(private.contains("    - \"W Yeoman\"\n"), "{private}");
    assert!(private.contains("RESOLVED that:"), "{private}");
    // The numbering check that build and check run agrees with every number.
    check_clean(root);

    let out = root.join("out");
    let output = agenda_pack(
        root,
        &[
            "build",
            "content/2026-11-19-children-scrutiny",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success());
    let text = page_texts(&out.join("2026-11-19-children-scrutiny.pdf")).join("\n");
    assert!(text.contains("Residential Placements Framework"), "{text}");
    assert!(text.contains("Private Business"), "{text}");
}

#[test]
fn minutes_without_a_later_meeting_say_where_to_write_them() {
    let project = sample_project();
    let output = agenda_pack(
        project.path(),
        &["new", "minutes", "content/2026-09-24-children-scrutiny"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--into"), "{stderr}");
    let stderr = new(
        project.path(),
        &[
            "minutes",
            "content/2026-09-24-children-scrutiny",
            "--into",
            "drafts",
        ],
    );
    assert!(
        stderr.contains("created drafts/minutes-2026-09-24.md"),
        "{stderr}"
    );
    assert!(
        stderr.contains("add to its meeting's meeting.yaml"),
        "{stderr}"
    );
    assert_eq!(
        first_minute(&project.path().join("drafts/minutes-2026-09-24.md")),
        22
    );
}

#[test]
fn a_new_meeting_takes_its_date_from_the_folder_and_gives_five_clear_days() {
    let project = Project::new();
    // Christmas Day and the Boxing Day holiday (28th) fall in the usual eight days.
    let stderr = new(project.root(), &["meeting", "content/2026-12-31-board"]);
    assert!(stderr.contains("created content/2026-12-31-board/meeting.yaml"));
    let yaml =
        std::fs::read_to_string(project.root().join("content/2026-12-31-board/meeting.yaml"))
            .unwrap();
    assert!(yaml.contains("\ndate: 2026-12-31\n"), "{yaml}");
    check_clean(project.root());
}

#[test]
fn new_never_overwrites() {
    let project = Project::new();
    project.write("m", "report.md", "MINE\n");
    let output = agenda_pack(project.root(), &["new", "report", "content/m/report.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(project.root().join("content/m/report.md")).unwrap(),
        "MINE\n"
    );
    let names: Vec<_> = std::fs::read_dir(project.meeting_dir("m"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.md"], "no temporary file is left");
}

#[test]
fn a_new_meeting_counts_the_holidays_of_holidays_yaml() {
    // Without holidays.yaml a meeting on Thursday 16 July 2026 is published on
    // Wednesday 8 July (eight days before, with five clear days); a one-off holiday on
    // Monday 13 July leaves four, so the publication moves back to Tuesday 7 July.
    let project = Project::new();
    std::fs::create_dir_all(project.root().join("content")).unwrap();
    new(project.root(), &["meeting", "content/2026-07-16-board"]);
    std::fs::write(
        project.root().join("content/holidays.yaml"),
        "extra:\n  - date: 2026-07-13\n    name: A one-off holiday\n",
    )
    .unwrap();
    new(project.root(), &["meeting", "content/2026-07-16-other"]);
    let publication = |meeting: &str| {
        let yaml = std::fs::read_to_string(
            project
                .root()
                .join(format!("content/{meeting}/meeting.yaml")),
        )
        .unwrap();
        let publication = &yaml[yaml.find("publication:").expect("a publication")..];
        publication
            .lines()
            .find_map(|line| line.trim().strip_prefix("date: "))
            .map(str::to_string)
            .expect("a publication date")
    };
    assert_eq!(publication("2026-07-16-board"), "2026-07-08");
    assert_eq!(publication("2026-07-16-other"), "2026-07-07");
    // The first is now late by the council's calendar (check says so); the second not.
    std::fs::remove_dir_all(project.root().join("content/2026-07-16-board")).unwrap();
    check_clean(project.root());
}
