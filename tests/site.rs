//! The web edition (`build --site`): a page for every meeting and public document,
//! item links to the page where the item starts in the pack (read back with
//! pdftotext), no exempt text anywhere in the site, templates overridden file by
//! file, the same bytes from two builds, and the pages' accessible frame.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Project, agenda_pack, page_texts, sample_project, stamp, unique_token};

/// Builds `project` with `build --site` and `extra`, returning the site's folder.
fn build_site(project: &Project, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "--site"];
    args.extend(extra);
    let output = agenda_pack(project.root(), &args);
    assert!(
        output.status.success(),
        "build --site failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    project.root().join("out/site")
}

/// Every file under `dir`, by its path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    found
}

/// The meeting folders of the sample content.
fn meetings(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.root().join("content"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("meeting.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The documents of a meeting.yaml: (file, whether its item is exempt).
fn documents(meeting_yaml: &Path) -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(meeting_yaml).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut found = Vec::new();
    for list in ["items", "private_items"] {
        let Some(items) = yaml.get(list).and_then(|v| v.as_sequence()) else {
            continue;
        };
        for item in items {
            let exempt = item.get("exempt_paragraph").is_some();
            let Some(documents) = item.get("documents").and_then(|v| v.as_sequence()) else {
                continue;
            };
            for document in documents {
                let file = document
                    .as_str()
                    .or_else(|| document.get("file").and_then(|f| f.as_str()))
                    .expect("a document names its file");
                found.push((file.to_string(), exempt));
            }
        }
    }
    found
}

/// The page name the site gives a document file.
fn slug(file: &str) -> String {
    let stem = [".md", ".yaml", ".pdf"]
        .iter()
        .find_map(|extension| file.strip_suffix(extension))
        .unwrap_or(file);
    stem.replace('/', "-").to_lowercase()
}

#[test]
fn every_meeting_and_public_document_has_its_page_and_exempt_ones_none() {
    let project = sample_project();
    let site = build_site(&project, &[]);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for meeting in meetings(&project) {
        let page = site.join(&meeting).join("index.html");
        assert!(page.is_file(), "{meeting} has no page");
        assert!(
            index.contains(&format!("href=\"{meeting}/index.html\"")),
            "the index links {meeting}"
        );
        assert!(
            index.contains(&format!("href=\"{meeting}/{meeting}.pdf\"")),
            "the index links {meeting}'s pack"
        );
        let pack = site.join(&meeting).join(format!("{meeting}.pdf"));
        assert_eq!(
            std::fs::read(&pack).unwrap(),
            std::fs::read(project.pdf(&meeting)).unwrap(),
            "the site's pack is the public pack"
        );
        let meeting_page = std::fs::read_to_string(&page).unwrap();
        for (file, exempt) in documents(
            &project
                .root()
                .join("content")
                .join(&meeting)
                .join("meeting.yaml"),
        ) {
            let document_page = site.join(&meeting).join(format!("{}.html", slug(&file)));
            if exempt {
                assert!(!document_page.exists(), "exempt {file} has a page");
                assert!(
                    !site.join(&meeting).join(&file).exists(),
                    "exempt {file} was copied"
                );
            } else {
                assert!(document_page.is_file(), "{meeting}/{file} has no page");
                assert!(
                    meeting_page.contains(&format!("href=\"{}.html\"", slug(&file))),
                    "the meeting page links {file}"
                );
            }
        }
    }
}

#[test]
fn item_links_open_the_pack_where_the_item_starts() {
    let project = sample_project();
    let site = build_site(&project, &[]);
    let mut checked = 0;
    for meeting in meetings(&project) {
        let page = std::fs::read_to_string(site.join(&meeting).join("index.html")).unwrap();
        let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (item, block) in page.split("id=\"item-").skip(1).map(|b| {
            let number: usize = b[..b.find('"').unwrap()].parse().unwrap();
            (number, b)
        }) {
            let block = &block[..block.find("</li>\n<li value=").unwrap_or(block.len())];
            for link in block.split("href=\"").skip(1) {
                let href = &link[..link.find('"').unwrap()];
                let Some((pdf, page_number)) = href.split_once("#page=") else {
                    continue;
                };
                let page_number: usize = page_number.parse().unwrap();
                let pages = texts
                    .entry(pdf.to_string())
                    .or_insert_with(|| page_texts(&site.join(&meeting).join(pdf)));
                let first = pages
                    .iter()
                    .position(|text| stamp(text) == Some(item))
                    .map(|index| index + 1);
                assert_eq!(
                    first,
                    Some(page_number),
                    "{meeting}: item {item} links {href}, but its stamp first shows on page {first:?}"
                );
                let shown = &link[link.find('>').unwrap() + 1..];
                let printed = common::footer_number(&pages[page_number - 1]).unwrap();
                assert!(
                    shown.starts_with(&format!("Pages {printed} - ")),
                    "{meeting}: item {item}'s range {shown:.20} starts at printed page {printed}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} item links were checked");
}

#[test]
fn exempt_text_never_reaches_the_site() {
    let project = sample_project();
    let token = unique_token("EXEMPTSITE");
    let meeting = "2026-09-24-children-scrutiny";
    let contract = project
        .root()
        .join("content")
        .join(meeting)
        .join("placements-contract.md");
    let mut text = std::fs::read_to_string(&contract).unwrap();
    text.push_str(&format!("\n\nThe bid prices are held in {token}.\n"));
    std::fs::write(&contract, text).unwrap();
    let site = build_site(&project, &["--audience", "all"]);
    let private = project
        .root()
        .join("out")
        .join(format!("{meeting}-private.pdf"));
    assert!(
        page_texts(&private)
            .iter()
            .any(|page| page.contains(&token)),
        "the fixture's exempt text is in the members' pack"
    );
    for (path, bytes) in files(&site) {
        let text = if path.extension().is_some_and(|e| e == "pdf") {
            page_texts(&site.join(&path)).join("\n")
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        assert!(
            !text.contains(&token),
            "{} holds exempt text",
            path.display()
        );
        assert!(
            !path.to_string_lossy().contains("private"),
            "{} is a members' file",
            path.display()
        );
    }
    let page = std::fs::read_to_string(site.join(meeting).join("index.html")).unwrap();
    assert!(
        page.contains("Exempt information under paragraph 3 of Part 1 of Schedule 12A"),
        "the exempt item shows its paragraph, as the public pack does"
    );
}

#[test]
fn html_templates_are_overridden_file_by_file() {
    let project = sample_project();
    let html = project.root().join("templates/html");
    std::fs::create_dir_all(&html).unwrap();
    std::fs::write(
        html.join("index.html.j2"),
        "<!DOCTYPE html><title>Ours</title><p>OVERRIDDEN-INDEX {{ committees | length }}</p>",
    )
    .unwrap();
    std::fs::write(
        html.join("style.css"),
        "body { color: #000; } /* OVERRIDDEN-CSS */",
    )
    .unwrap();
    let site = build_site(&project, &[]);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("OVERRIDDEN-INDEX 1"), "{index}");
    let css = std::fs::read_to_string(site.join("style.css")).unwrap();
    assert!(css.contains("OVERRIDDEN-CSS"));
    let meeting =
        std::fs::read_to_string(site.join("2026-07-16-children-scrutiny/index.html")).unwrap();
    assert!(
        meeting.contains("Public Business"),
        "the meeting page keeps its default"
    );
}

#[test]
fn two_builds_write_the_same_bytes() {
    let project = sample_project();
    let first = files(&build_site(&project, &[]));
    std::fs::rename(project.root().join("out"), project.root().join("first")).unwrap();
    let second = files(&build_site(&project, &[]));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(&second[path] == bytes, "{} differs", path.display());
    }
}

#[test]
fn every_page_has_one_h1_a_skip_link_first_and_resolving_links() {
    let project = sample_project();
    let site = build_site(&project, &[]);
    let pages: Vec<(PathBuf, String)> = files(&site)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(pages.len() > 10, "{} pages", pages.len());
    for (path, page) in &pages {
        let name = path.display();
        assert_eq!(page.matches("<h1").count(), 1, "{name}: one h1");
        assert!(
            page.contains("<html lang=\"en-GB\">"),
            "{name}: its language"
        );
        let body = &page[page.find("<body>").unwrap()..];
        let first_focusable = &body[body.find("<a ").unwrap()..];
        assert!(
            first_focusable.starts_with("<a class=\"skip-link\" href=\"#main\">"),
            "{name}: the skip link comes first"
        );
        assert!(
            page.contains("<main id=\"main\""),
            "{name}: the skip link's target"
        );
        for landmark in ["<header", "<nav", "<footer"] {
            assert!(page.contains(landmark), "{name}: {landmark}");
        }
        for attribute in ["href=\"", "src=\""] {
            for link in page.split(attribute).skip(1) {
                let target = &link[..link.find('"').unwrap()];
                let target = target.split('#').next().unwrap();
                if target.is_empty() || target.contains(':') {
                    assert!(
                        !target.starts_with("http:") && !target.starts_with("https:")
                            || !attribute.starts_with("src"),
                        "{name}: an external request {target}"
                    );
                    continue;
                }
                let resolved = site.join(path).parent().unwrap().join(target);
                assert!(resolved.is_file(), "{name}: {target} does not resolve");
            }
        }
    }
}
