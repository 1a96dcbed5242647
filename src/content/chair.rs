//! The check that a Chair is listed among the members they chair.

use crate::error::{ContentError, Location};

/// Fails unless `chair` (written at `at`) is one of `members`; `key` names the
/// members list in the hint.
pub fn require_listed(
    at: Location,
    chair: &str,
    members: &[String],
    key: &str,
) -> Result<(), ContentError> {
    if members.iter().any(|member| member == chair) {
        return Ok(());
    }
    Err(
        ContentError::new(at, format!("the Chair `{chair}` is not in `{key}`"))
            .with_hint(format!("add the Chair to `{key}` as well")),
    )
}
