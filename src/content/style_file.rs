//! The era settings: `style.yaml` beside the meeting folders, and a meeting's own
//! `style:` map, which overrides it key by key.

use std::path::Path;

use serde::Deserialize;

use super::yaml::YamlText;
use crate::error::{Error, Result};
use crate::model::{Access, DateStyle, NotesStyle, SignatoryDateStyle, Style};

/// The file in the content root that sets the style of every meeting.
pub const STYLE_FILE: &str = "style.yaml";

/// Style settings as written: each may be left to a wider setting or the default.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSettings {
    notes: Option<NotesStyle>,
    access: Option<Access>,
    dates: Option<DateStyle>,
    signatory_date: Option<SignatoryDateStyle>,
}

impl StyleSettings {
    /// These settings, falling back to `wider` for the ones not given.
    pub fn over(self, wider: Self) -> Self {
        Self {
            notes: self.notes.or(wider.notes),
            access: self.access.or(wider.access),
            dates: self.dates.or(wider.dates),
            signatory_date: self.signatory_date.or(wider.signatory_date),
        }
    }

    /// The style, with the defaults for anything not set.
    pub fn resolve(self) -> Style {
        Style {
            notes: self.notes.unwrap_or_default(),
            access: self.access.unwrap_or_default(),
            dates: self.dates.unwrap_or_default(),
            signatory_date: self.signatory_date.unwrap_or_default(),
        }
    }
}

/// The settings of `style.yaml` in `root`, if there is one.
pub fn load_root(root: &Path) -> Result<StyleSettings> {
    let file = root.join(STYLE_FILE);
    if !file.is_file() {
        return Ok(StyleSettings::default());
    }
    let text = std::fs::read_to_string(&file).map_err(|err| Error::io(&file, err))?;
    if text.trim().is_empty() {
        return Ok(StyleSettings::default());
    }
    let yaml = YamlText {
        file: &file,
        text: &text,
        first_line: 1,
    };
    Ok(yaml.parse()?)
}
