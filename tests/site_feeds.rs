//! The web edition's feeds, read back with independent readers: the Atom feed and the
//! sitemap parsed as XML (roxmltree) with their required elements, the iCalendar file
//! parsed by the `icalendar` crate's reader and its events compared with the meetings,
//! and the search index searched by `search.js` itself in headless Chromium.

mod common;

use std::path::{Path, PathBuf};

use agenda_pack::site::{SiteUrl, calendar, feed, search, sitemap};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};

use common::{agenda_pack, browser_dom, build_repository_content};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn site_url() -> SiteUrl {
    "https://democracy.example.gov.uk/agendas".parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// A title with every character XML and iCalendar reserve.
const AWKWARD: &str = "Fees & <Charges>, \"Parks\"; Leisure's \\ review";

fn sample_feed() -> feed::Feed {
    feed::Feed {
        title: "Elmsworth City Council: agendas".into(),
        author: "Elmsworth City Council".into(),
        site_url: site_url(),
        entries: vec![
            feed::Entry {
                title: "Scrutiny Board, 16 July 2026".into(),
                url: "2026-07-16/index.html".into(),
                pdf: Some("2026-07-16/2026-07-16.pdf".into()),
                updated: day("2026-07-08"),
                summary: "Thursday 16 July 2026, 14:00, Civic Centre: 8 items".into(),
            },
            feed::Entry {
                title: AWKWARD.into(),
                url: "2026-09-10/index.html".into(),
                pdf: None,
                updated: day("2026-12-02"),
                summary: AWKWARD.into(),
            },
        ],
    }
}

fn children<'a>(
    node: roxmltree::Node<'a, 'a>,
    ns: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(|child| child.has_tag_name((ns, name)))
        .collect()
}

