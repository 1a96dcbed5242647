//! The public site and the public pack agree: the same items with the same printed
//! page ranges, each item's link landing on its first page of the pack, and each
//! document's text, paragraph by paragraph, in the pack's pages of its item (read
//! with pdftotext; both normalised for whitespace, hyphenation, dashes and quotes).

mod common;

use std::path::Path;
use std::process::Command;

use common::site::{build_sample_site, site_files};
use common::*;
use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn html(path: &Path) -> Html {
    Html::parse_document(&std::fs::read_to_string(path).unwrap())
}

/// An element's text without the words only a screen reader hears.
fn visible_text(element: ElementRef) -> String {
    let hidden = selector(".visually-hidden");
    let mut text = element.text().collect::<String>();
    for part in element.select(&hidden) {
        text = text.replacen(&part.text().collect::<String>(), "", 1);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text compared between HTML and PDF: no whitespace (lines and columns differ), no
/// hyphens or dashes (the pack hyphenates at line ends), one kind of quote.
fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    *c,
                    '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{ad}'
                )
        })
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect()
}

/// The text of pages `first..=last` of `pdf` in reading order (pdftotext without
/// -layout), each page without its stamp and footer.
fn pdf_text(pdf: &Path, first: usize, last: usize) -> String {
    let output = Command::new("pdftotext")
        .args([
            "-f",
            &first.to_string(),
            "-l",
            &last.to_string(),
            "-enc",
            "UTF-8",
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|err| panic!("{}", missing_program("pdftotext", &err)));
    assert!(
        output.status.success(),
        "pdftotext -f {first} -l {last} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .split('\u{c}')
        .flat_map(|page| page.lines())
        .filter(|line| {
            let line = line.trim();
            let numbered = |prefix: &str| {
                line.strip_prefix(prefix)
                    .is_some_and(|n| n.parse::<usize>().is_ok())
            };
            !(numbered("Page ") || numbered("Agenda Item "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An item of a meeting page: number, title, and its places in the packs
/// (the PDF, `#page=N`, printed range).
struct Item {
    number: String,
    title: String,
    places: Vec<(String, usize, (usize, usize))>,
    documents: Vec<String>,
}

fn printed_range(text: &str) -> (usize, usize) {
    let numbers: Vec<usize> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers.as_slice() {
        [first, last] => (*first, *last),
        [only] => (*only, *only),
        _ => panic!("not a printed range: {text:?}"),
    }
}

fn meeting_items(page: &Html) -> Vec<Item> {
    let mut items = Vec::new();
    for li in page.select(&selector("ol.agenda > li")) {
        let title = li
            .select(&selector(".item-title"))
            .next()
            .map(visible_text)
            .unwrap_or_default();
        let places = li
            .select(&selector(".pack-place a"))
            .map(|a| {
                let href = a.value().attr("href").unwrap();
                let (pdf, page) = href
                    .split_once("#page=")
                    .and_then(|(pdf, n)| Some((pdf.to_string(), n.parse().ok()?)))
                    .unwrap_or_else(|| panic!("a pack link without #page=N: {href}"));
                (pdf, page, printed_range(&visible_text(a)))
            })
            .collect();
        let documents = li
            .select(&selector(".documents a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        items.push(Item {
            number: li.value().attr("value").unwrap_or_default().to_string(),
            title,
            places,
            documents,
        });
    }
    items
}

/// The paragraphs of a document page's body: `p` and list items, as the reader sees them.
fn paragraphs(page: &Html) -> Vec<String> {
    page.select(&selector(
        ".document .body p, .document .body li, .document .appendix p, .document .appendix li",
    ))
    .map(visible_text)
    // A footnote's link back to its reference is the web page's, not the text's.
    .map(|text| text.replace("\u{21a9}\u{fe0e}", "").trim().to_string())
    .filter(|text| !text.is_empty())
    .collect()
}

#[test]
fn the_public_site_and_the_public_pack_agree() {
    let (out, site) = build_sample_site();
    let meetings: Vec<String> = site_files(&site, "html")
        .into_iter()
        .filter_map(|p| p.strip_suffix("/index.html").map(String::from))
        .filter(|m| !m.contains('/'))
        .collect();
    assert!(
        !meetings.is_empty(),
        "no meeting page in {}",
        site.display()
    );
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for meeting in &meetings {
        let page = html(&site.join(meeting).join("index.html"));
        let items = meeting_items(&page);
        // The packs the meeting page links to (the agenda, and any supplement), each
        // with its pages' text and its front sheet.
        let mut packs: Vec<String> = vec![format!("{meeting}.pdf")];
        for (pdf, _, _) in items.iter().flat_map(|i| &i.places) {
            if !packs.contains(pdf) {
                packs.push(pdf.clone());
            }
        }
        let texts: Vec<(String, Vec<String>, String)> = packs
            .iter()
            .map(|name| {
                let pages = page_texts(&out.path().join(name));
                let front = pages
                    .iter()
                    .take_while(|p| stamp(p).is_none())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n");
                (name.clone(), pages, front)
            })
            .collect();

        // Same items, in order, with the same ranges, pack by pack.
        let front_words: String = texts.iter().map(|(_, _, f)| normalised(f)).collect();
        for item in &items {
            if !front_words.contains(&normalised(&item.title)) {
                disagreements.push(format!(
                    "{meeting}: item {} {:?} is not on the pack's front sheet",
                    item.number, item.title
                ));
            }
        }
        for (name, _, front) in &texts {
            let site_ranges: Vec<(usize, usize)> = items
                .iter()
                .flat_map(|i| &i.places)
                .filter(|(pdf, _, _)| pdf == name)
                .map(|(_, _, range)| *range)
                .collect();
            let pack_ranges = front_sheet_ranges(front);
            if site_ranges != pack_ranges {
                disagreements.push(format!(
                    "{name}: ranges on the site {site_ranges:?}, in the pack {pack_ranges:?}"
                ));
            }
        }

        // Each link lands on the item's first page, which prints the range's first number.
        for item in &items {
            let mut text = String::new();
            for (pdf, physical, (first, last)) in &item.places {
                let (physical, first, last) = (*physical, *first, *last);
                let pages = &texts.iter().find(|(name, _, _)| name == pdf).unwrap().1;
                let landed = pages.get(physical - 1).map(String::as_str).unwrap_or("");
                if footer_number(landed) != Some(first)
                    || stamp(landed).map(|s| s.to_string()) != Some(item.number.clone())
                {
                    disagreements.push(format!(
                        "{meeting}: item {} links to page {physical}, which prints {:?} stamped {:?}, not Page {first}",
                        item.number,
                        footer_number(landed),
                        stamp(landed)
                    ));
                }
                let pdf = out.path().join(pdf);
                text += &normalised(&pdf_text(&pdf, physical, physical + (last - first)));
            }
            // Each document's paragraphs are in the item's pages of the pack.
            // (A supplied PDF is linked, not converted: its text is the PDF's own.)
            for href in item.documents.iter().filter(|h| h.ends_with(".html")) {
                let document = html(&site.join(meeting).join(href));
                let body = paragraphs(&document);
                // A supplied PDF's page links it, and the work programme is a table:
                // only pages with a Markdown body have paragraphs to compare.
                let has_body = document
                    .select(&selector(".document .body"))
                    .next()
                    .is_some();
                if has_body && body.is_empty() {
                    disagreements.push(format!("{meeting}/{href}: no paragraph found"));
                }
                for paragraph in body {
                    compared += 1;
                    if !text.contains(&normalised(&paragraph)) {
                        disagreements.push(format!(
                            "{meeting}/{href}: not in the pack's pages of item {}: {paragraph:?}",
                            item.number
                        ));
                    }
                }
            }
        }
    }
    // Not vacuous: the sample's notes, reports, minutes and appendices.
    assert!(compared >= 100, "only {compared} paragraphs compared");
    assert!(
        disagreements.is_empty(),
        "{} disagreements between the site and the pack:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
