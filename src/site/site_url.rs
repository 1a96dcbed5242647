//! The site's own address (`--site-url`), which the feed and the sitemap need for
//! absolute links; the pages themselves link relatively.

use std::fmt;
use std::str::FromStr;

/// An `http://` or `https://` address the site is published at, ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// The absolute address of `path`, a `/`-separated path relative to the site's
    /// root; characters a URL cannot hold are percent-encoded.
    pub fn join(&self, path: &str) -> String {
        let mut out = self.0.clone();
        for byte in path.trim_start_matches('/').bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~/#".contains(&byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }

    /// The host, e.g. `democracy.elmsworth.gov.uk`.
    pub fn host(&self) -> &str {
        let rest = self.0.split_once("://").map_or("", |(_, rest)| rest);
        rest.split(['/', ':']).next().unwrap_or(rest)
    }

    /// The address itself, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for SiteUrl {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let hint = "give the address the site is published at, e.g. \
                    --site-url https://democracy.elmsworth.gov.uk/agendas/";
        let Some((scheme, rest)) = text.split_once("://") else {
            return Err(format!("`{text}` is not an address: {hint}"));
        };
        if !matches!(scheme, "http" | "https") {
            return Err(format!("`{text}` is not an http or https address: {hint}"));
        }
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if host.is_empty() {
            return Err(format!("`{text}` has no host name: {hint}"));
        }
        if let Some(bad) = text.chars().find(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>')
        }) {
            return Err(format!(
                "`{text}` holds `{}`, which a site address cannot: {hint}",
                bad.escape_default()
            ));
        }
        let mut url = text.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(Self(url))
    }
}

impl fmt::Display for SiteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_under_the_site_root() {
        let url: SiteUrl = "https://example.gov.uk/agendas".parse().unwrap();
        assert_eq!(url.as_str(), "https://example.gov.uk/agendas/");
        assert_eq!(url.host(), "example.gov.uk");
        assert_eq!(
            url.join("2026-07-16 board/index.html"),
            "https://example.gov.uk/agendas/2026-07-16%20board/index.html"
        );
    }

    #[test]
    fn only_web_addresses_are_taken() {
        for bad in [
            "example.gov.uk",
            "ftp://example.gov.uk/",
            "https:///x",
            "https://a b/",
            "https://a/?q=1",
        ] {
            assert!(bad.parse::<SiteUrl>().is_err(), "{bad}");
        }
    }
}
