//! Which links are made live: web, e-mail and telephone addresses only, since a pack is
//! published on its own and a link to anything else is broken or hostile.

use pulldown_cmark::LinkType;

/// The URL schemes a live link may use.
pub const LIVE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Why a link is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefusal {
    /// The address has a scheme other than the live ones (`javascript:`, `file:`, `data:`).
    #[error("the link `{0}` uses the scheme `{1}:`, which is not made live")]
    Scheme(String, String),
    /// The address has no scheme: a path or an anchor, which means nothing in a PDF.
    #[error("the link `{0}` is not a full address")]
    Relative(String),
    /// `[text]()`: no address at all.
    #[error("the link has no address")]
    Empty,
}

impl LinkRefusal {
    /// How to fix it, for the hint line.
    pub fn hint(&self) -> &'static str {
        "only `https://`, `http://`, `mailto:` and `tel:` links are made live: write the full \
         address, or keep the text without a link (the pack is published on its own, so a file \
         or page of the meeting folder cannot be linked)"
    }
}

/// The address a Markdown link points to, if it may be made live. An e-mail autolink
/// (`<name@example.org>`) becomes a `mailto:` address.
pub fn live_address(link_type: LinkType, destination: &str) -> Result<String, LinkRefusal> {
    let destination = destination.trim();
    if link_type == LinkType::Email {
        return Ok(format!("mailto:{destination}"));
    }
    if destination.is_empty() {
        return Err(LinkRefusal::Empty);
    }
    match scheme(destination) {
        Some(scheme) if LIVE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => {
            Ok(destination.to_string())
        }
        Some(scheme) => Err(LinkRefusal::Scheme(
            destination.to_string(),
            scheme.to_string(),
        )),
        None => Err(LinkRefusal::Relative(destination.to_string())),
    }
}

/// The scheme of a URL (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`).
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INLINE: LinkType = LinkType::Inline;

    #[test]
    fn web_mail_and_telephone_addresses_are_live() {
        for url in [
            "https://example.org/a?b#c",
            "HTTP://example.org",
            "mailto:clerk@example.org",
            "tel:+441632960001",
        ] {
            assert_eq!(live_address(INLINE, url).as_deref(), Ok(url), "{url}");
        }
        assert_eq!(
            live_address(LinkType::Email, "clerk@example.org").as_deref(),
            Ok("mailto:clerk@example.org")
        );
    }

    #[test]
    fn other_schemes_and_paths_are_refused() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "JavaScript"),
            ("data:text/html,x", "data"),
            ("file:///etc/passwd", "file"),
            ("ftp://example.org", "ftp"),
        ] {
            assert_eq!(
                live_address(INLINE, url),
                Err(LinkRefusal::Scheme(url.into(), scheme.into()))
            );
        }
        assert_eq!(live_address(INLINE, " "), Err(LinkRefusal::Empty));
        for url in [
            "report.pdf",
            "../secret.md",
            "/etc/passwd",
            "#section-2",
            "1:2",
        ] {
            assert_eq!(
                live_address(LinkType::Autolink, url),
                Err(LinkRefusal::Relative(url.into())),
                "{url}"
            );
        }
    }
}
