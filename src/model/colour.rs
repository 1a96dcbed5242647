//! A council's colour, written `#rrggbb`, and the contrast of text on it (WCAG 2.2).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_with::DeserializeFromStr;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, DeserializeFromStr)]
pub struct Colour {
    red: u8,
    green: u8,
    blue: u8,
}

impl Colour {
    /// White.
    pub const WHITE: Self = Self::rgb(0xff, 0xff, 0xff);

    /// The colour of these components.
    pub const fn rgb(red: u8, green: u8, blue: u8) -> Self {
        Self { red, green, blue }
    }

    /// Its relative luminance, from 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let linear = |component: u8| {
            let c = f64::from(component) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.red) + 0.7152 * linear(self.green) + 0.0722 * linear(self.blue)
    }

    /// The contrast ratio of the two colours, from 1 to 21.
    pub fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl FromStr for Colour {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let digits = text.trim().strip_prefix('#').unwrap_or("");
        let component = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
        let hexadecimal = digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_hexdigit());
        match (hexadecimal, component(0), component(2), component(4)) {
            (true, Some(red), Some(green), Some(blue)) => Ok(Self::rgb(red, green, blue)),
            _ => Err(format!(
                "`{text}` is not a colour: write it as `#` and six hexadecimal digits, e.g. `#1d4f91`"
            )),
        }
    }
}

impl fmt::Display for Colour {
    /// `#1d4f91`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }
}

impl Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_as_six_hex_digits_and_print_the_same() {
        let colour: Colour = "#1D4F91".parse().unwrap();
        assert_eq!(colour.to_string(), "#1d4f91");
        for wrong in [
            "1d4f91", "#1d4f9", "#1d4f911", "#gggggg", "blue", "#é1d4f9", "#+1+2+3",
        ] {
            assert!(wrong.parse::<Colour>().is_err(), "{wrong}");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        let black = Colour::rgb(0, 0, 0);
        assert!((Colour::WHITE.contrast(black) - 21.0).abs() < 1e-9);
        assert!((Colour::WHITE.contrast(Colour::WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes 4.5:1 on white.
        assert!(Colour::WHITE.contrast("#767676".parse().unwrap()) >= 4.5);
        assert!(Colour::WHITE.contrast("#777777".parse().unwrap()) < 4.5);
    }
}
