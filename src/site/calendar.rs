//! The site's `meetings.ics`: one iCalendar (RFC 5545) event per meeting.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use icalendar::{Component, EventLike};

use super::london;

/// A calendar of meetings.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The calendar's name in the reader's list, e.g. `Elmsworth City Council meetings`.
    pub name: String,
    /// The meetings, in any order (they are written in the order given).
    pub events: Vec<Event>,
}

/// One meeting in the calendar.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stays the same from build to build, so a subscribed calendar updates the event
    /// rather than adding a second one.
    pub uid: String,
    /// The committee.
    pub summary: String,
    /// When the meeting starts, in Europe/London local time (the time on the front sheet).
    pub start: NaiveDateTime,
    /// When it ends, if known; without it the event is the instant it starts (RFC 5545
    /// 3.6.1), as the content records no end.
    pub end: Option<NaiveDateTime>,
    /// Where it is held.
    pub location: String,
    /// The meeting page's absolute address, when the site's address is known (a
    /// calendar's URL cannot be relative).
    pub url: Option<String>,
    /// The day the agenda was published: the event's DTSTAMP (the start of that day in
    /// London), so the bytes do not depend on the clock.
    pub published: NaiveDate,
}

/// The default file name in the site.
pub const FILE_NAME: &str = "meetings.ics";

/// The calendar's product identifier (RFC 5545 3.7.3).
const PRODUCT: &str = "-//agenda-pack//Meetings//EN";

/// The iCalendar text of `calendar`, CRLF line ends and long lines folded.
pub fn ics(calendar: &Calendar) -> Vec<u8> {
    let mut out = icalendar::Calendar::empty();
    out.append_property(("VERSION", "2.0"));
    out.append_property(("PRODID", PRODUCT));
    out.append_property(("CALSCALE", "GREGORIAN"));
    out.append_property(("METHOD", "PUBLISH"));
    out.name(&calendar.name);
    for event in &calendar.events {
        out.push(vevent(event));
    }
    out.to_string().into_bytes()
}

/// One VEVENT. Times are written in UTC (form 2 of RFC 5545 3.3.5), which every
/// calendar reads the same way, rather than with a TZID whose VTIMEZONE some readers
/// ignore.
fn vevent(event: &Event) -> icalendar::Event {
    let mut out = icalendar::Event::new();
    out.uid(&event.uid)
        .timestamp(london::start_of(event.published).with_timezone(&Utc))
        .summary(&one_line_ends(&event.summary))
        .location(&one_line_ends(&event.location))
        .starts(london::utc(event.start));
    if let Some(end) = event.end {
        out.ends(london::utc(end));
    }
    if let Some(url) = &event.url {
        out.url(url);
    }
    out.done()
}

/// `text` with bare line feeds only: the library escapes a line feed as `\n` but
/// would write a carriage return raw, which ends the content line early.
fn one_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
