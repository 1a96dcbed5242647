//! The web edition's templates: minijinja HTML templates and one stylesheet, compiled
//! in and overridden file by file from the same folder as the pack's templates.

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior, Value};

use crate::error::{Error, Result};
use crate::markup::escape_html;
use crate::templates::{default_template, template_text, unreadable};

/// The stylesheet, copied to the site's root.
const STYLESHEET: &str = "html/style.css";

/// The default templates, by name.
const DEFAULTS: &[(&str, &str)] = &[
    default_template!("html/style.css"),
    default_template!("html/base.html.j2"),
    default_template!("html/index.html.j2"),
    default_template!("html/meeting.html.j2"),
    default_template!("html/document.html.j2"),
    default_template!("html/authors.html.j2"),
    default_template!("html/briefing-note.html.j2"),
    default_template!("html/report.html.j2"),
    default_template!("html/minutes.html.j2"),
    default_template!("html/appendix.html.j2"),
    default_template!("html/external-pdf.html.j2"),
    default_template!("html/work-programme.html.j2"),
    default_template!("html/search.html.j2"),
    default_template!("html/search.js"),
    default_template!("html/feed.xml.j2"),
    default_template!("html/sitemap.xml.j2"),
];

/// The site's templates in use: the defaults, with a council's overrides where present.
pub struct SiteTemplates {
    env: Environment<'static>,
    stylesheet: String,
    overrides: Option<PathBuf>,
}

impl SiteTemplates {
    /// Loads the templates, taking each file from `overrides/html/` when it exists.
    pub fn load(overrides: Option<&Path>) -> Result<Self> {
        let overrides: Option<PathBuf> = overrides.map(Path::to_path_buf);
        let folder = overrides.clone();
        let read = move |name: &str| template_text(folder.as_deref(), DEFAULTS, name);
        let stylesheet = read(STYLESHEET)
            .map_err(|err| Error::io(Path::new(STYLESHEET), err))?
            .expect("the stylesheet has a default");
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html.j2") || name.ends_with(".xml.j2") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(format_value);
        env.set_loader(move |name| read(name).map_err(|err| unreadable(name, err)));
        // Surface syntax errors in an override before any meeting is built.
        for (name, _) in DEFAULTS.iter().filter(|(name, _)| name.ends_with(".j2")) {
            env.get_template(name)?;
        }
        Ok(Self {
            env,
            stylesheet,
            overrides,
        })
    }

    /// The stylesheet.
    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    /// The text of file `name` under `html/`, the council's or the default: a script,
    /// or an XML template, which the feed and the sitemap render with XML escaping.
    pub fn text(&self, name: &str) -> Result<String> {
        let path = format!("html/{name}");
        Ok(template_text(self.overrides.as_deref(), DEFAULTS, &path)
            .map_err(|err| Error::io(Path::new(&path), err))?
            .expect("every file asked for has a default"))
    }

    /// Renders template `name` (under `html/`) with `context`.
    pub fn render(&self, name: &str, context: Value) -> Result<String> {
        Ok(self
            .env
            .get_template(&format!("html/{name}"))?
            .render(context)?)
    }
}

/// Writes a value into an HTML page: escaped as [`escape_html`] does unless it is
/// already HTML (a safe string, such as a converted Markdown body); none as nothing.
fn format_value(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> std::result::Result<(), minijinja::Error> {
    if *state.auto_escape() != AutoEscape::Html || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_none() {
        return Ok(());
    }
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    out.write_str(&escape_html(&text))
        .map_err(minijinja::Error::from)
}
