//! Reporting problems found in content: one [`Diagnostic`] type, printed as
//! rustc-style snippets, GitHub Actions annotations or JSON.

mod colour;
mod github;
mod human;
mod json;
mod sources;

use std::fmt;

use crate::error::{ContentError, Error, Location};

pub use colour::set_colour;
pub use github::github;
pub use human::human;
pub use json::json;
pub use sources::Sources;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `file:line:column`, the source line with a caret, and a hint.
    #[default]
    Human,
    /// GitHub Actions workflow commands (`::error file=...,line=...::message`).
    Github,
    /// One JSON array of diagnostics, for other tools.
    Json,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The content cannot be built.
    Error,
    /// The content builds, but something deserves a look.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One problem, with where it is (when known) and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Where: a file, with line and column 0 when the whole file is meant. `None`
    /// when the problem has no single place (typst's own errors, I/O).
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// The diagnostic for a build error.
    pub fn from_error(error: &Error) -> Self {
        match error {
            Error::Content(content) => Self {
                severity: Severity::Error,
                location: Some(content.location.clone()),
                message: content.message.clone(),
                hint: content.hint.clone(),
            },
            Error::Io { path, source } => Self {
                severity: Severity::Error,
                location: Some(Location::new(path, 0, 0)),
                message: source.to_string(),
                hint: None,
            },
            other => Self {
                severity: Severity::Error,
                location: None,
                message: other.to_string(),
                hint: None,
            },
        }
    }

    /// A warning about the content (minute numbers, cross references, a programme).
    pub fn content_warning(warning: &ContentError) -> Self {
        Self {
            severity: Severity::Warning,
            location: Some(warning.location.clone()),
            message: warning.message.clone(),
            hint: warning.hint.clone(),
        }
    }

    /// A warning without a place in the content (one of typst's about the house
    /// style): `message` says where, if anywhere.
    pub fn unlocated_warning(message: String) -> Self {
        Self {
            severity: Severity::Warning,
            location: None,
            message,
            hint: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `warning: file:line:column: message` and the hint on a line of its own; the
    /// label coloured when colour is on.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", colour::label(self.severity))?;
        match &self.location {
            Some(at) if at.line == 0 => write!(f, "{}: ", at.file.display())?,
            Some(at) => write!(f, "{at}: ")?,
            None => {}
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Prints `diagnostics` in `format` as one string, quoting source lines only from
/// files that `sources` allows.
pub fn render(format: Format, diagnostics: &[Diagnostic], sources: &Sources) -> String {
    match format {
        Format::Human => diagnostics.iter().map(|d| human(d, sources)).collect(),
        Format::Github => diagnostics.iter().map(github).collect(),
        Format::Json => json(diagnostics),
    }
}
