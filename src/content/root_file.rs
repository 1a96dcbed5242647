//! The optional files of the content root (`style.yaml`, `holidays.yaml`): confined
//! to the root, read within limits; absent or empty, they mean the defaults.

use std::path::{Path, PathBuf};

use super::confine::{self, Escape};
use super::text_file::{self, YAML_LIMIT};
use crate::error::{ContentError, Result};

/// The path and text of `name` in the content `root`, or `None` when it is absent or
/// empty. A link leading out of the root, or anything but a file, is an error.
pub fn read(root: &Path, name: &str) -> Result<Option<(PathBuf, String)>> {
    let file = root.join(name);
    match confine::resolve_inside(root, Path::new(name)) {
        Ok(_) => {}
        Err(Escape::Missing { .. }) => return Ok(None),
        Err(escape) => {
            return Err(ContentError::in_file(&file, escape.to_string())
                .with_hint(escape.hint())
                .into());
        }
    }
    let text = text_file::read(&file, YAML_LIMIT)?;
    Ok((!text.trim().is_empty()).then_some((file, text)))
}
