//! The site's front page: each committee's meetings by municipal year, newest first.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::meeting_page::Listed;
use super::page::{Crumb, Frame};
use super::{SiteTemplates, assets};
use crate::error::Result;

/// A committee's meetings.
#[derive(Serialize)]
struct Committee<'a> {
    name: &'a str,
    /// Its municipal years, the latest first.
    years: Vec<Year<'a>>,
}

/// A municipal year's meetings, the latest first.
#[derive(Serialize)]
struct Year<'a> {
    /// `2026/27`.
    label: String,
    meetings: Vec<&'a Listed>,
}

/// Writes `index.html`, listing `meetings`.
pub fn write(site: &Path, meetings: &[Listed], templates: &SiteTemplates) -> Result<()> {
    let mut by_committee: BTreeMap<&str, BTreeMap<i32, Vec<&Listed>>> = BTreeMap::new();
    for meeting in meetings {
        by_committee
            .entry(meeting.committee.as_str())
            .or_default()
            .entry(meeting.date.municipal_year())
            .or_default()
            .push(meeting);
    }
    let committees: Vec<Committee> = by_committee
        .into_iter()
        .map(|(name, years)| Committee {
            name,
            years: years
                .into_iter()
                .rev()
                .map(|(year, mut meetings)| {
                    meetings.sort_by(|a, b| b.date.cmp(&a.date).then(a.href.cmp(&b.href)));
                    Year {
                        label: format!("{year}/{:02}", (year + 1) % 100),
                        meetings,
                    }
                })
                .collect(),
        })
        .collect();
    let frame = Frame::at_root(
        "Committee meetings".to_string(),
        vec![Crumb {
            href: None,
            label: "Meetings".into(),
        }],
        meetings,
    );
    let page = templates.render(
        "index.html.j2",
        minijinja::context! { frame => minijinja::value::Serde(frame), committees => minijinja::value::Serde(committees) },
    )?;
    assets::write(&site.join("index.html"), page.as_bytes())
}
