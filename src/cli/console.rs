//! Printing for the commands. A closed pipe (`agenda-pack build 2>&1 | head -1`) is not
//! an error, as in ripgrep: what is left to print is dropped, and the command carries
//! on to its own exit status instead of panicking.

use std::fmt;
use std::io::{ErrorKind, Write};

/// Prints `line` and a newline on stderr; nothing if stderr is gone.
pub fn line(line: fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
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
