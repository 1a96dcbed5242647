//! Content as Windows editors and officers write it: CRLF line ends and a UTF-8
//! byte-order mark give the same PDF and the same error places as LF; UTF-16 is refused
//! with how to save as UTF-8; names written with `\` or `./` are read as `/`, still
//! confined to the meeting folder; a misspelt file name, value or a tab gets a hint.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{agenda_pack, copy_tree};

/// The repository's sample meeting of July 2026, which has a file of every kind.
const MEETING: &str = "2026-07-16-children-scrutiny";

/// A temporary content root holding `style.yaml` and a copy of [`MEETING`].
struct Sample {
    dir: tempfile::TempDir,
}

impl Sample {
    fn new() -> Self {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let content = dir.path().join("content");
        copy_tree(&repo.join(MEETING), &content.join(MEETING));
        std::fs::copy(repo.join("style.yaml"), content.join("style.yaml")).unwrap();
        Self { dir }
    }

    fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    /// A file of the content root, by its path in it.
    fn file(&self, relative: &str) -> PathBuf {
        self.content().join(relative)
    }

    /// A file of the meeting, by its name in the meeting folder.
    fn meeting_file(&self, name: &str) -> PathBuf {
        self.content().join(MEETING).join(name)
    }

    /// Rewrites `file` as `edit` makes it.
    fn edit(&self, file: &Path, edit: impl Fn(&str) -> String) {
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, edit(&text)).unwrap();
    }

    /// Saves `file` as Notepad and most Windows editors do: CRLF line ends, and a
    /// UTF-8 byte-order mark.
    fn save_as_windows(&self, file: &Path) {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains('\r'), "the sample is written with LF");
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend(text.replace('\n', "\r\n").into_bytes());
        std::fs::write(file, bytes).unwrap();
    }

    /// Builds the meeting and returns the PDF's bytes.
    fn build(&self) -> Vec<u8> {
        let out = self.dir.path().join("out");
        let output = agenda_pack(
            self.dir.path(),
            &[
                "build",
                "--content",
                self.content().to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::read(out.join(format!("{MEETING}.pdf"))).expect("the pack is written")
    }

    /// `check`'s diagnostics as JSON objects; the content must have errors.
    fn errors(&self) -> Vec<serde_json::Value> {
        let output = agenda_pack(
            self.dir.path(),
            &[
                "check",
                "--content",
                self.content().to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        assert_eq!(output.status.code(), Some(1), "content errors exit with 1");
        let list: Vec<serde_json::Value> =
            serde_json::from_slice(&output.stdout).expect("check prints JSON");
        let errors: Vec<_> = list
            .into_iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert!(!errors.is_empty(), "check reports an error");
        errors
    }

    /// `check`'s human-readable report (stderr) without its summary line; the content
    /// must have errors.
    fn report(&self) -> String {
        let output = agenda_pack(
            self.dir.path(),
            &["check", "--content", self.content().to_str().unwrap()],
        );
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        // The summary line's time varies from run to run.
        stderr
            .lines()
            .filter(|line| !line.starts_with("checked "))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The PDF of the sample as it is, built once for every comparison.
fn lf_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| Sample::new().build())
}

/// `files` (paths in the content root) saved as on Windows build the very same PDF; and
/// an error planted in the first of them by `plant` is reported at the same place,
/// with the same message, whether the file is saved with LF or as on Windows.
fn windows_file_is_read_as_lf(files: &[&str], plant: impl Fn(&str) -> String) {
    let windows = Sample::new();
    for file in files {
        windows.save_as_windows(&windows.file(file));
    }
    assert!(
        windows.build() == lf_pdf(),
        "{files:?} saved with CRLF and a byte-order mark build the same PDF"
    );

    let planted = Sample::new();
    planted.edit(&planted.file(files[0]), &plant);
    let lf_errors = planted.errors();
    let lf_report = planted.report();
    planted.save_as_windows(&planted.file(files[0]));
    let windows_errors = planted.errors();
    assert_eq!(
        windows_errors, lf_errors,
        "the same errors at the same places"
    );
    assert_eq!(
        planted.report(),
        lf_report,
        "the same source line quoted, the caret under the same character"
    );
    let planted_in = lf_errors[0]["file"].as_str().unwrap();
    assert!(planted_in.ends_with(files[0]), "{lf_errors:?}");
}

fn meeting(name: &str) -> String {
    format!("{MEETING}/{name}")
}

#[test]
fn meeting_yaml_saved_on_windows_reads_as_lf() {
    windows_file_is_read_as_lf(&[&meeting("meeting.yaml")], |text| {
        text.replace("\ndate: 2026-07-16", "\ndate: 16/07/2026")
    });
}

#[test]
fn style_yaml_saved_on_windows_reads_as_lf() {
    // The error is on the first line after the byte-order mark, so its column would
    // be one off if the mark were counted.
    windows_file_is_read_as_lf(&["style.yaml"], |text| {
        format!(
            "notes: numbred\n{}",
            text.replace("\nnotes: numbered", "\n")
        )
    });
}

#[test]
fn a_briefing_note_saved_on_windows_reads_as_lf() {
    // The planted image without alternative text is in the Markdown body, placed by
    // its offset in the converted text.
    windows_file_is_read_as_lf(
        &[&meeting("attendance.md"), &meeting("send-sufficiency.md")],
        |text| {
            text.replace(
                "shows the trend over five years.",
                "shows the trend over five years. ![](images/attendance-trend.svg)",
            )
        },
    );
}

#[test]
fn minutes_saved_on_windows_read_as_lf() {
    windows_file_is_read_as_lf(
        &[
            &meeting("minutes-2026-06-18.md"),
            &meeting("minutes-2026-05-28.md"),
        ],
        |text| text.replace("first_minute: 7", "first_minute: 0"),
    );
}

#[test]
fn a_report_saved_on_windows_reads_as_lf() {
    windows_file_is_read_as_lf(&[&meeting("transport-policy.md")], |text| {
        text.replace("key_decision: true", "key_decision: maybe")
    });
}

#[test]
fn a_work_programme_saved_on_windows_reads_as_lf() {
    windows_file_is_read_as_lf(&[&meeting("work-programme.yaml")], |text| {
        text.replace("last_updated: 2026-07-03", "last_updated: 3rd July")
    });
}

#[test]
fn utf16_files_are_refused_with_how_to_save_as_utf8() {
    for (name, big_endian, bom) in [
        ("meeting.yaml", false, true),
        ("attendance.md", true, true),
        ("work-programme.yaml", false, false),
    ] {
        let sample = Sample::new();
        let file = sample.meeting_file(name);
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace('\n', "\r\n");
        let units = text.encode_utf16().collect::<Vec<u16>>();
        let mut bytes = Vec::new();
        if bom {
            bytes.extend(if big_endian {
                [0xfe, 0xff]
            } else {
                [0xff, 0xfe]
            });
        }
        for unit in units {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        std::fs::write(&file, bytes).unwrap();
        let errors = sample.errors();
        let error = &errors[0];
        assert!(
            error["file"].as_str().unwrap().ends_with(name),
            "{errors:?}"
        );
        assert_eq!((&error["line"], &error["column"]), (&1.into(), &1.into()));
        let encoding = if big_endian { "UTF-16 BE" } else { "UTF-16 LE" };
        assert!(
            error["message"].as_str().unwrap().contains(encoding),
            "{error}"
        );
        assert!(
            error["hint"].as_str().unwrap().contains("Encoding: UTF-8"),
            "{error}"
        );
        let report = sample.report();
        assert!(!report.contains('\0'), "no NUL is quoted: {report:?}");
    }
}

/// The sample with a logo and one note in a sub-folder, every name written with
/// `separator` and, when `dot`, a leading `.` segment.
fn with_names_written(separator: &str, dot: bool) -> Sample {
    let sample = Sample::new();
    let name = |path: &str| {
        let path = path.replace('/', separator);
        if dot {
            format!(".{separator}{path}")
        } else {
            path
        }
    };
    let sub = sample.meeting_file("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::rename(
        sample.meeting_file("send-sufficiency.md"),
        sub.join("send-sufficiency.md"),
    )
    .unwrap();
    sample.edit(&sample.meeting_file("meeting.yaml"), |text| {
        text.replace(
            "\ndate: 2026-07-16",
            &format!(
                "\nlogo:\n  file: {}\n  alt: Elmsworth City Council\ndate: 2026-07-16",
                name("images/choosing-items.svg")
            ),
        )
        .replace(
            "- send-sufficiency.md",
            &format!("- {}", name("sub/send-sufficiency.md")),
        )
        .replace(
            "- file: partnership-annual-report.pdf",
            &format!("- file: {}", name("partnership-annual-report.pdf")),
        )
        .replace("- attendance.md", &format!("- {}", name("attendance.md")))
        .replace(
            "- work-programme.yaml",
            &format!("- {}", name("work-programme.yaml")),
        )
    });
    sample.edit(&sample.meeting_file("work-programme.yaml"), |text| {
        text.replace(
            "file: images/choosing-items.svg",
            &format!("file: {}", name("images/choosing-items.svg")),
        )
    });
    sample.edit(&sample.meeting_file("attendance.md"), |text| {
        text.replace(
            "](images/attendance-trend.svg",
            &format!("]({}", name("images/attendance-trend.svg")),
        )
    });
    sample
}

#[test]
fn names_written_with_backslashes_or_a_leading_dot_build_the_same_pdf() {
    let slashes = with_names_written("/", false).build();
    assert!(
        with_names_written("\\", false).build() == slashes,
        "`\\` reads as `/`"
    );
    assert!(
        with_names_written("\\", true).build() == slashes,
        "`.\\` is dropped"
    );
    assert!(
        with_names_written("/", true).build() == slashes,
        "`./` is dropped"
    );
}

#[test]
fn backslashes_do_not_lead_out_of_the_meeting_folder() {
    let escapes = [
        "..\\..\\etc\\passwd",
        ".\\..\\style.yaml",
        "images\\..\\..\\style.yaml",
    ];
    for escape in escapes {
        let sample = Sample::new();
        sample.edit(&sample.meeting_file("meeting.yaml"), |text| {
            text.replace("- attendance.md", &format!("- {escape}"))
        });
        let report = sample.report();
        assert!(
            report.contains("is not a path inside the meeting folder"),
            "{report}"
        );
    }
    for escape in escapes {
        // In Markdown `\.` is an escaped `.`, so a backslash before a dot is written
        // twice to reach the path.
        let escape = escape.replace('\\', "\\\\");
        let sample = Sample::new();
        sample.edit(&sample.meeting_file("attendance.md"), |text| {
            text.replace("](images/attendance-trend.svg", &format!("]({escape}"))
        });
        let report = sample.report();
        assert!(
            report.contains("is not a path inside the meeting folder"),
            "{report}"
        );
    }
}

/// The line and column of `needle`'s first occurrence in `text` (1-based; the column
/// in characters).
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).expect("the needle is in the text");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

fn location(error: &serde_json::Value) -> (usize, usize) {
    (
        error["line"].as_u64().unwrap() as usize,
        error["column"].as_u64().unwrap() as usize,
    )
}

#[test]
fn a_misnamed_document_suggests_the_file_with_its_exact_capitals() {
    let sample = Sample::new();
    let meeting_yaml = sample.meeting_file("meeting.yaml");
    sample.edit(&meeting_yaml, |text| {
        text.replace("- attendance.md", "- Attendance.MD")
    });
    let errors = sample.errors();
    let text = std::fs::read_to_string(&meeting_yaml).unwrap();
    assert_eq!(location(&errors[0]), place_of(&text, "Attendance.MD"));
    assert_eq!(
        errors[0]["message"],
        "document `Attendance.MD` not found; did you mean `attendance.md`?"
    );
    assert!(
        errors[0]["hint"]
            .as_str()
            .unwrap()
            .contains("case-sensitive"),
        "{errors:?}"
    );

    let sample = Sample::new();
    sample.edit(&sample.meeting_file("meeting.yaml"), |text| {
        text.replace("- work-programme.yaml", "- work_programme.yaml")
    });
    let errors = sample.errors();
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("did you mean `work-programme.yaml`?"),
        "{errors:?}"
    );
}

#[test]
fn a_misnamed_image_suggests_the_file_at_its_markdown_line() {
    let sample = Sample::new();
    let note = sample.meeting_file("attendance.md");
    sample.edit(&note, |text| {
        text.replace(
            "](images/attendance-trend.svg",
            "](Images\\Attendance-Trend.svg",
        )
    });
    let errors = sample.errors();
    let text = std::fs::read_to_string(&note).unwrap();
    let (line, _) = place_of(&text, "Images\\Attendance-Trend.svg");
    assert_eq!(location(&errors[0]).0, line, "{errors:?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("did you mean `images/attendance-trend.svg`?"),
        "{errors:?}"
    );

    let sample = Sample::new();
    sample.edit(&sample.meeting_file("work-programme.yaml"), |text| {
        text.replace("images/choosing-items.svg", "images/choosing_items.svg")
    });
    let errors = sample.errors();
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("did you mean `images/choosing-items.svg`?"),
        "{errors:?}"
    );
}

#[test]
fn an_unknown_value_suggests_the_one_meant() {
    for (file, from, to, meant) in [
        (
            "meeting.yaml",
            "kind: briefing-note",
            "kind: briefing_note",
            "briefing-note",
        ),
        (
            "attendance.md",
            "kind: briefing-note",
            "kind: briefing-notes",
            "briefing-note",
        ),
        (
            "attendance.md",
            "appendix_scheme: letter",
            "appendix_scheme: leter",
            "letter",
        ),
        (
            "work-programme.yaml",
            "kind: work-programme",
            "kind: workprogramme",
            "work-programme",
        ),
    ] {
        let sample = Sample::new();
        let path = sample.meeting_file(file);
        sample.edit(&path, |text| text.replacen(from, to, 1));
        let errors = sample.errors();
        let text = std::fs::read_to_string(&path).unwrap();
        let (line, column) = place_of(&text, to);
        assert_eq!(
            location(&errors[0]),
            (line, column + to.find(' ').unwrap() + 1)
        );
        assert_eq!(
            errors[0]["hint"].as_str(),
            Some(format!("did you mean `{meant}`?").as_str()),
            "{errors:?}"
        );
    }
}

#[test]
fn a_tab_in_yaml_indentation_gets_a_hint_naming_its_line() {
    let sample = Sample::new();
    let path = sample.meeting_file("meeting.yaml");
    sample.edit(&path, |text| {
        text.replace("\n  chair: K Okafor", "\n\tchair: K Okafor")
    });
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, _) = place_of(&text, "\tchair");
    let errors = sample.errors();
    assert_eq!(location(&errors[0]).0, line);
    assert_eq!(
        errors[0]["hint"].as_str().unwrap(),
        format!("YAML indents with spaces, not tabs: replace the tab at line {line} with spaces")
    );
}
