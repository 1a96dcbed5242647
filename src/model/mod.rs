//! The domain model: a meeting, its agenda items and their documents, validated once
//! when content is loaded and trusted from then on.

mod appendix_scheme;
mod author_block;
mod clear_days;
mod colour;
mod date;
mod document;
mod holidays;
mod meeting;
mod minute_book;
mod page_range;
mod recommendations;
mod report;
mod style;
mod sub_paragraphs;
mod supplement;
mod wording;
mod work_programme;

pub use appendix_scheme::AppendixScheme;
pub use author_block::AuthorBlock;
pub use clear_days::{
    REQUIRED_CLEAR_DAYS, clear_days, clear_days_in, latest_publication, latest_publication_in,
    publish_by_if_late,
};
pub use colour::Colour;
pub use date::{Date, Time, YEARS};
pub use document::{
    Attendee, Author, BriefingNote, Document, DocumentBody, DocumentKind, EmployeeGrouping,
    ExternalPdf, MarkdownAppendix, MarkdownSource, MemberPresent, Minutes, Present,
};
pub use holidays::{Holiday, HolidayCalendar, Nation, regular as regular_holidays};
pub use meeting::{Audience, Contact, Item, ItemKind, Logo, Meeting, Membership, Publication};
pub use minute_book::{FIRST_MINUTES, MinuteBook, MinuteRecord, MinuteRef, is_business_heading};
pub use page_range::PageRange;
pub use recommendations::Recommendations;
pub use report::{Addressee, Contributor, Report, SummaryBlock};
pub use style::{
    Access, DatePlaces, DateStyle, FrontSheetWording, MinutesWording, NotesStyle, ProgrammeWording,
    ReportTitle, SignatoryDateStyle, Style,
};
pub use sub_paragraphs::SubParagraphs;
pub use supplement::{PageNumbers, Part, Signatory, Supplement};
pub use wording::{
    CoOptedLayout, ContactBlock, CouncillorTitle, EmployeeLayout, MinuteNumber, NameList,
    PageRangePlace, PresentLabelSettings, PresentLabels,
};
pub use work_programme::{
    FlowChart, MeetingState, ProgrammeGroup, ProgrammeItem, ProgrammeMeeting, ProgrammeSlot,
    WorkProgramme,
};
