//! The sample meeting shipped in `content/`: the pack a newcomer's first command makes,
//! checked page by page with poppler and qpdf.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const MEETING: &str = "2026-07-16-children-scrutiny";
/// The same board later in the municipal year.
const LATER_MEETING: &str = "2026-09-24-children-scrutiny";

/// Builds the repository's own content into a temporary folder and returns the PDF of
/// the first sample meeting (the later one is beside it).
fn build_sample() -> (tempfile::TempDir, PathBuf) {
    let (out, stderr) = build_repository_content(&[]);
    assert!(
        stderr.contains(" 0 warnings") && !stderr.contains("warning:"),
        "the sample content builds without warnings:\n{stderr}"
    );
    let pdf = out.path().join(format!("{MEETING}.pdf"));
    (out, pdf)
}

#[test]
fn sample_pack_follows_the_pagination_rules_on_every_page() {
    let (_out, pdf) = build_sample();
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    let count = pages.len();
    assert_eq!(count, page_count(&pdf));

    // The front sheet: pages 1 and 2, no footer.
    let ranges = front_sheet_ranges(&pages[..2].join("\n"));
    let items_with_documents = [3, 4, 5, 6, 7];
    assert_eq!(
        ranges.len(),
        items_with_documents.len(),
        "one range per item with documents"
    );
    assert_eq!(
        ranges[0].0, 3,
        "item documents start right after the two-page front sheet"
    );

    // Ranges are contiguous, start odd, end even, and the last one ends the pack.
    for (i, &(first, last)) in ranges.iter().enumerate() {
        assert!(first % 2 == 1 && last % 2 == 0, "range {first}-{last}");
        if let Some(&(next, _)) = ranges.get(i + 1) {
            assert_eq!(next, last + 1, "ranges are contiguous");
        }
    }
    assert_eq!(ranges.last().unwrap().1, count);

    // Document starts: each item's first page, the second set of minutes and the
    // external appendix.
    let starts_with = |needle: &str| -> Vec<usize> {
        (1..=count)
            .filter(|&p| pages[p - 1].contains(needle))
            .collect()
    };
    let minutes_starts = starts_with("Minutes of the Meeting of");
    assert_eq!(minutes_starts.len(), 2, "two sets of minutes");
    let appendix_start = starts_with("Annual Report 2025/26");
    let mut document_starts: Vec<usize> = ranges.iter().map(|r| r.0).collect();
    document_starts.extend(&minutes_starts);
    document_starts.push(appendix_start[0]);
    document_starts.sort();
    document_starts.dedup();
    assert_eq!(
        document_starts.len(),
        7,
        "seven documents: {document_starts:?}"
    );

    for (index, text) in pages.iter().enumerate() {
        let p = index + 1;
        if p <= 2 {
            assert_eq!(footer_number(text), None, "front sheet page {p}");
            continue;
        }
        assert_eq!(
            footer_number(text),
            Some(p),
            "page {p} prints its number:\n{text}"
        );
        let stamped = ranges
            .iter()
            .position(|r| r.0 == p)
            .map(|i| items_with_documents[i]);
        assert_eq!(stamp(text), stamped, "Agenda Item stamp on page {p}");
        if document_starts.contains(&p) {
            assert!(p % 2 == 1, "document starting on page {p} starts odd");
        }
        if is_padding(text) {
            assert!(p % 2 == 0, "padding page {p} is even");
            assert!(
                !is_padding(&pages[p - 2]),
                "page {p} pads a document, not another padding page"
            );
            assert!(
                p == count || document_starts.contains(&(p + 1)),
                "a document follows padding page {p}"
            );
        } else {
            assert!(
                lines(text).len() > 1,
                "page {p} is neither content nor a padding page:\n{text}"
            );
        }
    }
    // The sample is built to show both cases: some document ends odd, some ends even.
    let padding = (1..=count).filter(|&p| is_padding(&pages[p - 1])).count();
    assert!(
        padding >= 1 && padding < document_starts.len(),
        "{padding} padding pages"
    );

    let labels = page_labels(&pdf);
    assert_eq!(
        labels,
        (1..=count).map(|n| n.to_string()).collect::<Vec<_>>()
    );

    // Checked by eye on the rendered pack: the May minutes end odd (page 5, padded),
    // the June minutes even (page 10), the SEND note odd (page 17, with a landscape
    // page 16, padded), the external report odd (page 25, padded), the attendance
    // note odd (page 31, padded), the public report even (page 36), the work programme
    // odd (summary page 37, table and flow chart to page 39, padded).
    assert_eq!(ranges, [(3, 10), (11, 26), (27, 32), (33, 36), (37, 40)]);
    let padding: Vec<usize> = (1..=count).filter(|&p| is_padding(&pages[p - 1])).collect();
    assert_eq!(padding, [6, 18, 26, 32, 40]);
    assert_eq!(document_starts, [3, 7, 11, 19, 27, 33, 37]);
}

