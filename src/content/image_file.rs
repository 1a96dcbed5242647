//! Images named in YAML (a logo, a flow chart): inside the meeting folder once links
//! are followed, within the image limits, and described for screen readers.

use std::path::{Path, PathBuf};

use super::confine;
use super::yaml::YamlText;
use crate::error::{ContentError, Location, Result};

/// An image named in YAML: the file as written, its alternative text, and where each
/// is written.
pub struct NamedImage<'a> {
    /// The image, relative to the meeting folder.
    pub file: &'a Path,
    /// Where the file name is written.
    pub file_at: Location,
    /// Its alternative text.
    pub alt: &'a str,
    /// Where the alternative text is written.
    pub alt_at: Location,
}

impl<'a> NamedImage<'a> {
    /// The image written as `file:` and `alt:` under `key` (`logo`, `flow_chart`);
    /// `file` is [normalised](confine::normalise) in place, so the model keeps the name
    /// the image is read by.
    pub fn under(yaml: &YamlText, key: &str, file: &'a mut PathBuf, alt: &'a str) -> Self {
        *file = confine::normalise(file);
        Self {
            file,
            file_at: yaml.at(&format!("{key}.file")),
            alt,
            alt_at: yaml.key_at(&format!("{key}.alt")),
        }
    }
}

/// Checks `image` in `meeting_dir`; `what` names it in messages (`the logo`).
pub fn check(image: NamedImage, meeting_dir: &Path, what: &str) -> Result<()> {
    if image.alt.trim().is_empty() {
        return Err(
            ContentError::new(image.alt_at, format!("{what} has no alternative text"))
                .with_hint(format!(
                    "describe what {what} shows in `alt:`, for screen readers"
                ))
                .into(),
        );
    }
    let real = confine::resolve_inside(meeting_dir, image.file).map_err(|escape| {
        ContentError::new(image.file_at.clone(), format!("{what}: {escape}"))
            .with_hint(escape.hint())
    })?;
    // Decoded now (within the image limits), so a bad image is located here rather
    // than in the generated source.
    let name = image.file.display().to_string();
    crate::typeset::check_image(&real, &name).map_err(|problem| {
        ContentError::new(image.file_at, format!("{what}: {problem}")).with_hint(problem.hint())
    })?;
    Ok(())
}
