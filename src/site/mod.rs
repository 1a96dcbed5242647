//! The web edition: the public packs of the meetings built, as an accessible static
//! HTML site (`build --site`), made from the same model and Markdown as the PDFs.

mod assets;
pub mod calendar;
pub mod document_page;
pub mod feed;
mod html_text;
mod index;
mod london;
mod meeting_page;
mod page;
mod palette;
pub mod search;
pub mod site_url;
mod site_wide;
pub mod sitemap;
mod templates;
mod xml;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Meeting;
use crate::pack::Built;

pub use site_url::SiteUrl;
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
/// that a meeting no longer built leaves no page behind. Without `site_url` the feed
/// and the sitemap, which need absolute addresses, are left out.
pub fn write(
    site: &Path,
    published: &[Published],
    site_url: Option<&SiteUrl>,
    templates: &SiteTemplates,
) -> Result<()> {
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|err| Error::io(site, err))?;
    }
    std::fs::create_dir_all(site).map_err(|err| Error::io(site, err))?;
    let mut listed = Vec::new();
    for meeting in published {
        listed.push(meeting_page::write(site, meeting, templates)?);
    }
    index::write(site, &listed, templates)?;
    assets::write(&site.join("style.css"), templates.stylesheet().as_bytes())?;
    site_wide::write(site, published, &listed, site_url, templates)
}
