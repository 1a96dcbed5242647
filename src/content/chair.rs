//! The check that a Chair is listed among the members they chair.

use super::yaml::YamlText;
use crate::error::ContentError;

/// Fails unless `chair` is one of `members`; `key` names the members list in the hint.
pub fn require_listed(
    yaml: &YamlText,
    chair: &str,
    members: &[String],
    key: &str,
) -> Result<(), ContentError> {
    if members.iter().any(|member| member == chair) {
        return Ok(());
    }
    Err(ContentError::new(
        yaml.locate(chair),
        format!("the Chair `{chair}` is not in `{key}`"),
    )
    .with_hint(format!("add the Chair to `{key}` as well")))
}
