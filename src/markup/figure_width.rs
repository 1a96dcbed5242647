//! A figure's width, written `{width=...}` at the end of its caption: a share of the
//! text width, or a length, that fits within the text width of a page.

/// What a width may be, for messages and docs: at least a sliver, at most the text
/// width (a portrait A4 page has 17 cm between its margins).
pub const ALLOWED: &str = "1% to 100%, 1cm to 17cm or 10mm to 170mm";

/// Why a `{width=...}` is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadWidth {
    /// Not a number with a unit of `%`, `cm` or `mm`.
    #[error("`{{width={0}}}` is not a width")]
    NotAWidth(String),
    /// Too narrow to see, or wider than the text.
    #[error("`{{width={0}}}` is outside the allowed range ({ALLOWED})")]
    OutOfRange(String),
}

impl BadWidth {
    /// How to fix it, for the hint line.
    pub fn hint(&self) -> String {
        format!(
            "end the caption with a width from {ALLOWED}, such as `{{width=60%}}` or `{{width=8cm}}`"
        )
    }
}

/// Splits an image title into its caption and an optional trailing `{width=...}`,
/// checked to be a plain number and unit (so it can be written as typst code) within
/// the allowed range.
pub fn split_width(title: &str) -> Result<(&str, Option<&str>), BadWidth> {
    let title = title.trim();
    let Some(open) = title.rfind("{width=").filter(|_| title.ends_with('}')) else {
        return Ok((title, None));
    };
    let value = &title[open + "{width=".len()..title.len() - 1];
    let number_end = value
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(number_end);
    let plain = number.starts_with(|c: char| c.is_ascii_digit())
        && number.ends_with(|c: char| c.is_ascii_digit());
    let (min, max) = match unit {
        "%" => (1.0, 100.0),
        "cm" => (1.0, 17.0),
        "mm" => (10.0, 170.0),
        _ => return Err(BadWidth::NotAWidth(value.into())),
    };
    let number = number
        .parse::<f64>()
        .ok()
        .filter(|_| plain)
        .ok_or_else(|| BadWidth::NotAWidth(value.into()))?;
    if !(min..=max).contains(&number) {
        return Err(BadWidth::OutOfRange(value.into()));
    }
    Ok((title[..open].trim_end(), Some(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_within_the_text_width_are_kept() {
        for (title, caption, width) in [
            ("Trend {width=60%}", "Trend", Some("60%")),
            ("Trend {width=100%}", "Trend", Some("100%")),
            ("{width=1%}", "", Some("1%")),
            ("T {width=8.5cm}", "T", Some("8.5cm")),
            ("T {width=170mm}", "T", Some("170mm")),
            ("No width", "No width", None),
        ] {
            assert_eq!(split_width(title), Ok((caption, width)), "{title}");
        }
    }

    #[test]
    fn widths_beyond_the_page_or_not_widths_are_refused() {
        for value in ["200%", "0%", "0.5%", "18cm", "171mm", "9mm", "100.01%"] {
            assert_eq!(
                split_width(&format!("T {{width={value}}}")),
                Err(BadWidth::OutOfRange(value.into())),
                "{value}"
            );
        }
        for value in [
            "1e9px", "60", "abc%", ".5cm", "5.cm", "1.2.3%", "-5%", "60% ",
        ] {
            assert_eq!(
                split_width(&format!("T {{width={value}}}")),
                Err(BadWidth::NotAWidth(value.into())),
                "{value}"
            );
        }
    }
}
