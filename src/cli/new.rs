//! `agenda-pack new`: scaffold a meeting folder or a briefing note.

use std::process::ExitCode;

use super::console::say;
use super::{NewCommand, exit_status};
use crate::scaffold;

/// Runs `new` and returns the process's exit code.
pub fn run(what: &NewCommand) -> ExitCode {
    let result = match what {
        NewCommand::Meeting { dir } => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            let today = chrono::DateTime::from_timestamp(now, 0)
                .unwrap_or_default()
                .date_naive();
            scaffold::meeting(dir, today).map(|files| {
                for file in &files {
                    say!("created {}", file.display());
                }
                say!(
                    "next: edit them, then `agenda-pack preview {}` or `agenda-pack build {}`",
                    files[1].display(),
                    dir.display()
                );
            })
        }
        NewCommand::Note { file } => scaffold::note(file).map(|file| {
            say!("created {}", file.display());
            say!(
                "next: list it under an item's `documents:` in the meeting.yaml, then `agenda-pack preview {}`",
                file.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            say!("error: {err}");
            ExitCode::from(exit_status(&err))
        }
    }
}
