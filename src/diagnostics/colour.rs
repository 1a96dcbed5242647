//! Whether diagnostics for people are coloured: one switch, set by the command line
//! from `--color` and `NO_COLOR`, off by default so that text written anywhere else
//! (files, tests, a library user) stays plain.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use termcolor::{Buffer, Color, ColorSpec, WriteColor};

use super::Severity;

static COLOUR: AtomicBool = AtomicBool::new(false);

/// Turns colour on or off for every diagnostic printed from now on.
pub fn set_colour(on: bool) {
    COLOUR.store(on, Ordering::Relaxed);
}

/// A buffer for one diagnostic: ANSI colours when colour is on, plain otherwise.
pub(super) fn buffer() -> Buffer {
    if COLOUR.load(Ordering::Relaxed) {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

/// `error` or `warning`, bold red or bold yellow when colour is on, as codespan
/// colours its own headers.
pub(super) fn label(severity: Severity) -> String {
    let mut out = buffer();
    let colour = match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
    };
    let _ = out.set_color(ColorSpec::new().set_fg(Some(colour)).set_bold(true));
    let _ = out.write_all(severity.as_str().as_bytes());
    let _ = out.reset();
    String::from_utf8_lossy(out.as_slice()).into_owned()
}
