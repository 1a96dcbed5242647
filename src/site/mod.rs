//! The web edition: the public packs of the meetings built, as an accessible static
//! HTML site (`build --site`), made from the same model and Markdown as the PDFs.

mod assets;
pub mod document_page;
mod index;
mod meeting_page;
mod page;
mod palette;
mod templates;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Meeting;
use crate::pack::Built;

pub use templates::SiteTemplates;

/// The folder of the site inside the output folder.
pub const SITE_DIR: &str = "site";

/// A meeting as published: its model, and its public pack as built (with the
/// supplements' packs), whose pages the site links to.
pub struct Published<'a> {
    /// The meeting, as loaded for the public pack.
    pub meeting: Meeting,
    /// The public pack written for it.
    pub built: &'a Built,
}

/// Writes the site of `published` into `site`, replacing whatever was there, so
/// that a meeting no longer built leaves no page behind.
pub fn write(site: &Path, published: &[Published], templates: &SiteTemplates) -> Result<()> {
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|err| Error::io(site, err))?;
    }
    std::fs::create_dir_all(site).map_err(|err| Error::io(site, err))?;
    let mut listed = Vec::new();
    for meeting in published {
        listed.push(meeting_page::write(site, meeting, templates)?);
    }
    index::write(site, &listed, templates)?;
    assets::write(&site.join("style.css"), templates.stylesheet().as_bytes())
}