fn text_of(node: roxmltree::Node, ns: &str, name: &str) -> String {
    let found = children(node, ns, name);
    assert_eq!(
        found.len(),
        1,
        "one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0].text().unwrap_or_default().to_string()
}

fn is_rfc3339(text: &str) -> bool {
    DateTime::parse_from_rfc3339(text).is_ok()
}

#[test]
fn atom_feed_has_the_required_elements_newest_first_with_absolute_ids() {
    let xml = String::from_utf8(feed::atom(&sample_feed(), feed::TEMPLATE).unwrap()).unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap_or_else(|err| panic!("{err}\n{xml}"));
    let root = document.root_element();
    assert!(root.has_tag_name((ATOM, "feed")));
    // RFC 4287 4.1.1: id, title, updated; an author (no entry has its own).
    assert_eq!(
        text_of(root, ATOM, "id"),
        "https://democracy.example.gov.uk/agendas/index.html"
    );
    assert_eq!(
        text_of(root, ATOM, "title"),
        "Elmsworth City Council: agendas"
    );
    assert_eq!(text_of(root, ATOM, "updated"), "2026-12-02T00:00:00+00:00");
    assert_eq!(
        text_of(children(root, ATOM, "author")[0], ATOM, "name"),
        "Elmsworth City Council"
    );
    let links = children(root, ATOM, "link");
    assert!(
        links
            .iter()
            .any(|link| link.attribute("rel") == Some("self")
                && link.attribute("href")
                    == Some("https://democracy.example.gov.uk/agendas/feed.xml"))
    );

    let entries = children(root, ATOM, "entry");
    assert_eq!(entries.len(), 2);
    // Newest first, the awkward title read back exactly.
    assert_eq!(text_of(entries[0], ATOM, "title"), AWKWARD);
    assert_eq!(text_of(entries[0], ATOM, "summary"), AWKWARD);
    assert_eq!(
        text_of(entries[1], ATOM, "title"),
        "Scrutiny Board, 16 July 2026"
    );
    for entry in &entries {
        let id = text_of(*entry, ATOM, "id");
        assert!(
            id.starts_with("https://democracy.example.gov.uk/agendas/20"),
            "{id}"
        );
        let updated = text_of(*entry, ATOM, "updated");
        assert!(is_rfc3339(&updated), "{updated}");
        let alternate = children(*entry, ATOM, "link");
        assert_eq!(alternate[0].attribute("href"), Some(id.as_str()));
    }
    // Summer time: the start of 8 July in London is 23:00 UTC the day before.
    assert_eq!(
        text_of(entries[1], ATOM, "updated"),
        "2026-07-08T00:00:00+01:00"
    );
    let pdf = children(entries[1], ATOM, "link")
        .into_iter()
        .find(|link| link.attribute("rel") == Some("enclosure"))
        .expect("the pack PDF");
    assert_eq!(
        pdf.attribute("href"),
        Some("https://democracy.example.gov.uk/agendas/2026-07-16/2026-07-16.pdf")
    );
}

#[test]
fn atom_feed_is_the_same_bytes_whatever_the_order_of_the_entries() {
    let mut reversed = sample_feed();
    reversed.entries.reverse();
    assert_eq!(
        feed::atom(&sample_feed(), feed::TEMPLATE).unwrap(),
        feed::atom(&reversed, feed::TEMPLATE).unwrap()
    );
}

#[test]
fn sitemap_lists_every_page_absolutely() {
    let map = sitemap::Sitemap {
        site_url: site_url(),
        pages: vec![
            sitemap::Page {
                path: "index.html".into(),
                modified: None,
            },
            sitemap::Page {
                path: "2026-07-16/notes & <budget>.html".into(),
                modified: Some(day("2026-07-08")),
            },
        ],
    };
    let xml = String::from_utf8(sitemap::xml(&map, sitemap::TEMPLATE).unwrap()).unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap_or_else(|err| panic!("{err}\n{xml}"));
    let root = document.root_element();
    // The schema's required elements: urlset of url, each with one loc of at most
    // 2,048 characters; lastmod a W3C date.
    assert!(root.has_tag_name((SITEMAP, "urlset")));
    let urls = children(root, SITEMAP, "url");
    let locs: Vec<String> = urls
        .iter()
        .map(|url| text_of(*url, SITEMAP, "loc"))
        .collect();
    assert_eq!(
        locs,
        [
            "https://democracy.example.gov.uk/agendas/index.html",
            "https://democracy.example.gov.uk/agendas/2026-07-16/notes%20%26%20%3Cbudget%3E.html",
        ]
    );
    assert!(locs.iter().all(|loc| loc.len() <= 2048));
    assert!(children(urls[0], SITEMAP, "lastmod").is_empty());
    assert_eq!(text_of(urls[1], SITEMAP, "lastmod"), "2026-07-08");
    for url in &urls {
        for child in url.children().filter(|c| c.is_element()) {
            assert!(["loc", "lastmod"].contains(&child.tag_name().name()));
        }
    }
}

fn sample_calendar() -> calendar::Calendar {
    calendar::Calendar {
        name: "Elmsworth City Council meetings".into(),
        events: vec![
            calendar::Event {
                uid: "2026-07-16@democracy.example.gov.uk".into(),
                summary: "Children, Learning and Young People Scrutiny Board".into(),
                start: at("2026-07-16 14:00"),
                end: None,
                location: "Civic Centre, Committee Room 1; Elmsworth".into(),
                url: Some("https://democracy.example.gov.uk/agendas/2026-07-16/index.html".into()),
                published: day("2026-07-08"),
            },
            calendar::Event {
                uid: "2026-12-03@democracy.example.gov.uk".into(),
                summary: AWKWARD.repeat(3),
                start: at("2026-12-03 10:00"),
                end: Some(at("2026-12-03 12:30")),
                location: "Guildhall".into(),
                url: None,
                published: day("2026-11-25"),
            },
        ],
    }
}

fn utc(cell: Option<DatePerhapsTime>) -> String {
    match cell {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(time))) => {
            time.format("%Y-%m-%d %H:%M").to_string()
        }
        other => panic!("not a UTC time: {other:?}"),
    }
}

