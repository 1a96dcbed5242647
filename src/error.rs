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
    /// The content is wrong in one or more places, each reported (a meeting's files
    /// are read to the end, so one mistake does not hide the next).
    #[error("{0}")]
    Contents(ContentErrors),
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
    /// `build --parallel-layout` cannot join this pack's documents as laid out apart
    /// (build it without the flag).
    #[error("parallel layout failed: {0} (build without --parallel-layout)")]
    ParallelLayout(String),
    /// A bug: a meeting's build panicked (the other meetings went on).
    #[error("internal error (a bug in agenda-pack: please report it): {0}")]
    Internal(String),
}

/// Every mistake found in a meeting's content, in the order its files were read, and
/// the warnings found on the way (reported with them, as a build reports its warnings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentErrors {
    /// The mistakes; never empty in an [`Error::Contents`].
    pub errors: Vec<ContentError>,
    /// Doubtful points that would not stop the build on their own.
    pub warnings: Vec<ContentError>,
}

impl fmt::Display for ContentErrors {
    /// One error a line (hints indented below), the first [`ERRORS_SHOWN`] only, then
    /// the warnings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut lines = Vec::new();
        for error in self.errors.iter().take(ERRORS_SHOWN) {
            lines.push(error.to_string());
        }
        if let Some(more) = self.more_errors() {
            lines.push(more);
        }
        for warning in &self.warnings {
            lines.push(format!("warning: {warning}"));
        }
        f.write_str(&lines.join("\n"))
    }
}

/// The most errors of one meeting printed: the rest are counted, not shown (a file
/// in the wrong format would otherwise fill the screen).
pub const ERRORS_SHOWN: usize = 50;

impl ContentErrors {
    /// `... and N more errors in this meeting`, when more than [`ERRORS_SHOWN`].
    pub fn more_errors(&self) -> Option<String> {
        let more = self
            .errors
            .len()
            .checked_sub(ERRORS_SHOWN)
            .filter(|&n| n > 0)?;
        Some(format!(
            "... and {more} more error{} in this meeting, not shown (fix these and check again)",
            if more == 1 { "" } else { "s" }
        ))
    }
}

/// Content errors gathered while loading, so that one mistake does not hide the next.
#[derive(Debug, Default)]
pub struct Gathered {
    errors: Vec<ContentError>,
}

impl Gathered {
    /// Records a mistake.
    pub fn push(&mut self, error: ContentError) {
        self.errors.push(error);
    }

    /// Records mistakes.
    pub fn extend(&mut self, errors: impl IntoIterator<Item = ContentError>) {
        self.errors.extend(errors);
    }

    /// The value of `result`, or `None` once its content errors are recorded. An
    /// error that is not about the content (a file the system refuses) is returned.
    pub fn take<T, E: Into<Error>>(&mut self, result: Result<T, E>) -> Result<Option<T>> {
        match result.map_err(Into::into) {
            Ok(value) => Ok(Some(value)),
            Err(Error::Content(error)) => {
                self.errors.push(error);
                Ok(None)
            }
            Err(Error::Contents(found)) => {
                self.errors.extend(found.errors);
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    /// The mistakes recorded.
    pub fn into_errors(self) -> Vec<ContentError> {
        self.errors
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `value` when nothing was recorded, else every mistake (as [`Self::fail`]).
    pub fn finish<T>(self, value: T, warnings: Vec<ContentError>) -> Result<T> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            self.fail(warnings)
        }
    }

    /// Every mistake recorded, with `warnings`: the value could not be made. The
    /// mistakes are listed file by file (in the order the files were first met), by
    /// line within a file.
    pub fn fail<T>(mut self, warnings: Vec<ContentError>) -> Result<T> {
        debug_assert!(!self.errors.is_empty(), "a failure without an error");
        let mut files: Vec<PathBuf> = Vec::new();
        for error in &self.errors {
            if !files.contains(&error.location.file) {
                files.push(error.location.file.clone());
            }
        }
        self.errors.sort_by_key(|e| {
            let file = files.iter().position(|f| f == &e.location.file);
            (file, e.location.line, e.location.column)
        });
        Err(Error::Contents(ContentErrors {
            errors: self.errors,
            warnings,
        }))
    }
}

impl Error {
    /// How many errors this stands for: each content error of an [`Error::Contents`],
    /// shown or not.
    pub fn count(&self) -> usize {
        match self {
            Self::Contents(found) => found.errors.len(),
            _ => 1,
        }
    }

    /// The warnings found with the content errors this stands for, if any.
    pub fn warnings(&self) -> &[ContentError] {
        match self {
            Self::Contents(found) => &found.warnings,
            _ => &[],
        }
    }

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
