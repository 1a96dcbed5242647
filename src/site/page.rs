//! What every page of the site shows around its content: the language, the title,
//! the header with the council's logo, the breadcrumbs back to the index.

use serde::Serialize;

use super::meeting_page::Listed;
use super::palette::Palette;
use crate::model::Colour;

/// The language of the site's pages (the house style is British English).
pub const LANGUAGE: &str = "en-GB";

/// A link of the breadcrumb trail; the current page's has no `href`.
#[derive(Serialize, Clone)]
pub struct Crumb {
    /// Where it leads, relative to the page.
    pub href: Option<String>,
    /// Its text.
    pub label: String,
}

/// The council's logo in the header.
#[derive(Serialize, Clone)]
pub struct HeaderLogo {
    /// The image, relative to the page.
    pub href: String,
    /// Its alternative text.
    pub alt: String,
}

/// The frame of one page.
#[derive(Serialize)]
pub struct Frame {
    /// `<html lang>`.
    pub lang: &'static str,
    /// The `<title>` (and `<h1>` of most pages).
    pub title: String,
    /// The site's root relative to the page: `""` or `"../"`.
    pub root: &'static str,
    /// The council whose meetings these are.
    pub council: String,
    /// Its logo, if the meetings have one.
    pub logo: Option<HeaderLogo>,
    /// The trail from the index to this page.
    pub breadcrumbs: Vec<Crumb>,
    /// The council's colours, over the stylesheet's.
    pub palette: Option<Palette>,
}

impl Frame {
    /// The frame of a page inside a meeting's folder, below the meeting page (or the
    /// meeting page itself when `document` is `None`).
    pub fn in_meeting(
        title: String,
        council: &str,
        colour: Option<Colour>,
        logo: Option<HeaderLogo>,
        meeting_label: String,
        document: Option<String>,
    ) -> Self {
        let mut breadcrumbs = vec![Crumb {
            href: Some("../index.html".into()),
            label: "Meetings".into(),
        }];
        match document {
            Some(label) => breadcrumbs.extend([
                Crumb {
                    href: Some("index.html".into()),
                    label: meeting_label,
                },
                Crumb { href: None, label },
            ]),
            None => breadcrumbs.push(Crumb {
                href: None,
                label: meeting_label,
            }),
        }
        Self {
            lang: LANGUAGE,
            title,
            root: "../",
            council: council.to_string(),
            logo,
            breadcrumbs,
            palette: colour.map(Palette::of),
        }
    }

    /// The frame of a page at the site's root, headed with the council (logo and
    /// colour) of the latest of `meetings`.
    pub fn at_root(title: String, breadcrumbs: Vec<Crumb>, meetings: &[Listed]) -> Self {
        let latest = meetings
            .iter()
            .max_by(|a, b| a.date.cmp(&b.date).then(b.href.cmp(&a.href)));
        Self {
            lang: LANGUAGE,
            title,
            root: "",
            council: latest.map(|m| m.council.clone()).unwrap_or_default(),
            logo: latest.and_then(|m| m.logo.clone()),
            breadcrumbs,
            palette: latest.and_then(|m| m.colour).map(Palette::of),
        }
    }
}
