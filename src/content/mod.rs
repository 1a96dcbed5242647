//! Reading content from disk: finding meeting folders, parsing `meeting.yaml` and the
//! documents' front matter, and turning them into the validated [`crate::model`].

mod chair;
pub mod confine;
mod discover;
mod document_file;
mod external_pdf;
mod front_matter;
mod holidays_file;
mod image_file;
pub mod image_limits;
mod meeting_file;
mod minute_scan;
mod root_file;
mod string_or_map;
mod style_file;
mod suggest;
mod supplements;
mod text_file;
mod unlisted;
mod work_programme_file;
mod yaml;
mod yaml_recovery;
mod yaml_spans;

pub use discover::{Found, MEETING_FILE, find_meetings};
pub use holidays_file::{HOLIDAYS_FILE, load_calendar};
pub use meeting_file::{
    Loaded, load_meeting, load_meeting_around, load_meeting_copying, load_meeting_partly,
};
pub use style_file::STYLE_FILE;
pub use text_file::as_read;
