//! `agenda-pack new`: scaffold a meeting folder or any kind of document, then say
//! how to list it.

use std::process::ExitCode;

use super::console::say;
use super::{NewCommand, exit_status};
use crate::error::Result;
use crate::model::ItemKind;
use crate::scaffold::{self, Scaffold};

/// Runs `new` and returns the process's exit code.
pub fn run(what: &NewCommand) -> ExitCode {
    match scaffolded(what).and_then(|made| report(what, &made)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            say!("error: {err}");
            ExitCode::from(exit_status(&err))
        }
    }
}

fn scaffolded(what: &NewCommand) -> Result<Scaffold> {
    match what {
        NewCommand::Meeting { dir } => scaffold::meeting(dir, today()),
        NewCommand::Note { file } => scaffold::note(file),
        NewCommand::Report { file } => scaffold::report(file),
        NewCommand::Private { file, paragraph } => scaffold::private_report(file, *paragraph),
        NewCommand::WorkProgramme { file } => scaffold::work_programme(file, today()),
        NewCommand::Minutes { meeting, into } => scaffold::minutes(meeting, into.as_deref()),
    }
}

/// Names the files written, the lines that list a document, and what to do next.
fn report(what: &NewCommand, made: &Scaffold) -> Result<()> {
    for file in &made.files {
        say!("created {}", file.display());
    }
    if let Some(listing) = &made.listing {
        let target = listing.meeting_file.as_ref().map_or_else(
            || "its meeting's meeting.yaml".to_string(),
            |f| f.display().to_string(),
        );
        say!("add to {target}, under `{}:`:", listing.section.key());
        say!("{}", listing.yaml()?.trim_end());
        if listing.kind == ItemKind::Minutes {
            say!(
                "(or, if the meeting already has a minutes item, add the file to its `documents:`)"
            );
        }
        if listing.exempt_paragraph.is_some() {
            say!(
                "(a private item needs `exempt_paragraph`; replace `private_items: []` if the meeting has it; \
                 the report is printed only in the members' pack, `agenda-pack build --private`)"
            );
        }
    }
    match what {
        NewCommand::Meeting { dir } => say!(
            "next: edit them, then `agenda-pack preview {}` or `agenda-pack build {}`",
            made.files[1].display(),
            dir.display()
        ),
        _ => say!(
            "next: then `agenda-pack check` (or `agenda-pack preview {}` for a Markdown document)",
            made.files[0].display()
        ),
    }
    Ok(())
}

/// Today's date (UTC), for a new meeting's default date and a programme's update.
fn today() -> chrono::NaiveDate {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .date_naive()
}
