//! The domain model: a meeting, its agenda items and their documents, validated once
//! when content is loaded and trusted from then on.

mod appendix_scheme;
mod author_block;
mod date;
mod document;
mod meeting;
mod page_range;
mod recommendations;
mod report;

pub use appendix_scheme::AppendixScheme;
pub use author_block::AuthorBlock;
pub use date::{Date, Time};
pub use document::{
    Author, BriefingNote, Document, DocumentBody, ExternalPdf, MarkdownSource, Minutes, Present,
};
pub use meeting::{Access, Contact, Item, ItemKind, Meeting, Membership, Publication};
pub use page_range::PageRange;
pub use recommendations::Recommendations;
pub use report::{Contributor, Report};
