//! The web edition's links, read without a browser: every internal link and `src`
//! resolves to a file of the site (a `#fragment` to an id of that page, `#page=N` to a
//! page of that PDF), no page links off the site or by an absolute path, the feed and
//! sitemap name only the site's one configured URL, and every page parses as HTML
//! without a parse error (html5ever, the parser of Servo).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::site::{build_sample_site, site_files};
use common::*;
use scraper::{Html, Selector};

/// One thing wrong with the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Problem {
    /// The file, relative to the site.
    file: String,
    /// What kind: `parse-error`, `duplicate-id`, `external`, `absolute`, `missing`,
    /// `folder`, `fragment`, `pdf-page`, `site-url`.
    kind: &'static str,
    detail: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.kind, self.detail)
    }
}

/// A parsed page: where it links, and the ids a fragment may name.
struct Page {
    references: Vec<(&'static str, String)>,
    ids: BTreeSet<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Parses `file` (relative to `site`), noting parse errors and duplicate ids.
fn read_page(site: &Path, file: &str, problems: &mut Vec<Problem>) -> Page {
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    let html = Html::parse_document(&text);
    for error in &html.errors {
        problems.push(Problem {
            file: file.to_string(),
            kind: "parse-error",
            detail: error.to_string(),
        });
    }
    let mut references = Vec::new();
    for (css, attribute) in [
        ("a[href], area[href]", "a href"),
        ("link[href]", "href"),
        ("[src]", "src"),
        ("object[data]", "data"),
        ("form[action]", "action"),
    ] {
        for element in html.select(&selector(css)) {
            let name = attribute.trim_start_matches("a ");
            let value = element.value().attr(name).unwrap_or_default();
            references.push((attribute, value.to_string()));
        }
    }
    let mut ids = BTreeSet::new();
    for element in html.select(&selector("[id]")) {
        let id = element.value().attr("id").unwrap_or_default().to_string();
        if !ids.insert(id.clone()) {
            problems.push(Problem {
                file: file.to_string(),
                kind: "duplicate-id",
                detail: format!("id {id:?} twice"),
            });
        }
    }
    for element in html.select(&selector("a[name]")) {
        ids.insert(element.value().attr("name").unwrap_or_default().to_string());
    }
    Page { references, ids }
}

/// Whether `reference` starts with a URL scheme (`https:`, `mailto:`, ...).
fn scheme(reference: &str) -> Option<&str> {
    let (scheme, _) = reference.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then_some(scheme)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The site file a relative reference from `from` names (`/`-separated, relative to
/// the site), or None when it climbs out of the site.
fn resolve(from: &str, path: &str) -> Option<String> {
    let mut parts: Vec<String> = from.split('/').map(String::from).collect();
    parts.pop(); // the page's own name
    for part in percent_decode(path).split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part.to_string()),
        }
    }
    Some(parts.join("/"))
}

/// Checks one relative reference of `file`, with the parsed pages for fragments.
fn check_reference(
    site: &Path,
    file: &str,
    reference: &str,
    pages: &BTreeMap<String, Page>,
    problems: &mut Vec<Problem>,
) {
    let problem = |kind, detail: String| Problem {
        file: file.to_string(),
        kind,
        detail,
    };
    let (rest, fragment) = match reference.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (reference, None),
    };
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    let target = if path.is_empty() {
        file.to_string()
    } else {
        match resolve(file, path) {
            Some(target) => target,
            None => {
                problems.push(problem(
                    "missing",
                    format!("{reference:?} climbs out of the site"),
                ));
                return;
            }
        }
    };
    let on_disk = site.join(&target);
    if on_disk.is_dir() {
        problems.push(problem(
            "folder",
            format!(
                "{reference:?} names a folder, which does not open from disk: link its index.html"
            ),
        ));
        return;
    }
    if !on_disk.is_file() {
        problems.push(problem(
            "missing",
            format!("{reference:?}: no file {target}"),
        ));
        return;
    }
    let Some(fragment) = fragment else { return };
    let fragment = percent_decode(fragment);
    if target.ends_with(".html") {
        let found = pages
            .get(&target)
            .is_some_and(|page| page.ids.contains(&fragment));
        if !found {
            problems.push(problem(
                "fragment",
                format!("{reference:?}: no id {fragment:?} in {target}"),
            ));
        }
    } else if target.ends_with(".pdf") {
        let pages = page_count(&on_disk);
        let page = fragment
            .strip_prefix("page=")
            .and_then(|n| n.parse::<usize>().ok());
        if !page.is_some_and(|n| (1..=pages).contains(&n)) {
            problems.push(problem(
                "pdf-page",
                format!("{reference:?}: {target} has pages 1 to {pages}"),
            ));
        }
    }
}

