//! Publishing-grade output of the sample meeting under the default standard (PDF/UA-1)
//! and the archival ones: tags, metadata, bookmarks, links, the external appendix's
//! text and size, read back with lopdf, poppler and qpdf, and checked by `outloud` and
//! `pdfua` (accessibility checkers independent of typst, from PyPI).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::accessibility::{checker, outloud_check, pdfua_check};
use common::structure::Pdf;
use common::*;

const MEETING: &str = "2026-07-16-children-scrutiny";
/// Both sample meetings, for the checkers.
const SAMPLES: [&str; 4] = [
    MEETING,
    "2026-09-24-children-scrutiny",
    "2026-09-10-children-scrutiny",
    "2026-09-10-children-scrutiny-supplement-1",
];
const APPENDIX: &str = "Elmsworth Children's Partnership Annual Report 2025/26";
/// The XMP namespaces of the PDF/UA and PDF/A identification schemas.
const PDFUA_ID: &str = "http://www.aiim.org/pdfua/ns/id/";
const PDFA_ID: &str = "http://www.aiim.org/pdfa/ns/id/";

/// Builds the repository's sample content with extra arguments; returns the PDF.
fn build_sample(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (out, _) = build_repository_content(extra);
    let pdf = out.path().join(format!("{MEETING}.pdf"));
    (out, pdf)
}

/// The first page of each item with documents, from the sample's pinned ranges.
const ITEM_STARTS: [(usize, usize); 5] = [(3, 3), (4, 11), (5, 27), (6, 33), (7, 37)];
/// The pages of the external appendix.
const APPENDIX_PAGES: std::ops::RangeInclusive<usize> = 19..=25;

#[test]
fn default_pack_is_tagged_pdf_ua_1_with_title_language_and_metadata() {
    let (_out, path) = build_sample(&[]);
    qpdf_check(&path);
    let pdf = Pdf::open(&path);
    let catalog = pdf.catalog();
    assert_eq!(pdf.text(catalog, "Lang").as_deref(), Some("en-GB"));
    let mark_info = pdf.dict(catalog, "MarkInfo").expect("/MarkInfo");
    assert!(matches!(
        pdf.get(mark_info, "Marked"),
        Some(lopdf::Object::Boolean(true))
    ));
    let prefs = pdf
        .dict(catalog, "ViewerPreferences")
        .expect("/ViewerPreferences");
    assert!(
        matches!(
            pdf.get(prefs, "DisplayDocTitle"),
            Some(lopdf::Object::Boolean(true))
        ),
        "viewers show the title, not the file name"
    );
    assert!(pdf.get(catalog, "PageLabels").is_some(), "/PageLabels");
    assert_eq!(
        pdf.xmp_values(PDFUA_ID, "part"),
        ["1"],
        "PDF/UA-1 claimed, once:\n{}",
        pdf.xmp()
    );

    let info = pdf.info();
    assert_eq!(
        pdf.text(info, "Title").as_deref(),
        Some("Children, Learning and Young People Scrutiny Board - 16th July 2026")
    );
    assert_eq!(
        pdf.text(info, "Author").as_deref(),
        Some("Elmsworth City Council")
    );
    assert_eq!(
        pdf.text(info, "Subject").as_deref(),
        Some(
            "Agenda pack of the Children, Learning and Young People Scrutiny Board, 16th July 2026"
        )
    );
    assert_eq!(
        pdf.text(info, "Keywords").as_deref(),
        Some("Children, Learning and Young People Scrutiny Board")
    );
    let created = pdf.text(info, "CreationDate").unwrap_or_default();
    assert!(
        created.starts_with("D:20260708"),
        "the publication date: {created}"
    );
}

#[test]
fn tag_tree_has_headings_tables_lists_links_and_figures_with_alt_text() {
    let (_out, path) = build_sample(&[]);
    let pdf = Pdf::open(&path);
    let elements = pdf.elements();
    let count = |kind: &str| elements.iter().filter(|e| e.kind == kind).count();
    for kind in [
        "H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "L", "LI", "Figure", "Link",
    ] {
        assert!(count(kind) > 0, "no /{kind} in the tag tree");
    }
    // The front sheet's committee name and the title of every written document.
    assert!(count("H1") >= 6, "{} H1", count("H1"));
    for figure in elements.iter().filter(|e| e.kind == "Figure") {
        let alt = figure.alt.as_deref().unwrap_or_default();
        assert!(!alt.trim().is_empty(), "a figure without alternative text");
    }
    // The external appendix: one figure per page, announced by its title.
    let appendix: Vec<&str> = elements
        .iter()
        .filter_map(|e| e.alt.as_deref())
        .filter(|alt| alt.starts_with(APPENDIX))
        .collect();
    assert_eq!(appendix.len(), 7, "{appendix:?}");
    assert!(appendix[0].contains("page 1 of 7"), "{}", appendix[0]);

    // Page furniture is an artifact: every page after the front sheet carries its
    // footer as one, a padding page also its sentence.
    for page in 3..=pdf.page_count() {
        let tags = pdf.marked_content(page);
        assert!(
            tags.iter().any(|t| t == "Artifact"),
            "page {page}: no artifact in {tags:?}"
        );
    }
    let padding = pdf.marked_content(6);
    assert!(
        !padding.is_empty() && padding.iter().all(|t| t == "Artifact"),
        "the padding page is all artifacts: {padding:?}"
    );
}

