//! XML templates (the feed and the sitemap): minijinja with every printed value
//! escaped as XML character data.

use std::fmt::Write;

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior, Value};
use serde::Serialize;

/// The auto-escape mode of the XML templates.
const XML: &str = "xml";

/// Renders the XML template `source` (named `name` in error messages) with `context`.
pub fn render(name: &str, source: &str, context: impl Serialize) -> Result<Vec<u8>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Custom(XML.into()));
    env.set_formatter(format_value);
    env.add_template(name, source)?;
    let text = env
        .get_template(name)?
        .render(Value::from(Serde(context)))?;
    Ok(text.into_bytes())
}

/// Writes a value as XML text: only the five characters XML reserves are escaped, so
/// addresses stay readable (minijinja's HTML escaping also escapes `/`); control
/// characters, which XML 1.0 cannot hold at all, are left out.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_none() {
        return Ok(());
    }
    let text = value.to_string();
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.write_char(c)?,
            c if c.is_control() => {}
            '&' => out.write_str("&amp;")?,
            '<' => out.write_str("&lt;")?,
            '>' => out.write_str("&gt;")?,
            '"' => out.write_str("&quot;")?,
            '\'' => out.write_str("&apos;")?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}
