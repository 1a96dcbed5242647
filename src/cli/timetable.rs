//! `agenda-pack timetable`: the clerk's planning sheet, every meeting of the content
//! root (or of one municipal year) with its publication deadline, as text or CSV.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use rayon::prelude::*;

use super::console::say;
use super::emit;
use super::project::Project;
use super::{EXIT_USAGE_ERROR, TimetableArgs, TimetableFormat, exit_status, select, worst};
use crate::content;
use crate::diagnostics::{Diagnostic, Format, Sources};
use crate::error::Result;
use crate::model::{Date, HolidayCalendar, Meeting, clear_days_in, latest_publication_in};

/// One meeting's line of the planning sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The meeting folder's name.
    pub meeting: String,
    /// The committee.
    pub committee: String,
    /// The day of the meeting.
    pub date: Date,
    /// The last day to publish with five clear days.
    pub publish_by: Date,
    /// The publication date set in meeting.yaml.
    pub published: Date,
    /// The clear days the set date gives.
    pub clear_days: u32,
}

impl Deadline {
    /// The deadline of the meeting in `dir` by `calendar`.
    pub fn of_meeting(dir: &Path, calendar: &HolidayCalendar) -> Result<Self> {
        Ok(Self::of(&content::load_meeting(dir)?, calendar))
    }

    /// The deadline of `meeting` by `calendar`.
    pub fn of(meeting: &Meeting, calendar: &HolidayCalendar) -> Self {
        Self {
            meeting: meeting.name(),
            committee: meeting.committee.clone(),
            date: meeting.date,
            publish_by: latest_publication_in(calendar, meeting.date),
            published: meeting.publication.date,
            clear_days: clear_days_in(calendar, meeting.publication.date, meeting.date),
        }
    }

    /// Whether the set publication date is after the deadline.
    pub fn is_late(&self) -> bool {
        self.published > self.publish_by
    }

    /// `publish by Wednesday 8 July 2026`, and when the set date is later, by how much.
    pub fn line(&self) -> String {
        let mut line = format!("{}: publish by {}", self.meeting, written(self.publish_by));
        if self.is_late() {
            line.push_str(&format!(
                " (set for {}, {} clear days: late)",
                written(self.published),
                self.clear_days
            ));
        }
        line
    }
}

/// `Wednesday 8 July 2026`.
pub fn written(date: Date) -> String {
    date.naive().format("%A %-d %B %Y").to_string()
}

/// Runs `timetable` and returns the process's exit code.
pub fn run(args: &TimetableArgs) -> ExitCode {
    let project = Project::locate(args.content.as_deref());
    let prepared = content::load_calendar(&project.content)
        .and_then(|calendar| Ok((calendar, select::meetings(&[], &project.content)?)));
    let (calendar, selected) = match prepared {
        Ok(prepared) => prepared,
        Err(err) => {
            let sources = Sources::within([&project.content]);
            emit::diagnostics(Format::Human, &[Diagnostic::from_error(&err)], &sources);
            return ExitCode::from(exit_status(&err));
        }
    };
    let loaded: Vec<Result<Deadline>> = selected
        .meetings
        .par_iter()
        .map(|dir| Deadline::of_meeting(dir, &calendar))
        .collect();
    let errors: Vec<Diagnostic> = loaded
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(Diagnostic::from_error)
        .collect();
    let sources = Sources::within(std::iter::once(&project.content).chain(&selected.meetings));
    emit::diagnostics(Format::Human, &errors, &sources);
    let mut rows: Vec<Deadline> = loaded.iter().flatten().cloned().collect();
    rows.retain(|row| {
        args.year
            .is_none_or(|year| row.date.municipal_year() == year)
    });
    rows.sort_by(|a, b| (a.date, &a.meeting).cmp(&(b.date, &b.meeting)));
    let text = match args.format {
        TimetableFormat::Text => text(&rows),
        TimetableFormat::Csv => match csv(&rows) {
            Ok(csv) => csv,
            Err(err) => {
                say!("error: cannot write CSV: {err}");
                return ExitCode::from(EXIT_USAGE_ERROR);
            }
        },
    };
    if std::io::stdout().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(EXIT_USAGE_ERROR);
    }
    worst(loaded.iter().filter_map(|r| r.as_ref().err()))
}

const HEADINGS: [&str; 6] = [
    "Meeting",
    "Committee",
    "Publish by",
    "Published",
    "Clear days",
    "Folder",
];

/// Aligned columns, a late publication marked in its clear days.
fn text(rows: &[Deadline]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|row| {
            [
                written(row.date),
                row.committee.clone(),
                written(row.publish_by),
                written(row.published),
                if row.is_late() {
                    format!("{} (late)", row.clear_days)
                } else {
                    row.clear_days.to_string()
                },
                row.meeting.clone(),
            ]
        })
        .collect();
    let mut widths = HEADINGS.map(|h| h.chars().count());
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&HEADINGS.map(String::from));
    for row in &cells {
        out.push_str(&line(row));
    }
    out
}

/// RFC 4180 CSV with ISO dates, for a spreadsheet.
fn csv(rows: &[Deadline]) -> std::result::Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "meeting_date",
        "committee",
        "publish_by",
        "published",
        "clear_days",
        "late",
        "folder",
    ])?;
    for row in rows {
        writer.write_record([
            row.date.to_string(),
            row.committee.clone(),
            row.publish_by.to_string(),
            row.published.to_string(),
            row.clear_days.to_string(),
            row.is_late().to_string(),
            row.meeting.clone(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|err| err.into_error())?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 text"))
}
