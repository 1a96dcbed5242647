//! Every printed word's box, read with poppler's `pdftotext -bbox-layout`, and the
//! layout faults they show: words printed over each other, words past the right margin.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The house style's right margin (2 cm), in PDF points.
pub const RIGHT_MARGIN: f64 = 2.0 / 2.54 * 72.0;

/// How far two boxes may meet before they count as overlapping: glyph boxes of
/// touching words (a footnote mark, a closing bracket) share a hair's breadth.
const TOLERANCE: f64 = 0.3;

/// A word as pdftotext places it, in points from the page's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The page, from 1.
    pub page: usize,
    /// Its text.
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

impl Word {
    fn overlaps(&self, other: &Word) -> bool {
        self.x_min + TOLERANCE < other.x_max
            && other.x_min + TOLERANCE < self.x_max
            && self.y_min + TOLERANCE < other.y_max
            && other.y_min + TOLERANCE < self.y_max
    }
}

/// A page: its size and its words.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page, from 1.
    pub number: usize,
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

/// Every page of `pdf` with the box of each word.
pub fn word_boxes(pdf: &Path) -> Vec<Page> {
    let output = Command::new("pdftotext")
        .args(["-bbox-layout", &pdf.to_string_lossy(), "-"])
        .output()
        .expect("pdftotext runs (Debian: apt-get install poppler-utils)");
    assert!(output.status.success(), "pdftotext -bbox-layout failed");
    let xhtml = String::from_utf8(output.stdout).expect("pdftotext prints UTF-8");
    // The XHTML names a DTD roxmltree will not read; the elements are all we need.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let tree = roxmltree::Document::parse_with_options(&xhtml, options)
        .expect("pdftotext prints well-formed XHTML");
    let number = |node: roxmltree::Node, name: &str| -> f64 {
        node.attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("a `{name}` on every <{}>", node.tag_name().name()))
    };
    tree.descendants()
        .filter(|n| n.has_tag_name("page"))
        .enumerate()
        .map(|(index, page)| Page {
            number: index + 1,
            width: number(page, "width"),
            height: number(page, "height"),
            words: page
                .descendants()
                .filter(|n| n.has_tag_name("word"))
                .map(|word| Word {
                    page: index + 1,
                    text: word.text().unwrap_or_default().to_string(),
                    x_min: number(word, "xMin"),
                    y_min: number(word, "yMin"),
                    x_max: number(word, "xMax"),
                    y_max: number(word, "yMax"),
                })
                .collect(),
        })
        .collect()
}

/// A fault in the layout of the words.
#[derive(Debug, Clone, PartialEq)]
pub enum WordFault {
    /// Two words printed over each other.
    Overlap(Word, Word),
    /// A word reaching past the right margin.
    PastMargin(Word),
}

/// The words of `pdf` that overlap another word or reach past the right margin, on
/// every page. The pages in `supplied` (external PDFs) keep their own margins: only
/// overlaps count there (a stamp or footer printed over their text).
pub fn word_faults(pdf: &Path, supplied: &[usize]) -> Vec<WordFault> {
    let mut faults = Vec::new();
    for page in word_boxes(pdf) {
        let edge = if supplied.contains(&page.number) {
            f64::INFINITY
        } else {
            page.width - RIGHT_MARGIN + TOLERANCE
        };
        for (i, word) in page.words.iter().enumerate() {
            if word.x_max > edge {
                faults.push(WordFault::PastMargin(word.clone()));
            }
            for other in &page.words[i + 1..] {
                if word.overlaps(other) {
                    faults.push(WordFault::Overlap(word.clone(), other.clone()));
                }
            }
        }
    }
    faults
}

/// Panics listing the faults, if any, of `pdf`'s words (see [`word_faults`]).
pub fn assert_no_word_faults(pdf: &Path, supplied: &[usize]) {
    let faults = word_faults(pdf, supplied);
    let shown: Vec<String> = faults
        .iter()
        .take(20)
        .map(|fault| match fault {
            WordFault::Overlap(a, b) => format!(
                "page {}: {:?} ({:.1}-{:.1}, {:.1}-{:.1}) overlaps {:?} ({:.1}-{:.1}, {:.1}-{:.1})",
                a.page,
                a.text,
                a.x_min,
                a.x_max,
                a.y_min,
                a.y_max,
                b.text,
                b.x_min,
                b.x_max,
                b.y_min,
                b.y_max
            ),
            WordFault::PastMargin(w) => format!(
                "page {}: {:?} reaches x = {:.1}, past the right margin",
                w.page, w.text, w.x_max
            ),
        })
        .collect();
    assert!(
        faults.is_empty(),
        "{} word faults in {}:\n{}",
        faults.len(),
        pdf.display(),
        shown.join("\n")
    );
}
