//! Printing for the commands, under the global `--quiet`, `--verbose` and `--color`
//! settings. A closed pipe (`agenda-pack build 2>&1 | head -1`) is not an error, as in
//! ripgrep: what is left to print is dropped, and the command carries on to its own
//! exit status instead of panicking.

use std::fmt;
use std::io::{ErrorKind, IsTerminal, Write};
use std::sync::OnceLock;

/// When diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stderr is a terminal and `NO_COLOR` is unset (or empty).
    #[default]
    Auto,
    /// Always, even into a file or pipe.
    Always,
    /// Never.
    Never,
}

/// How much the commands print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only (`-q`).
    Quiet,
    /// Progress, warnings, errors and a summary.
    Normal,
    /// Also the settings used and each meeting's time (`-v`).
    Verbose,
}

static VERBOSITY: OnceLock<Verbosity> = OnceLock::new();
static COLOUR: OnceLock<bool> = OnceLock::new();

/// Sets how much is printed and whether diagnostics on stderr are coloured; called
/// once, before the command runs.
pub fn configure(verbosity: Verbosity, color: ColorChoice) {
    let _ = VERBOSITY.set(verbosity);
    let colour = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let _ = COLOUR.set(colour);
}

/// Whether diagnostics on stderr are coloured, as [`configure`] resolved it.
pub fn colour() -> bool {
    COLOUR.get().copied().unwrap_or(false)
}

/// The verbosity set by [`configure`] (normal until then).
pub fn verbosity() -> Verbosity {
    VERBOSITY.get().copied().unwrap_or(Verbosity::Normal)
}

/// Prints `line` and a newline on stderr; nothing if stderr is gone. Under `--quiet`
/// only errors are printed: lines starting with `error`, as every command's errors do.
pub fn line(line: fmt::Arguments) {
    if verbosity() == Verbosity::Quiet {
        let text = line.to_string();
        if text.starts_with("error") {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
        return;
    }
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints `line` on stderr only under `--verbose`.
pub fn detail_line(line: fmt::Arguments) {
    if verbosity() == Verbosity::Verbose {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }
}

/// Prints `text` as it is on stderr; nothing if stderr is gone.
pub fn text(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints `text` on stdout. A reader that has gone away is not an error; any other
/// failure (a full disk behind a redirect) is.
pub fn stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != ErrorKind::BrokenPipe => Err(err),
        _ => Ok(()),
    }
}

/// `say!("...", args)`: one line on stderr, as `eprintln!` but never panicking.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::console::line(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// `detail!("...", args)`: one line on stderr under `--verbose` only.
macro_rules! detail {
    ($($arg:tt)*) => {
        $crate::cli::console::detail_line(format_args!($($arg)*))
    };
}
pub(crate) use detail;
