//! `new minutes`: the minutes of a meeting drafted from its agenda (the items in
//! order as numbered minutes, the membership as the Present list), numbered on from
//! the previous minutes of the municipal year, written into the meeting that will
//! agree them.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::listing::{Listing, Section};
use super::write::{refuse_existing, write_new};
use super::{Scaffold, meeting_file, render};
use crate::content::load_meeting;
use crate::error::{Error, Result};
use crate::model::{Item, ItemKind, Meeting};

/// The stock minutes.
const MINUTES_TEMPLATE: &str = include_str!("../../templates/scaffold/minutes.md.j2");
/// How long a meeting is assumed to last, for the `closed:` placeholder.
const ASSUMED_LENGTH_MINUTES: i64 = 120;

/// An agenda item as its minute needs it.
#[derive(Serialize)]
struct MinuteItem<'a> {
    kind: ItemKind,
    title: &'a str,
    by: Option<&'a str>,
}

impl<'a> From<&'a Item> for MinuteItem<'a> {
    fn from(item: &'a Item) -> Self {
        Self {
            kind: item.kind,
            title: &item.title,
            by: item.by.as_deref(),
        }
    }
}

/// Writes `minutes-<date>.md`, the minutes of the meeting in `minuted`, into the
/// meeting folder `into` (by default the next meeting folder beside it, by name),
/// whose minutes item is to list them.
pub fn minutes(minuted: &Path, into: Option<&Path>) -> Result<Scaffold> {
    let meeting = load_meeting(minuted)?;
    let into = match into {
        Some(dir) => dir.to_path_buf(),
        None => next_meeting_folder(minuted)?,
    };
    let file = into.join(format!("minutes-{}.md", meeting.date));
    refuse_existing(&file)?;
    let (first_minute, numbering) = first_minute(&meeting);
    let items: Vec<MinuteItem> = meeting.items.iter().map(MinuteItem::from).collect();
    let private_items: Vec<MinuteItem> =
        meeting.private_items.iter().map(MinuteItem::from).collect();
    let text = render(
        MINUTES_TEMPLATE,
        minijinja::context! {
            date => meeting.date.to_string(),
            date_text => meeting.date.ordinal(),
            time => meeting.time.written(),
            closed => meeting.time.later(ASSUMED_LENGTH_MINUTES).written(),
            place => meeting.place,
            first_minute => first_minute,
            numbering => numbering,
            chair => meeting.membership.chair,
            members => meeting.membership.members,
            co_opted => meeting.membership.co_opted,
            items => minijinja::Value::from(minijinja::value::Serde(&items)),
            private_items => minijinja::Value::from(minijinja::value::Serde(&private_items)),
        },
    )?;
    write_new(&file, &text)?;
    let mut listing = Listing::new(&file, Section::Items, ItemKind::Minutes, "Minutes", None);
    listing.sub_items = vec![
        format!(
            "To agree the minutes of the meeting held on {}",
            meeting.date.ordinal()
        ),
        "Matters Arising".to_string(),
    ];
    Ok(Scaffold {
        files: vec![file],
        listing: Some(listing),
    })
}

/// The first minute number and a note saying where it comes from: on from the last
/// minutes of the same municipal year in the content, or 1 when the year starts.
fn first_minute(meeting: &Meeting) -> (u32, String) {
    match meeting.minute_book.previous(meeting.date) {
        Some(previous) => (
            previous.next(),
            format!(
                "on from the minutes of {}, which end at minute {}",
                previous.date.ordinal(),
                previous.next() - 1
            ),
        ),
        None => {
            let year = meeting.date.municipal_year();
            (
                1,
                format!(
                    "the first minutes of the {year}/{:02} municipal year in the content",
                    (year + 1) % 100
                ),
            )
        }
    }
}

/// The meeting folder after `minuted` among its siblings, by name (meeting folders are
/// named by date), where the minutes will be agreed.
fn next_meeting_folder(minuted: &Path) -> Result<PathBuf> {
    let name = minuted.file_name().map(|n| n.to_os_string());
    let parent = minuted
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut later: Vec<PathBuf> = std::fs::read_dir(parent)
        .map_err(|err| Error::io(parent, err))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|dir| meeting_file(dir).is_file())
        .filter(|dir| dir.file_name().map(|n| n.to_os_string()) > name)
        .collect();
    later.sort();
    later.into_iter().next().ok_or_else(|| {
        Error::io(
            minuted,
            std::io::Error::new(
                ErrorKind::NotFound,
                "no later meeting folder beside it to write its minutes into: create the next \
                 meeting with `agenda-pack new meeting`, or name the folder with `--into DIR`",
            ),
        )
    })
}