#[test]
fn calendar_reads_back_with_meeting_times_in_utc() {
    let bytes = calendar::ics(&sample_calendar());
    let text = String::from_utf8(bytes).unwrap();
    // RFC 5545 3.1: CRLF line ends, lines of at most 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let parsed: icalendar::Calendar = text.parse().unwrap_or_else(|err| panic!("{err}\n{text}"));
    assert_eq!(parsed.get_name(), Some("Elmsworth City Council meetings"));
    let events: Vec<&icalendar::Event> = parsed.events().collect();
    assert_eq!(events.len(), 2);

    let july = events[0];
    assert_eq!(july.get_uid(), Some("2026-07-16@democracy.example.gov.uk"));
    assert_eq!(
        july.get_summary(),
        Some("Children, Learning and Young People Scrutiny Board")
    );
    assert_eq!(
        july.get_location(),
        Some("Civic Centre, Committee Room 1; Elmsworth")
    );
    assert_eq!(
        july.get_url(),
        Some("https://democracy.example.gov.uk/agendas/2026-07-16/index.html")
    );
    // 14:00 British Summer Time is 13:00 UTC.
    assert_eq!(utc(july.get_start()), "2026-07-16 13:00");
    assert!(july.get_end().is_none());
    assert_eq!(
        july.get_timestamp().unwrap().to_rfc3339(),
        "2026-07-07T23:00:00+00:00"
    );

    let december = events[1];
    assert_eq!(december.get_summary(), Some(AWKWARD.repeat(3).as_str()));
    // Greenwich Mean Time in December.
    assert_eq!(utc(december.get_start()), "2026-12-03 10:00");
    assert_eq!(utc(december.get_end()), "2026-12-03 12:30");
    assert!(december.get_url().is_none());
    // The escapes themselves, as RFC 5545 3.3.11 writes them.
    assert!(text.contains(r"LOCATION:Civic Centre\, Committee Room 1\; Elmsworth"));
}

#[test]
fn calendar_is_the_same_bytes_from_build_to_build() {
    assert_eq!(
        calendar::ics(&sample_calendar()),
        calendar::ics(&sample_calendar())
    );
    let text = String::from_utf8(calendar::ics(&sample_calendar())).unwrap();
    assert!(text.contains("DTSTAMP:20260707T230000Z"), "{text}");
}

fn search_pages() -> Vec<search::Page> {
    vec![
        search::Page {
            url: "2026-07-16/notes-budget.html".into(),
            title: "Budget monitoring & <outturn>".into(),
            meeting: "Scrutiny Board, 16 July 2026".into(),
            html: "<h2 id=\"s1\">Summary</h2><p id=\"p1.1\"><span class=\"number\">1.1</span> \
                   The council&#x27;s overspend on home-to-school transport is £2.1m.</p>\
                   <p id=\"p1.2\"><span class=\"number\">1.2</span> Libraries are within budget.</p>"
                .into(),
        },
        search::Page {
            url: "2026-09-10/report-parks.html".into(),
            title: "Parks and open spaces".into(),
            meeting: "Scrutiny Board, 10 September 2026".into(),
            html: "<p id=\"p1.1\">Café opening hours at Riverside Park change in October.</p>".into(),
        },
    ]
}

#[test]
fn search_index_holds_each_paragraph_with_its_anchor() {
    let js = String::from_utf8(search::index_js(&search_pages())).unwrap();
    let json = js
        .split_once(" = ")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
        .expect("an assignment");
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(index["pages"][0]["title"], "Budget monitoring & <outturn>");
    let blocks = index["blocks"].as_array().unwrap();
    let transport = blocks
        .iter()
        .find(|block| block[2].as_str().unwrap().contains("transport"))
        .expect("the paragraph on transport");
    assert_eq!(transport[0], 0);
    assert_eq!(transport[1], "p1.1");
    assert_eq!(
        transport[2],
        "1.1 The council's overspend on home-to-school transport is £2.1m."
    );
}

