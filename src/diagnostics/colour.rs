//! Colour for diagnostics printed to a terminal: the same colours codespan gives its
//! snippets, or none. The caller decides (from `--color` and `NO_COLOR`); text meant
//! for anything but a terminal (a file, the preview web page) is rendered plain.

use std::io::Write;

use termcolor::{Buffer, Color, ColorSpec, WriteColor};

use super::Severity;

/// A buffer for one diagnostic: ANSI colours when `colour`, plain otherwise.
pub(super) fn buffer(colour: bool) -> Buffer {
    if colour {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

/// `error` or `warning`, bold red or bold yellow when `colour`.
pub(super) fn label(severity: Severity, colour: bool) -> String {
    let mut out = buffer(colour);
    let hue = match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
    };
    let _ = out.set_color(ColorSpec::new().set_fg(Some(hue)).set_bold(true));
    let _ = out.write_all(severity.as_str().as_bytes());
    let _ = out.reset();
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_coloured_only_when_asked() {
        assert_eq!(label(Severity::Warning, false), "warning");
        let coloured = label(Severity::Error, true);
        assert!(
            coloured.starts_with('\u{1b}') && coloured.contains("error"),
            "{coloured:?}"
        );
    }
}
