//! Fuzzes the Markdown converter: any input is refused with a content error, or gives
//! typst markup that parses, calls only what the converter writes, and prints the
//! author's text unchanged; never a panic.
//!
//! What is asserted of the markup, in each flavour (note, report, minutes, appendix):
//! 1. typst parses it without a syntax error;
//! 2. its only code is calls of the functions the converter writes (typst's own and the
//!    house style's, each defined in `templates/style.typ`: [`CALLS`]) with the named
//!    arguments it gives them, and literal values ([`LITERALS`]): no other identifier,
//!    no `let`, `set`, `show`, `import`, field access, markup shorthand or smart quote.
//!    `#read("/etc/passwd")` parses, and is refused here;
//! 3. its *printed text* equals the input's *author's text*, both taken as the sequence
//!    of their non-white-space characters (white space is layout, not content):
//!    - printed text: in tree order, the markup's text nodes and escaped characters,
//!      and the author's strings: `raw`'s code and `captioned-figure`'s `alt:`. What the
//!      converter generates is not printed text: numbers in string arguments, a
//!      figure's `Figure N` caption, the `Table N` before a table's caption, the front
//!      matter's recommendations section, and link destinations;
//!    - author's text: the text and code spans pulldown-cmark reads from the input
//!      (entities decoded, backslash escapes removed), with the rewrites the converter
//!      documents: a footnote's text at each reference to it; a minute cross reference
//!      as `Minute N/YY`; an image as its description; the leading `Table:` of a
//!      caption, `Appendix:` of an appendix heading, `Part:` of a part heading, `{-}` of
//!      an unnumbered paragraph and `{number=N}` of a numbered one dropped; a heading's
//!      `{...}` attributes and lettered list markers (`a)`, `(iv)`) read as Markdown
//!      syntax; `[landscape]` and `[/landscape]` paragraphs dropped.

#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use agenda_pack::markup::{Assets, Flavour, as_commonmark, render};
use agenda_pack::model::{
    AppendixScheme, MarkdownSource, MinuteRef, Recommendations, SubParagraphs,
};
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use typst::syntax::{SyntaxKind, SyntaxNode, ast};

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

/// The functions the converter calls, each with the named arguments it gives: typst's
/// own, then (from [`HOUSE_STYLE`]) those of `templates/style.typ`.
const CALLS: &[(&str, &[&str])] = &[
    ("raw", &["block", "lang"]),
    ("linebreak", &[]),
    ("pagebreak", &["weak"]),
    ("footnote", &[]),
    ("link", &[]),
    ("quote", &["block"]),
    ("emph", &[]),
    ("strong", &[]),
    ("strike", &[]),
    ("enum", &["start", "numbering"]),
    ("list", &[]),
    ("section-heading", &[]),
    ("subheading", &[]),
    ("numbered-subheading", &[]),
    ("appendix-heading", &[]),
    ("part-heading", &[]),
    ("unnumbered-section", &[]),
    ("minute-heading", &[]),
    ("business-heading", &[]),
    ("numbered-par", &[]),
    ("indented", &[]),
    ("landscape", &[]),
    ("resolved", &[]),
    ("captioned-figure", &["alt", "width"]),
    (
        "captioned-table",
        &["caption", "alignments", "header", "rows", "total"],
    ),
];

/// Where the house style's functions start in [`CALLS`].
const HOUSE_STYLE: usize = 11;

/// Syntax allowed besides calls and their argument names: markup text, the source
/// markers (block comments) and literal argument values.
const LITERALS: &[SyntaxKind] = &[
    SyntaxKind::Markup,
    SyntaxKind::Text,
    SyntaxKind::Space,
    SyntaxKind::Parbreak,
    SyntaxKind::Escape,
    SyntaxKind::BlockComment,
    SyntaxKind::Hash,
    SyntaxKind::Semicolon,
    SyntaxKind::ContentBlock,
    SyntaxKind::LeftBracket,
    SyntaxKind::RightBracket,
    SyntaxKind::LeftParen,
    SyntaxKind::RightParen,
    SyntaxKind::Comma,
    SyntaxKind::Array,
    SyntaxKind::Str,
    SyntaxKind::Int,
    SyntaxKind::Bool,
    SyntaxKind::Numeric,
];

/// A table column's alignment: the only identifiers allowed as values.
const ALIGNMENTS: &[&str] = &["left", "center", "right"];

