//! Reporting problems found in content: one [`Diagnostic`] type, printed as
//! rustc-style snippets, GitHub Actions annotations or JSON.

mod colour;
mod github;
mod human;
mod json;
mod sources;

use std::fmt;

use crate::error::{ContentError, ERRORS_SHOWN, Error, Location};

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
    /// The diagnostics for a build error: each content error it holds (the first
    /// [`ERRORS_SHOWN`], then one line counting the rest), then its warnings.
    pub fn all_from_error(error: &Error) -> Vec<Self> {
        match error {
            Error::Contents(found) => found
                .errors
                .iter()
                .take(ERRORS_SHOWN)
                .map(Self::content_error)
                .chain(found.more_errors().map(|message| Self {
                    severity: Severity::Error,
                    location: None,
                    message,
                    hint: None,
                }))
                .chain(found.warnings.iter().map(Self::content_warning))
                .collect(),
            other => vec![Self::from_error(other)],
        }
    }

    /// The diagnostic for a build error; for one holding several, the first (see
    /// [`Self::all_from_error`]).
    pub fn from_error(error: &Error) -> Self {
        match error {
            Error::Content(content) => Self::content_error(content),
            Error::Contents(found) => match found.errors.first() {
                Some(first) => Self::content_error(first),
                None => Self {
                    severity: Severity::Error,
                    location: None,
                    message: error.to_string(),
                    hint: None,
                },
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

    /// An error in the content.
    pub fn content_error(error: &ContentError) -> Self {
        Self {
            severity: Severity::Error,
            ..Self::content_warning(error)
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

impl Diagnostic {
    /// `warning: file:line:column: message` and the hint on a line of its own, the
    /// label coloured when `colour` (for a terminal).
    pub fn one_line(&self, colour: bool) -> String {
        let mut text = format!("{}: ", colour::label(self.severity, colour));
        match &self.location {
            Some(at) if at.line == 0 => text.push_str(&format!("{}: ", at.file.display())),
            Some(at) => text.push_str(&format!("{at}: ")),
            None => {}
        }
        text.push_str(&self.message);
        if let Some(hint) = &self.hint {
            text.push_str(&format!("\n  hint: {hint}"));
        }
        text
    }
}

impl fmt::Display for Diagnostic {
    /// [`Diagnostic::one_line`], plain.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.one_line(false))
    }
}

/// Prints `diagnostics` in `format` as one string, quoting source lines only from
/// files that `sources` allows. Plain text: see [`render_styled`] for a terminal.
pub fn render(format: Format, diagnostics: &[Diagnostic], sources: &Sources) -> String {
    render_styled(format, diagnostics, sources, false)
}

/// As [`render`], the human format coloured when `colour` (the others never are).
pub fn render_styled(
    format: Format,
    diagnostics: &[Diagnostic],
    sources: &Sources,
    colour: bool,
) -> String {
    match format {
        Format::Human => diagnostics
            .iter()
            .map(|d| human(d, sources, colour))
            .collect(),
        Format::Github => diagnostics.iter().map(github).collect(),
        Format::Json => json(diagnostics),
    }
}
