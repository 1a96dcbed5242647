//! The text of an HTML fragment that agenda-pack wrote, block by block, with the id
//! of the nearest block before it: what the search index holds.

/// One block's text: a paragraph, list item, heading, table cell or caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The id of this block or of the nearest block with an id before it (e.g.
    /// `p2.3`), for linking to the place; `None` before the first.
    pub anchor: Option<String>,
    /// The text, entities decoded and white space collapsed.
    pub text: String,
}

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is not text a reader sees.
const HIDDEN: &[&str] = &["script", "style", "template"];

/// The blocks of `html` in document order, empty ones left out.
pub fn blocks(html: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        reader.text(&rest[..open]);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else {
            // A stray `<` in text (our writers escape it, but be safe).
            reader.text(rest);
            rest = "";
            break;
        };
        reader.tag(&rest[1..close]);
        rest = &rest[close + 1..];
    }
    reader.text(rest);
    reader.flush();
    reader.blocks
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    anchor: Option<String>,
    text: String,
    hidden: Option<String>,
}

impl Reader {
    fn text(&mut self, raw: &str) {
        if self.hidden.is_none() {
            self.text.push_str(&decode(raw));
        }
    }

    fn tag(&mut self, inside: &str) {
        let closing = inside.starts_with('/');
        let inside = inside.trim_start_matches('/');
        let name_end = inside
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inside.len());
        let name = inside[..name_end].to_ascii_lowercase();
        if let Some(hidden) = &self.hidden {
            if closing && *hidden == name {
                self.hidden = None;
            }
            return;
        }
        if !closing && HIDDEN.contains(&name.as_str()) {
            self.hidden = Some(name);
            return;
        }
        if name == "br" {
            self.text.push(' ');
        } else if BLOCKS.contains(&name.as_str()) {
            self.flush();
            if !closing && let Some(id) = attribute(&inside[name_end..], "id") {
                self.anchor = Some(id);
            }
        }
    }

    fn flush(&mut self) {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.text.clear();
        if !text.is_empty() {
            self.blocks.push(Block {
                anchor: self.anchor.clone(),
                text,
            });
        }
    }
}

/// The value of attribute `name` in a tag's attribute text, quoted with `"` or `'`.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(at) = rest.find(name) {
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return value.find(quote).map(|end| decode(&value[..end]));
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// `text` with its character references replaced by the characters.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|end| *end <= 10);
        let decoded = end.and_then(|end| character(&rest[1..end]));
        match (end, decoded) {
            (Some(end), Some(c)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference's name (between `&` and `;`) stands for.
fn character(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(decimal) = name.strip_prefix('#') {
        decimal.parse().ok()?
    } else {
        return match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            _ => None,
        };
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(anchor: Option<&str>, text: &str) -> Block {
        Block {
            anchor: anchor.map(str::to_string),
            text: text.to_string(),
        }
    }

    #[test]
    fn paragraphs_carry_their_ids() {
        let html = "<h2 id=\"s2\">Budget</h2>\n<p id=\"p2.1\"><span class=\"number\">2.1</span> \
                    Fees &amp; charges <em>rise</em>.</p><ul><li>Parks</li></ul>\
                    <p id=\"p2.2\">Next</p>";
        assert_eq!(
            blocks(html),
            [
                block(Some("s2"), "Budget"),
                block(Some("p2.1"), "2.1 Fees & charges rise."),
                block(Some("p2.1"), "Parks"),
                block(Some("p2.2"), "Next"),
            ]
        );
    }

    #[test]
    fn text_before_any_id_has_no_anchor_and_scripts_are_skipped() {
        let html =
            "<p>Intro&#x27;s &#8212; <br>end</p><script>var x = '<p>';</script><!-- <p>no</p> -->";
        assert_eq!(blocks(html), [block(None, "Intro's — end")]);
    }
}
