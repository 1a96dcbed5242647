//! A meeting and its agenda items.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{
    Date, Document, DocumentBody, DocumentKind, MinuteBook, Part, Style, Supplement, Time,
};
use crate::error::{ContentError, Location};

/// One meeting of a committee: everything its pack is made from.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The meeting folder.
    pub dir: PathBuf,
    /// The council, e.g. `Elmsworth City Council`.
    pub council: String,
    /// The committee, e.g. `Children, Learning and Young People Scrutiny Board`.
    pub committee: String,
    /// The council's logo at the top of the front sheet, if any.
    pub logo: Option<Logo>,
    /// The day of the meeting.
    pub date: Date,
    /// When it starts.
    pub time: Time,
    /// Where it is held.
    pub place: String,
    /// Who publishes the agenda, and when.
    pub publication: Publication,
    /// Whom to contact about the agenda.
    pub contacts: Vec<Contact>,
    /// Who sits on the committee.
    pub membership: Membership,
    /// The front sheet's numbered notes.
    pub notes: Vec<String>,
    /// The era variant of the house style.
    pub style: Style,
    /// Public business, in agenda order, numbered from 1.
    pub items: Vec<Item>,
    /// Private business, numbered on from the public items.
    pub private_items: Vec<Item>,
    /// The supplementary packs, in order of their numbers.
    pub supplements: Vec<Supplement>,
    /// The minutes found in the content root, for checking numbers and references.
    pub minute_book: MinuteBook,
    /// Doubtful points found while loading that do not stop the build.
    pub warnings: Vec<ContentError>,
    /// Whom the pack is for: the published pack, or the members' pack with the exempt
    /// documents.
    pub audience: Audience,
    /// Which pack: the agenda, or one of its supplements.
    pub part: Part,
    /// The pages before this pack's first when its numbers continue another's.
    pub page_offset: usize,
}

/// Whom a pack is printed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The published pack: exempt items show only their title.
    #[default]
    Public,
    /// The members' pack: exempt documents are included, headed `Not for publication`.
    Members,
}

impl Audience {
    /// The file stem of a meeting's pack for this audience.
    pub fn pack_name(meeting: &str, audience: Audience) -> String {
        match audience {
            Self::Public => meeting.to_string(),
            Self::Members => format!("{meeting}-private"),
        }
    }
}

impl Meeting {
    /// The meeting's name: its folder's name, also the PDF's file stem.
    pub fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| "meeting".into(), |n| n.to_string_lossy().into_owned())
    }

    /// The file stem of the pack: the meeting's name, `-supplement-N` for a supplement,
    /// `-private` for the members' pack.
    pub fn pack_name(&self) -> String {
        Audience::pack_name(
            &format!("{}{}", self.name(), self.part.suffix()),
            self.audience,
        )
    }

    /// The document title of the pack: committee and date (and supplement).
    pub fn title(&self) -> String {
        let mut title = format!("{} - {}", self.committee, self.date.ordinal());
        if let Some(heading) = self.supplement_heading() {
            title = format!("{title} - {heading}");
        }
        match self.audience {
            Audience::Public => title,
            Audience::Members => format!("{title} - Not for publication"),
        }
    }

    /// Every item, public then private.
    pub fn all_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().chain(&self.private_items)
    }

    /// The documents of `item` printed in this pack (its audience and part).
    pub fn printed_documents<'a>(&self, item: &'a Item) -> Vec<&'a Document> {
        item.printed_documents(self.audience, self.part)
    }

    /// The agenda and each supplement.
    pub fn parts(&self) -> impl Iterator<Item = Part> + '_ {
        std::iter::once(Part::Main).chain(
            self.supplements
                .iter()
                .map(|supplement| Part::Supplement(supplement.number)),
        )
    }

    /// The supplied PDFs that the packs of `audience` print (the agenda and every
    /// supplement), as paths in the meeting folder.
    pub fn printed_supplied_pdfs(&self, audience: Audience) -> Vec<PathBuf> {
        self.parts()
            .flat_map(|part| {
                self.all_items()
                    .flat_map(move |item| item.printed_documents(audience, part))
            })
            .filter(|document| matches!(document.body, DocumentBody::ExternalPdf(_)))
            .map(|document| self.dir.join(&document.file))
            .collect()
    }

    /// The day this pack is published: the agenda's date, or its supplement's.
    pub fn published(&self) -> Date {
        self.supplement()
            .map_or(self.publication.date, |supplement| supplement.date)
    }

    /// The supplement being made, if this pack is one.
    pub fn supplement(&self) -> Option<&Supplement> {
        match self.part {
            Part::Main => None,
            Part::Supplement(number) => self.supplements.iter().find(|s| s.number == number),
        }
    }

    /// `Supplementary Agenda`, numbered when the meeting has more than one; `None` for
    /// the agenda itself.
    pub fn supplement_heading(&self) -> Option<String> {
        let supplement = self.supplement()?;
        Some(if self.supplements.len() > 1 {
            format!("Supplementary Agenda {}", supplement.number)
        } else {
            "Supplementary Agenda".to_string()
        })
    }
}

/// An image of the meeting folder with its alternative text.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// The image, relative to the meeting folder.
    pub file: PathBuf,
    /// What it shows, for screen readers (e.g. the council's name).
    pub alt: String,
    /// Where `file` is written in `meeting.yaml`, for errors the image itself causes.
    #[serde(skip)]
    pub at: Option<Location>,
}

