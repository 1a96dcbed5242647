//! Properties: arbitrary Unicode text (of the characters the bundled fonts can print)
//! in paragraphs, headings, table cells, captions and front-matter values always
//! typesets, and its visible characters come out in order; the public pack's bytes do
//! not depend on the exempt documents' content.
//!
//! 256 cases by default; `PROPTEST_CASES=10000 cargo test --release --test property`
//! for a long run. The exempt property builds four packs a case, so runs 6.

mod common;

use std::sync::LazyLock;

use agenda_pack::content::load_meeting;
use agenda_pack::pack::lay_out;
use agenda_pack::templates::Templates;
use common::*;
use proptest::prelude::*;
use typst::layout::{Frame, FrameItem};

static TEMPLATES: LazyLock<Templates> = LazyLock::new(|| Templates::load(None).unwrap());

/// Makes `text` literal Markdown: every ASCII punctuation character backslash-escaped,
/// line breaks and leading blanks (which would make code blocks) flattened.
fn markdown_literal(text: &str) -> String {
    let mut out = String::new();
    for ch in text.trim_start().chars() {
        match ch {
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted string holding `text` exactly, non-ASCII as `\u` escapes (YAML
/// would otherwise read characters such as U+2028 as line breaks).
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Characters a reader sees: not white space, not control characters, and not
/// Unicode's default-ignorable code points (joiners, variation selectors, ...).
fn visible(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && !default_ignorable(c))
        .collect()
}

/// Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt).
fn default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// All text typst placed on the pages, in order.
fn frame_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => frame_text(&group.frame, out),
            FrameItem::Text(text) => out.push_str(&text.text),
            _ => {}
        }
    }
}

/// `text` without the characters no bundled font can print.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| agenda_pack::typeset::covers(c))
        .collect()
}

/// Whether `needle` occurs in `haystack` as a subsequence.
fn in_order(haystack: &[char], needle: &[char]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|c| rest.any(|h| h == c))
}

fn typeset(subject: &str, heading: &str, paragraph: &str, caption: &str, cell: &str) -> Vec<char> {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: Property\n    documents: [note.md]\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    let subject = yaml_quoted(subject);
    let note = format!(
        "---\nkind: briefing-note\nsubject: {}\n---\n\n# {}\n\n{}\n\nTable: {}\n\n| Column |\n| --- |\n| {} |\n",
        subject,
        markdown_literal(heading),
        markdown_literal(paragraph),
        markdown_literal(caption),
        markdown_literal(cell),
    );
    project.write("m", "note.md", &note);
    let meeting = load_meeting(&project.meeting_dir("m")).expect("the content loads");
    let laid_out = lay_out(meeting, &TEMPLATES).expect("the pack typesets");
    let mut text = String::new();
    for page in laid_out.document.pages() {
        frame_text(&page.frame, &mut text);
    }
    visible(&text)
}

proptest! {
    #[test]
    fn arbitrary_text_typesets_and_stays_in_order(
        subject in "\\PC{1,40}",
        heading in "\\PC{1,40}",
        paragraph in any::<String>(),
        caption in "\\PC{1,40}",
        cell in "\\PC{0,30}",
    ) {
        // Characters the fonts lack are refused at their line (tests/hostile/markdown.rs).
        let [subject, heading, paragraph, caption, cell] =
            [subject, heading, paragraph, caption, cell].map(|field| printable(&field));
        // A heading or caption of only blanks is an authoring error, tested elsewhere.
        prop_assume!(!visible(&heading).is_empty() && !visible(&caption).is_empty());
        prop_assume!(!subject.trim().is_empty());
        let text = typeset(&subject, &heading, &paragraph, &caption, &cell);
        for field in [&subject, &heading, &paragraph, &caption, &cell] {
            prop_assert!(in_order(&text, &visible(field)), "{field:?} is not printed in order");
        }
        let all: Vec<char> = [&subject, &heading, &paragraph, &caption, &cell]
            .iter()
            .flat_map(|f| visible(f))
            .collect();
        prop_assert!(in_order(&text, &all), "the fields are not printed in document order");
    }
}

#[test]
fn markup_characters_and_scripts_come_out_verbatim() {
    let text = typeset(
        "#set page(width: 1cm) Å ß",
        "= Heading // ]",
        "*not bold* $x$ <tag> @ref \\ ` ~ -- ... 'q' \"q\" Ελληνικά Кириллица",
        "Table: ## caption",
        "a|b",
    );
    let expected = visible(
        "#set page(width: 1cm) Å ß = Heading // ] *not bold* $x$ <tag> @ref \\ ` ~ -- ... 'q' \"q\" Ελληνικά Кириллица",
    );
    assert!(
        in_order(&text, &expected),
        "{}",
        text.iter().collect::<String>()
    );
}

/// An exempt report: `subject`, then `paragraphs`, one page each.
fn exempt_report(subject: &str, paragraphs: &[String]) -> String {
    let pages: Vec<String> = paragraphs.iter().map(|p| markdown_literal(p)).collect();
    format!(
        "---\nkind: briefing-note\nsubject: {}\n---\n\n# Exempt\n\n{}\n",
        yaml_quoted(subject),
        pages.join("\n\n---\n\n")
    )
}

/// Builds a meeting with a public note and a private item holding `exempt`: the
/// public pack's bytes, and the members' pack's.
fn packs_with_exempt(exempt: &str) -> (Vec<u8>, Vec<u8>) {
    let project = Project::new();
    let items = "  - kind: briefing-note\n    title: Public\n    documents: [public.md]\nprivate_items:\n  - kind: report\n    title: Contract Award\n    exempt_paragraph: 3\n    documents: [exempt.md]\n";
    project.write("m", "meeting.yaml", &meeting_yaml(items));
    project.write("m", "public.md", &note_with_pages("public", 2));
    project.write("m", "exempt.md", exempt);
    build_all(project.root());
    let output = agenda_pack(project.root(), &["build", "--private"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read = |pack: &str| std::fs::read(project.pdf(pack)).expect("the pack is written");
    (read("m"), read("m-private"))
}

/// An exempt report's subject and page, in characters the bundled fonts print (the
/// property is about leaks, not fonts).
const SUBJECT: &str = "[A-Za-z0-9 ,.;:()£%&'éèüßŁ-]{1,40}";
const PAGE: &str = "[A-Za-z0-9 ,.;:()£%&'éèüßŁ-]{0,400}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn the_public_pack_does_not_depend_on_the_exempt_documents(
        first in (SUBJECT, prop::collection::vec(PAGE, 1..4)),
        second in (SUBJECT, prop::collection::vec(PAGE, 1..4)),
    ) {
        // Subjects that print differently, so the members' packs must differ.
        prop_assume!(!visible(&first.0).is_empty() && !visible(&second.0).is_empty());
        prop_assume!(visible(&first.0) != visible(&second.0));
        let (first, second) = (exempt_report(&first.0, &first.1), exempt_report(&second.0, &second.1));
        let (public_1, members_1) = packs_with_exempt(&first);
        let (public_2, members_2) = packs_with_exempt(&second);
        // The exempt reports were read and printed: the members' packs differ.
        prop_assert!(members_1 != members_2, "the members' packs are the same");
        prop_assert!(public_1 == public_2, "the public pack changes with the exempt report");
    }
}