#[test]
fn sample_pack_is_tagged_with_title_and_invented_names() {
    let (_out, pdf) = build_sample();
    let info = pdf_info(&pdf);
    let field = |name: &str| info.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!(field("Tagged").as_deref(), Some("yes"));
    assert_eq!(
        field("Title").as_deref(),
        Some("Children, Learning and Young People Scrutiny Board - 16th July 2026")
    );
    assert_eq!(field("Author").as_deref(), Some("Elmsworth City Council"));
    let pages = page_texts(&pdf);
    assert!(
        (30..=60).contains(&pages.len()),
        "the sample is 30-60 pages, got {}",
        pages.len()
    );
}

#[test]
fn later_sample_meeting_carries_minute_numbers_on_and_leaves_out_the_exempt_report() {
    let (out, _) = build_sample();
    let pdf = out.path().join(format!("{LATER_MEETING}.pdf"));
    qpdf_check(&pdf);
    let pages = page_texts(&pdf);
    let count = pages.len();
    assert_eq!(
        page_labels(&pdf),
        (1..=count).map(|n| n.to_string()).collect::<Vec<_>>()
    );
    // Checked by eye: the July minutes end odd (page 5, padded), the four slides even
    // (on landscape pages), the note and its data appendix odd (page 13, padded), the
    // programme odd (summary, two table pages, the last with the flow chart scaled to
    // fit under the table, padded).
    let ranges = front_sheet_ranges(&pages[..2].join("\n"));
    assert_eq!(ranges, [(3, 6), (7, 10), (11, 14), (15, 18)]);
    let padding: Vec<usize> = (1..=count).filter(|&p| is_padding(&pages[p - 1])).collect();
    assert_eq!(padding, [6, 14, 18]);
    let landscape = landscape_pages(&pdf);
    assert_eq!(
        landscape,
        [7, 8, 9, 10],
        "the slides keep their landscape pages"
    );
    for (index, text) in pages.iter().enumerate().skip(2) {
        assert_eq!(footer_number(text), Some(index + 1), "page {}", index + 1);
    }

    // July's minutes start at 15, where June's (7 to 14) end.
    let minutes = pages[2..5].join("\n");
    let numbers: Vec<u32> = minutes
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .filter(|&n| n >= 10)
        .collect();
    assert_eq!(numbers, (15..=21).collect::<Vec<_>>(), "{minutes}");
    assert!(minutes.contains("Further to Minute 10/26"), "{minutes}");

    let front = pages[..2].join("\n");
    assert!(front.contains("Evaluation of the Meeting"), "{front}");
    assert!(front.contains("Presentation by the Head of Youth Justice Services"));
    assert!(
        front.contains("Exempt information under paragraph 3"),
        "{front}"
    );
}

#[test]
fn the_exempt_report_leaves_no_trace_in_the_public_pack() {
    // The sample content, with a token written into the exempt report's subject, a
    // heading and its text.
    let project = Project::new();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_tree(&content, &project.root().join("content"));
    let token = unique_token("EXEMPT");
    let report = project
        .root()
        .join("content")
        .join(LATER_MEETING)
        .join("placements-contract.md");
    let text = std::fs::read_to_string(&report).unwrap();
    let marked = text
        .replacen(
            "subject: Residential",
            &format!("subject: {token} Residential"),
            1,
        )
        .replacen("# Purpose of the Note", &format!("# Purpose {token}"), 1)
        .replacen(
            "This note is exempt",
            &format!("This note {token} is exempt"),
            1,
        );
    assert_eq!(marked.matches(&token).count(), 3, "{marked}");
    std::fs::write(&report, marked).unwrap();

    build_all(project.root());
    let public = project.pdf(LATER_MEETING);
    assert_eq!(
        token_places(&public, &token),
        Vec::<&str>::new(),
        "the exempt report's token is in the public pack"
    );
    // The same search finds it in the members' pack, everywhere it looks.
    let folder = format!("content/{LATER_MEETING}");
    let output = agenda_pack(project.root(), &["build", "--private", &folder]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let members = project.pdf(&format!("{LATER_MEETING}-private"));
    assert_eq!(
        token_places(&members, &token),
        ["page text", "outline", "raw bytes"],
        "the search finds the token where it is printed"
    );
}
