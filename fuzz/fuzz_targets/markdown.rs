//! Fuzzes the Markdown converter: any input gives typst markup that parses without a
//! syntax error (so author text can never break the template), or a content error;
//! never a panic.

#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use agenda_pack::markup::{Assets, Flavour, render};
use agenda_pack::model::{AppendixScheme, MarkdownSource, Recommendations};
use libfuzzer_sys::fuzz_target;

/// A meeting folder with one image, so image references can succeed.
static MEETING: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("chart.svg"), "<svg/>").expect("the image is written");
    dir
});

static RECOMMENDATIONS: LazyLock<Recommendations> = LazyLock::new(|| Recommendations {
    lead: "The Board is recommended to:".into(),
    items: vec!["Note it.".into()],
});

fuzz_target!(|text: &str| {
    let source = MarkdownSource { file: "fuzz.md".into(), text: text.into(), first_line: 1 };
    let assets = Assets { meeting_dir: MEETING.path(), document_dir: PathBuf::new() };
    let flavours = [
        Flavour::BriefingNote { appendices: AppendixScheme::Word, recommendations: Some(&RECOMMENDATIONS) },
        Flavour::Report { appendices: AppendixScheme::Letter },
        Flavour::Minutes { first_minute: 1 },
    ];
    for flavour in flavours {
        if let Ok(rendered) = render(&source, flavour, &assets) {
            for markup in [&rendered.body, &rendered.appendices] {
                let (errors, _) = typst::syntax::parse(markup).errors_and_warnings();
                assert!(errors.is_empty(), "generated markup does not parse: {errors:?}\n{markup}");
            }
        }
    }
});
