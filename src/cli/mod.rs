//! The command line: argument parsing and one module per subcommand.

mod args;
mod build;
mod check;
mod new;
mod preview;
mod progress;
mod select;
mod serve;
mod watch;

use std::process::ExitCode;

use clap::Parser;

pub use args::{BuildArgs, CheckArgs, Cli, Command, NewCommand, PreviewArgs};

/// Exit code when content has errors.
pub const EXIT_CONTENT_ERROR: u8 = 1;
/// Exit code for usage or internal errors.
pub const EXIT_USAGE_ERROR: u8 = 2;

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::New(what) => new::run(&what),
    }
}

/// `1 meeting`, `2 meetings`: a count with its noun, for summary lines.
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
