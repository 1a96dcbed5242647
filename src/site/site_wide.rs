//! The site-wide files, written after the pages from what they show: the search index
//! and page, the Atom feed, the sitemap and the calendar of meetings.

use std::path::Path;

use chrono::{NaiveDateTime, NaiveTime};

use super::meeting_page::Listed;
use super::page::{Crumb, Frame};
use super::site_url::SiteUrl;
use super::{Published, SiteTemplates, assets, calendar, feed, search, sitemap};
use crate::error::{Error, Result};
use crate::model::Meeting;

/// Writes the site-wide files into `site`, whose meeting folders are written (`listed`
/// as the index lists them). Without `site_url` the feed and the sitemap are left out:
/// they need absolute addresses.
pub fn write(
    site: &Path,
    published: &[Published],
    listed: &[Listed],
    site_url: Option<&SiteUrl>,
    templates: &SiteTemplates,
) -> Result<()> {
    // Newest meetings first, as the index lists them.
    let mut meetings: Vec<&Meeting> = published.iter().map(|p| &p.meeting).collect();
    meetings.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.name().cmp(&b.name())));
    let council = meetings
        .first()
        .map(|m| m.council.clone())
        .unwrap_or_default();

    let mut pages = Vec::new();
    let mut sitemap_pages = vec![sitemap::Page {
        path: "index.html".into(),
        modified: None,
    }];
    for meeting in &meetings {
        let name = meeting.name();
        let published_on = meeting.publication.date.naive();
        sitemap_pages.push(sitemap::Page {
            path: format!("{name}/index.html"),
            modified: Some(published_on),
        });
        for (file, html) in document_pages(&site.join(&name))? {
            let path = format!("{name}/{file}");
            sitemap_pages.push(sitemap::Page {
                path: path.clone(),
                modified: Some(published_on),
            });
            pages.push(search::Page {
                url: path,
                title: heading(&html),
                meeting: label(meeting),
                html: main_of(&html).to_string(),
            });
        }
    }
    sitemap_pages.push(sitemap::Page {
        path: search::PAGE_FILE_NAME.into(),
        modified: None,
    });

    write_file(site, search::INDEX_FILE_NAME, &search::index_js(&pages))?;
    let script = templates.text(search::SCRIPT_FILE_NAME)?;
    write_file(site, search::SCRIPT_FILE_NAME, script.as_bytes())?;
    let frame = Frame::at_root(
        "Search".into(),
        vec![
            Crumb {
                href: Some("index.html".into()),
                label: "Meetings".into(),
            },
            Crumb {
                href: None,
                label: "Search".into(),
            },
        ],
        listed,
    );
    let page = templates.render(
        search::PAGE_TEMPLATE_NAME,
        minijinja::context! { frame => minijinja::value::Serde(frame) },
    )?;
    write_file(site, search::PAGE_FILE_NAME, page.as_bytes())?;

    let events = calendar::Calendar {
        name: format!("{council} committee meetings"),
        events: meetings.iter().map(|m| event(m, site_url)).collect(),
    };
    write_file(site, calendar::FILE_NAME, &calendar::ics(&events))?;

    let Some(site_url) = site_url else {
        return Ok(());
    };
    let atom = feed::Feed {
        title: format!("{council}: committee agendas"),
        author: council.clone(),
        site_url: site_url.clone(),
        entries: meetings.iter().map(|m| entry(m)).collect(),
    };
    write_file(
        site,
        feed::FILE_NAME,
        &feed::atom(&atom, &templates.text(feed::TEMPLATE_NAME)?)?,
    )?;
    let map = sitemap::Sitemap {
        site_url: site_url.clone(),
        pages: sitemap_pages,
    };
    write_file(
        site,
        sitemap::FILE_NAME,
        &sitemap::xml(&map, &templates.text(sitemap::TEMPLATE_NAME)?)?,
    )?;
    Ok(())
}

fn write_file(site: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    assets::write(&site.join(name), bytes)
}

/// `Scrutiny Board, 16 July 2026`: the meeting as search results name it.
fn label(meeting: &Meeting) -> String {
    format!(
        "{}, {}",
        meeting.committee,
        meeting.style.dates.running(meeting.date)
    )
}

/// When the meeting starts, London time.
fn start(meeting: &Meeting) -> NaiveDateTime {
    let time = NaiveTime::parse_from_str(&meeting.time.written(), "%H:%M")
        .expect("a time writes as HH:MM");
    meeting.date.naive().and_time(time)
}

fn event(meeting: &Meeting, site_url: Option<&SiteUrl>) -> calendar::Event {
    let name = meeting.name();
    calendar::Event {
        uid: format!("{name}.{}@agenda-pack", slug(&meeting.council)),
        summary: meeting.committee.clone(),
        start: start(meeting),
        end: None,
        location: meeting.place.clone(),
        url: site_url.map(|url| url.join(&format!("{name}/index.html"))),
        published: meeting.publication.date.naive(),
    }
}

fn entry(meeting: &Meeting) -> feed::Entry {
    let name = meeting.name();
    let items = meeting.items.len() + meeting.private_items.len();
    feed::Entry {
        title: label(meeting),
        url: format!("{name}/index.html"),
        pdf: Some(format!("{name}/{name}.pdf")),
        updated: meeting.publication.date.naive(),
        summary: format!(
            "The agenda of the meeting at {} on {}, {}: {} item{}.",
            meeting.time,
            meeting.style.dates.running(meeting.date),
            meeting.place,
            items,
            if items == 1 { "" } else { "s" }
        ),
    }
}

/// `elmsworth-city-council`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The document pages of a meeting's folder (every page but the meeting's own), by
/// name, with their HTML.
fn document_pages(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut pages = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|err| Error::io(dir, err))?;
    for entry in entries {
        let path = entry.map_err(|err| Error::io(dir, err))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".html") && name != "index.html" {
            let html = std::fs::read_to_string(&path).map_err(|err| Error::io(&path, err))?;
            pages.push((name, html));
        }
    }
    pages.sort();
    Ok(pages)
}

/// The page's `<main>`: its own content, without the header and breadcrumbs.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html
        .rfind("</main>")
        .map_or(html.len(), |end| end + "</main>".len());
    &html[start..end.max(start)]
}

/// The text of the page's `<h1>`, its title.
fn heading(html: &str) -> String {
    let Some(start) = html.find("<h1") else {
        return String::new();
    };
    let end = html[start..]
        .find("</h1>")
        .map_or(html.len(), |end| start + end + "</h1>".len());
    super::html_text::blocks(&html[start..end])
        .into_iter()
        .map(|block| block.text)
        .collect::<Vec<_>>()
        .join(" ")
}