/// Builds the repository's sample content with `build --site` and `extra` arguments.
fn sample_site(extra: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let mut args = vec!["--site"];
    args.extend(extra);
    let (out, stderr) = build_repository_content(&args);
    let site = out.path().join("site");
    (out, site, stderr)
}

/// The sample meetings' folders.
fn sample_meetings() -> Vec<String> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut names: Vec<String> = std::fs::read_dir(content)
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.path().join("meeting.yaml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn sample_site_has_a_feed_sitemap_calendar_and_search_of_its_meetings() {
    let (_out, site, _) = sample_site(&["--site-url", "https://democracy.example.gov.uk/agendas"]);
    let meetings = sample_meetings();

    let xml = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let entries = children(document.root_element(), ATOM, "entry");
    assert_eq!(entries.len(), meetings.len());
    let ids: Vec<String> = entries
        .iter()
        .map(|entry| text_of(*entry, ATOM, "id"))
        .collect();
    for meeting in &meetings {
        let id = format!("https://democracy.example.gov.uk/agendas/{meeting}/index.html");
        assert!(ids.contains(&id), "{id} in {ids:?}");
        assert!(site.join(meeting).join("index.html").is_file());
    }
    let updated: Vec<String> = entries
        .iter()
        .map(|e| text_of(*e, ATOM, "updated"))
        .collect();
    let mut newest_first = updated.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, newest_first);

    // Every page of the site is in the sitemap, and nothing else.
    let xml = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let mut listed: Vec<String> = children(document.root_element(), SITEMAP, "url")
        .iter()
        .map(|url| text_of(*url, SITEMAP, "loc"))
        .collect();
    listed.sort();
    let mut pages: Vec<String> = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .map(|path| {
            let relative = path
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            format!("https://democracy.example.gov.uk/agendas/{relative}")
        })
        .collect();
    pages.sort();
    assert_eq!(listed, pages);

    let text = std::fs::read_to_string(site.join("meetings.ics")).unwrap();
    let parsed: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = parsed.events().collect();
    assert_eq!(events.len(), meetings.len());
    for event in &events {
        assert_eq!(
            event.get_summary(),
            Some("Children, Learning and Young People Scrutiny Board")
        );
        assert!(
            event
                .get_url()
                .unwrap()
                .starts_with("https://democracy.example.gov.uk/agendas/2026-")
        );
    }

    // A word of a public document finds it, linked to its paragraph's page.
    let url = format!(
        "file://{}/search.html?q=persistent%20absence",
        site.display()
    );
    let dom = browser_dom(&url);
    assert!(
        dom.contains("href=\"2026-07-16-children-scrutiny/attendance.html"),
        "{dom}"
    );
    assert!(
        dom.contains("<mark>persistent</mark>") || dom.contains("<mark>Persistent</mark>"),
        "{dom}"
    );
    assert!(
        dom.contains(" results for") || dom.contains("1 result for"),
        "{dom}"
    );
}

#[test]
fn without_a_site_url_the_feed_and_sitemap_are_left_out_with_a_note() {
    let (_out, site, stderr) = sample_site(&[]);
    assert!(!site.join("feed.xml").exists());
    assert!(!site.join("sitemap.xml").exists());
    assert!(
        stderr.contains("feed.xml and sitemap.xml not written"),
        "{stderr}"
    );
    assert!(stderr.contains("--site-url"), "{stderr}");
    // The calendar and the search need no address; the events have no link.
    let text = std::fs::read_to_string(site.join("meetings.ics")).unwrap();
    assert!(!text.contains("URL:"), "{text}");
    assert!(site.join("search.html").is_file());
    assert!(site.join("search-index.js").is_file());
    assert!(site.join("search.js").is_file());
}

#[test]
fn a_site_url_that_is_not_a_web_address_is_refused() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = agenda_pack(
        repo,
        &["build", "--site", "--site-url", "democracy.example.gov.uk"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not an address"), "{stderr}");
}
