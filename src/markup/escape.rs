//! Escaping author text so typst (or HTML) prints it verbatim and can never run it.

/// Escapes `text` for typst markup: every ASCII punctuation character gets a
/// backslash, so no markup syntax (`#`, `*`, `=`, `//`, `$`, `<`, `@`, `[`, quotes,
/// list and heading markers) survives. Line breaks become spaces.
///
/// ```
/// use agenda_pack::markup::escape_markup;
/// assert_eq!(escape_markup("= Not a heading #x"), "\\= Not a heading \\#x");
/// ```
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A typst string literal holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes `text` for HTML text and quoted attribute values: `&`, `<`, `>`, `"` and
/// `'` become references; nothing else changes (a `/` stays readable in URLs).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_markup("#set page(width: 1cm)"),
            "\\#set page\\(width\\: 1cm\\)"
        );
        assert_eq!(escape_markup("= Heading\n- item"), "\\= Heading \\- item");
        assert_eq!(
            escape_markup("£630,000 and 59.6%"),
            "£630\\,000 and 59\\.6\\%"
        );
        assert_eq!(escape_markup("Children’s"), "Children’s");
    }

    #[test]
    fn string_literals_escape_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("x\ny"), r#""x\ny""#);
    }
}
