//! The site's `sitemap.xml` (the sitemaps.org protocol 0.9), so search engines find
//! every page.

use chrono::NaiveDate;
use serde::Serialize;

use super::site_url::SiteUrl;
use super::xml;

/// The default template, `templates/html/sitemap.xml.j2`.
pub const TEMPLATE: &str = include_str!("../../templates/html/sitemap.xml.j2");

/// The template's file name, for overrides and error messages.
pub const TEMPLATE_NAME: &str = "sitemap.xml.j2";

/// The sitemap's file name in the site.
pub const FILE_NAME: &str = "sitemap.xml";

/// The pages of the site.
#[derive(Debug, Clone)]
pub struct Sitemap {
    /// Where the site is published: a sitemap lists absolute addresses only.
    pub site_url: SiteUrl,
    /// The pages, in the order they are listed.
    pub pages: Vec<Page>,
}

/// One page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page, relative to the site's root, e.g. `2026-07-16/notes-budget.html`.
    pub path: String,
    /// The day its content last changed (the agenda's publication date), if known.
    pub modified: Option<NaiveDate>,
}

#[derive(Serialize)]
struct Context {
    pages: Vec<PageContext>,
}

#[derive(Serialize)]
struct PageContext {
    loc: String,
    lastmod: Option<String>,
}

/// The sitemap's XML, rendered with `template` (the default [`TEMPLATE`] or a
/// council's own).
pub fn xml(sitemap: &Sitemap, template: &str) -> Result<Vec<u8>, minijinja::Error> {
    let context = Context {
        pages: sitemap
            .pages
            .iter()
            .map(|page| PageContext {
                loc: sitemap.site_url.join(&page.path),
                // W3C Datetime, the date alone.
                lastmod: page.modified.map(|day| day.format("%Y-%m-%d").to_string()),
            })
            .collect(),
    };
    xml::render(TEMPLATE_NAME, template, context)
}
