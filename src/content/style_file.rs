//! The era settings: `style.yaml` beside the meeting folders, and a meeting's own
//! `style:` map, which overrides it key by key.

use std::path::Path;

use serde::Deserialize;

use super::confine::{self, Escape};
use super::text_file::{self, YAML_LIMIT};
use super::yaml::YamlText;
use crate::error::{ContentError, Result};
use crate::model::{Access, DateStyle, NotesStyle, ReportTitle, SignatoryDateStyle, Style};

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
    report_title: Option<ReportTitle>,
}

impl StyleSettings {
    /// These settings, falling back to `wider` for the ones not given.
    pub fn over(self, wider: Self) -> Self {
        Self {
            notes: self.notes.or(wider.notes),
            access: self.access.or(wider.access),
            dates: self.dates.or(wider.dates),
            signatory_date: self.signatory_date.or(wider.signatory_date),
            report_title: self.report_title.or(wider.report_title),
        }
    }

    /// The style, with the defaults for anything not set.
    pub fn resolve(self) -> Style {
        Style {
            notes: self.notes.unwrap_or_default(),
            access: self.access.unwrap_or_default(),
            dates: self.dates.unwrap_or_default(),
            signatory_date: self.signatory_date.unwrap_or_default(),
            report_title: self.report_title.unwrap_or_default(),
        }
    }
}

/// The settings of `style.yaml` in `root`, if there is one; it must be a file inside
/// the content root once links are followed.
pub fn load_root(root: &Path) -> Result<StyleSettings> {
    let file = root.join(STYLE_FILE);
    match confine::resolve_inside(root, Path::new(STYLE_FILE)) {
        Ok(_) => {}
        Err(Escape::Missing(_)) => return Ok(StyleSettings::default()),
        Err(escape) => {
            return Err(ContentError::in_file(&file, escape.to_string())
                .with_hint(escape.hint())
                .into());
        }
    }
    let text = text_file::read(&file, YAML_LIMIT)?;
    if text.trim().is_empty() {
        return Ok(StyleSettings::default());
    }
    Ok(YamlText::read(&file, &text, 1)?.parse()?)
}