#[test]
fn bookmarks_go_to_every_item_document_and_section() {
    let (_out, path) = build_sample(&[]);
    let pdf = Pdf::open(&path);
    let outline = pdf.outline();
    let level = |n: usize| outline.iter().filter(move |b| b.level == n);
    let top: Vec<(String, Option<usize>)> = level(1).map(|b| (b.title.clone(), b.page)).collect();
    assert_eq!(top[0], ("Agenda".to_string(), Some(1)));
    for (item, page) in ITEM_STARTS {
        assert!(
            top.iter()
                .any(|(title, p)| title.starts_with(&format!("Item {item}: ")) && *p == Some(page)),
            "no bookmark for item {item} on page {page}: {top:?}"
        );
    }
    // Every item, with or without documents, under the agenda: its front-sheet entry.
    let agenda: Vec<_> = level(2)
        .filter(|b| b.page.is_some_and(|p| p <= 2))
        .collect();
    assert_eq!(agenda.len(), 8, "{agenda:#?}");
    assert_eq!(agenda[0].title, "1. Apologies and Substitutions");
    // Documents one level down from their item, the external appendix among them.
    let documents: Vec<_> = level(2).filter(|b| b.page.is_some_and(|p| p > 2)).collect();
    assert_eq!(documents.len(), 7, "{documents:#?}");
    assert!(
        documents
            .iter()
            .any(|b| b.title == APPENDIX && b.page == Some(*APPENDIX_PAGES.start()))
    );
    // The note's sections one level deeper, inside the item's pages.
    let sections: Vec<_> = level(3).collect();
    assert!(
        sections
            .iter()
            .any(|b| b.title.starts_with("1 ") && b.page.is_some_and(|p| (11..19).contains(&p))),
        "{sections:#?}"
    );
    assert!(
        outline
            .iter()
            .all(|b| b.page.is_some() && !b.title.trim().is_empty())
    );
}

#[test]
fn front_sheet_titles_and_page_ranges_link_to_the_items() {
    let (_out, path) = build_sample(&[]);
    let pdf = Pdf::open(&path);
    let mut targets: Vec<usize> = (1..=2)
        .flat_map(|page| pdf.links(page))
        .filter_map(|(target, _)| target)
        .collect();
    targets.sort();
    let mut expected: Vec<usize> = ITEM_STARTS
        .iter()
        .flat_map(|&(_, page)| [page, page])
        .collect();
    expected.sort();
    assert_eq!(targets, expected, "a title link and a range link per item");
    for (_, contents) in (1..=2).flat_map(|page| pdf.links(page)) {
        assert!(
            contents.is_some_and(|c| !c.is_empty()),
            "a link without a description"
        );
    }
}

