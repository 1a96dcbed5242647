//! Figures: an image's alternative text (required), its path confined to the meeting
//! folder and checked, its caption and width, and its number when captioned.

use std::ops::Range;
use std::path::{Component, Path};

use super::super::backend::Figure;
use super::super::figure_width::split_width;
use super::{Converter, Target};
use crate::content::confine;
use crate::error::ContentError;
use crate::typeset::check_image;

impl Converter<'_> {
    pub(super) fn end_image(&mut self, range: Range<usize>) -> Result<(), ContentError> {
        let alt = self.pop().plain.trim().to_string();
        let Some(Target::Image(dest_url)) = self.targets.pop() else {
            unreachable!("an image ends after it starts")
        };
        let title = self
            .image_titles
            .pop()
            .expect("an image ends after it starts");
        if alt.is_empty() {
            let error = self.error(range.start, "the image has no alternative text")
                .with_hint("describe the image for screen readers: `![what the image shows](file \"caption\")`");
            self.report(error);
        }
        let path = self.image_path(&dest_url, range.start);
        let (title, width) = match split_width(&title) {
            Ok(split) => split,
            Err(bad) => {
                let error = self
                    .error(range.start, bad.to_string())
                    .with_hint(bad.hint());
                self.report(error);
                (title.as_str(), None)
            }
        };
        self.check_printable(title, &range);
        // A wrong image is left out; what is around it is still checked.
        let path = match path {
            Ok(path) => path,
            Err(error) => {
                self.report(error);
                return Ok(());
            }
        };
        // Only captioned figures are numbered, like tables.
        let caption = (!title.is_empty()).then(|| {
            self.figures_seen += 1;
            (self.figures_seen, title)
        });
        let markup = self.backend.figure(&Figure {
            path: &path,
            alt: &alt,
            width,
            caption,
            marker: &self.marker(range.start),
        });
        if !self.images.contains(&path) {
            self.images.push(path);
        }
        let buffer = self.top();
        buffer.markup.push_str(&markup);
        buffer.has_figure = true;
        Ok(())
    }

    /// An image's path inside the meeting folder, `/`-separated, after checking it lies
    /// inside the folder (links followed) and that typst can place it.
    fn image_path(&self, url: &str, offset: usize) -> Result<String, ContentError> {
        let relative = self
            .assets
            .document_dir
            .join(confine::normalise(Path::new(url)));
        let real =
            confine::resolve_inside(self.assets.meeting_dir, &relative).map_err(|escape| {
                self.error(offset, format!("image {escape}"))
                    .with_hint(escape.hint())
            })?;
        check_image(&real, url).map_err(|problem| {
            self.error(offset, problem.to_string())
                .with_hint(problem.hint())
        })?;
        let segments: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        Ok(segments.join("/"))
    }
}
