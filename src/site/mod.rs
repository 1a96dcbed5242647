//! The web edition: the public audience's meetings as a static HTML site.

pub mod calendar;
pub mod feed;
mod html_text;
mod london;
pub mod search;
pub mod site_url;
pub mod sitemap;
mod xml;

pub use site_url::SiteUrl;