/// The house style defines every function of [`CALLS`] it is said to.
static HOUSE_FUNCTIONS_DEFINED: LazyLock<()> = LazyLock::new(|| {
    let style = include_str!("../../templates/style.typ");
    for (name, _) in &CALLS[HOUSE_STYLE..] {
        assert!(
            style.contains(&format!("#let {name}(")),
            "style.typ defines no `{name}`"
        );
    }
});

fuzz_target!(|text: &str| {
    LazyLock::force(&HOUSE_FUNCTIONS_DEFINED);
    let source = MarkdownSource {
        file: "fuzz.md".into(),
        text: text.into(),
        first_line: 1,
    };
    let assets = Assets {
        meeting_dir: MEETING.path(),
        document_dir: PathBuf::new(),
    };
    let flavours = [
        Flavour::BriefingNote {
            appendices: AppendixScheme::Word,
            recommendations: Some(&RECOMMENDATIONS),
            sub_paragraphs: SubParagraphs::Continued,
        },
        Flavour::Report {
            appendices: AppendixScheme::Letter,
            sub_paragraphs: SubParagraphs::Unnumbered,
        },
        Flavour::Minutes { first_minute: 1 },
        Flavour::Appendix,
    ];
    for flavour in flavours {
        let Ok(rendered) = render(&source, flavour, &assets) else {
            continue;
        };
        let mut printed = String::new();
        for markup in [&rendered.body, &rendered.appendices] {
            let root = typst::syntax::parse(markup);
            let (errors, _) = root.errors_and_warnings();
            assert!(
                errors.is_empty(),
                "generated markup does not parse: {errors:?}\n{markup}"
            );
            if let Err(why) = only_converter_calls(&root) {
                panic!("{why}, in the markup of {flavour:?}:\n{markup}");
            }
            let markup = match flavour {
                Flavour::BriefingNote { .. } => without_recommendations(markup),
                _ => markup.clone(),
            };
            printed_text(&typst::syntax::parse(&markup), &mut printed);
        }
        assert_eq!(
            non_blank(&printed),
            non_blank(&authored_text(text, flavour)),
            "the printed text is not the author's, in {flavour:?}:\n{}\n{}",
            rendered.body,
            rendered.appendices
        );
    }
});

/// Checks every node of `node` is a call in [`CALLS`] with its named arguments, or in
/// [`LITERALS`].
fn only_converter_calls(node: &SyntaxNode) -> Result<(), String> {
    match node.kind() {
        SyntaxKind::FuncCall => {
            let mut children = node.children();
            let callee = children.next().expect("a call has a callee");
            let known = CALLS.iter().find(|(name, _)| {
                callee.kind() == SyntaxKind::Ident && callee.leaf_text().as_str() == *name
            });
            let Some((name, named)) = known else {
                return Err(format!("a call of `{}`", callee.full_text()));
            };
            for args in children {
                if args.kind() != SyntaxKind::Args {
                    return Err(format!("`{name}` called with {:?}", args.kind()));
                }
                for arg in args.children() {
                    if arg.kind() != SyntaxKind::Named {
                        only_converter_calls(arg)?;
                        continue;
                    }
                    let mut parts = arg.children().filter(|n| !n.kind().is_trivia());
                    let (Some(key), Some(_colon), Some(value)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        return Err(format!("an incomplete argument of `{name}`"));
                    };
                    if !named.contains(&key.leaf_text().as_str()) {
                        return Err(format!("`{name}` given `{}:`", key.leaf_text()));
                    }
                    if key.leaf_text() != "alignments" {
                        only_converter_calls(value)?;
                        continue;
                    }
                    if value.kind() != SyntaxKind::Array {
                        return Err(format!("alignments given as {:?}", value.kind()));
                    }
                    for item in value.children() {
                        if item.kind() != SyntaxKind::Ident {
                            only_converter_calls(item)?;
                        } else if !ALIGNMENTS.contains(&item.leaf_text().as_str()) {
                            return Err(format!("the alignment `{}`", item.leaf_text()));
                        }
                    }
                }
            }
            Ok(())
        }
        kind if LITERALS.contains(&kind) => node.children().try_for_each(only_converter_calls),
        kind => Err(format!("{kind:?} `{}`", node.full_text())),
    }
}