/// The URLs of the Atom feed's links and the sitemap's locations, by file.
fn feed_urls(site: &Path) -> Vec<(String, String)> {
    let mut urls = Vec::new();
    for file in site_files(site, "xml") {
        let text = std::fs::read_to_string(site.join(&file)).unwrap();
        let document = roxmltree::Document::parse(&text)
            .unwrap_or_else(|err| panic!("{file} is not well-formed XML: {err}"));
        for node in document.descendants().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "link" => urls.extend(
                    node.attribute("href")
                        .map(|h| (file.clone(), h.to_string())),
                ),
                "loc" => urls.extend(node.text().map(|t| (file.clone(), t.trim().to_string()))),
                _ => {}
            }
        }
    }
    urls
}

/// The site URL an absolute URL of the feed or sitemap starts with: what is left when
/// the longest path of a site file is taken off its end (or the URL itself, when it
/// names a folder: the site's root).
fn site_url_of(url: &str, files: &[String]) -> Option<String> {
    if url.ends_with('/') {
        return Some(url.to_string());
    }
    files
        .iter()
        .filter(|file| url.ends_with(&format!("/{file}")))
        .max_by_key(|file| file.len())
        .map(|file| url[..url.len() - file.len()].to_string())
}

/// Every problem of the site in `site`, sorted.
fn site_problems(site: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut pages = BTreeMap::new();
    for file in site_files(site, "html") {
        let page = read_page(site, &file, &mut problems);
        pages.insert(file, page);
    }
    for (file, page) in &pages {
        for (attribute, reference) in &page.references {
            let reference = reference.trim();
            match scheme(reference) {
                Some("mailto" | "tel") => {}
                // A resident may follow an author's link out; nothing a page loads may leave.
                Some("http" | "https") if *attribute == "a href" => {}
                Some(_) => problems.push(Problem {
                    file: file.clone(),
                    kind: "external",
                    detail: format!(
                        "{attribute}={reference:?}: every link of the site is relative"
                    ),
                }),
                None if reference.starts_with('/') => problems.push(Problem {
                    file: file.clone(),
                    kind: "absolute",
                    detail: format!(
                        "{attribute}={reference:?}: breaks under a sub-path and from disk"
                    ),
                }),
                None if reference.is_empty() || reference == "#" => problems.push(Problem {
                    file: file.clone(),
                    kind: "missing",
                    detail: format!("{attribute}={reference:?} links nowhere"),
                }),
                None => check_reference(site, file, reference, &pages, &mut problems),
            }
        }
    }

    // The feed and the sitemap: relative, or under the one site URL.
    let mut all_files = site_files(site, "html");
    for ext in ["pdf", "css", "xml", "ics", "js", "png", "jpg", "svg"] {
        all_files.extend(site_files(site, ext));
    }
    let mut site_urls = BTreeSet::new();
    for (file, url) in feed_urls(site) {
        if scheme(&url).is_none() {
            if !url.starts_with('/') {
                // Relative to the feed or sitemap, which are in the site's root.
                check_reference(site, &file, &url, &pages, &mut problems);
            } else {
                problems.push(Problem {
                    file,
                    kind: "absolute",
                    detail: format!("{url:?}: neither relative nor the site URL"),
                });
            }
            continue;
        }
        match site_url_of(&url, &all_files) {
            Some(base) if base.starts_with("https://") || base.starts_with("http://") => {
                site_urls.insert(base);
            }
            _ => problems.push(Problem {
                file,
                kind: "site-url",
                detail: format!("{url:?} names no file of the site"),
            }),
        }
    }
    if site_urls.len() > 1 {
        problems.push(Problem {
            file: "feed.xml, sitemap.xml".into(),
            kind: "site-url",
            detail: format!("more than one site URL: {site_urls:?}"),
        });
    }
    problems.sort();
    problems.dedup();
    problems
}

fn listed(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

#[test]
fn every_link_of_the_sample_site_resolves_and_every_page_parses() {
    let (_out, site) = build_sample_site();
    let pages = site_files(&site, "html");
    let meetings = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("meeting.yaml").is_file())
        .count();
    // The index, a page per meeting, and at least one document page per meeting.
    assert!(pages.len() > 1 + 2 * meetings, "{pages:?}");
    let problems = site_problems(&site);
    assert!(
        problems.is_empty(),
        "{} problems in the sample site:\n{}",
        problems.len(),
        listed(&problems)
    );
}

#[test]
fn the_link_checker_finds_each_defect_of_the_bad_fixture_site() {
    let site: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-bad");
    let problems = site_problems(&site);
    let found: BTreeSet<(&str, &str)> =
        problems.iter().map(|p| (p.file.as_str(), p.kind)).collect();
    let expected = BTreeSet::from([
        ("m/broken-link.html", "missing"),
        ("m/broken-link.html", "fragment"),
        ("m/broken-link.html", "absolute"),
        ("m/broken-link.html", "folder"),
        ("m/broken-link.html", "pdf-page"),
        ("m/external-script.html", "external"),
        ("m/parse-error.html", "parse-error"),
        ("m/parse-error.html", "duplicate-id"),
    ]);
    assert_eq!(found, expected, "found:\n{}", listed(&problems));
    // The clean page has no problem: the checker does not flag good links.
    assert!(problems.iter().all(|p| p.file != "index.html"));
}
