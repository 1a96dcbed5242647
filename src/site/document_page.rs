//! A document's page: a note, report, minutes, appendix or the work programme as
//! HTML, from the same context as its pages in the pack.

use std::path::Path;

use minijinja::Value;

use super::meeting_page::PackPlace;
use super::page::Frame;
use super::{SiteTemplates, assets};
use crate::error::Result;

/// The page name of the document read from `file` (its path in the meeting folder):
/// without `.md` (`.yaml`, `.pdf`), `/` as `-`, lowercased; never `index`, the
/// meeting page's name.
pub fn slug(file: &str) -> String {
    let stem = [".md", ".yaml", ".yml", ".pdf"]
        .iter()
        .find_map(|extension| file.strip_suffix(extension))
        .unwrap_or(file);
    let slug = stem.replace(['/', '\\'], "-").to_lowercase();
    if slug == "index" {
        "index-document".to_string()
    } else {
        slug
    }
}

/// Writes the page of `document` (its context) to `path`.
pub fn write(
    path: &Path,
    frame: Frame,
    meeting: Value,
    document: Value,
    pack: Vec<PackPlace>,
    templates: &SiteTemplates,
) -> Result<()> {
    let template = document.get_attr("template")?;
    let template = template.as_str().unwrap_or_default().to_string();
    let page = templates.render(
        &template,
        minijinja::context! {
            frame => minijinja::value::Serde(frame),
            meeting => meeting,
            doc => document,
            pack => minijinja::value::Serde(pack),
        },
    )?;
    assets::write(path, page.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_file_path() {
        assert_eq!(slug("attendance.md"), "attendance");
        assert_eq!(slug("papers/Annual-Report.md"), "papers-annual-report");
        assert_eq!(slug("work-programme.yaml"), "work-programme");
        assert_eq!(slug("index.md"), "index-document");
    }
}
