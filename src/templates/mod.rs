//! House-style templates: minijinja templates that turn the model into the pack's
//! typst source. Defaults are embedded in the binary; a templates folder overrides
//! them file by file, so a council can adjust its style without recompiling.

mod context;
mod escaping;
mod target;

use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};

pub use context::{Context, context_for, markup_errors, pack_context, preview_context};
pub use target::Target;

use crate::error::{Error, Result};

/// The name of the shared typst style file.
pub const STYLE_FILE: &str = "style.typ";

/// The name of the top-level template.
const PACK_TEMPLATE: &str = "pack.typ.j2";

/// The name of the template of a one-document preview.
const PREVIEW_TEMPLATE: &str = "preview.typ.j2";

/// The templates of `build --parallel-layout`: one document on its own, the front
/// sheet on its own, and the footers drawn after layout.
const DOCUMENT_TEMPLATE: &str = "pack-document.typ.j2";
const FRONT_SHEET_TEMPLATE: &str = "pack-front-sheet.typ.j2";
const FOOTERS_TEMPLATE: &str = "pack-footers.typ.j2";

/// A default template: its file name and its text, compiled in from `templates/`.
macro_rules! default_template {
    ($name:literal) => {
        ($name, include_str!(concat!("../../templates/", $name)))
    };
}
// The web edition's templates are compiled in the same way.
pub(crate) use default_template;

/// The default templates, by file name.
const DEFAULTS: &[(&str, &str)] = &[
    default_template!("style.typ"),
    default_template!("pack.typ.j2"),
    default_template!("front-sheet.typ.j2"),
    default_template!("briefing-note.typ.j2"),
    default_template!("report.typ.j2"),
    default_template!("authors.typ.j2"),
    default_template!("minutes.typ.j2"),
    default_template!("external-pdf.typ.j2"),
    default_template!("appendix.typ.j2"),
    default_template!("work-programme.typ.j2"),
    default_template!("preview.typ.j2"),
    default_template!("pack-document.typ.j2"),
    default_template!("pack-front-sheet.typ.j2"),
    default_template!("pack-footers.typ.j2"),
];

/// The text of template `name`: the file in `overrides` when there is one, else the
/// default compiled in; `None` when neither exists.
pub fn template_text(
    overrides: Option<&Path>,
    defaults: &[(&str, &str)],
    name: &str,
) -> std::io::Result<Option<String>> {
    if let Some(dir) = overrides {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map(Some);
        }
    }
    Ok(defaults
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_string()))
}

/// The error of a template override that exists but cannot be read.
pub fn unreadable(name: &str, err: std::io::Error) -> minijinja::Error {
    minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("cannot read template {name}"),
    )
    .with_source(err)
}

/// The templates in use: the defaults, with a council's overrides where present.
pub struct Templates {
    env: Environment<'static>,
    style: String,
}

impl Templates {
    /// Loads the templates, taking each file from `overrides` when it exists there.
    pub fn load(overrides: Option<&Path>) -> Result<Self> {
        let overrides: Option<PathBuf> = overrides.map(Path::to_path_buf);
        let read = move |name: &str| template_text(overrides.as_deref(), DEFAULTS, name);
        let style = read(STYLE_FILE)
            .map_err(|err| Error::io(Path::new(STYLE_FILE), err))?
            .expect("the style file has a default");
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        escaping::install(&mut env);
        env.set_loader(move |name| read(name).map_err(|err| unreadable(name, err)));
        // Surface syntax errors in an override before any meeting is built.
        env.get_template(PACK_TEMPLATE)?;
        Ok(Self { env, style })
    }

    /// The shared typst style file.
    pub fn style(&self) -> &str {
        &self.style
    }

    /// Renders the pack's main typst source from a context made by [`pack_context`].
    pub fn render_pack(&self, context: &minijinja::Value) -> Result<String> {
        Ok(self.env.get_template(PACK_TEMPLATE)?.render(context)?)
    }

    /// Renders the typst source of one document of the pack on its own: document
    /// `index` (in pack order) starting on physical page `first_page` (odd).
    pub fn render_preview(
        &self,
        context: &minijinja::Value,
        index: usize,
        first_page: usize,
    ) -> Result<String> {
        let context = minijinja::context! {
            preview => minijinja::context! { index => index, first_page => first_page },
            ..context.clone()
        };
        Ok(self.env.get_template(PREVIEW_TEMPLATE)?.render(context)?)
    }

    /// Renders the typst source of document `index` (in pack order) laid out on its
    /// own, its footnotes numbered after the `footnotes_before` of the documents before.
    pub fn render_document(
        &self,
        context: &minijinja::Value,
        index: usize,
        footnotes_before: usize,
    ) -> Result<String> {
        let context = minijinja::context! {
            part => minijinja::context! { index => index, footnotes_before => footnotes_before },
            ..context.clone()
        };
        Ok(self.env.get_template(DOCUMENT_TEMPLATE)?.render(context)?)
    }

    /// Renders the typst source of the front sheet on its own, with each item's pages
    /// given (`item_pages`: item, first, last, page, x, y).
    pub fn render_front_sheet(
        &self,
        context: &minijinja::Value,
        item_pages: minijinja::Value,
    ) -> Result<String> {
        let context = minijinja::context! { item_pages => item_pages, ..context.clone() };
        Ok(self
            .env
            .get_template(FRONT_SHEET_TEMPLATE)?
            .render(context)?)
    }

    /// Renders the typst source of the footers of the pages after the front sheet
    /// (`pages`: flipped, supplied), numbered after `page_offset`.
    pub fn render_footers(&self, page_offset: usize, pages: minijinja::Value) -> Result<String> {
        let context = minijinja::context! { page_offset => page_offset, pages => pages };
        Ok(self.env.get_template(FOOTERS_TEMPLATE)?.render(context)?)
    }
}
