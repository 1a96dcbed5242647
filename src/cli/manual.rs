//! `agenda-pack completions <shell>` and `agenda-pack man`: the shell completion
//! script and the manual page, generated from the same argument definitions.

use std::process::ExitCode;

use clap::CommandFactory;

use super::console::{self, say};
use super::{Cli, EXIT_USAGE_ERROR};

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "agenda-pack", &mut script);
    print(&script)
}

/// Prints the manual page as roff, for `man -l -` or a file under `man1/`.
pub fn man() -> ExitCode {
    let mut page = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut page) {
        Ok(()) => print(&page),
        Err(err) => {
            say!("error: cannot write the manual page: {err}");
            ExitCode::from(EXIT_USAGE_ERROR)
        }
    }
}

fn print(bytes: &[u8]) -> ExitCode {
    match console::stdout(&String::from_utf8_lossy(bytes)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            say!("error: cannot print: {err}");
            ExitCode::from(EXIT_USAGE_ERROR)
        }
    }
}