/// The signatory block of the front sheet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// The signatory's name.
    pub name: String,
    /// The signatory's post, e.g. `Director of Law and Governance`.
    pub post: String,
    /// The address after the post, e.g. `The Guildhall, Elmsworth`.
    pub address: String,
    /// The day the agenda is published.
    pub date: Date,
}

/// A person to contact about the agenda.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Their name.
    pub name: String,
    /// Their telephone number, as printed.
    pub telephone: Option<String>,
    /// Their e-mail address.
    pub email: Option<String>,
}

/// The committee's members.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The Chair; also listed in `members`.
    pub chair: String,
    /// The councillors on the committee.
    pub members: Vec<String>,
    /// Co-opted (non-councillor) members.
    #[serde(default)]
    pub co_opted: Vec<String>,
    /// Councillors invited to attend.
    #[serde(default)]
    pub by_invitation: Vec<String>,
}

/// The kind of an agenda item, which decides its front-sheet line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// Apologies and substitutions: a title only.
    Apologies,
    /// Declarations of interests: a title only.
    Declarations,
    /// Minutes of earlier meetings, with sub-items.
    Minutes,
    /// A briefing note and its appendices.
    BriefingNote,
    /// A public report and its appendices.
    Report,
    /// A presentation, with or without slides.
    Presentation,
    /// The board's work programme.
    WorkProgramme,
    /// Any other business: the stock sentence.
    AnyOtherBusiness,
    /// Evaluation of the meeting: a title only.
    Evaluation,
}

impl ItemKind {
    /// Whether the house style prints this kind with no documents (title only).
    pub fn is_title_only(self) -> bool {
        matches!(
            self,
            Self::Apologies | Self::Declarations | Self::AnyOtherBusiness | Self::Evaluation
        )
    }

    /// Whether an item of this kind prints `document` (house style section 7): minutes
    /// under a minutes item, a note or report under a briefing-note or report item,
    /// the programme under a work-programme item; appendices (Markdown or supplied
    /// PDFs, slides among them) under any item with documents.
    pub fn takes(self, document: DocumentKind) -> bool {
        if self.is_title_only() {
            return false;
        }
        document.is_appendix()
            || match self {
                Self::Minutes => document == DocumentKind::Minutes,
                Self::BriefingNote | Self::Report => {
                    matches!(document, DocumentKind::BriefingNote | DocumentKind::Report)
                }
                Self::WorkProgramme => document == DocumentKind::WorkProgramme,
                _ => false,
            }
    }

    /// What this kind of item takes, for the hint when it is given something else.
    pub fn takes_described(self) -> &'static str {
        match self {
            Self::Minutes => "a minutes item takes Markdown minutes (`kind: minutes`)",
            Self::BriefingNote | Self::Report => {
                "a briefing-note or report item takes a briefing note or report"
            }
            Self::Presentation => "a presentation item takes its slides as a supplied PDF",
            Self::WorkProgramme => "a work-programme item takes the work programme (`.yaml`)",
            Self::Apologies | Self::Declarations | Self::AnyOtherBusiness | Self::Evaluation => {
                "this kind of item is printed by its title only"
            }
        }
    }

    /// The kind as written in `meeting.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Apologies => "apologies",
            Self::Declarations => "declarations",
            Self::Minutes => "minutes",
            Self::BriefingNote => "briefing-note",
            Self::Report => "report",
            Self::Presentation => "presentation",
            Self::WorkProgramme => "work-programme",
            Self::AnyOtherBusiness => "any-other-business",
            Self::Evaluation => "evaluation",
        }
    }
}

/// One agenda item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its number on the front sheet.
    pub number: usize,
    /// What kind of item it is.
    pub kind: ItemKind,
    /// The title, printed bold.
    pub title: String,
    /// The by-line, e.g. `Briefing Note of the Director of Children's Services`.
    pub by: Option<String>,
    /// Lines printed `a)`, `b)` under the title.
    pub sub_items: Vec<String>,
    /// For private business: the paragraph of Schedule 12A that makes it exempt.
    pub exempt_paragraph: Option<u8>,
    /// Its documents, in order; each starts on an odd page.
    pub documents: Vec<Document>,
    /// The day a late item was added to the agenda, after its publication.
    pub added: Option<Date>,
    /// The Chair's reason for taking a late item as a matter of urgency.
    pub urgency: Option<String>,
}

impl Item {
    /// The documents printed in the `part` for `audience`: an exempt item's only in
    /// the members' packs, a document to follow only in its supplement.
    pub fn printed_documents(&self, audience: Audience, part: Part) -> Vec<&Document> {
        self.visible_documents(audience)
            .filter(|document| part.carries(document.supplement))
            .collect()
    }

    /// Whether documents of the item that `audience` may see are left for a supplement.
    pub fn to_follow(&self, audience: Audience) -> bool {
        self.visible_documents(audience)
            .any(|document| document.supplement.is_some())
    }

    /// Whether the item is on the front sheet of `part`: every item is on the agenda's,
    /// a supplement's lists the items with documents in it (an exempt one by its title
    /// alone in the published supplement).
    pub fn listed_in(&self, part: Part) -> bool {
        part == Part::Main || self.documents.iter().any(|d| part.carries(d.supplement))
    }

    fn visible_documents(&self, audience: Audience) -> impl Iterator<Item = &Document> {
        let hidden = self.exempt_paragraph.is_some() && audience == Audience::Public;
        self.documents.iter().filter(move |_| !hidden)
    }
}
