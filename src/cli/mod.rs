//! The command line: argument parsing and one module per subcommand.

mod args;
mod build;

use std::process::ExitCode;

use clap::Parser;

pub use args::{BuildArgs, Cli, Command};

/// Exit code when content has errors.
pub const EXIT_CONTENT_ERROR: u8 = 1;
/// Exit code for usage or internal errors.
pub const EXIT_USAGE_ERROR: u8 = 2;

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::run(&args),
    }
}
