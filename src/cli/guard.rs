//! One meeting's work, guarded: a panic inside it becomes that meeting's internal
//! error, and the other meetings go on.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::error::{Error, Result};

/// The test hook: a meeting folder whose name is the value of this variable panics
/// at the start of its work. Only the environment can set it, never content; the
/// hostile suite uses it to prove that a panic stays inside its meeting.
pub const PANIC_HOOK: &str = "AGENDA_PACK_TEST_PANIC";

/// Runs `work` for the meeting folder `dir`; a panic is returned as
/// [`Error::Internal`] naming the meeting. The panic's own message was already
/// printed by the panic hook.
pub fn guarded<T>(dir: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(|| {
        if std::env::var_os(PANIC_HOOK)
            .is_some_and(|name| dir.file_name() == Some(name.as_os_str()))
        {
            panic!("{PANIC_HOOK} is set to this meeting's folder name");
        }
        work()
    }))
    .unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        Err(Error::Internal(format!("{}: {message}", dir.display())))
    })
}
