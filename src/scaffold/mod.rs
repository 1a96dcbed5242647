//! `new`: every kind of content (a meeting, a briefing note, a report, a private
//! report, a work programme, minutes) pre-filled with the house style's sections and
//! stock wording, which builds at once once listed in its meeting.yaml.

mod listing;
mod meeting;
mod minutes;
mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use listing::{Listing, Section};
pub use meeting::meeting;
pub use minutes::minutes;

use crate::content::{MEETING_FILE, load_meeting};
use crate::error::{Error, Result};
use crate::model::{Date, ItemKind};
use write::{refuse_existing, write_new};

/// The stock briefing note.
const NOTE_TEMPLATE: &str = include_str!("../../templates/scaffold/briefing-note.md.j2");
/// The stock public report, also the private (exempt) report.
const REPORT_TEMPLATE: &str = include_str!("../../templates/scaffold/report.md.j2");
/// The stock work programme.
const WORK_PROGRAMME_TEMPLATE: &str =
    include_str!("../../templates/scaffold/work-programme.yaml.j2");

/// The exempt categories of Part 1 of Schedule 12A to the Local Government Act 1972,
/// by paragraph, as a private report states its reason.
const SCHEDULE_12A: [&str; 7] = [
    "information relating to any individual",
    "information which is likely to reveal the identity of an individual",
    "information relating to the financial or business affairs of any particular person, including the authority holding that information",
    "information relating to consultations or negotiations in connection with a labour relations matter",
    "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
    "information which reveals that the authority proposes to give a notice imposing requirements on a person, or to make an order or direction",
    "information relating to action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
];

/// What `new` wrote, and how to list it in a meeting.
#[derive(Debug)]
pub struct Scaffold {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// The lines to add to a meeting.yaml, when the new file is a document.
    pub listing: Option<Listing>,
}

/// Creates the briefing note `file`, its subject taken from the file name.
pub fn note(file: &Path) -> Result<Scaffold> {
    refuse_existing(file)?;
    let subject = title_from_file_name(file, "Title of the Briefing Note");
    write_new(file, &note_text(&subject)?)?;
    let listing = Listing::new(
        file,
        Section::Items,
        ItemKind::BriefingNote,
        &subject,
        Some("Briefing Note of the Director of Example Services"),
    );
    Ok(Scaffold {
        files: vec![file.to_path_buf()],
        listing: Some(listing),
    })
}

/// Creates the public report `file` with the full cover block, its title taken from
/// the file name.
pub fn report(file: &Path) -> Result<Scaffold> {
    refuse_existing(file)?;
    let title = title_from_file_name(file, "Title of the Report");
    let text = render(
        REPORT_TEMPLATE,
        minijinja::context! { title => &title, exempt_paragraph => 0 },
    )?;
    write_new(file, &text)?;
    let listing = Listing::new(
        file,
        Section::Items,
        ItemKind::Report,
        &title,
        Some("Report of the Director of Example Services"),
    );
    Ok(Scaffold {
        files: vec![file.to_path_buf()],
        listing: Some(listing),
    })
}

/// Creates the report `file` of a private item, exempt under `paragraph` (1 to 7) of
/// Schedule 12A: its listing goes under `private_items:` with `exempt_paragraph`.
pub fn private_report(file: &Path, paragraph: u8) -> Result<Scaffold> {
    let reason = usize::from(paragraph)
        .checked_sub(1)
        .and_then(|index| SCHEDULE_12A.get(index))
        .ok_or_else(|| {
            Error::Internal(format!(
                "no paragraph {paragraph} in Part 1 of Schedule 12A (the command line allows 1 to 7)"
            ))
        })?;
    refuse_existing(file)?;
    let title = title_from_file_name(file, "Title of the Report");
    let text = render(
        REPORT_TEMPLATE,
        minijinja::context! {
            title => &title,
            exempt_paragraph => paragraph,
            exempt_reason => *reason,
        },
    )?;
    write_new(file, &text)?;
    let mut listing = Listing::new(
        file,
        Section::PrivateItems,
        ItemKind::Report,
        &title,
        Some("Report of the Director of Example Services"),
    );
    listing.exempt_paragraph = Some(paragraph);
    Ok(Scaffold {
        files: vec![file.to_path_buf()],
        listing: Some(listing),
    })
}

/// Creates the work programme `file` (YAML). In a meeting folder it is titled for the
/// meeting's municipal year and lists the meeting, as the programme in a pack must.
pub fn work_programme(file: &Path, today: NaiveDate) -> Result<Scaffold> {
    refuse_existing(file)?;
    let meeting_date = listing::meeting_dir_of(file)
        .and_then(|dir| load_meeting(&dir).ok())
        .map_or_else(|| Date::from_naive(today), |m| m.date);
    let year = meeting_date.municipal_year();
    let year = format!("{year}/{:02}", (year + 1) % 100);
    let title = format!("Scrutiny Board Work Programme {year}");
    let text = render(
        WORK_PROGRAMME_TEMPLATE,
        minijinja::context! {
            title => &title,
            year => year,
            today => today.to_string(),
            meeting_date => meeting_date.to_string(),
        },
    )?;
    write_new(file, &text)?;
    let listing = Listing::new(
        file,
        Section::Items,
        ItemKind::WorkProgramme,
        &title,
        Some("Report of the Scrutiny Co-ordinator"),
    );
    Ok(Scaffold {
        files: vec![file.to_path_buf()],
        listing: Some(listing),
    })
}

fn note_text(subject: &str) -> Result<String> {
    render(NOTE_TEMPLATE, minijinja::context! { subject => subject })
}

/// `school-meals_2026.md` -> `School meals 2026`; `fallback` when the name gives none.
fn title_from_file_name(file: &Path, fallback: &str) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let mut chars = s.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .unwrap_or_else(|| fallback.to_string())
}

/// Renders a scaffold template. Values reach YAML through the `yaml` filter (a
/// double-quoted string, which holds any text) and Markdown through `md` (every
/// punctuation mark escaped), so a title can never break the file it is written into.
fn render(template: &str, context: minijinja::Value) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.add_filter("yaml", |text: String| yaml_string(&text));
    env.add_filter("md", |text: String| markdown_text(&text));
    env.add_filter("lower_first", |text: String| {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    });
    let mut text = env.render_str(template, context)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// `text` as a double-quoted YAML (and JSON) string.
fn yaml_string(text: &str) -> String {
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

/// `text` as literal Markdown inline text: ASCII punctuation backslash-escaped (as
/// CommonMark allows), line breaks as spaces.
fn markdown_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '.' | ',' | '\'' | '-' | '/' | ':' | '?') {
            out.push('\\');
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    out
}

/// The meeting.yaml of a meeting folder.
fn meeting_file(dir: &Path) -> PathBuf {
    dir.join(MEETING_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_note_takes_its_subject_from_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let made = note(&dir.path().join("school-meals_2026.md")).unwrap();
        let text = std::fs::read_to_string(&made.files[0]).unwrap();
        assert!(text.contains("subject: \"School meals 2026\"\n"), "{text}");
        assert!(text.contains("# Purpose of the Note"));
    }

    #[test]
    fn titles_stay_text_in_yaml_and_markdown() {
        assert_eq!(yaml_string("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(markdown_text("*A* [[x]] #1"), r"\*A\* \[\[x\]\] \#1");
        assert_eq!(
            markdown_text("Children's, 16-18: why?"),
            "Children's, 16-18: why?"
        );
    }
}
