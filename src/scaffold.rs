//! `new`: a meeting folder or a briefing note pre-filled with the house style's
//! standard sections and stock wording, which builds at once.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::content::MEETING_FILE;
use crate::error::{Error, Result};

/// The stock meeting.yaml.
const MEETING_TEMPLATE: &str = include_str!("../templates/scaffold/meeting.yaml.j2");
/// The stock briefing note.
const NOTE_TEMPLATE: &str = include_str!("../templates/scaffold/briefing-note.md.j2");
/// The note a new meeting starts with.
const FIRST_NOTE: &str = "briefing-note.md";

/// Creates the meeting folder `dir` with a meeting.yaml and one briefing note, dated
/// for a Thursday at least four weeks after `today`, published eight days before.
/// Returns the files written.
pub fn meeting(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>> {
    let yaml_path = dir.join(MEETING_FILE);
    let note_path = dir.join(FIRST_NOTE);
    refuse_existing(&yaml_path)?;
    refuse_existing(&note_path)?;
    let mut date = today + Duration::days(28);
    while date.weekday() != Weekday::Thu {
        date += Duration::days(1);
    }
    let publication = date - Duration::days(8);
    let yaml = render(
        MEETING_TEMPLATE,
        minijinja::context! {
            meeting_date => date.to_string(),
            publication_date => publication.to_string(),
            note => FIRST_NOTE,
        },
    )?;
    std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
    write_new(&yaml_path, &yaml)?;
    write_new(&note_path, &note_text("Title of the Briefing Note")?)?;
    Ok(vec![yaml_path, note_path])
}

/// Creates the briefing note `file`, its subject taken from the file name.
pub fn note(file: &Path) -> Result<PathBuf> {
    refuse_existing(file)?;
    let subject = file
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let mut chars = s.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .unwrap_or_else(|| "Title of the Briefing Note".to_string());
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|err| Error::io(parent, err))?;
    }
    write_new(file, &note_text(&subject)?)?;
    Ok(file.to_path_buf())
}

fn note_text(subject: &str) -> Result<String> {
    // A YAML double-quoted string holds any subject.
    let quoted = serde_json_string(subject);
    render(NOTE_TEMPLATE, minijinja::context! { subject => quoted })
}

/// `text` as a double-quoted YAML (and JSON) string.
fn serde_json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render(template: &str, context: minijinja::Value) -> Result<String> {
    let env = minijinja::Environment::new();
    let mut text = env.render_str(template, context)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

fn refuse_existing(path: &Path) -> Result<()> {
    if path.exists() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "already exists; not overwritten",
            ),
        ));
    }
    Ok(())
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| Error::io(path, err))?;
    file.write_all(text.as_bytes())
        .map_err(|err| Error::io(path, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_meeting_is_on_a_thursday_published_eight_days_before() {
        let dir = tempfile::tempdir().unwrap();
        let meeting_dir = dir.path().join("m");
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let files = meeting(&meeting_dir, today).unwrap();
        assert_eq!(files.len(), 2);
        let yaml = std::fs::read_to_string(&files[0]).unwrap();
        assert!(yaml.contains("date: 2026-12-24\n"), "{yaml}");
        assert!(yaml.contains("  date: 2026-12-16\n"), "{yaml}");
        assert!(meeting(&meeting_dir, today).is_err(), "never overwrites");
    }

    #[test]
    fn a_new_note_takes_its_subject_from_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = note(&dir.path().join("school-meals_2026.md")).unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("subject: \"School meals 2026\"\n"), "{text}");
        assert!(text.contains("# Purpose of the Note"));
    }
}
