//! The site's colours from the council's: text on the council's colour is white or
//! (near-)black, whichever contrasts more, and links take the colour only when it
//! reads on white; so no council colour can fail WCAG 2.2 AA contrast (4.5:1).

use serde::Serialize;

use crate::model::Colour;

/// The contrast WCAG 2.2 AA asks of text (1.4.3).
const AA_TEXT: f64 = 4.5;

/// The stylesheet's near-black text.
const NEAR_BLACK: Colour = Colour::rgb(0x0b, 0x0c, 0x0c);

/// The colours a page sets over the stylesheet's defaults.
#[derive(Debug, Serialize, PartialEq)]
pub struct Palette {
    /// The header's background and the footer's rule: the council's colour.
    pub brand: String,
    /// The header's text.
    pub brand_text: String,
    /// Links on the white page, when the council's colour reads there.
    pub link: Option<String>,
}

impl Palette {
    /// The palette of a council's colour.
    pub fn of(colour: Colour) -> Self {
        let (better, other) = if colour.contrast(Colour::WHITE) >= colour.contrast(NEAR_BLACK) {
            (Colour::WHITE, NEAR_BLACK)
        } else {
            (NEAR_BLACK, Colour::WHITE)
        };
        // Mid greys (#777777) reach 4.5:1 with neither, only with pure black.
        let brand_text = [better, other, Colour::rgb(0, 0, 0)]
            .into_iter()
            .find(|text| colour.contrast(*text) >= AA_TEXT)
            .unwrap_or(Colour::rgb(0, 0, 0));
        Self {
            brand: colour.to_string(),
            brand_text: brand_text.to_string(),
            link: (colour.contrast(Colour::WHITE) >= AA_TEXT).then(|| colour.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_council_colour_gets_text_that_passes_aa() {
        // Every grey and a spread of colours: the better of white and near-black
        // always reaches 4.5:1.
        for level in 0..=255u8 {
            for colour in [
                Colour::rgb(level, level, level),
                Colour::rgb(level, 0, 0),
                Colour::rgb(0, level, 0),
                Colour::rgb(0, 0, level),
                Colour::rgb(255, level, 0),
            ] {
                let palette = Palette::of(colour);
                let text: Colour = palette.brand_text.parse().unwrap();
                assert!(colour.contrast(text) >= AA_TEXT, "{colour} with {text}");
                if let Some(link) = palette.link {
                    let link: Colour = link.parse().unwrap();
                    assert!(link.contrast(Colour::WHITE) >= AA_TEXT, "{link}");
                }
            }
        }
    }

    #[test]
    fn a_pale_colour_takes_dark_text_and_leaves_links_alone() {
        let yellow = Palette::of("#ffdd00".parse().unwrap());
        assert_eq!(yellow.brand_text, "#0b0c0c");
        assert_eq!(yellow.link, None);
        let navy = Palette::of("#1d4f91".parse().unwrap());
        assert_eq!(navy.brand_text, "#ffffff");
        assert_eq!(navy.link.as_deref(), Some("#1d4f91"));
    }
}
