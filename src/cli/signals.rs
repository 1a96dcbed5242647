//! Stopping on a signal (Ctrl-C, `kill`, a closed terminal) without leaving a
//! temporary file behind: the write in progress is abandoned and its file removed
//! before the process exits.

#[cfg(unix)]
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
#[cfg(unix)]
use signal_hook::iterator::Signals;

#[cfg(unix)]
use crate::pdf;

/// How the process ends when stopped by a signal.
#[derive(Debug, Clone, Copy)]
pub enum OnStop {
    /// As a shell reports a process ended by the signal: 128 + its number.
    Interrupted,
    /// Successfully: stopping is how `preview --watch` normally ends.
    Finished,
}

/// Handles SIGINT, SIGTERM and SIGHUP from now on: remove the temporary files being
/// written, then exit as `on_stop` says. Without the handler (it could not be set
/// up), the system's default applies and a later build removes the files.
#[cfg(unix)]
pub fn install(on_stop: OnStop) {
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until exit, so no other write starts a file in between.
            let _held = pdf::abandon_pending();
            let code = match on_stop {
                OnStop::Interrupted => 128 + signal,
                OnStop::Finished => 0,
            };
            std::process::exit(code);
        }
    });
}

/// On Windows (signal-hook's iterator is Unix-only) the system's default applies, and
/// a later build removes the temporary files.
#[cfg(not(unix))]
pub fn install(_on_stop: OnStop) {}