/// Appends the printed text of `node` (see the module docs) to `out`.
fn printed_text(node: &SyntaxNode, out: &mut String) {
    match node.kind() {
        SyntaxKind::Text => out.push_str(node.leaf_text()),
        SyntaxKind::Escape => out.push(node.cast::<ast::Escape>().expect("an escape").get()),
        SyntaxKind::FuncCall => {
            let name = node
                .children()
                .next()
                .expect("a callee")
                .leaf_text()
                .clone();
            for arg in node.children().flat_map(SyntaxNode::children) {
                match arg.kind() {
                    SyntaxKind::Named => {
                        let mut parts = arg.children().filter(|n| !n.kind().is_trivia());
                        let key = parts.next().expect("a name").leaf_text().clone();
                        let value = parts.nth(1).expect("a value");
                        match (name.as_str(), key.as_str()) {
                            ("captioned-figure", "alt") => out.push_str(&string(value)),
                            ("captioned-table", "caption") => {
                                let mut caption = String::new();
                                printed_text(value, &mut caption);
                                out.push_str(without_table_number(&non_blank(&caption)));
                            }
                            _ => printed_text(value, out),
                        }
                    }
                    SyntaxKind::Str if name == "raw" => out.push_str(&string(arg)),
                    SyntaxKind::ContentBlock if name == "captioned-figure" => {}
                    _ => printed_text(arg, out),
                }
            }
        }
        _ => node.children().for_each(|child| printed_text(child, out)),
    }
}

/// The value of a string literal.
fn string(node: &SyntaxNode) -> String {
    node.cast::<ast::Str>().expect("a string").get().to_string()
}

/// A table's caption without the `Table N` (and `:`) the converter puts before it.
fn without_table_number(caption: &str) -> &str {
    let rest = caption
        .strip_prefix("Table")
        .expect("a table caption starts `Table N`");
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.strip_prefix(':').unwrap_or(rest)
}

/// `markup` without the recommendations section the converter makes from the front
/// matter: its exact markup, which escaped author text cannot spell.
fn without_recommendations(markup: &str) -> String {
    let mut out = markup.to_string();
    for section in 1..=3 {
        let generated = format!(
            "#section-heading(\"{section}\")[Recommendations]\n\n#numbered-par(\"{section}.1\")[The Board is recommended to\\:]\n\n#indented[#enum(start: 1, [Note it\\.])]\n\n"
        );
        out = out.replacen(&generated, "", 1);
    }
    out
}

/// A paragraph's leading `{number=N}` (N a number from 1), which is not printed.
fn paragraph_number_marker(plain: &str) -> Option<&str> {
    let rest = plain.strip_prefix("{number=")?;
    let end = rest.find('}')?;
    rest[..end]
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|&n| n >= 1)
        .map(|_| &plain[..9 + end])
}

/// The non-white-space characters of `text`.
fn non_blank(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A block or inline construct being read, with its text so far.
#[derive(Default)]
struct Frame {
    /// Everything it prints.
    text: String,
    /// What the converter calls its plain text: text and code spans, soft breaks and
    /// the plain text of the links and emphasis inside; not image descriptions or
    /// footnotes.
    plain: String,
    /// Its text before the first construct that is not text (what the converter
    /// strips a leading `Table:`, `Appendix:` or `{-}` from).
    leading: String,
    /// Whether `leading` is still growing.
    leading_open: bool,
    /// For a minute cross reference, the reference printed in its place.
    minute: Option<String>,
}

impl Frame {
    fn open() -> Self {
        Self {
            leading_open: true,
            ..Self::default()
        }
    }

    /// Adds plain text; `as_text` when the converter writes it as markup text (not as
    /// a `#raw` call).
    fn push_plain(&mut self, text: &str, as_text: bool) {
        self.text.push_str(text);
        self.plain.push_str(text);
        if self.leading_open && as_text {
            self.leading.push_str(text);
        } else {
            self.leading_open = false;
        }
    }

    /// Adds printed text that is not plain text (a footnote, an image, a block).
    fn push_other(&mut self, text: &str) {
        self.text.push_str(text);
        self.leading_open = false;
    }

    /// Its text without `prefix`, repeated, at the start of its leading text.
    fn text_without(&self, prefix: &str) -> String {
        let leading = self.leading.trim_start();
        let mut rest = leading;
        while let Some(after) = rest.strip_prefix(prefix) {
            rest = after;
        }
        self.text.trim_start()[leading.len() - rest.len()..].to_string()
    }
}

/// Reads Markdown events as the converter does, collecting the author's text.
struct Reader<'a> {
    flavour: Flavour<'a>,
    footnotes: HashMap<String, String>,
    frames: Vec<Frame>,
    /// How many lists, tables, quotes and footnotes enclose the current event.
    nested: usize,
}

