//! Snapshots of the typst markup generated for each Markdown construct. Each snapshot
//! was reviewed by eye once, on the rendered page, before it was accepted; a change to
//! the generated markup shows up here as a diff to review again.

use std::path::PathBuf;

use agenda_pack::markup::source_map::strip_markers;
use agenda_pack::markup::{Assets, Flavour, render};
use agenda_pack::model::{AppendixScheme, MarkdownSource, Recommendations, SubParagraphs};

fn convert(text: &str, flavour: Flavour) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/chart.svg"), "<svg/>").unwrap();
    let source = MarkdownSource {
        file: "note.md".into(),
        text: text.into(),
        first_line: 1,
    };
    let assets = Assets {
        meeting_dir: dir.path(),
        document_dir: PathBuf::new(),
    };
    let rendered = render(&source, flavour, &assets).unwrap();
    // Source markers (comments locating typst errors) are tested in the library.
    format!(
        "{}// ---- appendices\n{}",
        strip_markers(&rendered.body),
        strip_markers(&rendered.appendices)
    )
}

const NOTE: Flavour = Flavour::BriefingNote {
    appendices: AppendixScheme::Number,
    recommendations: None,
    sub_paragraphs: SubParagraphs::Continued,
};

#[test]
fn sections_paragraphs_and_opt_out() {
    insta::assert_snapshot!(convert(
        "Before any section.\n\n# Purpose of the Note\n\nFirst.\n\n{-} A lead-in line:\n\nSecond.\n\n## A sub-heading\n\nThird.\n\n# Background\n\nFourth.\n",
        NOTE
    ));
}

#[test]
fn lists_nest_and_indent_in_sections() {
    insta::assert_snapshot!(convert(
        "# Recommendations\n\nThe Board is recommended to:\n\n1. Note it.\n2. Agree:\n   1. this;\n   2. that.\n\n- a bullet\n  - a nested bullet\n",
        NOTE
    ));
}

#[test]
fn tables_with_caption_alignment_total_and_inline_formatting() {
    insta::assert_snapshot!(convert(
        "# Data\n\nTable: Places by phase, 2026\n\n| Phase | Places | Trend |\n| :-- | --: | :-: |\n| **Primary** | 1,204 | ↑ |\n| Secondary[^a] | 980 | ↓ |\n| Total | 2,184 | |\n\n[^a]: Including sixth forms.\n",
        NOTE
    ));
}

#[test]
fn tables_with_merged_cells_lines_bullets_widths_and_no_header() {
    insta::assert_snapshot!(convert(
        "# Data\n\nTable: Pupils {header=2 widths=2,1,1}\n\n| Pupils on roll | < | < |\n| :-- | --: | --: |\n| Phase | 2025 | 2026 |\n| Primary<br>(Years 1 to 6) | 24,390 | 24,860 |\n| ^ | - rising<br>- steady | 1 |\n| **Subtotal** | 24,390 | 24,860 |\n\n| | |\n| :-- | :-- |\n| EHE | Elective home education |\n",
        NOTE
    ));
}

#[test]
fn figures_with_width_and_inline_constructs() {
    insta::assert_snapshot!(convert(
        "# Figures\n\n![A line rising from 10 to 20](images/chart.svg \"Requests, 2021 to 2026 {width=60%}\")\n\nSee *the plan*, **now**, ~~never~~, `code` and [the site](https://example.org).\n\n> A quoted passage.\n\n---\n\n[landscape]\n\nWide text.\n\n[/landscape]\n",
        NOTE
    ));
}

#[test]
fn appendices_in_the_letter_scheme() {
    let flavour = Flavour::BriefingNote {
        appendices: AppendixScheme::Letter,
        recommendations: None,
        sub_paragraphs: SubParagraphs::Continued,
    };
    insta::assert_snapshot!(convert(
        "# One\n\nText.\n\n# Appendix: Data tables\n\nPlain.\n\n# Appendix: Glossary\n",
        flavour
    ));
}

#[test]
fn recommendations_from_front_matter_become_section_two() {
    let recommendations = Recommendations {
        lead: "The Board is recommended to:".into(),
        items: vec!["Note the content.".into(), "Agree further work.".into()],
    };
    let flavour = Flavour::BriefingNote {
        appendices: AppendixScheme::Number,
        recommendations: Some(&recommendations),
        sub_paragraphs: SubParagraphs::Continued,
    };
    insta::assert_snapshot!(convert(
        "# Purpose\n\nWhy.\n\n# Background\n\nWhat.\n",
        flavour
    ));
}

#[test]
fn report_sections_and_numbered_sub_headings() {
    let flavour = Flavour::Report {
        appendices: AppendixScheme::Number,
        sub_paragraphs: SubParagraphs::Unnumbered,
    };
    insta::assert_snapshot!(convert(
        "# Context\n\nText.\n\n# Comments from the Director of Finance\n\n## Financial implications\n\nCosts.\n\n## Legal implications\n\nDuties.\n",
        flavour
    ));
}

#[test]
fn minutes_with_decisions() {
    insta::assert_snapshot!(convert(
        "# Declarations of Interests\n\nNone.\n\n# Attendance\n\nThe Board discussed.\n\nRESOLVED that:\n\n1. The note be noted.\n2. A report come back.\n\nRESOLVED that the meeting continue.\n\n# Close\n",
        Flavour::Minutes { first_minute: 22 }
    ));
}

#[test]
fn hostile_text_is_escaped() {
    insta::assert_snapshot!(convert(
        "# #import \"x\": *\n\n#read(\"/etc/passwd\") $1 + 1$ // c /* d */ a < b @r = h - l + e / t: d ~ ` \\\n",
        NOTE
    ));
}

#[test]
fn numbered_sub_headings_explicit_numbers_and_lettered_lists() {
    insta::assert_snapshot!(convert(
        "# Background\n\nIntro.\n\n## Primary schools {.numbered}\n\nUnder it.\n\n{number=5} Skipped.\n\na) first\nb) second\n\n(i) roman\n(ii) roman again\n\n# Finance {number=7}\n\nMoney.\n",
        NOTE
    ));
}

#[test]
fn third_level_paragraphs_in_a_report() {
    let flavour = Flavour::Report {
        appendices: AppendixScheme::Number,
        sub_paragraphs: SubParagraphs::Nested,
    };
    insta::assert_snapshot!(convert(
        "# Comments\n\n## Financial implications\n\nCosts.\n\nMore costs.\n\n## Legal implications\n\nDuties.\n",
        flavour
    ));
}

#[test]
fn an_untitled_appendix_and_a_second_part() {
    insta::assert_snapshot!(convert(
        "# One\n\nText.\n\n# Appendix:\n\nData.\n\n# Part: Data report\n\n# Method\n\nNumbered.\n\n# Appendix: Glossary\n",
        NOTE
    ));
}

#[test]
fn a_standalone_appendix_has_no_numbers() {
    insta::assert_snapshot!(convert(
        "# Tables\n\nText.\n\n## By phase\n\na) lettered\n",
        Flavour::Appendix
    ));
}
