//! The site's `feed.xml`: an Atom feed (RFC 4287) of the published agendas, for
//! residents to subscribe to.

use chrono::NaiveDate;
use serde::Serialize;

use super::london;
use super::site_url::SiteUrl;
use super::xml;

/// The default template, `templates/html/feed.xml.j2`.
pub const TEMPLATE: &str = include_str!("../../templates/html/feed.xml.j2");

/// The template's file name, for overrides and error messages.
pub const TEMPLATE_NAME: &str = "feed.xml.j2";

/// The feed's file name in the site.
pub const FILE_NAME: &str = "feed.xml";

/// A feed of published agendas.
#[derive(Debug, Clone)]
pub struct Feed {
    /// The feed's title, e.g. `Elmsworth City Council: committee agendas`.
    pub title: String,
    /// Who publishes the agendas: the council.
    pub author: String,
    /// Where the site is published; the feed's links and ids are absolute.
    pub site_url: SiteUrl,
    /// One entry per published meeting, in any order: the feed lists the newest first.
    pub entries: Vec<Entry>,
}

/// One published agenda.
#[derive(Debug, Clone)]
pub struct Entry {
    /// E.g. `Children, Learning and Young People Scrutiny Board, 16 July 2026`.
    pub title: String,
    /// The meeting page, relative to the site's root, e.g. `2026-07-16/index.html`;
    /// its absolute address is also the entry's id, so the id stays the same however
    /// often the agenda is rebuilt.
    pub url: String,
    /// The pack PDF, relative to the site's root, if it is published.
    pub pdf: Option<String>,
    /// The day the agenda was published (the start of that day in London).
    pub updated: NaiveDate,
    /// A line about the meeting: when, where, how many items.
    pub summary: String,
}

/// What the template sees.
#[derive(Serialize)]
struct Context<'a> {
    id: String,
    title: &'a str,
    subtitle: String,
    updated: String,
    author: &'a str,
    self_url: String,
    home_url: String,
    entries: Vec<EntryContext<'a>>,
}

#[derive(Serialize)]
struct EntryContext<'a> {
    id: String,
    title: &'a str,
    updated: String,
    url: String,
    pdf: Option<String>,
    summary: &'a str,
}

/// The feed's XML, rendered with `template` (the default [`TEMPLATE`] or a council's
/// own).
pub fn atom(feed: &Feed, template: &str) -> Result<Vec<u8>, minijinja::Error> {
    let mut entries: Vec<&Entry> = feed.entries.iter().collect();
    // Newest first; meetings published the same day in the order of their pages.
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.url.cmp(&b.url)));
    // An empty feed is still valid Atom: it dates from the epoch, not from the clock.
    let updated = entries
        .first()
        .map(|entry| entry.updated)
        .unwrap_or(NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch is a date"));
    let home_url = feed.site_url.join("index.html");
    let context = Context {
        id: home_url.clone(),
        title: &feed.title,
        subtitle: format!("Agendas published by {}", feed.author),
        updated: rfc3339(updated),
        author: &feed.author,
        self_url: feed.site_url.join(FILE_NAME),
        home_url,
        entries: entries
            .into_iter()
            .map(|entry| EntryContext {
                id: feed.site_url.join(&entry.url),
                title: &entry.title,
                updated: rfc3339(entry.updated),
                url: feed.site_url.join(&entry.url),
                pdf: entry.pdf.as_deref().map(|pdf| feed.site_url.join(pdf)),
                summary: &entry.summary,
            })
            .collect(),
    };
    xml::render(TEMPLATE_NAME, template, context)
}

/// The start of `day` in London as an RFC 3339 timestamp, e.g. `2026-07-08T00:00:00+01:00`.
fn rfc3339(day: NaiveDate) -> String {
    london::start_of(day).to_rfc3339()
}