/// The author's text of Markdown `text` (see the module docs).
fn authored_text(text: &str, flavour: Flavour) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // Lettered and roman list markers are list markers, as the converter reads them.
    let text = as_commonmark(text);
    let events: Vec<Event> = Parser::new_ext(&text, options).collect();
    let mut reader = Reader {
        flavour,
        footnotes: HashMap::new(),
        frames: vec![Frame::open()],
        nested: 0,
    };
    // Footnote texts first, as the converter collects them.
    let mut main = Vec::new();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[index] {
            let end = events[index..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::FootnoteDefinition)))
                .map_or(events.len(), |p| index + p);
            reader.nested += 1;
            reader.frames.push(Frame::open());
            for event in &events[index + 1..end] {
                reader.event(event);
            }
            let body = reader.frames.pop().expect("the footnote's frame").text;
            reader.nested -= 1;
            reader.footnotes.insert(label.to_string(), body);
            index = end + 1;
        } else {
            main.push(events[index].clone());
            index += 1;
        }
    }
    for event in &main {
        reader.event(event);
    }
    reader.frames.pop().expect("the root frame").text
}

impl Reader<'_> {
    fn top(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the root frame stays")
    }

    fn event(&mut self, event: &Event) {
        match event {
            Event::Text(text) => self.top().push_plain(text, true),
            Event::Code(code) => self.top().push_plain(code, false),
            Event::SoftBreak => self.top().push_plain(" ", true),
            Event::FootnoteReference(label) => {
                let body = self
                    .footnotes
                    .get(label.as_ref())
                    .cloned()
                    .unwrap_or_default();
                self.top().push_other(&body);
            }
            Event::Start(tag) => {
                if matches!(tag, Tag::List(_) | Tag::Table(_) | Tag::BlockQuote(_)) {
                    self.nested += 1;
                }
                let mut frame = Frame::open();
                if let Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    dest_url,
                    ..
                } = tag
                {
                    let reference = dest_url
                        .trim()
                        .strip_prefix("minute ")
                        .or_else(|| dest_url.trim().strip_prefix("Minute "))
                        .and_then(|n| n.parse::<MinuteRef>().ok());
                    frame.minute = Some(reference.map(|r| r.to_string()).unwrap_or_default());
                } else {
                    // Any other construct starts with markup (`#emph[`, a marker...).
                    self.top().leading_open = false;
                }
                self.frames.push(frame);
            }
            Event::End(tag) => self.end(*tag),
            _ => self.top().leading_open = false,
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let frame = self.frames.pop().expect("an end after its start");
        let top_level = self.nested == 0;
        if matches!(tag, TagEnd::List(_) | TagEnd::Table | TagEnd::BlockQuote(_)) {
            self.nested -= 1;
        }
        let minutes = matches!(self.flavour, Flavour::Minutes { .. });
        let parent = self.top();
        match tag {
            TagEnd::Paragraph if top_level => {
                let plain = frame.plain.trim();
                let text = if plain.starts_with("Table:") {
                    frame.text_without("Table:")
                } else if minutes && plain.starts_with("RESOLVED") {
                    frame.text
                } else if plain == "[landscape]" || plain == "[/landscape]" {
                    String::new()
                } else if plain.starts_with("{-}") {
                    frame.text_without("{-}")
                } else if let Some(marker) = paragraph_number_marker(plain) {
                    frame.text_without(marker)
                } else {
                    frame.text
                };
                parent.push_other(&text);
            }
            TagEnd::Heading(HeadingLevel::H1)
                if !minutes && frame.plain.trim().starts_with("Appendix:") =>
            {
                parent.push_other(&frame.text_without("Appendix:"));
            }
            TagEnd::Heading(HeadingLevel::H1)
                if !minutes && frame.plain.trim().starts_with("Part:") =>
            {
                parent.push_other(&frame.text_without("Part:"));
            }
            // An image prints its description: the plain text inside it.
            TagEnd::Image => parent.push_other(&frame.plain),
            // A minute cross reference is written as plain text.
            TagEnd::Link if frame.minute.is_some() => {
                parent.push_plain(frame.minute.as_deref().unwrap_or_default(), true);
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                parent.text.push_str(&frame.text);
                parent.plain.push_str(&frame.plain);
            }
            _ => parent.push_other(&frame.text),
        }
    }
}
