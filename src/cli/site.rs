//! `build --site`: the web edition of the meetings just built, beside their PDFs.

use std::path::{Path, PathBuf};

use super::console::say;
use crate::error::Result;
use crate::pack::{self, Built};
use crate::site::{self, Published, SITE_DIR, SiteTemplates, SiteUrl, feed, sitemap};

/// Writes `<out_dir>/site/` for the meetings whose packs were built (`results`, in
/// the order of `meetings`, each with the public pack first).
pub fn write(
    out_dir: &Path,
    meetings: &[PathBuf],
    results: &[Result<Vec<Built>>],
    site_url: Option<&SiteUrl>,
    templates: &SiteTemplates,
) -> Result<()> {
    let started = std::time::Instant::now();
    let mut published = Vec::new();
    for (dir, result) in meetings.iter().zip(results) {
        let Some(built) = result.as_ref().ok().and_then(|built| built.first()) else {
            continue;
        };
        let meeting = match &built.meeting {
            Some(meeting) => meeting.clone(),
            None => pack::load(dir)?,
        };
        published.push(Published { meeting, built });
    }
    let site = out_dir.join(SITE_DIR);
    site::write(&site, &published, site_url, templates)?;
    say!(
        "wrote the web edition of {} to {} in {:.2}s",
        super::counted(published.len(), "meeting"),
        site.display(),
        started.elapsed().as_secs_f64()
    );
    if site_url.is_none() {
        say!(
            "note: {} and {} not written: they need the site's address, e.g. --site-url https://democracy.example.gov.uk/agendas/",
            feed::FILE_NAME,
            sitemap::FILE_NAME
        );
    }
    Ok(())
}