#[test]
fn external_appendix_keeps_its_text_on_its_pages_under_every_standard() {
    // The supplied report is tagged itself: each of its pages has marked content for
    // the pack to drop.
    let supplied = Pdf::open(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(MEETING)
            .join("partnership-annual-report.pdf"),
    );
    for page in 1..=supplied.page_count() {
        assert!(
            !supplied.marked_content(page).is_empty(),
            "supplied page {page} has marked content"
        );
    }
    for standard in ["ua-1", "a-2a", "a-2b", "a-3", "none"] {
        let (_out, path) = build_sample(&["--standard", standard]);
        qpdf_check(&path);
        let pages = page_texts(&path);
        let page = |n: usize| &pages[n - 1];
        let first = *APPENDIX_PAGES.start();
        assert!(page(first).contains("Annual Report 2025/26"), "{standard}");
        assert!(
            page(first + 1).contains("Foreword from the Independent Chair"),
            "{standard}"
        );
        assert!(
            page(first + 6).contains("Looking Ahead to 2026/27"),
            "{standard}"
        );
        for n in APPENDIX_PAGES {
            assert_eq!(
                footer_number(page(n)),
                Some(n),
                "{standard}: page {n} keeps its footer"
            );
        }
        let pdf = Pdf::open(&path);
        for n in APPENDIX_PAGES {
            let forms = supplied_forms(&pdf, n);
            assert_eq!(
                forms.len(),
                1,
                "{standard}: page {n} paints one supplied page"
            );
            let ops = lopdf::content::Content::decode(&forms[0])
                .unwrap()
                .operations;
            assert!(
                ops.iter()
                    .any(|op| op.operator == "Tj" || op.operator == "TJ"),
                "{standard}: page {n}: the supplied page's text is drawn"
            );
            assert!(
                ops.iter()
                    .all(|op| !["BDC", "BMC", "EMC"].contains(&op.operator.as_str())),
                "{standard}: page {n}: the supplied page's own marked content is dropped"
            );
        }
        // The claims in the XMP: PDF/UA part, PDF/A part and conformance level.
        let (ua, a_part, a_level): (&[&str], &[&str], &[&str]) = match standard {
            "none" => (&[], &[], &[]),
            "ua-1" => (&["1"], &[], &[]),
            "a-2a" => (&["1"], &["2"], &["A"]),
            "a-2b" => (&["1"], &["2"], &["B"]),
            "a-3" => (&["1"], &["3"], &["A"]),
            _ => unreachable!(),
        };
        assert_eq!(
            (
                pdf.xmp_values(PDFUA_ID, "part"),
                pdf.xmp_values(PDFA_ID, "part"),
                pdf.xmp_values(PDFA_ID, "conformance"),
            ),
            (owned(ua), owned(a_part), owned(a_level)),
            "{standard}: the claims in the XMP:\n{}",
            pdf.xmp()
        );
    }
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

/// The decoded contents of the form XObjects page `page` paints directly.
fn supplied_forms(pdf: &Pdf, page: usize) -> Vec<Vec<u8>> {
    let Some(resources) = pdf.dict(pdf.page(page), "Resources") else {
        return Vec::new();
    };
    let Some(xobjects) = pdf.dict(resources, "XObject") else {
        return Vec::new();
    };
    xobjects
        .iter()
        .filter_map(|(_, x)| match pdf.resolve(x) {
            lopdf::Object::Stream(s) if pdf.text(&s.dict, "Subtype").as_deref() == Some("Form") => {
                Some(common::structure::decoded(s))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn sample_pack_is_compact_with_subset_fonts() {
    let (_out, path) = build_sample(&[]);
    let bytes = std::fs::metadata(&path).unwrap().len() as usize;
    let pages = page_count(&path);
    let per_page = bytes / pages;
    println!("sample pack: {bytes} bytes, {pages} pages, {per_page} bytes per page");
    // 5.2 kB per page when written (object streams, subset fonts).
    assert!(per_page < 8_000, "{per_page} bytes per page");
    let fonts = pdf_fonts(&path);
    assert!(fonts.len() >= 2, "the pack's fonts are listed: {fonts:?}");
    for font in &fonts {
        assert!(
            font.name.len() > 7 && font.name.as_bytes()[6] == b'+' && font.subset,
            "font not subset: {font:?}"
        );
        assert!(font.embedded, "font not embedded: {font:?}");
    }
}

#[test]
fn pdfua_finds_nothing_in_the_sample_packs() {
    let pdfua = checker("pdfua");
    let (out, _) = build_sample(&[]);
    for meeting in SAMPLES {
        let path = out.path().join(format!("{meeting}.pdf"));
        pdfua_check(&pdfua, &path);
    }
}

#[test]
fn outloud_finds_no_pdf_ua_or_wcag_errors_in_the_sample_packs() {
    let outloud = checker("outloud");
    let (out, _) = build_sample(&[]);
    for meeting in SAMPLES {
        let path = out.path().join(format!("{meeting}.pdf"));
        outloud_check(&outloud, &path);
    }
}

#[test]
fn external_pdf_without_embedded_fonts_is_placed_with_a_warning() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - file: plain.pdf\n        title: Supplied\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    std::fs::write(
        project.meeting_dir("m").join("plain.pdf"),
        pdf_with_unembedded_font(),
    )
    .unwrap();
    let output = agenda_pack(project.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("plain.pdf: fonts not embedded (Helvetica)"),
        "{stderr}"
    );
    let pdf = project.pdf("m");
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    assert!(pages[2].contains("Supplied text in Helvetica"), "{pages:?}");
}

#[test]
fn stamp_and_footer_are_drawn_over_an_external_first_page() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - file: app.pdf\n        title: App\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    std::fs::write(
        project.meeting_dir("m").join("app.pdf"),
        external_pdf("1.1", 1),
    )
    .unwrap();
    build_all(project.root());
    let path = project.pdf("m");
    let page = &page_texts(&path)[2];
    assert_eq!(stamp(page), Some(1), "{page}");
    assert_eq!(footer_number(page), Some(3), "{page}");
    // In the page's content, the external page (a form XObject) is painted first and
    // the stamp and footer after it, so a supplied page's background cannot hide them.
    let pdf = Pdf::open(&path);
    let content = pdf.doc.get_page_content(pdf.doc.get_pages()[&3]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    let placed = ops
        .iter()
        .position(|op| op.operator == "Do")
        .expect("the external page is painted");
    let texts_before = ops[..placed]
        .iter()
        .filter(|op| op.operator == "BT")
        .count();
    let texts_after = ops[placed..]
        .iter()
        .filter(|op| op.operator == "BT")
        .count();
    assert_eq!(
        texts_before, 0,
        "nothing is painted under the external page"
    );
    assert!(texts_after >= 2, "stamp and footer over it: {texts_after}");
}

#[test]
fn poppler_reads_the_sample_packs_without_a_syntax_error() {
    // poppler printed "Syntax Error: Suspects object is wrong type (boolean)" for
    // every pack, because the catalog's MarkInfo carried `/Suspects false`.
    let (out, _) = build_repository_content(&[]);
    for meeting in SAMPLES {
        let pdf = out.path().join(format!("{meeting}.pdf"));
        for (program, args) in [("pdfinfo", vec![]), ("pdftotext", vec!["-"])] {
            let output = Command::new(program)
                .arg(&pdf)
                .args(&args)
                .output()
                .expect("poppler-utils is installed");
            assert!(output.status.success(), "{program} {meeting}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.is_empty(), "{program} {meeting}: {stderr}");
        }
    }
}

/// A one-page supplied PDF painted black all over, with white text: a dark slide.
fn dark_slide() -> Vec<u8> {
    let source = "#set page(paper: \"a4\", fill: black)\n\
                  #set text(font: \"Liberation Sans\", fill: white)\n\
                  Slide on a dark background";
    let date = typst::foundations::Datetime::from_ymd(2026, 1, 1).unwrap();
    agenda_pack::pdf::standalone(source, date).expect("the fixture compiles")
}

/// The boxes (in points) of the words on page `page` equal to `word`, as
/// `pdftotext -bbox` reads them.
fn word_boxes(pdf: &Path, page: usize, word: &str) -> Vec<[f64; 4]> {
    let page = page.to_string();
    let output = Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("poppler-utils is installed");
    let html = String::from_utf8_lossy(&output.stdout);
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let rest = &line[start..];
        rest[..rest.find('"').unwrap()].parse().unwrap()
    };
    html.lines()
        .filter(|line| line.contains("<word ") && line.contains(&format!(">{word}</word>")))
        .map(|line| ["xMin", "yMin", "xMax", "yMax"].map(|name| attr(line, name)))
        .collect()
}

/// Page `page` rendered in grey at 72 dpi (one pixel a point): width, height, pixels.
fn grey_page(pdf: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "72", "-singlefile", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("poppler-utils is installed");
    assert!(status.success());
    let bytes = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // A binary PGM: "P5", width, height, maximum value, each after whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (width, height, bytes[at + 1..].to_vec())
}

#[test]
fn stamp_and_footer_stay_readable_on_a_dark_supplied_page() {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: A\n    documents:\n      - file: slides.pdf\n        title: Slides\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    std::fs::write(project.meeting_dir("m").join("slides.pdf"), dark_slide()).unwrap();
    build_all(project.root());
    let path = project.pdf("m");
    let (width, _, pixels) = grey_page(&path, 3);
    let grey = |x: f64, y: f64| pixels[y as usize * width + x as usize];
    // The page itself is black away from the marginal text.
    assert!(grey(40.0, 400.0) < 50, "the slide is dark");
    for word in ["Page", "Agenda"] {
        let boxes = word_boxes(&path, 3, word);
        assert_eq!(boxes.len(), 1, "{word} printed once on the slide's page");
        let [x0, y0, x1, y1] = boxes[0];
        // Just outside the word, on each side, the backing shows white; inside it the
        // black text shows dark.
        let around = [
            (x0 - 2.0, (y0 + y1) / 2.0),
            (x1 + 2.0, (y0 + y1) / 2.0),
            ((x0 + x1) / 2.0, y0 - 1.5),
            ((x0 + x1) / 2.0, y1 + 1.0),
        ];
        for (x, y) in around {
            assert!(
                grey(x, y) > 200,
                "{word}: white backing at ({x}, {y}): {}",
                grey(x, y)
            );
        }
        let darkest = (x0 as usize..x1 as usize)
            .flat_map(|x| (y0 as usize..y1 as usize).map(move |y| (x, y)))
            .map(|(x, y)| grey(x as f64, y as f64))
            .min()
            .unwrap();
        assert!(darkest < 100, "{word}: its text is dark on the backing");
    }
}
