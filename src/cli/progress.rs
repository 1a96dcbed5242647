//! Progress of a build over many meetings: a bar on a terminal, plain lines in CI
//! (no escape codes when stderr is not a terminal or `CI` is set).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::console::{self, Verbosity, say};

/// Where per-meeting lines and progress go.
pub enum Progress {
    /// An interactive bar; lines print above it.
    Bar(ProgressBar),
    /// Plain lines on stderr.
    Plain,
}

impl Progress {
    /// Progress over `total` meetings.
    pub fn new(total: usize) -> Self {
        // Under --quiet the lines are filtered, so no bar either.
        let interactive = std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none()
            && console::verbosity() != Verbosity::Quiet;
        if !interactive || total < 2 {
            return Self::Plain;
        }
        let bar = ProgressBar::new(total as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:30} {pos}/{len} meetings, {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        Self::Bar(bar)
    }

    /// Prints one line (a meeting built, or its errors).
    pub fn line(&self, text: &str) {
        match self {
            Self::Bar(bar) => bar.println(text),
            Self::Plain => say!("{text}"),
        }
    }

    /// One more meeting done.
    pub fn advance(&self) {
        if let Self::Bar(bar) = self {
            bar.inc(1);
        }
    }

    /// Removes the bar before the summary.
    pub fn finish(&self) {
        if let Self::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
