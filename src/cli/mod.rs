//! The command line: argument parsing and one module per subcommand.

pub mod allocator;
mod args;
mod build;
mod check;
mod console;
mod emit;
mod guard;
mod manual;
mod new;
mod out_dir;
mod preview;
mod progress;
mod project;
mod select;
mod serve;
mod shard;
mod signals;
mod site;
mod timetable;
mod watch;
mod workers;

use std::process::ExitCode;

use clap::Parser;

pub use args::{
    AudienceChoice, BuildArgs, CheckArgs, Cli, Command, NewCommand, PreviewArgs, TimetableArgs,
    TimetableFormat,
};
pub use console::{ColorChoice, Verbosity};

use crate::error::Error;

/// Exit code when content has errors.
pub const EXIT_CONTENT_ERROR: u8 = 1;
/// Exit code for usage, environment or internal errors.
pub const EXIT_USAGE_ERROR: u8 = 2;

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    allocator::configure();
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, true) => Verbosity::Verbose,
        (false, false) => Verbosity::Normal,
    };
    console::configure(verbosity, cli.color);
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::New(what) => new::run(&what),
        Command::Timetable(args) => timetable::run(&args),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man => manual::man(),
    }
}

/// The exit status an error gives, the same in every command: 1 when the content is
/// at fault (the author fixes it), 2 for everything else: a broken template or house
/// style, a file or folder the system refuses, a bug.
fn exit_status(error: &Error) -> u8 {
    match error {
        Error::Content(_) | Error::Contents(_) => EXIT_CONTENT_ERROR,
        Error::Io { .. }
        | Error::Template(_)
        | Error::Typeset(_)
        | Error::Pdf(_)
        | Error::ParallelLayout(_)
        | Error::Internal(_) => EXIT_USAGE_ERROR,
    }
}

/// The exit status of a run over many meetings: the most serious of their errors'.
fn worst<'a>(errors: impl IntoIterator<Item = &'a Error>) -> ExitCode {
    errors
        .into_iter()
        .map(exit_status)
        .max()
        .map_or(ExitCode::SUCCESS, ExitCode::from)
}

/// The templates folder in use, for `--verbose`: a folder, or `built in`.
fn templates_label(dir: Option<&std::path::Path>) -> String {
    dir.map_or_else(|| "built in".to_string(), |d| d.display().to_string())
}

/// `1 meeting`, `2 meetings`: a count with its noun, for summary lines.
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
