//! Headings and paragraph numbers of notes and reports: what a heading's `{...}`
//! attributes ask for (`{.numbered}`, `{number=7}`), a paragraph's own `{number=4}`,
//! and the counters that print sections `2`, paragraphs `2.1` and sub-paragraphs
//! `2.1.1`. Target-neutral: it decides numbers, the back end prints them.

use std::fmt;

use pulldown_cmark::CowStr;

use crate::model::SubParagraphs;

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
