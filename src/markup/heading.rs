//! Headings of notes, reports, minutes and appendices: numbered sections, sub-headings,
//! appendices and a second part, what a heading's `{...}` attributes ask for
//! (`{.numbered}`, `{number=7}`), a paragraph's own `{number=4}`, and the counters
//! that print sections `2`, paragraphs `2.1` and sub-paragraphs `2.1.1`. Everything
//! here is target-neutral: the converter's back end spells the headings.

use std::fmt;
use std::ops::Range;

use pulldown_cmark::{CowStr, HeadingLevel};

use super::super::backend::Heading;
use super::{Buffer, Converter, Flavour};
use crate::error::ContentError;
use crate::model::{AppendixScheme, SubParagraphs, is_business_heading};

/// A level-1 heading starting with this starts an appendix (`# Appendix: Title`).
const APPENDIX: &str = "Appendix:";
/// A level-1 heading starting with this starts a second numbered part after the
/// appendices, titled but without an `Appendix` label (`# Part: Data report`).
const PART: &str = "Part:";

/// What a heading's attributes (`## Title {.numbered number=3}`) ask for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct HeadingAttributes {
    /// `.numbered`: a note's sub-heading takes the next paragraph number (`4.1`).
    pub numbered: bool,
    /// `number=7`: the number to print where a published document skips one; the
    /// numbers after it follow on from it.
    pub number: Option<u32>,
}

/// An attribute the house style does not know, or a number that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum AttributeError {
    /// `{#id}`, `{.class}` or `{key}` other than the ones above.
    Unknown(String),
    /// `number=` without a whole number from 1.
    BadNumber(String),
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown(written) => {
                write!(
                    f,
                    "`{written}` is not a heading attribute of the house style"
                )
            }
            Self::BadNumber(written) => write!(f, "`number={written}` is not a number from 1"),
        }
    }
}

impl AttributeError {
    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Unknown(_) => {
                "write `{.numbered}` (a numbered sub-heading) or `{number=7}` (the number to print) after the title; to print braces, write `\\{`"
            }
            Self::BadNumber(_) => "write the number to print, e.g. `{number=7}`",
        }
    }
}

impl HeadingAttributes {
    /// Reads pulldown-cmark's parse of a heading's `{...}`.
    pub fn read(
        id: Option<&str>,
        classes: &[CowStr],
        attrs: &[(CowStr, Option<CowStr>)],
    ) -> Result<Self, AttributeError> {
        if let Some(id) = id {
            return Err(AttributeError::Unknown(format!("#{id}")));
        }
        let mut read = Self::default();
        for class in classes {
            match class.as_ref() {
                "numbered" => read.numbered = true,
                other => return Err(AttributeError::Unknown(format!(".{other}"))),
            }
        }
        for (key, value) in attrs {
            match (key.as_ref(), value) {
                ("number", Some(value)) => read.number = Some(parse_number(value)?),
                ("number", None) => return Err(AttributeError::BadNumber(String::new())),
                (other, _) => return Err(AttributeError::Unknown(other.to_string())),
            }
        }
        Ok(read)
    }
}

/// The marker a paragraph may start with to set its own number: `{number=4}`.
const PARAGRAPH_NUMBER: (&str, &str) = ("{number=", "}");

/// A paragraph's own number, if its text starts with `{number=N}`: the number and
/// the marker as written (to be left out of the print).
pub(super) fn paragraph_number(plain: &str) -> Option<Result<(u32, &str), AttributeError>> {
    let rest = plain.strip_prefix(PARAGRAPH_NUMBER.0)?;
    let end = rest.find(PARAGRAPH_NUMBER.1)?;
    let marker = &plain[..PARAGRAPH_NUMBER.0.len() + end + 1];
    Some(parse_number(&rest[..end]).map(|n| (n, marker)))
}

fn parse_number(written: &str) -> Result<u32, AttributeError> {
    written
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| AttributeError::BadNumber(written.to_string()))
}

/// The section, paragraph and sub-paragraph counters of a numbered body.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    section: u32,
    paragraph: u32,
    /// Under a numbered sub-heading whose paragraphs are numbered `5.1.k`: `k` so far.
    sub: Option<u32>,
    /// Under a numbered sub-heading whose paragraphs are not numbered.
    silent: bool,
}

