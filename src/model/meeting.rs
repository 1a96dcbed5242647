//! A meeting and its agenda items.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{Date, Document, Time};

/// One meeting of a committee: everything its pack is made from.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The meeting folder.
    pub dir: PathBuf,
    /// The council, e.g. `Elmsworth City Council`.
    pub council: String,
    /// The committee, e.g. `Children, Learning and Young People Scrutiny Board`.
    pub committee: String,
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
    /// Which access paragraph the front sheet prints.
    pub access: Access,
    /// Public business, in agenda order, numbered from 1.
    pub items: Vec<Item>,
    /// Private business, numbered on from the public items.
    pub private_items: Vec<Item>,
}

impl Meeting {
    /// The meeting's name: its folder's name, also the PDF's file stem.
    pub fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| "meeting".into(), |n| n.to_string_lossy().into_owned())
    }

    /// The document title of the pack: committee and date.
    pub fn title(&self) -> String {
        format!("{} - {}", self.committee, self.date.ordinal())
    }

    /// Every item, public then private.
    pub fn all_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().chain(&self.private_items)
    }
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

/// The front sheet's access paragraph, which changed between eras.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// The hearing loop and British Sign Language paragraph.
    HearingLoop,
    /// The later paragraph about attending, webcasting and registering to speak.
    PublicAccess,
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
    /// Its documents, in order; each starts on an odd page.
    pub documents: Vec<Document>,
}
