//! Images named in YAML (a logo, a flow chart): inside the meeting folder, present,
//! and described for screen readers.

use std::path::{Component, Path};

use super::yaml::YamlText;
use crate::error::{ContentError, Result};

/// Checks the image `file` (relative to `meeting_dir`) with alternative text `alt`;
/// `what` names it in messages (`the logo`, `the flow chart`).
pub fn check(
    yaml: &YamlText,
    file: &Path,
    alt: &str,
    meeting_dir: &Path,
    what: &str,
) -> Result<()> {
    let name = file.display().to_string();
    if alt.trim().is_empty() {
        return Err(ContentError::new(
            yaml.locate_key("alt"),
            format!("{what} has no alternative text"),
        )
        .with_hint(format!(
            "describe what {what} shows in `alt:`, for screen readers"
        ))
        .into());
    }
    if file
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(ContentError::new(
            yaml.locate(&name),
            format!("`{name}` is not a path inside the meeting folder"),
        )
        .with_hint("put the image in the meeting folder and name it relative to it")
        .into());
    }
    if !meeting_dir.join(file).is_file() {
        return Err(
            ContentError::new(yaml.locate(&name), format!("image `{name}` not found"))
                .with_hint("put the image in the meeting folder, or correct the path")
                .into(),
        );
    }
    // Decoded now, so a bad image is located here rather than in the generated source;
    // only once it is known to lie inside the meeting folder.
    let real = super::confine::resolve_inside(meeting_dir, file).map_err(|escape| {
        ContentError::new(yaml.locate(&name), format!("image {escape}")).with_hint(escape.hint())
    })?;
    crate::typeset::check_image(&real, &name).map_err(|problem| {
        ContentError::new(yaml.locate(&name), problem.to_string()).with_hint(problem.hint())
    })?;
    Ok(())
}
