//! Plain text written in YAML (a front-sheet note) as typst markup or HTML: escaped,
//! with each `<address>` it holds made a live link without its angle brackets.

use pulldown_cmark::LinkType;

use super::escape::{escape_html, escape_markup, string_literal};
use super::links::live_address;

/// `text` escaped as typst markup, each `<https://...>`, `<mailto:...>`, `<tel:...>`
/// or `<name@example.org>` printed as a live link showing the address alone.
/// Anything else between angle brackets is printed as written.
pub fn text_with_autolinks(text: &str) -> String {
    autolinked(text, escape_markup, |address, shown| {
        format!(
            "#link({})[{}]",
            string_literal(address),
            escape_markup(shown)
        )
    })
}

/// `text` as an HTML fragment, its addresses live links as in [`text_with_autolinks`].
pub fn html_with_autolinks(text: &str) -> String {
    autolinked(text, escape_html, |address, shown| {
        format!(
            "<a href=\"{}\">{}</a>",
            escape_html(address),
            escape_html(shown)
        )
    })
}

/// `text` with `escape` applied to the text and `link(address, shown)` writing each
/// live address.
fn autolinked(
    text: &str,
    escape: impl Fn(&str) -> String,
    link: impl Fn(&str, &str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        match link_of(inner) {
            Some(address) => {
                out.push_str(&escape(&rest[..open]));
                let shown = inner.strip_prefix("mailto:").unwrap_or(inner);
                out.push_str(&link(&address, shown));
            }
            None => out.push_str(&escape(&rest[..=close])),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(&escape(rest));
    out
}

/// The live address `<inner>` stands for, if it is one.
fn link_of(inner: &str) -> Option<String> {
    if inner.is_empty() || inner.contains(char::is_whitespace) {
        return None;
    }
    let email = !inner.contains(':') && inner.contains('@');
    let kind = if email {
        LinkType::Email
    } else {
        LinkType::Autolink
    };
    live_address(kind, inner).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_angle_brackets_become_links_without_the_brackets() {
        assert_eq!(
            text_with_autolinks("See <https://e.example/a> or <o@e.example>."),
            "See #link(\"https://e.example/a\")[https\\:\\/\\/e\\.example\\/a] or \
             #link(\"mailto:o@e.example\")[o\\@e\\.example]\\."
        );
    }

    #[test]
    fn other_angle_brackets_and_hostile_text_stay_text() {
        assert_eq!(
            text_with_autolinks("a <b> <javascript:x> #c"),
            "a \\<b\\> \\<javascript\\:x\\> \\#c"
        );
        assert_eq!(text_with_autolinks("x < y"), "x \\< y");
    }
}
