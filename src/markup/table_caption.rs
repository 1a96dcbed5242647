//! A table's `Table:` line: its optional caption and the settings in braces at its
//! end (`{widths=3,1,1 header=2 row-headers}`).

/// The most columns a `widths=` share may give one column, relative to the others.
const MAX_SHARE: u32 = 100;

/// What the braces at the end of a `Table:` line set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TableSettings {
    /// The columns' shares of the text width (`widths=3,1,1`); automatic when absent.
    pub widths: Option<Vec<u32>>,
    /// How many of the first rows are header rows (`header=2`); 1 when absent.
    pub header_rows: Option<usize>,
    /// Whether the first column holds row headers (`row-headers`).
    pub row_headers: bool,
}

/// Why the settings of a `Table:` line are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum BadSetting {
    /// A word in the braces that is not a setting.
    #[error("`{0}` is not a table setting")]
    Unknown(String),
    /// `widths=` with something other than whole numbers.
    #[error("`widths={0}` is not a list of whole numbers from 1 to {MAX_SHARE}")]
    Widths(String),
    /// `header=` with something other than a small whole number.
    #[error("`header={0}` is not a number of header rows")]
    HeaderRows(String),
}

impl BadSetting {
    /// How to fix it, for the hint line.
    pub(super) fn hint(&self) -> &'static str {
        "end the `Table:` line with settings in braces, e.g. `{widths=3,1,1}`, `{header=2}` or `{row-headers}`, separated by spaces"
    }
}

/// Whether a `Table:` line as written ends with settings: a `{...}` whose braces are
/// not escaped (`\{` prints a brace).
pub(super) fn ends_with_settings(written: &str) -> bool {
    let written = written.trim_end();
    let Some(body) = written.strip_suffix('}') else {
        return false;
    };
    if body.ends_with('\\') {
        return false;
    }
    body.rfind('{')
        .is_some_and(|open| !body[..open].ends_with('\\'))
}

/// Splits the text after `Table:` into the caption (without its settings) and the
/// settings, when it ends with `{...}`.
pub(super) fn split_settings(text: &str) -> Result<(&str, TableSettings), BadSetting> {
    let text = text.trim();
    let Some(open) = text.rfind('{').filter(|_| text.ends_with('}')) else {
        return Ok((text, TableSettings::default()));
    };
    let mut settings = TableSettings::default();
    for word in text[open + 1..text.len() - 1].split_whitespace() {
        match word.split_once('=') {
            Some(("widths", value)) => {
                let shares: Option<Vec<u32>> = value
                    .split(',')
                    .map(|share| share.trim().parse().ok())
                    .map(|share| share.filter(|s| (1..=MAX_SHARE).contains(s)))
                    .collect();
                settings.widths = Some(shares.ok_or_else(|| BadSetting::Widths(value.into()))?);
            }
            Some(("header", value)) => {
                let rows = value
                    .parse()
                    .ok()
                    .filter(|rows| (1..=9).contains(rows))
                    .ok_or_else(|| BadSetting::HeaderRows(value.into()))?;
                settings.header_rows = Some(rows);
            }
            None if word == "row-headers" => settings.row_headers = true,
            _ => return Err(BadSetting::Unknown(word.into())),
        }
    }
    Ok((text[..open].trim_end(), settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_from_the_braces_at_the_end() {
        let (caption, settings) =
            split_settings(" Costs {widths=3,1,1 header=2 row-headers}").unwrap();
        assert_eq!(caption, "Costs");
        assert_eq!(settings.widths, Some(vec![3, 1, 1]));
        assert_eq!(settings.header_rows, Some(2));
        assert!(settings.row_headers);
        assert_eq!(
            split_settings("{header=2}").unwrap(),
            (
                "",
                TableSettings {
                    header_rows: Some(2),
                    ..Default::default()
                }
            )
        );
        assert_eq!(
            split_settings("Plain caption").unwrap().1,
            TableSettings::default()
        );
    }

    #[test]
    fn escaped_braces_are_caption_text() {
        assert!(ends_with_settings("Table: Costs {widths=3,1}\n"));
        assert!(!ends_with_settings("Table: Costs \\{note\\}"));
        assert!(!ends_with_settings("Table: Costs \\{note}"));
        assert!(!ends_with_settings("Table: Costs"));
    }

    #[test]
    fn bad_settings_are_refused() {
        assert_eq!(
            split_settings("X {width=3}").unwrap_err(),
            BadSetting::Unknown("width=3".into())
        );
        assert!(matches!(
            split_settings("X {widths=3,0}"),
            Err(BadSetting::Widths(_))
        ));
        assert!(matches!(
            split_settings("X {header=many}"),
            Err(BadSetting::HeaderRows(_))
        ));
    }
}
