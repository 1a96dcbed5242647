//! Top-level paragraphs: numbered or not (`{-}`, `{number=4}`), a `Table:` caption
//! line waiting for its table, a `RESOLVED` decision waiting for its list, a paragraph
//! that is only a figure, and the `[landscape]` markers.

use std::ops::Range;

use super::super::table::CaptionLine;
use super::super::table_caption::{TableSettings, ends_with_settings, split_settings};
use super::heading::paragraph_number;
use super::{Converter, Flavour};
use crate::error::ContentError;

/// A paragraph starting with this is not numbered (a lead-in line, a quotation).
const UNNUMBERED: &str = "{-}";
/// A paragraph of just this starts a section on landscape pages, for wide tables.
const LANDSCAPE_START: &str = "[landscape]";
/// A paragraph of just this ends the landscape section.
const LANDSCAPE_END: &str = "[/landscape]";

impl Converter<'_> {
    pub(super) fn end_paragraph(&mut self, range: Range<usize>) -> Result<(), ContentError> {
        let paragraph = self.pop();
        let plain = paragraph.plain.trim();
        let markup = paragraph.markup.trim();
        if !self.at_top_level() {
            let markup = self.backend.paragraph(markup);
            self.write(&markup);
            return Ok(());
        }
        if let Some(caption) = plain.strip_prefix("Table:") {
            let written = &self.source.text[range.clone()];
            // A wrong caption line is left out: its table follows uncaptioned.
            if let Err(error) = self.caption_line(caption, markup, written, range.start) {
                self.report(error);
            }
            return Ok(());
        }
        if paragraph.has_figure && plain.is_empty() {
            let markup = self.backend.figure_block(markup);
            self.block(&markup);
            return Ok(());
        }
        if matches!(self.flavour, Flavour::Minutes { .. }) && plain.starts_with("RESOLVED") {
            self.block("");
            self.pending_resolved = Some(markup.to_string());
            return Ok(());
        }
        let landscape = match plain {
            LANDSCAPE_START => Some(self.start_landscape(range.start)),
            LANDSCAPE_END => Some(self.end_landscape(range.start)),
            _ => None,
        };
        if let Some(landscape) = landscape {
            // A wrong marker opens or closes nothing, so the buffers stay paired.
            if let Err(error) = landscape {
                self.report(error);
            }
            return Ok(());
        }
        if plain.starts_with(UNNUMBERED) {
            let marker = self.backend.text(UNNUMBERED);
            let markup = self
                .backend
                .paragraph(markup.trim_start_matches(marker.as_str()).trim());
            self.block(&markup);
            return Ok(());
        }
        // The marker is never printed; its number counts where paragraphs are numbered.
        let (explicit, markup) = match paragraph_number(plain) {
            Some(Ok((number, written))) => (
                Some(number),
                markup
                    .trim_start_matches(self.backend.text(written).as_str())
                    .trim(),
            ),
            Some(Err(bad)) => {
                let error = self
                    .error(range.start, bad.to_string())
                    .with_hint(bad.hint());
                self.report(error);
                (None, markup)
            }
            None => (None, markup),
        };
        let markup = if self.numbering_paragraphs() {
            let label = self.numbering.next_paragraph(explicit);
            let id = self.unique_id(&format!("p{label}"));
            self.backend.numbered_paragraph(&label, &id, markup)
        } else {
            self.backend.paragraph(markup)
        };
        self.block(&markup);
        Ok(())
    }

    /// A `Table:` line: its caption (plain text and markup) and settings wait for
    /// the table below. `written` is the line as written: braces escaped there
    /// (`\{`) are part of the caption.
    fn caption_line(
        &mut self,
        plain: &str,
        markup: &str,
        written: &str,
        at: usize,
    ) -> Result<(), ContentError> {
        if plain.trim().is_empty() {
            return Err(self
                .error(at, "the `Table:` caption is empty")
                .with_hint("write the caption after `Table:`, or remove the line for a table without a caption"));
        }
        let (caption, settings) = if ends_with_settings(written) {
            match split_settings(plain) {
                Ok(split) => split,
                Err(bad) => {
                    let error = self.error(at, bad.to_string()).with_hint(bad.hint());
                    self.report(error);
                    (plain.trim(), TableSettings::default())
                }
            }
        } else {
            (plain.trim(), TableSettings::default())
        };
        let settings_markup = self.backend.text(plain.trim()[caption.len()..].trim());
        let markup = markup
            .trim_start_matches(self.backend.text("Table:").as_str())
            .trim();
        let Some(caption_markup) = markup.strip_suffix(settings_markup.as_str()) else {
            return Err(self
                .error(
                    at,
                    "the table settings must end the `Table:` line as plain text",
                )
                .with_hint(
                    "write the settings in braces after the caption, outside any emphasis",
                ));
        };
        let caption_markup = caption_markup.trim();
        self.block("");
        self.pending_caption = Some(CaptionLine {
            caption: (!caption.is_empty()).then(|| caption_markup.to_string()),
            settings,
            at,
        });
        Ok(())
    }

    fn start_landscape(&mut self, offset: usize) -> Result<(), ContentError> {
        if self.landscape.is_some() {
            return Err(self
                .error(offset, "a landscape section is already open")
                .with_hint("close the first one with `[/landscape]`"));
        }
        self.block("");
        self.landscape = Some(offset);
        self.push();
        Ok(())
    }

    fn end_landscape(&mut self, offset: usize) -> Result<(), ContentError> {
        if self.landscape.take().is_none() {
            return Err(self.error(offset, "`[/landscape]` without a `[landscape]` before it"));
        }
        self.block("");
        let inner = self.pop();
        let markup = self.backend.landscape(&inner.markup);
        self.write(&markup);
        Ok(())
    }
}
