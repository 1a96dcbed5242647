//! `build --shard K/N` and `check --shard K/N`: N machines each take one part of the
//! meetings; the parts are every meeting once, the same for both commands, and a
//! meeting stays in its part when others are added.

mod common;

use std::collections::BTreeSet;

use common::*;

const ITEMS: &str = "  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n";

/// Writes meeting `path` (under content/, nested folders allowed).
fn add_meeting(project: &Project, path: &str) {
    project.write(path, "meeting.yaml", &meeting_yaml(ITEMS));
    project.write(path, "note.md", &note_with_pages(path, 1));
}

/// The PDFs `build --shard <shard>` writes into a folder of their own.
fn built(project: &Project, shard: &str) -> BTreeSet<String> {
    let out = format!("out-{}", shard.replace('/', "-of-"));
    let output = agenda_pack(project.root(), &["build", "--shard", shard, "--out", &out]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{shard}: {stderr}");
    std::fs::read_dir(project.root().join(&out))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter_map(|name| name.strip_suffix(".pdf").map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The meeting folders' names `check --shard <shard> --verbose` checks.
fn checked(project: &Project, shard: &str) -> BTreeSet<String> {
    let output = agenda_pack(project.root(), &["check", "--verbose", "--shard", shard]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{shard}: {stderr}");
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix("checked content/"))
        .filter_map(|rest| rest.split_once(" in ").map(|(dir, _)| dir))
        .map(|dir| dir.rsplit('/').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_parts_are_every_meeting_once_and_stay_put_when_one_is_added() {
    let project = Project::new();
    let meetings: Vec<String> = (1..=9)
        .map(|i| {
            let committee = ["board", "cabinet", "planning"][i % 3];
            format!("{committee}/{committee}-{i}")
        })
        .collect();
    for meeting in &meetings {
        add_meeting(&project, meeting);
    }
    let names: BTreeSet<String> = meetings
        .iter()
        .map(|m| m.rsplit('/').next().unwrap().to_string())
        .collect();
    let parts: Vec<BTreeSet<String>> = (1..=3)
        .map(|k| built(&project, &format!("{k}/3")))
        .collect();
    let total: usize = parts.iter().map(BTreeSet::len).sum();
    let union: BTreeSet<String> = parts.iter().flatten().cloned().collect();
    assert_eq!(union, names, "every meeting is built by some part");
    assert_eq!(total, names.len(), "and by one part only: {parts:?}");
    for (k, part) in parts.iter().enumerate() {
        assert_eq!(
            &checked(&project, &format!("{}/3", k + 1)),
            part,
            "check takes the same part as build"
        );
    }

    add_meeting(&project, "cabinet/cabinet-10");
    let after: Vec<BTreeSet<String>> = (1..=3)
        .map(|k| checked(&project, &format!("{k}/3")))
        .collect();
    for (before, after) in parts.iter().zip(&after) {
        assert!(
            before.is_subset(after),
            "no meeting moved: {before:?} -> {after:?}"
        );
    }
    let added: Vec<&BTreeSet<String>> = after
        .iter()
        .filter(|part| part.contains("cabinet-10"))
        .collect();
    assert_eq!(
        added.len(),
        1,
        "the new meeting falls in one part: {after:?}"
    );
}

#[test]
fn a_part_that_does_not_exist_is_refused_saying_what_k_and_n_are() {
    let project = Project::new();
    add_meeting(&project, "m");
    for (shard, says) in [
        ("0/4", "K must be between 1 and N (4)"),
        ("5/4", "part 5 of 4 does not exist"),
        ("1/0", "N must be at least 1"),
        ("2", "is not K/N"),
        ("a/b", "is not K/N"),
    ] {
        for command in ["build", "check"] {
            let output = agenda_pack(project.root(), &[command, "--shard", shard]);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{command} {shard}: {stderr}");
            assert!(stderr.contains(says), "{command} {shard}: {stderr}");
        }
    }
    assert!(project.out_files().is_empty(), "nothing was built");
}

#[test]
fn a_part_without_meetings_builds_nothing_and_succeeds() {
    let project = Project::new();
    add_meeting(&project, "only");
    let mut building = 0;
    for k in 1..=8 {
        let shard = format!("{k}/8");
        let output = agenda_pack(project.root(), &["build", "--shard", &shard]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{shard}: {stderr}");
        if stderr.contains("1 of 1 meeting built") {
            building += 1;
        } else {
            assert!(
                stderr.contains("no meeting falls in this part"),
                "{shard}: {stderr}"
            );
        }
    }
    assert_eq!(building, 1, "one part of eight builds the one meeting");
    assert!(project.pdf("only").is_file());
}