impl Numbering {
    /// The current section's number (0 before the first).
    pub fn section(&self) -> u32 {
        self.section
    }

    /// Starts the next section, or section `explicit`; returns its number.
    pub fn start_section(&mut self, explicit: Option<u32>) -> u32 {
        self.section = explicit.unwrap_or(self.section + 1);
        self.paragraph = 0;
        self.sub = None;
        self.silent = false;
        self.section
    }

    /// Starts counting sections again, for a second numbered part.
    pub fn restart(&mut self) {
        *self = Self::default();
    }

    /// Whether top-level paragraphs here get numbers.
    pub fn numbers_paragraphs(&self) -> bool {
        self.section > 0 && !self.silent
    }

    /// A sub-heading that takes the next paragraph number (or `explicit`): its label,
    /// `5.1`. The paragraphs under it follow `mode`.
    pub fn numbered_subheading(&mut self, explicit: Option<u32>, mode: SubParagraphs) -> String {
        self.paragraph = explicit.unwrap_or(self.paragraph + 1);
        self.silent = mode == SubParagraphs::Unnumbered;
        self.sub = (mode == SubParagraphs::Nested).then_some(0);
        format!("{}.{}", self.section, self.paragraph)
    }

    /// The next paragraph's label (`2.3`, or `5.1.2` under a nested sub-heading), or
    /// the one numbered `explicit` at its level.
    pub fn next_paragraph(&mut self, explicit: Option<u32>) -> String {
        match &mut self.sub {
            Some(sub) => {
                *sub = explicit.unwrap_or(*sub + 1);
                format!("{}.{}.{}", self.section, self.paragraph, sub)
            }
            None => {
                self.paragraph = explicit.unwrap_or(self.paragraph + 1);
                format!("{}.{}", self.section, self.paragraph)
            }
        }
    }
}

