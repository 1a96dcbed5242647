//! The era settings and a council's wording: `style.yaml` beside the meeting folders,
//! and a meeting's own `style:` map, which overrides it key by key.

use std::path::Path;

use serde::Deserialize;

use super::root_file;
use super::yaml::YamlText;
use crate::error::Result;
use crate::model::{
    Access, CoOptedLayout, Colour, ContactBlock, CouncillorTitle, DatePlaces, DateStyle,
    EmployeeLayout, FrontSheetWording, MinuteNumber, MinutesWording, NameList, NotesStyle,
    PageRangePlace, PresentLabelSettings, ProgrammeWording, ReportTitle, SignatoryDateStyle, Style,
};

/// The file in the content root that sets the style of every meeting.
pub const STYLE_FILE: &str = "style.yaml";

/// Style settings as written: each may be left to a wider setting or the default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSettings {
    notes: Option<NotesStyle>,
    access: Option<Access>,
    dates: Option<DateStyle>,
    signatory_date: Option<SignatoryDateStyle>,
    page_range: Option<PageRangePlace>,
    contact_block: Option<ContactBlock>,
    name_lists: Option<NameList>,
    access_heading: Option<String>,
    access_text: Option<String>,
    contact_separator: Option<String>,
    councillor: Option<CouncillorTitle>,
    #[serde(default)]
    present_labels: PresentLabelSettings,
    employees: Option<EmployeeLayout>,
    co_opted: Option<CoOptedLayout>,
    minute_numbers: Option<MinuteNumber>,
    front_sheet_dates: Option<DateStyle>,
    note_dates: Option<DateStyle>,
    minutes_dates: Option<DateStyle>,
    work_programme_dates: Option<DateStyle>,
    note_date_label: Option<bool>,
    programme_no_items: Option<String>,
    programme_title_on_every_page: Option<bool>,
    report_title: Option<ReportTitle>,
    colour: Option<Colour>,
}

impl StyleSettings {
    /// These settings, falling back to `wider` for the ones not given.
    pub fn over(self, wider: Self) -> Self {
        Self {
            notes: self.notes.or(wider.notes),
            access: self.access.or(wider.access),
            dates: self.dates.or(wider.dates),
            signatory_date: self.signatory_date.or(wider.signatory_date),
            page_range: self.page_range.or(wider.page_range),
            contact_block: self.contact_block.or(wider.contact_block),
            name_lists: self.name_lists.or(wider.name_lists),
            access_heading: self.access_heading.or(wider.access_heading),
            access_text: self.access_text.or(wider.access_text),
            contact_separator: self.contact_separator.or(wider.contact_separator),
            councillor: self.councillor.or(wider.councillor),
            present_labels: self.present_labels.over(wider.present_labels),
            employees: self.employees.or(wider.employees),
            co_opted: self.co_opted.or(wider.co_opted),
            minute_numbers: self.minute_numbers.or(wider.minute_numbers),
            front_sheet_dates: self.front_sheet_dates.or(wider.front_sheet_dates),
            note_dates: self.note_dates.or(wider.note_dates),
            minutes_dates: self.minutes_dates.or(wider.minutes_dates),
            work_programme_dates: self.work_programme_dates.or(wider.work_programme_dates),
            note_date_label: self.note_date_label.or(wider.note_date_label),
            programme_no_items: self.programme_no_items.or(wider.programme_no_items),
            programme_title_on_every_page: self
                .programme_title_on_every_page
                .or(wider.programme_title_on_every_page),
            report_title: self.report_title.or(wider.report_title),
            colour: self.colour.or(wider.colour),
        }
    }

    /// The style, with the defaults for anything not set.
    pub fn resolve(self) -> Style {
        let access = self.access.unwrap_or_default();
        let dates = self.dates.unwrap_or_default();
        let stock_places = DatePlaces::default();
        let stock_programme = ProgrammeWording::default();
        Style {
            notes: self.notes.unwrap_or_default(),
            access,
            dates,
            signatory_date: self.signatory_date.unwrap_or_default(),
            front_sheet: FrontSheetWording {
                page_range: self.page_range.unwrap_or_default(),
                contact_block: self.contact_block.unwrap_or_default(),
                name_lists: self.name_lists.unwrap_or_default(),
                access_heading: self
                    .access_heading
                    .unwrap_or_else(|| access.heading().to_string()),
                access_text: self
                    .access_text
                    .unwrap_or_else(|| access.text().to_string()),
                contact_separator: self.contact_separator.unwrap_or_else(|| ";".to_string()),
            },
            minutes: MinutesWording {
                councillor: self.councillor.unwrap_or_default(),
                labels: self.present_labels.resolve(),
                employees: self.employees.unwrap_or_default(),
                co_opted: self.co_opted.unwrap_or_default(),
                minute_numbers: self.minute_numbers.unwrap_or_default(),
            },
            // Every place follows `dates` but the minutes, whose header has always
            // been printed plain.
            places: DatePlaces {
                front_sheet: self.front_sheet_dates.unwrap_or(dates),
                notes: self.note_dates.unwrap_or(dates),
                minutes: self.minutes_dates.unwrap_or(stock_places.minutes),
                work_programme: self.work_programme_dates.unwrap_or(dates),
                note_date_label: self.note_date_label.unwrap_or(stock_places.note_date_label),
            },
            programme: ProgrammeWording {
                no_items: self.programme_no_items.unwrap_or(stock_programme.no_items),
                title_on_every_page: self
                    .programme_title_on_every_page
                    .unwrap_or(stock_programme.title_on_every_page),
            },
            report_title: self.report_title.unwrap_or_default(),
            colour: self.colour,
        }
    }
}

/// The settings of `style.yaml` in `root`, if there is one; it must be a file inside
/// the content root once links are followed.
pub fn load_root(root: &Path) -> Result<StyleSettings> {
    let Some((file, text)) = root_file::read(root, STYLE_FILE)? else {
        return Ok(StyleSettings::default());
    };
    YamlText::read(&file, &text, 1)?.parse_all().into_result()
}
