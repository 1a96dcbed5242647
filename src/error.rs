//! Errors: every failure a build can meet, with the file and place it concerns.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a content file, 1-based, as editors and compilers print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as given on the command line or found under the content root.
    pub file: PathBuf,
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl Location {
    /// A location at `line:column` of `file`.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Self {
            file: file.into(),
            line,
            column,
        }
    }

    /// The location of byte `offset` in `text`, which starts at `first_line` of `file`.
    pub fn of_offset(file: &Path, text: &str, offset: usize, first_line: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self::new(file, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A mistake in the content an author or officer wrote, with where and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Where the mistake is; `line` and `column` are 0 when the whole file is meant.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl ContentError {
    /// An error at a place, without a hint.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Self {
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// An error about a whole file.
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Self::new(Location::new(file, 0, 0), message)
    }

    /// Adds the fix to suggest.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.line == 0 {
            write!(f, "{}: {}", self.location.file.display(), self.message)?;
        } else {
            write!(f, "{}: {}", self.location, self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentError {}

/// Everything that can stop a meeting's pack from being built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content is wrong; the author can fix it.
    #[error("{0}")]
    Content(#[from] ContentError),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A house-style template is broken (a council's override, or a bug).
    #[error("template error: {0:#}")]
    Template(#[from] minijinja::Error),
    /// typst rejected the generated pack; the message lists typst's diagnostics.
    #[error("typesetting failed:\n{0}")]
    Typeset(String),
    /// The PDF could not be written in the requested form.
    #[error("PDF export failed:\n{0}")]
    Pdf(String),
    /// A bug: a meeting's build panicked (the other meetings went on).
    #[error("internal error (a bug in agenda-pack: please report it): {0}")]
    Internal(String),
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The result of building steps.
pub type Result<T, E = Error> = std::result::Result<T, E>;