impl Converter<'_> {
    pub(super) fn end_heading(
        &mut self,
        level: HeadingLevel,
        range: Range<usize>,
    ) -> Result<(), ContentError> {
        let heading = self.pop();
        let attributes = std::mem::take(&mut self.heading);
        // Too deep: already reported where it starts.
        if level > HeadingLevel::H2 {
            return Ok(());
        }
        // A wrong heading is left out; the document is still read to its end.
        if let Err(error) = self.heading_markup(level, &heading, attributes, range) {
            self.report(error);
        }
        Ok(())
    }

    /// Prints a heading, numbering it.
    fn heading_markup(
        &mut self,
        level: HeadingLevel,
        heading: &Buffer,
        attributes: HeadingAttributes,
        range: Range<usize>,
    ) -> Result<(), ContentError> {
        let title = heading.markup.trim().to_string();
        let plain = heading.plain.trim().to_string();
        if plain.is_empty() {
            return Err(self.error(range.start, "the heading is empty"));
        }
        let in_numbered_section = self.numbering.section() > 0 && !self.in_appendix;
        let level_one = level == HeadingLevel::H1;
        let misplaced = match (self.flavour, level_one) {
            (Flavour::BriefingNote { .. }, false) => {
                attributes.numbered && !in_numbered_section
                    || attributes.number.is_some() && !attributes.numbered
            }
            (Flavour::Report { .. }, false) => {
                attributes != HeadingAttributes::default() && !in_numbered_section
            }
            (Flavour::BriefingNote { .. } | Flavour::Report { .. }, true) => attributes.numbered,
            (Flavour::Minutes { .. } | Flavour::Appendix, _) => {
                attributes != HeadingAttributes::default()
            }
        };
        if misplaced {
            return Err(self
                .error(range.start, "this heading's `{...}` attributes do not apply here")
                .with_hint("`{.numbered}` numbers a `##` sub-heading inside a numbered section of a note, and `{number=N}` sets the number of a numbered section (`#`) or sub-heading; remove the braces elsewhere"));
        }
        let backend = self.backend;
        let markup = match (self.flavour, level) {
            (Flavour::Report { sub_paragraphs, .. }, HeadingLevel::H2) if in_numbered_section => {
                self.numbered_subheading(&title, attributes.number, sub_paragraphs)
            }
            (Flavour::BriefingNote { sub_paragraphs, .. }, HeadingLevel::H2)
                if attributes.numbered =>
            {
                self.numbered_subheading(&title, attributes.number, sub_paragraphs)
            }
            (_, HeadingLevel::H2) => backend.heading(Heading::Sub { title: &title }),
            (Flavour::Appendix, _) => backend.heading(Heading::Unnumbered { title: &title }),
            (Flavour::Minutes { .. }, _) if is_business_heading(&plain) => {
                backend.heading(Heading::Business { title: &title })
            }
            (Flavour::Minutes { first_minute }, _) => {
                let number = first_minute + self.minutes;
                self.minutes += 1;
                let id = self.unique_id(&format!("minute-{number}"));
                backend.heading(Heading::Minute {
                    number,
                    id: &id,
                    title: &title,
                })
            }
            (Flavour::BriefingNote { appendices, .. } | Flavour::Report { appendices, .. }, _) => {
                self.section_or_appendix(
                    appendices,
                    &title,
                    &plain,
                    attributes.number,
                    range.start,
                )?
            }
        };
        self.block(&markup);
        Ok(())
    }

    /// A sub-heading taking the next paragraph number (or `explicit`).
    fn numbered_subheading(
        &mut self,
        title: &str,
        explicit: Option<u32>,
        mode: SubParagraphs,
    ) -> String {
        let label = self.numbering.numbered_subheading(explicit, mode);
        let id = self.unique_id(&format!("p{label}"));
        self.backend.heading(Heading::NumberedSub {
            label: &label,
            id: &id,
            title,
        })
    }

    /// A level-1 heading of a note or report: a numbered section (numbered `number`
    /// when given), an appendix, or the start of a second numbered part.
    fn section_or_appendix(
        &mut self,
        scheme: AppendixScheme,
        title: &str,
        plain: &str,
        number: Option<u32>,
        offset: usize,
    ) -> Result<String, ContentError> {
        let backend = self.backend;
        if let Some(rest) = plain.strip_prefix(APPENDIX) {
            self.leave_main_body(offset, "an appendix")?;
            let close = if self.in_appendix {
                backend.appendix_end()
            } else {
                ""
            };
            self.appendices += 1;
            self.in_appendix = true;
            // `# Appendix:` alone: an appendix without a title, labelled only.
            let title = title
                .trim_start_matches(backend.text(APPENDIX).as_str())
                .trim();
            let id = self.unique_id(&format!("appendix-{}", self.appendices));
            let heading = backend.heading(Heading::Appendix {
                label: &scheme.label(self.appendices),
                plain: rest.trim(),
                title,
                id: &id,
            });
            return Ok(format!("{close}{heading}"));
        }
        if let Some(rest) = plain.strip_prefix(PART) {
            if rest.trim().is_empty() {
                return Err(self
                    .error(offset, "the part has no title")
                    .with_hint("write `# Part: <its title>`"));
            }
            self.leave_main_body(offset, "a part")?;
            let close = if self.in_appendix {
                backend.appendix_end()
            } else {
                ""
            };
            self.in_appendix = false;
            self.numbering.restart();
            self.parts += 1;
            let title = title.trim_start_matches(backend.text(PART).as_str()).trim();
            let id = self.unique_id("part");
            let heading = backend.heading(Heading::Part {
                plain: rest.trim(),
                title,
                id: &id,
            });
            return Ok(format!("{close}{heading}"));
        }
        if self.in_appendix {
            return Err(self
                .error(offset, "a numbered section cannot follow an appendix")
                .with_hint(
                    "move the appendices to the end, start this heading with `Appendix:`, or start a second numbered part after the appendices with `# Part: <its title>`",
                ));
        }
        if plain.eq_ignore_ascii_case("Recommendations")
            && matches!(
                self.flavour,
                Flavour::BriefingNote {
                    recommendations: Some(_),
                    ..
                }
            )
        {
            return Err(self
                .error(
                    offset,
                    "the recommendations are given twice: in the front matter and here",
                )
                .with_hint(
                    "keep one: remove `recommendations:` from the front matter, or this section",
                ));
        }
        if self.numbering.section() == 1 {
            self.print_recommendations(offset);
        }
        let number = self.numbering.start_section(number);
        let id = self.unique_id(&format!("s{number}"));
        Ok(backend.heading(Heading::Section {
            label: &self.section_label(number),
            id: &id,
            title,
        }))
    }

    /// Ends the main text before the first appendix or part (printing recommendations
    /// not yet printed): what follows comes after the author block.
    fn leave_main_body(&mut self, offset: usize, what: &str) -> Result<(), ContentError> {
        if self.landscape.is_some() {
            return Err(self
                .error(
                    offset,
                    format!("{what} cannot start inside a landscape section"),
                )
                .with_hint("close the landscape section with `[/landscape]` first"));
        }
        if self.main_body.is_none() {
            self.print_recommendations(offset);
            self.block("");
            let notes = self.take_footnotes();
            self.write(&notes);
            self.main_body = Some(std::mem::take(&mut self.top().markup));
        }
        Ok(())
    }

    /// The printed number of section `number`: `2` in a note, `2.` in a report.
    fn section_label(&self, number: u32) -> String {
        match self.flavour {
            Flavour::Report { .. } => format!("{number}."),
            _ => number.to_string(),
        }
    }

    /// Prints front-matter recommendations as the next section, once, before the block
    /// at `offset`. They come from the YAML, not the Markdown: the source markers close
    /// around them, so an error in them is looked for in the front matter.
    pub(super) fn print_recommendations(&mut self, offset: usize) {
        let Some(recommendations) = self.recommendations.take() else {
            return;
        };
        let backend = self.backend;
        let number = self.numbering.start_section(None);
        let section_id = self.unique_id(&format!("s{number}"));
        let heading = backend.heading(Heading::Section {
            label: &self.section_label(number),
            id: &section_id,
            title: &backend.text("Recommendations"),
        });
        let lead_label = self.numbering.next_paragraph(None);
        let lead_id = self.unique_id(&format!("p{lead_label}"));
        let lead =
            backend.numbered_paragraph(&lead_label, &lead_id, &backend.text(&recommendations.lead));
        let items: Vec<String> = recommendations
            .items
            .iter()
            .map(|item| backend.text(item))
            .collect();
        let list = backend.indented(&backend.list(Some(1), None, &items));
        let markup = backend.foreign(
            &self.source.file,
            format!("{heading}{lead}{list}"),
            &self.marker(offset),
        );
        self.block(&markup);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_explicit_ones_and_nest_under_sub_headings() {
        let mut n = Numbering::default();
        assert!(!n.numbers_paragraphs());
        assert_eq!(n.start_section(None), 1);
        assert_eq!(n.next_paragraph(None), "1.1");
        assert_eq!(n.start_section(Some(7)), 7);
        assert_eq!(n.next_paragraph(Some(3)), "7.3");
        assert_eq!(n.next_paragraph(None), "7.4");
        assert_eq!(n.numbered_subheading(None, SubParagraphs::Nested), "7.5");
        assert_eq!(n.next_paragraph(None), "7.5.1");
        assert_eq!(n.next_paragraph(None), "7.5.2");
        assert_eq!(n.numbered_subheading(None, SubParagraphs::Continued), "7.6");
        assert_eq!(n.next_paragraph(None), "7.7");
        n.numbered_subheading(None, SubParagraphs::Unnumbered);
        assert!(!n.numbers_paragraphs());
        assert_eq!(n.start_section(None), 8);
        assert!(n.numbers_paragraphs());
    }

    #[test]
    fn attributes_are_read_or_refused() {
        let classes = [CowStr::from("numbered")];
        let attrs = [(CowStr::from("number"), Some(CowStr::from("7")))];
        let read = HeadingAttributes::read(None, &classes, &attrs).unwrap();
        assert_eq!(
            read,
            HeadingAttributes {
                numbered: true,
                number: Some(7)
            }
        );
        let odd = [CowStr::from("wide")];
        assert_eq!(
            HeadingAttributes::read(None, &odd, &[]),
            Err(AttributeError::Unknown(".wide".into()))
        );
        let zero = [(CowStr::from("number"), Some(CowStr::from("0")))];
        assert!(HeadingAttributes::read(None, &[], &zero).is_err());
        assert_eq!(
            paragraph_number("{number=4} Text"),
            Some(Ok((4, "{number=4}")))
        );
        assert_eq!(paragraph_number("Text"), None);
        assert!(matches!(paragraph_number("{number=x} Text"), Some(Err(_))));
    }
}
