//! The walk over a Markdown body's events, shared by both targets: numbered sections
//! and paragraphs, lists, captioned tables and figures, footnotes, appendices and
//! minutes, every number and check decided here and spelled by a back end.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::backend::{Backend, Footnote, Inline};
use super::flavour::{Assets, Flavour, Rendered};
use super::html_backend::Html;
use super::links::live_address;
use super::list::Prepared;
use super::table::{CaptionLine, LINE_BREAK, TableFrame, is_line_break};
use super::typst_backend::Typst;
use crate::error::{ContentError, Location};
use crate::model::{MarkdownSource, MinuteRef, Recommendations};
use crate::typeset::Unprintable;

// Child modules, so that their methods reach the converter's state.
#[path = "figure.rs"]
mod figure;
#[path = "heading.rs"]
mod heading;
#[path = "paragraph.rs"]
mod paragraph;
use heading::{HeadingAttributes, Numbering};

/// How deep constructs may nest: far beyond any council document, well within what
/// typst's parser accepts (deeper input would make typst fail).
const MAX_NESTING: usize = 20;

/// Converts `source` into typst markup in the given flavour, or fails with every
/// mistake of the document, in source order. A mistake in one construct (a character
/// the fonts lack, a refused link, a bad image or attribute, raw HTML, a bad table) is
/// recorded and the conversion goes on; one that leaves the document's structure
/// unclear (a heading inside a list, nesting too deep) ends it there.
pub fn render(
    source: &MarkdownSource,
    flavour: Flavour,
    assets: &Assets,
) -> Result<Rendered, Vec<ContentError>> {
    convert(source, flavour, assets, &Typst)
}

/// Converts `source` into an HTML fragment for the web edition: the same walk, numbers,
/// checks and errors as [`render`], so a paragraph numbered `2.3` in print is
/// `<p id="p2.3">` here. All author text is escaped; raw HTML is refused as in print.
pub fn render_html(
    source: &MarkdownSource,
    flavour: Flavour,
    assets: &Assets,
) -> Result<Rendered, Vec<ContentError>> {
    convert(source, flavour, assets, &Html)
}

/// The one walk over the Markdown, printing through `backend`.
fn convert(
    source: &MarkdownSource,
    flavour: Flavour,
    assets: &Assets,
    backend: &dyn Backend,
) -> Result<Rendered, Vec<ContentError>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let prepared = Prepared::new(&source.text);
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&prepared.text, options)
        .into_offset_iter()
        .collect();
    let mut converter = Converter::new(source, flavour, assets, &prepared, backend);
    let converted = converter
        .collect_footnotes(&events)
        .and_then(|main| converter.run(&main));
    // After a stop the buffers are not balanced: nothing more is made of them.
    let (rendered, mut errors) = match converted {
        Ok(()) => converter.finish(),
        Err(stop) => {
            let mut errors = converter.errors;
            errors.push(stop);
            (None, errors)
        }
    };
    match rendered {
        Some(rendered) if errors.is_empty() => Ok(rendered),
        _ => {
            // Footnotes are converted first: report in the order the author reads.
            errors.sort_by_key(|e| (e.location.line, e.location.column));
            Err(errors)
        }
    }
}

/// A buffer of output being built for one construct, with its plain text.
#[derive(Default)]
struct Buffer {
    markup: String,
    plain: String,
    /// Whether the buffer holds a figure (so a paragraph of just an image is a figure).
    has_figure: bool,
}

/// Where a block sits: paragraphs are numbered only at the top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    List,
    Table,
    Quote,
    Footnote,
}

/// Where a link or image being collected points.
enum Target {
    /// A web, e-mail or telephone address.
    Url(String),
    /// An image's path, as written.
    Image(String),
    /// A minute, from `[[minute 22/26]]`.
    Minute(MinuteRef),
    /// A link already reported as wrong: its text is kept, so the conversion goes on.
    Refused,
}

/// A list being collected.
struct ListFrame {
    start: Option<u64>,
    /// The numbering of a lettered or roman list.
    pattern: Option<String>,
    items: Vec<String>,
}

struct Converter<'a> {
    /// The output being written.
    backend: &'a dyn Backend,
    source: &'a MarkdownSource,
    /// The text as parsed, with its lettered list markers.
    prepared: &'a Prepared,
    flavour: Flavour<'a>,
    assets: &'a Assets<'a>,
    buffers: Vec<Buffer>,
    contexts: Vec<Context>,
    lists: Vec<ListFrame>,
    tables: Vec<TableFrame>,
    footnotes: HashMap<String, String>,
    /// Destinations of the links and images being collected, innermost last.
    targets: Vec<Target>,
    /// The minute cross references met so far.
    minute_refs: Vec<(MinuteRef, Location)>,
    /// Titles (captions) of the images being collected.
    image_titles: Vec<String>,
    /// The language of the code block being collected.
    code_lang: Option<String>,
    numbering: Numbering,
    /// The attributes of the heading being collected.
    heading: HeadingAttributes,
    minutes: u32,
    appendices: u32,
    /// Whether the text is inside an appendix (not the main body or a second part).
    in_appendix: bool,
    tables_seen: u32,
    figures_seen: u32,
    /// A `Table:` caption waiting for its table, with where it was written.
    pending_caption: Option<CaptionLine>,
    /// A `RESOLVED` paragraph waiting for the list that completes the decision.
    pending_resolved: Option<String>,
    /// The main text, set aside when the first appendix starts.
    main_body: Option<String>,
    /// Where an open landscape section started.
    landscape: Option<usize>,
    /// Front-matter recommendations not yet printed.
    recommendations: Option<&'a Recommendations>,
    /// Byte offsets where the source's lines start, for the source markers.
    line_starts: Vec<usize>,
    /// The mistakes met so far that did not stop the conversion.
    errors: Vec<ContentError>,
    /// Footnote references so far (footnotes are numbered in reading order).
    footnotes_referred: u32,
    /// The footnotes referred to in the current part, not yet listed.
    notes: Vec<Footnote>,
    /// The images used, each once.
    images: Vec<String>,
    /// The ids given so far (an HTML page's ids must be unique).
    ids: HashSet<String>,
    /// How many `# Part:` headings have started a numbering again.
    parts: u32,
    /// Tables without a caption so far (their ids).
    untitled_tables: u32,
}

