//! Supplementary packs: the documents that arrive after the agenda is published, each
//! supplement a pack of its own with its own front sheet and publication date.

use serde::Deserialize;

use super::Date;

/// One supplement, as declared in `meeting.yaml`'s `supplements:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// Its number, 1 for the first: documents and items name it by this.
    pub number: usize,
    /// The day it is published.
    pub date: Date,
    /// Who signs it, when not the agenda's signatory.
    pub signatory: Option<Signatory>,
    /// Whether its page numbers restart at 1 or continue after the packs before it.
    #[serde(default)]
    pub page_numbers: PageNumbers,
}

/// The signatory of a supplement, printed above its publication date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// The signatory's name.
    pub name: String,
    /// The signatory's post.
    pub post: String,
    /// The address after the post.
    pub address: String,
}

/// How a supplement's pages are numbered (house style section 8: by setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageNumbers {
    /// From 1, as a pack of its own.
    #[default]
    Restart,
    /// On from the last page of the main pack (and of the supplements before it).
    Continue,
}

/// Which of a meeting's packs is being made: the agenda or one of its supplements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// The agenda pack, without the documents to follow.
    #[default]
    Main,
    /// The supplement with this number.
    Supplement(usize),
}

impl Part {
    /// Whether a document marked for `supplement` (none: the agenda) is printed in
    /// this part.
    pub fn carries(self, supplement: Option<usize>) -> bool {
        match self {
            Self::Main => supplement.is_none(),
            Self::Supplement(number) => supplement == Some(number),
        }
    }

    /// The end of the file stem: nothing for the agenda, `-supplement-N` otherwise.
    pub fn suffix(self) -> String {
        match self {
            Self::Main => String::new(),
            Self::Supplement(number) => format!("-supplement-{number}"),
        }
    }
}
