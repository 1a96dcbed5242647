//! Running agenda-pack inside a content tree: the content root is found by walking
//! up to the nearest folder holding `content/`, `out/` lies beside it whatever the
//! current folder, and `build .` names the PDF after the meeting folder.

mod common;

use std::path::Path;

use common::*;

const MEETING: &str = "2026-07-16-children-scrutiny";
const LATER: &str = "2026-09-24-children-scrutiny";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walk(dir)
        .into_iter()
        .map(|f| f.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

#[test]
fn build_dot_in_a_meeting_folder_writes_the_meeting_s_pdf_to_the_project_s_out() {
    let project = sample_project();
    // A setting of style.yaml that shows on the page: the meeting must be read with
    // the content root's style.yaml, not one looked for in the meeting folder.
    std::fs::write(project.root().join("content/style.yaml"), "dates: plain\n").unwrap();
    let before = files_under(&project.root().join("content"));
    let meeting = project.root().join("content").join(MEETING);
    let output = agenda_pack(&meeting, &["build", "."]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.lines().next().unwrap_or_default()
            == format!("building 1 meeting: {MEETING} (from content/{MEETING})"),
        "says what it will do first:\n{err}"
    );
    assert_eq!(
        project.out_files(),
        [project.pdf(MEETING)],
        "named after the meeting, in the project's out/:\n{err}"
    );
    assert_eq!(
        files_under(&project.root().join("content")),
        before,
        "nothing written inside the content tree"
    );
    let text = page_texts(&project.pdf(MEETING)).join("\n");
    assert!(
        text.contains("2.00 pm on Thursday, 16 July 2026"),
        "the content root's style.yaml (plain dates) applies:\n{text}"
    );
}

#[test]
fn build_from_the_meeting_folder_and_from_the_project_give_the_same_bytes() {
    let project = sample_project();
    let from_project = agenda_pack(project.root(), &["build", &format!("content/{MEETING}")]);
    assert!(from_project.status.success(), "{}", stderr(&from_project));
    let expected = std::fs::read(project.pdf(MEETING)).unwrap();
    std::fs::remove_dir_all(project.root().join("out")).unwrap();
    let images = project.root().join("content").join(MEETING).join("images");
    let output = agenda_pack(&images, &["build", "../attendance.md"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.starts_with(&format!(
            "building 1 meeting: {MEETING} (from content/{MEETING}/attendance.md)\n"
        )),
        "{err}"
    );
    assert_eq!(project.out_files(), [project.pdf(MEETING)]);
    assert!(
        std::fs::read(project.pdf(MEETING)).unwrap() == expected,
        "the same pack, byte for byte"
    );
}

#[test]
fn check_and_build_without_paths_inside_a_meeting_work_on_the_whole_content_root() {
    let project = sample_project();
    let images = project.root().join("content").join(LATER).join("images");
    let output = agenda_pack(&images, &["check"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("checked 3 meetings: 0 errors"), "{err}");
    let output = agenda_pack(&images, &["build"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        !err.contains("building "),
        "build of the whole content root keeps its output:\n{err}"
    );
    let mut built = project.out_files();
    built.sort();
    let third = "2026-09-10-children-scrutiny";
    let supplement = format!("{third}-supplement-1");
    let expected = [MEETING, &supplement, third, LATER].map(|name| project.pdf(name));
    assert_eq!(built, expected);
}

#[test]
fn preview_in_a_meeting_folder_writes_to_the_project_s_out_preview() {
    let project = sample_project();
    let meeting = project.root().join("content").join(MEETING);
    let output = agenda_pack(&meeting, &["preview", "attendance.md"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let pdf = project.root().join("out/preview/attendance.pdf");
    assert!(pdf.is_file(), "{err}");
    assert!(
        !meeting.join("out").exists(),
        "nothing written in the meeting folder"
    );
    // Pages as in the full pack: the note is not counted from 1.
    let pages = page_texts(&pdf);
    assert!(footer_number(&pages[0]).is_some_and(|n| n > 1), "{err}");
}

#[test]
fn out_given_on_the_command_line_is_relative_to_the_current_folder() {
    let project = sample_project();
    let meeting = project.root().join("content").join(MEETING);
    let elsewhere = tempfile::tempdir().unwrap();
    let output = agenda_pack(
        &meeting,
        &["build", ".", "--out", elsewhere.path().to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(elsewhere.path().join(format!("{MEETING}.pdf")).is_file());
    assert_eq!(project.out_files(), Vec::<std::path::PathBuf>::new());
}

#[test]
fn outside_any_project_the_current_folder_is_the_project_as_before() {
    // No folder above holds content/: paths are as given, out/ is the current one's.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(LATER),
        &dir.path().join("meetings").join(LATER),
    );
    let output = agenda_pack(dir.path(), &["build", &format!("meetings/{LATER}")]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        dir.path()
            .join("out")
            .join(format!("{LATER}.pdf"))
            .is_file(),
        "{err}"
    );
}

#[test]
fn a_content_folder_beside_the_current_one_is_not_taken_for_the_content_root() {
    // Only the current folder's content/ or a content folder the current folder is
    // inside count: run from templates/ (or any folder beside content/), nothing is
    // guessed.
    let project = sample_project();
    let beside = project.root().join("templates");
    std::fs::create_dir(&beside).unwrap();
    let output = agenda_pack(&beside, &["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("content"),
        "names the folder it looked for:\n{err}"
    );
    assert!(!err.contains("checked 3 meetings"), "{err}");
}