impl<'a> Converter<'a> {
    fn new(
        source: &'a MarkdownSource,
        flavour: Flavour<'a>,
        assets: &'a Assets<'a>,
        prepared: &'a Prepared,
        backend: &'a dyn Backend,
    ) -> Self {
        Self {
            backend,
            source,
            prepared,
            flavour,
            assets,
            buffers: vec![Buffer::default()],
            contexts: Vec::new(),
            lists: Vec::new(),
            tables: Vec::new(),
            footnotes: HashMap::new(),
            targets: Vec::new(),
            minute_refs: Vec::new(),
            image_titles: Vec::new(),
            code_lang: None,
            numbering: Numbering::default(),
            heading: HeadingAttributes::default(),
            minutes: 0,
            appendices: 0,
            in_appendix: false,
            tables_seen: 0,
            figures_seen: 0,
            pending_caption: None,
            pending_resolved: None,
            main_body: None,
            landscape: None,
            recommendations: match flavour {
                Flavour::BriefingNote {
                    recommendations, ..
                } => recommendations,
                _ => None,
            },
            line_starts: std::iter::once(0)
                .chain(source.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            errors: Vec::new(),
            footnotes_referred: 0,
            notes: Vec::new(),
            images: Vec::new(),
            ids: HashSet::new(),
            parts: 0,
            untitled_tables: 0,
        }
    }

    /// An id unique in the converted body, from `base` (`p2.3`): a second numbered
    /// part prefixes its own, and a number given twice gets `-2`.
    fn unique_id(&mut self, base: &str) -> String {
        let base = match self.parts {
            0 => base.to_string(),
            part => format!("part{part}-{base}"),
        };
        let mut id = base.clone();
        let mut count = 1;
        while !self.ids.insert(id.clone()) {
            count += 1;
            id = format!("{base}-{count}");
        }
        id
    }

    /// The footnotes referred to since the last list of them, listed.
    fn take_footnotes(&mut self) -> String {
        let notes = std::mem::take(&mut self.notes);
        if notes.is_empty() {
            return String::new();
        }
        self.backend.footnotes(&notes)
    }

    /// The source marker for byte `offset` of the Markdown text.
    fn marker(&self, offset: usize) -> String {
        let at = self.location(offset);
        self.backend.source_marker(at.line, at.column)
    }

    /// The file, line and column of byte `offset` of the Markdown text.
    fn location(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.source.text[start..offset.min(self.source.text.len())]
            .chars()
            .count()
            + 1;
        Location::new(&self.source.file, self.source.first_line + line - 1, column)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> ContentError {
        ContentError::new(self.location(offset), message)
    }

    /// Records a mistake that leaves the structure whole, so the conversion goes on
    /// to find the next one (its output is never used).
    fn report(&mut self, error: ContentError) {
        self.errors.push(error);
    }

    /// Renders footnote definitions up front (a reference may come before its text)
    /// and returns the remaining events.
    fn collect_footnotes<'e>(
        &mut self,
        events: &'e [(Event<'e>, Range<usize>)],
    ) -> Result<Vec<(Event<'e>, Range<usize>)>, ContentError> {
        let mut main = Vec::with_capacity(events.len());
        let mut index = 0;
        while index < events.len() {
            if let (Event::Start(Tag::FootnoteDefinition(label)), _) = &events[index] {
                let end = events[index..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::FootnoteDefinition)))
                    .map_or(events.len(), |p| index + p);
                self.contexts.push(Context::Footnote);
                self.buffers.push(Buffer::default());
                self.run(&events[index + 1..end])?;
                let body = self.pop().markup;
                self.contexts.pop();
                self.footnotes
                    .insert(label.to_string(), body.trim().to_string());
                index = end + 1;
            } else {
                main.push(events[index].clone());
                index += 1;
            }
        }
        Ok(main)
    }

    fn run(&mut self, events: &[(Event, Range<usize>)]) -> Result<(), ContentError> {
        for (event, range) in events {
            self.event(event, range.clone())?;
        }
        Ok(())
    }

    fn top(&mut self) -> &mut Buffer {
        self.buffers
            .last_mut()
            .expect("the root buffer is never popped")
    }

    fn push(&mut self) {
        self.buffers.push(Buffer::default());
    }

    fn pop(&mut self) -> Buffer {
        self.buffers.pop().expect("pushes and pops are paired")
    }

    fn write(&mut self, markup: &str) {
        self.top().markup.push_str(markup);
    }

    fn at_top_level(&self) -> bool {
        self.contexts.is_empty()
    }

    /// Writes a top-level block, first flushing a decision that found no list.
    fn block(&mut self, markup: &str) {
        if let Some(resolved) = self.pending_resolved.take() {
            let flushed = self.backend.resolved(&resolved, None);
            self.write(&flushed);
        }
        self.write(markup);
    }

    fn event(&mut self, event: &Event, range: Range<usize>) -> Result<(), ContentError> {
        match event {
            Event::Start(tag) => self.start(tag, range)?,
            Event::End(tag) => self.end(*tag, range)?,
            Event::Text(text) => {
                // Alternative text is read out, never drawn: only drawn text needs glyphs.
                if !self.in_image() {
                    self.check_printable(text, &range);
                }
                let escaped = self.backend.text(text);
                let buffer = self.top();
                buffer.markup.push_str(&escaped);
                buffer.plain.push_str(text);
            }
            Event::Code(code) => {
                self.check_printable(code, &range);
                let markup = self.backend.code(code);
                let buffer = self.top();
                buffer.markup.push_str(&markup);
                buffer.plain.push_str(code);
            }
            Event::SoftBreak => {
                let buffer = self.top();
                buffer.markup.push(' ');
                buffer.plain.push(' ');
            }
            Event::HardBreak => {
                let markup = self.backend.line_break();
                self.write(&markup);
            }
            Event::Rule => {
                if self.pending_caption.is_some() || !self.at_top_level() {
                    let error = self.error(
                        range.start,
                        "a page break (`---`) must stand on its own between blocks",
                    );
                    self.report(error);
                } else {
                    let markup = self.backend.page_break();
                    self.block(&markup);
                }
            }
            Event::FootnoteReference(label) => {
                // Footnote texts are converted before the main text, so a reference
                // between them would find nothing: say what is wrong instead.
                if self.contexts.contains(&Context::Footnote) {
                    let error = self
                        .error(
                            range.start,
                            format!("a footnote cannot refer to another footnote (`[^{label}]`)"),
                        )
                        .with_hint(format!(
                            "write what `[^{label}]` says into this footnote, or refer to it from the main text"
                        ));
                    self.report(error);
                    return Ok(());
                }
                let Some(body) = self.footnotes.get(label.as_ref()).cloned() else {
                    let error = self
                        .error(range.start, format!("footnote `[^{label}]` has no text"))
                        .with_hint(format!(
                            "add a line `[^{label}]: the footnote text` below the paragraph"
                        ));
                    self.report(error);
                    return Ok(());
                };
                self.footnotes_referred += 1;
                let note = Footnote {
                    number: self.footnotes_referred,
                    body,
                };
                let markup = self.backend.footnote_reference(&note);
                self.notes.push(note);
                self.write(&markup);
            }
            Event::InlineHtml(html)
                if self.contexts.last() == Some(&Context::Table) && is_line_break(html) =>
            {
                let buffer = self.top();
                buffer.markup.push(LINE_BREAK);
                buffer.plain.push(LINE_BREAK);
            }
            // Reported once, where its HTML block starts.
            Event::Html(_) => {}
            Event::InlineHtml(_) => {
                let error = self
                    .error(range.start, "raw HTML is not allowed in a document")
                    .with_hint(
                        "write the text without HTML tags; to print a literal `<`, write `\\<`",
                    );
                self.report(error);
            }
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                let error = self.error(
                    range.start,
                    "this Markdown construct is not part of the house style",
                );
                self.report(error);
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: &Tag, range: Range<usize>) -> Result<(), ContentError> {
        if self.buffers.len() > MAX_NESTING {
            return Err(self
                .error(
                    range.start,
                    "lists, quotes or emphasis are nested too deeply",
                )
                .with_hint(format!(
                    "nest at most {MAX_NESTING} levels; the house style needs two or three"
                )));
        }
        if self.at_top_level()
            && matches!(
                tag,
                Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::List(_)
                    | Tag::Table(_)
                    | Tag::CodeBlock(_)
                    | Tag::BlockQuote(_)
            )
        {
            let marker = self.marker(range.start);
            self.write(&marker);
        }
        match tag {
            Tag::Paragraph | Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::TableCell => {
                self.push()
            }
            Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            } => {
                let reference = dest_url
                    .trim()
                    .strip_prefix("minute ")
                    .or_else(|| dest_url.trim().strip_prefix("Minute "))
                    .and_then(|number| number.parse::<MinuteRef>().ok());
                let target = match reference {
                    Some(reference) => {
                        let location = self.location(range.start);
                        self.minute_refs.push((reference, location));
                        Target::Minute(reference)
                    }
                    None => {
                        let error = self.error(
                            range.start,
                            format!("`[[{dest_url}]]` is not a minute cross reference"),
                        )
                        .with_hint("double brackets refer to a minute: write `[[minute 22/26]]` (minute number / two-digit municipal year)");
                        self.report(error);
                        Target::Refused
                    }
                };
                self.targets.push(target);
                self.push();
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let target = match live_address(*link_type, dest_url) {
                    Ok(address) => Target::Url(address),
                    Err(refusal) => {
                        let error = self
                            .error(range.start, refusal.to_string())
                            .with_hint(refusal.hint());
                        self.report(error);
                        Target::Refused
                    }
                };
                self.targets.push(target);
                self.push();
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                // A figure is a block with a caption; a link holds inline text.
                if self.targets.iter().any(|t| matches!(t, Target::Url(_))) {
                    let error = self
                        .error(range.start, "an image cannot be a link")
                        .with_hint("put the link in the caption's paragraph or the text next to the figure, not around the image");
                    self.report(error);
                }
                self.targets.push(Target::Image(dest_url.to_string()));
                self.image_titles.push(title.to_string());
                self.push();
            }
            Tag::CodeBlock(kind) => {
                self.code_lang = match kind {
                    CodeBlockKind::Fenced(lang) if !lang.is_empty() => Some(lang.to_string()),
                    _ => None,
                };
                self.push();
            }
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.heading = match HeadingAttributes::read(id.as_deref(), classes, attrs) {
                    Ok(attributes) => attributes,
                    Err(bad) => {
                        let error = self
                            .error(range.start, bad.to_string())
                            .with_hint(bad.hint());
                        self.report(error);
                        HeadingAttributes::default()
                    }
                };
                if !self.at_top_level() {
                    return Err(self.error(
                        range.start,
                        "a heading cannot stand inside a list, table or quote",
                    ));
                }
                // Still collected (its end pops it), but never printed or numbered.
                if *level > HeadingLevel::H2 {
                    let error = self.error(range.start, "heading too deep: the house style has sections (`#`) and sub-headings (`##`) only")
                        .with_hint("use `#` for a numbered section or `##` for a sub-heading");
                    self.report(error);
                }
                self.push();
            }
            Tag::List(start) => {
                if self.at_top_level() && self.pending_resolved.is_none() {
                    self.block("");
                }
                self.contexts.push(Context::List);
                let lettered =
                    start.and_then(|_| self.prepared.list_at(range.start, &self.source.text));
                let (start, pattern) = match lettered {
                    Some((pattern, first)) => (Some(first), Some(pattern)),
                    None => (*start, None),
                };
                self.lists.push(ListFrame {
                    start,
                    pattern,
                    items: Vec::new(),
                });
            }
            Tag::Item => self.push(),
            Tag::BlockQuote(_) => {
                self.contexts.push(Context::Quote);
                self.push();
            }
            Tag::Table(alignments) => {
                let caption = self.pending_caption.take();
                let at = self.location(range.start);
                self.block("");
                self.contexts.push(Context::Table);
                self.tables
                    .push(TableFrame::new(alignments.clone(), caption, at));
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::HtmlBlock => {
                let error = self
                    .error(range.start, "raw HTML is not allowed in a document")
                    .with_hint("write the text without HTML tags");
                self.report(error);
            }
            Tag::FootnoteDefinition(_) => unreachable!("footnote definitions are collected first"),
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {
                let error = self.error(
                    range.start,
                    "this Markdown construct is not part of the house style",
                );
                self.report(error);
            }
        }
        if !matches!(tag, Tag::Table(_))
            && let Some(CaptionLine { at, .. }) = self.pending_caption.take()
        {
            let error = self
                .error(
                    at,
                    "a `Table:` caption must be followed directly by a table",
                )
                .with_hint(
                    "put the table right below the caption line, with one blank line between",
                );
            self.report(error);
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) -> Result<(), ContentError> {
        match tag {
            TagEnd::Paragraph => self.end_paragraph(range)?,
            TagEnd::Heading(level) => self.end_heading(level, range)?,
            TagEnd::Emphasis => self.wrap_inline(Inline::Emphasis),
            TagEnd::Strong => self.wrap_inline(Inline::Strong),
            TagEnd::Strikethrough => self.wrap_inline(Inline::Strikethrough),
            TagEnd::Link => {
                let inner = self.pop();
                let (markup, plain) = match self.targets.pop().expect("a link ends after it starts")
                {
                    Target::Url(url) => (
                        self.backend
                            .link(&self.marker(range.start), &url, &inner.markup),
                        inner.plain,
                    ),
                    // The reference is printed in the house style whatever the link text.
                    Target::Minute(reference) => {
                        let text = reference.to_string();
                        (self.backend.text(&text), text)
                    }
                    Target::Refused => (inner.markup, inner.plain),
                    Target::Image(_) => unreachable!("an image ends before its link"),
                };
                let buffer = self.top();
                buffer.markup.push_str(&markup);
                buffer.plain.push_str(&plain);
            }
            TagEnd::Image => self.end_image(range)?,
            TagEnd::CodeBlock => {
                let inner = self.pop();
                let lang = self.code_lang.take();
                let markup = self
                    .backend
                    .code_block(lang.as_deref(), inner.plain.trim_end());
                self.block(&markup);
            }
            TagEnd::List(_) => self.end_list(),
            TagEnd::Item => {
                let item = self.pop();
                let frame = self.lists.last_mut().expect("an item is inside a list");
                frame.items.push(item.markup.trim().to_string());
            }
            TagEnd::BlockQuote(_) => {
                self.contexts.pop();
                let inner = self.pop();
                let markup = self.backend.quote(inner.markup.trim());
                self.block(&markup);
            }
            TagEnd::Table => self.end_table(range)?,
            TagEnd::TableHead => self.tables.last_mut().expect("inside a table").end_head(),
            TagEnd::TableRow => {
                let written = &self.source.text[range.clone()];
                let table = self.tables.last_mut().expect("inside a table");
                if let Err(problem) = table.end_row(written) {
                    let error = self
                        .error(range.start, problem.to_string())
                        .with_hint(problem.hint());
                    self.report(error);
                }
            }
            TagEnd::TableCell => {
                let cell = self.pop();
                let written = &self.source.text[range];
                let table = self.tables.last_mut().expect("inside a table");
                table.end_cell(&cell.markup, &cell.plain, written, self.backend);
            }
            TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
        Ok(())
    }

    /// Whether top-level paragraphs get numbers: in a note's sections, not its appendices.
    fn numbering_paragraphs(&self) -> bool {
        matches!(
            self.flavour,
            Flavour::BriefingNote { .. } | Flavour::Report { .. }
        ) && self.numbering.numbers_paragraphs()
            && !self.in_appendix
    }

    fn wrap_inline(&mut self, style: Inline) {
        let inner = self.pop();
        let markup = self.backend.inline(style, &inner.markup);
        let buffer = self.top();
        buffer.markup.push_str(&markup);
        buffer.plain.push_str(&inner.plain);
        buffer.has_figure |= inner.has_figure;
    }

    /// Whether the text being collected is an image's alternative text.
    fn in_image(&self) -> bool {
        matches!(self.targets.last(), Some(Target::Image(_)))
    }

    /// Reports drawn text holding characters the bundled fonts cannot draw (they would
    /// print as empty boxes), at the first such character of the text.
    fn check_printable(&mut self, text: &str, range: &Range<usize>) {
        let Some(problem) = Unprintable::find(text) else {
            return;
        };
        let at = self
            .source
            .text
            .get(range.clone())
            .and_then(|written| written.find(problem.0[0]))
            .map_or(range.start, |at| range.start + at);
        let error = self
            .error(at, problem.to_string())
            .with_hint(problem.hint());
        self.report(error);
    }

    fn end_list(&mut self) {
        self.contexts.pop();
        let frame = self.lists.pop().expect("a list ends after it starts");
        let list = self
            .backend
            .list(frame.start, frame.pattern.as_deref(), &frame.items);
        if !self.at_top_level() {
            let markup = self.backend.nested_list(&list);
            self.write(&markup);
            return;
        }
        let markup = if let Some(resolved) = self.pending_resolved.take() {
            self.backend.resolved(&resolved, Some(&list))
        } else if self.numbering_paragraphs() {
            self.backend.indented(&list)
        } else {
            self.backend.list_block(&list)
        };
        self.write(&markup);
    }

    fn end_table(&mut self, range: Range<usize>) -> Result<(), ContentError> {
        self.contexts.pop();
        let table = self.tables.pop().expect("a table ends after it starts");
        // Only captioned tables are numbered, so the text's "Table 3" finds its table.
        if table.has_caption() {
            self.tables_seen += 1;
        }
        let id = if table.has_caption() {
            self.unique_id(&format!("table-{}", self.tables_seen))
        } else {
            self.untitled_tables += 1;
            self.unique_id(&format!("table-u{}", self.untitled_tables))
        };
        match table.layout() {
            Ok(layout) => {
                let markup = self.backend.table(&layout, self.tables_seen, &id);
                self.write(&markup);
            }
            Err(problem) => {
                let error = self
                    .error(range.start, problem.to_string())
                    .with_hint(problem.hint());
                self.report(error);
            }
        }
        Ok(())
    }

    /// The converted body, unless the end finds the document unfinished; with every
    /// mistake met.
    fn finish(mut self) -> (Option<Rendered>, Vec<ContentError>) {
        if let Some(CaptionLine { at, .. }) = self.pending_caption.take() {
            let error = self.error(
                at,
                "a `Table:` caption must be followed directly by a table",
            );
            self.report(error);
        }
        if let Some(at) = self.landscape {
            let error = self
                .error(at, "the landscape section is never closed")
                .with_hint("end it with a paragraph `[/landscape]`");
            self.report(error);
            return (None, self.errors);
        }
        self.print_recommendations(self.source.text.len());
        self.block("");
        if self.in_appendix {
            self.write(self.backend.appendix_end());
        }
        let notes = self.take_footnotes();
        self.write(&notes);
        let rest = self.pop().markup;
        let (backend, source) = (self.backend, self.source);
        let file = &source.file;
        let mark = |markup: String| backend.body(file, markup);
        let (body, appendices) = match self.main_body.take() {
            Some(body) => (mark(body), mark(rest)),
            None => (mark(rest), String::new()),
        };
        let rendered = Rendered {
            body,
            appendices,
            images: self.images,
            minute_refs: self.minute_refs,
            minute_count: self.minutes,
        };
        (Some(rendered), self.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::source_map;
    use crate::model::{AppendixScheme, SubParagraphs};
    use std::path::{Path, PathBuf};

    const NOTE: Flavour = Flavour::BriefingNote {
        appendices: AppendixScheme::Number,
        recommendations: None,
        sub_paragraphs: SubParagraphs::Continued,
    };

    fn convert(text: &str, flavour: Flavour) -> Result<String, ContentError> {
        convert_parts(text, flavour).map(|r| r.body + &r.appendices)
    }

    fn convert_parts(text: &str, flavour: Flavour) -> Result<Rendered, ContentError> {
        convert_marked(text, flavour).map(|r| Rendered {
            body: source_map::strip_markers(&r.body),
            appendices: source_map::strip_markers(&r.appendices),
            ..r
        })
    }

    fn convert_marked(text: &str, flavour: Flavour) -> Result<Rendered, ContentError> {
        // The first mistake, as each test here pins one.
        convert_all(text, flavour).map_err(|mut errors| errors.remove(0))
    }

    fn convert_all(text: &str, flavour: Flavour) -> Result<Rendered, Vec<ContentError>> {
        let source = MarkdownSource {
            file: "note.md".into(),
            text: text.into(),
            first_line: 5,
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        std::fs::write(
            dir.path().join("images/chart.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
        )
        .unwrap();
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend([20_000u32.to_be_bytes(), 20_000u32.to_be_bytes()].concat());
        png.extend([8, 0, 0, 0, 0, 0, 0, 0, 0]);
        std::fs::write(dir.path().join("images/huge.png"), png).unwrap();
        let assets = Assets {
            meeting_dir: dir.path(),
            document_dir: PathBuf::new(),
        };
        render(&source, flavour, &assets)
    }

    fn note(text: &str) -> String {
        convert(text, NOTE).unwrap()
    }

    #[test]
    fn blocks_images_and_links_carry_source_markers_with_their_markdown_place() {
        // The source starts at line 5 of the file (after the front matter).
        let out = convert_marked(
            "# Purpose\n\nSee [the plan](https://example.org) and\n![A chart](images/chart.svg)\n",
            NOTE,
        )
        .unwrap()
        .body;
        assert!(
            out.starts_with("/*@file note.md*//*@src 5:1*/#section-heading"),
            "{out}"
        );
        assert!(out.contains("/*@src 7:1*/#numbered-par"), "{out}");
        assert!(out.contains("/*@src 7:5*/#link("), "{out}");
        assert!(out.contains("/*@src 8:1*/#captioned-figure("), "{out}");
        assert!(out.ends_with("/*@end*/"), "{out}");
    }

    #[test]
    fn paragraph_numbers_restart_in_each_section() {
        let out = note("Lead.\n\n# Purpose\n\nOne.\n\nTwo.\n\n# Background\n\nThree.\n");
        assert!(out.starts_with("Lead\\.\n\n"), "{out}");
        assert!(out.contains("#section-heading(\"1\")[Purpose]"));
        assert!(out.contains("#numbered-par(\"1.1\")[One\\.]"));
        assert!(out.contains("#numbered-par(\"1.2\")[Two\\.]"));
        assert!(out.contains("#section-heading(\"2\")[Background]"));
        assert!(out.contains("#numbered-par(\"2.1\")[Three\\.]"));
    }

    #[test]
    fn only_captioned_tables_are_numbered() {
        let out = note(
            "# Data\n\nTable: First\n\n| A | B |\n|:--|--:|\n| x | 1 |\n| Total | 1 |\n\n| C |\n|---|\n| y |\n\nTable: Second {widths=1}\n\n| D |\n|---|\n| z |\n",
        );
        assert!(out.contains("caption: [Table 1: First]"), "{out}");
        assert!(out.contains("alignments: (left, right,)"));
        assert!(out.contains("bold-rows: (1,)"), "{out}");
        assert!(out.contains("caption: none"), "{out}");
        assert!(out.contains("caption: [Table 2: Second]"), "{out}");
        assert!(out.contains("widths: (1,)"), "{out}");
    }

    #[test]
    fn cells_merge_break_lines_and_hold_bullet_lines() {
        let out = note(
            "Table: T {header=2}\n\n| Title | < |\n|---|---|\n| Year | 2025 |\n| **Sub** | Name<br>Role |\n| ^ | - a<br/>- b |\n",
        );
        assert!(
            out.contains(
                "header: (\n    ((body: [Title], colspan: 2),),\n    ([Year], [2025],),\n  ),"
            ),
            "{out}"
        );
        assert!(out.contains("(body: [#strong[Sub]], rowspan: 2)"), "{out}");
        assert!(out.contains("[Name#linebreak()Role]"), "{out}");
        assert!(out.contains("[#list([a], [b])]"), "{out}");
        assert!(out.contains("bold-rows: (0,)"), "{out}");
        // Escaped, the marks are text.
        let out =
            note("Table: Costs \\{note\\}\n\n| A | B |\n|---|---|\n| x | \\< |\n| \\- y | \\^ |\n");
        assert!(
            out.contains("caption: [Table 1: Costs \\{note\\}]"),
            "{out}"
        );
        assert!(out.contains("([x], [\\<],)"), "{out}");
        assert!(out.contains("([\\- y], [\\^],)"), "{out}");
        // Headerless: the first column names the rows.
        let out = note("| | |\n|---|---|\n| EHE | Elective home education |\n");
        assert!(out.contains("header: (\n  ),"), "{out}");
        assert!(out.contains("(body: [EHE], row-header: true)"), "{out}");
    }

    #[test]
    fn bad_merges_and_settings_are_errors_at_the_table() {
        let err = convert("Intro.\n\n| A | B |\n|---|---|\n| < | x |\n", NOTE).unwrap_err();
        assert_eq!(err.location.line, 7);
        assert!(err.message.contains("does not exist"), "{}", err.message);
        let err = convert("| A | B |\n|---|---|\n| ^ | x |\n", NOTE).unwrap_err();
        assert!(
            err.message.contains("across the end of the header"),
            "{}",
            err.message
        );
        let err = convert(
            "| A | B | C |\n|---|---|---|\n| x | y | z |\n| ^ | < | w |\n",
            NOTE,
        )
        .unwrap_err();
        assert!(err.message.contains("rectangle"), "{}", err.message);
        let err = convert("Table: T {widths=1,2}\n\n| A |\n|---|\n| x |\n", NOTE).unwrap_err();
        assert!(err.message.contains("2 shares"), "{}", err.message);
        let err = convert("Table: T {colour=red}\n\n| A |\n|---|\n| x |\n", NOTE).unwrap_err();
        assert_eq!(err.location.line, 5);
        assert!(
            err.message.contains("not a table setting"),
            "{}",
            err.message
        );
        let err = convert("Text<br>more.\n", NOTE).unwrap_err();
        assert!(err.message.contains("raw HTML"), "{}", err.message);
    }

    #[test]
    fn appendices_are_numbered_and_their_paragraphs_are_not() {
        let parts = convert_parts(
            "# One\n\nText.\n\n# Appendix: Extra data\n\nPlain.\n\n# Appendix: More\n",
            NOTE,
        )
        .unwrap();
        assert!(
            parts.body.contains("#numbered-par(\"1.1\")[Text\\.]"),
            "{}",
            parts.body
        );
        assert!(!parts.body.contains("Appendix"));
        let out = parts.appendices;
        assert!(
            out.contains("#appendix-heading(\"Appendix 1\", \"Extra data\")[Extra data]"),
            "{out}"
        );
        assert!(out.contains("\nPlain\\.\n"));
        assert!(out.contains("#appendix-heading(\"Appendix 2\", \"More\")[More]"));
    }

    #[test]
    fn minutes_continue_from_the_first_number_and_bold_the_decision() {
        let out = convert(
            "# Apologies\n\nNone.\n\n# Attendance\n\nDiscussed.\n\nRESOLVED that:\n\n1. Noted.\n2. Agreed.\n",
            Flavour::Minutes { first_minute: 14 },
        )
        .unwrap();
        assert!(out.contains("#minute-heading(\"14\")[Apologies]"), "{out}");
        assert!(out.contains("#minute-heading(\"15\")[Attendance]"));
        assert!(
            out.contains("#resolved[RESOLVED that\\:\n\n#enum(start: 1, [Noted\\.], [Agreed\\.])]")
        );
    }

    #[test]
    fn private_business_continues_the_numbering_without_a_number_of_its_own() {
        let out = convert(
            "# Budget\n\nNoted.\n\n# Private Business\n\n# Contract Award\n\nAgreed.\n",
            Flavour::Minutes { first_minute: 20 },
        )
        .unwrap();
        assert!(out.contains("#minute-heading(\"20\")[Budget]"), "{out}");
        assert!(out.contains("#business-heading[Private Business]"), "{out}");
        assert!(
            out.contains("#minute-heading(\"21\")[Contract Award]"),
            "{out}"
        );
    }

    #[test]
    fn minute_cross_references_print_in_house_style_and_are_recorded() {
        let parts = convert_parts(
            "Further to [[minute 22/26]] and [[Minute 3/25|the earlier one]], agreed.\n",
            Flavour::Minutes { first_minute: 1 },
        )
        .unwrap();
        assert!(
            parts
                .body
                .contains("Further to Minute 22\\/26 and Minute 3\\/25\\, agreed"),
            "{}",
            parts.body
        );
        let refs: Vec<(String, usize, usize)> = parts
            .minute_refs
            .iter()
            .map(|(r, at)| (r.to_string(), at.line, at.column))
            .collect();
        assert_eq!(
            refs,
            [
                ("Minute 22/26".to_string(), 5, 12),
                ("Minute 3/25".to_string(), 5, 33)
            ]
        );
        let err = convert("See [[the budget]].\n", NOTE).unwrap_err();
        assert_eq!((err.location.line, err.location.column), (5, 5));
        assert!(
            err.message.contains("not a minute cross reference"),
            "{}",
            err.message
        );
    }

    #[test]
    fn images_become_numbered_figures_and_need_alt_text() {
        let out = note("![A rising line](images/chart.svg \"Trend\")\n");
        assert!(out.contains("#captioned-figure(\"/content/images/chart.svg\", alt: \"A rising line\", width: 100%)[Figure 1: Trend]"), "{out}");
        // Without caption text, a figure has no caption and takes no number.
        let out =
            note("![A chart](images/chart.svg)\n\n![A rising line](images/chart.svg \"Trend\")\n");
        assert!(
            out.contains("alt: \"A chart\", width: 100%, none)"),
            "{out}"
        );
        assert!(out.contains("[Figure 1: Trend]"), "{out}");
        let err = convert("Intro\n\n![](images/chart.svg)\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 7, 1));
        assert!(err.message.contains("alternative text"));
    }

    #[test]
    fn missing_or_escaping_images_are_errors() {
        let err = convert("![x](images/none.png)\n", NOTE).unwrap_err();
        assert!(err.message.contains("not found"), "{}", err.message);
        let err = convert("![x](../../etc/passwd)\n", NOTE).unwrap_err();
        assert!(err.message.contains("not a path inside"), "{}", err.message);
    }

    #[test]
    fn images_over_the_pixel_limit_are_errors_at_their_line() {
        let err = convert("Intro.\n\n![A photo](images/huge.png)\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 7, 1));
        assert_eq!(
            err.message,
            "the image is 20000 x 20000 pixels, more than the limit of 40 megapixels (`images/huge.png`)"
        );
        assert!(err.hint.is_some());
    }

    #[test]
    fn only_web_mail_and_telephone_links_are_live() {
        let err = convert("Intro.\n\nSee [x](javascript:alert(1)).\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 7, 5));
        assert_eq!(
            err.message,
            "the link `javascript:alert(1)` uses the scheme `javascript:`, which is not made live"
        );
        let err = convert("See [x][r].\n\n[r]: report.pdf\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 5, 5));
        assert_eq!(err.message, "the link `report.pdf` is not a full address");
        let err = convert("See <file:///etc/passwd>.\n", NOTE).unwrap_err();
        assert!(err.message.contains("`file:`"), "{}", err.message);
        let out = note("Write to <clerk@example.org> or [ring](tel:+441632960001).\n");
        assert!(
            out.contains("#link(\"mailto:clerk@example.org\")[clerk\\@example\\.org]"),
            "{out}"
        );
        assert!(out.contains("#link(\"tel:+441632960001\")[ring]"), "{out}");
    }

    #[test]
    fn an_image_inside_a_link_is_an_error_at_the_image() {
        let err = convert(
            "[![A chart](images/chart.svg)](https://example.org)\n",
            NOTE,
        )
        .unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 5, 2));
        assert_eq!(err.message, "an image cannot be a link");
    }

    #[test]
    fn a_footnote_referring_to_another_is_told_so() {
        let err = convert("Text[^a].\n\n[^a]: See [^b].\n\n[^b]: Later.\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 7, 11));
        assert_eq!(
            err.message,
            "a footnote cannot refer to another footnote (`[^b]`)"
        );
    }

    #[test]
    fn characters_the_fonts_lack_are_errors_at_their_column() {
        let err = convert("Intro.\n\nWell done 😀 and `☃`.\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 7, 11));
        assert_eq!(
            err.message,
            "U+1F600 (😀) cannot be printed: the font Liberation Sans has no glyph for it"
        );
        let err = convert("Code `x ☃`.\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 5, 9));
        let err = convert("![A chart](images/chart.svg \"Up 📈\")\n", NOTE).unwrap_err();
        assert!(err.message.starts_with("U+1F4C8"), "{}", err.message);
        // Alternative text is read out, not drawn.
        assert!(convert("![A smile 😀](images/chart.svg)\n", NOTE).is_ok());
        assert!(convert("Café – £5 → “quoted”\n", NOTE).is_ok());
    }

    #[test]
    fn a_figure_wider_than_the_text_is_an_error() {
        let err = convert("![A chart](images/chart.svg \"T {width=200%}\")\n", NOTE).unwrap_err();
        assert_eq!(err.location, Location::new("note.md", 5, 1));
        assert!(
            err.message.contains("outside the allowed range"),
            "{}",
            err.message
        );
    }

    #[test]
    fn author_text_cannot_inject_typst() {
        let out = note("#set text(red) $x$ #read(\"/etc/passwd\") ]] [[ // comment\n");
        let unescaped_hash = out
            .match_indices('#')
            .any(|(i, _)| i == 0 || &out[i - 1..i] != "\\");
        assert!(!unescaped_hash, "{out}");
        assert!(out.contains("\\#set text\\(red\\) \\$x\\$"));
    }

    #[test]
    fn mistakes_inside_nested_constructs_are_all_reported_without_a_panic() {
        let text = "- item <b> [x](javascript:1)\n  > quote \u{1F600} ![](images/none.png)\n\n\
                    | A | B |\n|---|---|\n| <i> \u{1F600} | [[bad]] |\n| ^ | x | y |\n\n\
                    Text[^n] and [^missing].\n\n[^n]: Foot \u{1F600} [^n]\n\n\
                    [/landscape]\n\n[landscape]\n\n[landscape]\n\n# Heading {.wide}\n\n\
                    ### Deep *and \u{1F600}*\n\n{number=x} A paragraph.\n\nTable:\n\n---\n";
        for flavour in [
            NOTE,
            Flavour::Appendix,
            Flavour::Minutes { first_minute: 1 },
        ] {
            let source = MarkdownSource {
                file: "note.md".into(),
                text: text.into(),
                first_line: 1,
            };
            let assets = Assets {
                meeting_dir: Path::new("/nonexistent"),
                document_dir: PathBuf::new(),
            };
            let errors = render(&source, flavour, &assets).unwrap_err();
            let lines: Vec<usize> = errors.iter().map(|e| e.location.line).collect();
            assert!(lines.is_sorted(), "{errors:#?}");
            // Each planted line is reported, and the open landscape section at the end.
            for line in [1, 2, 6, 7, 11, 13, 15, 17, 19, 21, 23, 25] {
                assert!(lines.contains(&line), "line {line}: {errors:#?}");
            }
        }
    }

    /// Markdown pieces, mistakes among them, that arbitrary documents are made of.
    const PIECES: &[&str] = &[
        "# ",
        "## ",
        "### ",
        "- ",
        "1. ",
        "a) ",
        "> ",
        "| A | B |\n|---|---|\n",
        "| ^ | < |\n",
        "| x |\n",
        "<b>",
        "<br>",
        "[x](javascript:1)",
        "[x](https://a.org)",
        "[[bad]]",
        "[[minute 1/26]]",
        "![a](images/chart.svg \"T {width=200%}\")",
        "![](x.png)",
        "[landscape]",
        "[/landscape]",
        "Table: T {widths=1}",
        "Table:",
        "[^n]",
        "[^n]: foot ",
        " {.wide}",
        " {number=x}",
        "{number=2} ",
        "\u{1F600}",
        "text",
        "\n",
        "\n\n",
        "  ",
        "---",
        "*",
        "**",
        "`",
        "{-}",
        "# Appendix: A",
        "# Part: P",
        "RESOLVED",
    ];

    proptest::proptest! {
        #[test]
        fn any_document_converts_or_fails_with_its_mistakes_without_a_panic(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            for flavour in [NOTE, Flavour::Appendix, Flavour::Minutes { first_minute: 1 }] {
                if let Err(errors) = convert_all(&text, flavour) {
                    proptest::prop_assert!(!errors.is_empty(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn raw_html_is_rejected_with_its_line() {
        let err = convert("Text\n\n<div>hi</div>\n", NOTE).unwrap_err();
        assert_eq!(err.location.line, 7);
        assert!(err.message.contains("raw HTML"));
    }

    #[test]
    fn ragged_table_rows_are_errors_at_their_line() {
        let err = convert("| A | B |\n|---|---|\n| 1 | 2 |\n| 3 |\n", NOTE).unwrap_err();
        assert_eq!(err.location.line, 8);
        assert!(
            err.message.contains("1 cells but the table has 2 columns"),
            "{}",
            err.message
        );
        assert!(convert("| A | B |\n|---|---|\n| `a|b` | c \\| d |\n", NOTE).is_ok());
        assert!(convert("A | B\n--|--\n1 | 2\n", NOTE).is_ok());
    }

    #[test]
    fn opt_out_marker_landscape_and_image_width() {
        let out =
            note("# S\n\n{-} Lead-in line:\n\nNumbered.\n\n[landscape]\n\nWide.\n\n[/landscape]\n");
        assert!(out.contains("\nLead\\-in line\\:\n"), "{out}");
        assert!(out.contains("#numbered-par(\"1.1\")[Numbered\\.]"));
        assert!(out.contains("#landscape[\n#numbered-par(\"1.2\")[Wide\\.]"));
        let out = note("![A chart](images/chart.svg \"Trend {width=60%}\")\n");
        assert!(out.contains("width: 60%)[Figure 1: Trend]"), "{out}");
        let err = convert("![A chart](images/chart.svg \"T {width=1e9px}\")\n", NOTE).unwrap_err();
        assert!(err.message.contains("is not a width"));
        assert!(
            convert("[landscape]\n\nNever closed.\n", NOTE)
                .unwrap_err()
                .message
                .contains("never closed")
        );
    }

    #[test]
    fn appendix_labels_follow_the_scheme() {
        let words = Flavour::BriefingNote {
            appendices: AppendixScheme::Word,
            recommendations: None,
            sub_paragraphs: SubParagraphs::Continued,
        };
        let out = convert("# Appendix: First\n\n# Appendix: Second\n", words).unwrap();
        assert!(
            out.contains("#appendix-heading(\"Appendix One\", \"First\")"),
            "{out}"
        );
        assert!(out.contains("#appendix-heading(\"Appendix Two\", \"Second\")"));
    }

    #[test]
    fn nesting_beyond_the_limit_is_an_error_not_a_typst_failure() {
        let deep = format!("{} too deep\n", ">".repeat(60));
        let err = convert(&deep, NOTE).unwrap_err();
        assert!(err.message.contains("nested too deeply"), "{}", err.message);
        assert!(convert(&format!("{} fine\n", ">".repeat(10)), NOTE).is_ok());
    }

    #[test]
    fn deep_headings_and_stray_captions_are_errors() {
        assert!(
            convert("### Too deep\n", NOTE)
                .unwrap_err()
                .message
                .contains("too deep")
        );
        let err = convert("Table: Lonely\n\nJust text.\n", NOTE).unwrap_err();
        assert!(
            err.message.contains("followed directly by a table"),
            "{}",
            err.message
        );
    }

    #[test]
    fn misplaced_or_unknown_numbering_marks_are_errors_at_their_line() {
        // `first_line` is 5: the Markdown's third line is the file's seventh.
        let at = |text: &str| {
            let err = convert(text, NOTE).unwrap_err();
            assert!(err.hint.is_some(), "{}", err.message);
            (err.location.line, err.location.column, err.message)
        };
        let (line, column, message) = at("# One\n\n## Wide {.wide}\n");
        assert_eq!((line, column), (7, 1));
        assert!(message.contains("`.wide`"), "{message}");
        let (line, _, message) = at("# One\n\n{number=x} Text.\n");
        assert_eq!(line, 7);
        assert!(message.contains("`number=x`"), "{message}");
        // A numbered sub-heading needs a numbered section around it.
        let (line, _, message) = at("Intro.\n\n## Early {.numbered}\n");
        assert_eq!(line, 7);
        assert!(message.contains("do not apply here"), "{message}");
        let (line, _, message) = at("# One\n\n# Part:\n");
        assert_eq!(line, 7);
        assert!(message.contains("no title"), "{message}");
        let (line, _, message) = at("# Appendix: A\n\n# After\n");
        assert_eq!(line, 7);
        assert!(message.contains("cannot follow an appendix"), "{message}");
    }

    #[test]
    fn footnotes_and_links_render() {
        let out = note("See [the site](https://example.org)[^1].\n\n[^1]: A note.\n");
        assert!(
            out.contains("#link(\"https://example.org\")[the site]"),
            "{out}"
        );
        assert!(out.contains("#footnote[A note\\.]"));
    }
}
