//! Auto-escaping for typst: every value a template prints is escaped as typst markup
//! unless it is already typst (a safe string, such as a converted Markdown body).

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Environment, Error, Output, State, Value};

use crate::markup::{escape_markup, string_literal};

/// The auto-escape mode used for `*.j2` templates.
const TYPST: &str = "typst";

/// Installs typst escaping and the `str` filter into `env`.
pub fn install(env: &mut Environment<'static>) {
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".j2") {
            AutoEscape::Custom(TYPST.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env.add_filter("str", |value: Value| -> Value {
        Value::from_safe_string(string_literal(&plain(&value)))
    });
}

/// Writes a value into typst markup.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let escaping = matches!(state.auto_escape(), AutoEscape::Custom(name) if name == TYPST);
    if !escaping || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_none() {
        return Ok(());
    }
    if value.kind() == ValueKind::Bool {
        let flag = value.is_true();
        // typst spells booleans in lower case, unlike Jinja.
        return out
            .write_str(if flag { "true" } else { "false" })
            .map_err(Error::from);
    }
    out.write_str(&escape_markup(&plain(value)))
        .map_err(Error::from)
}

/// The text of a value: strings as they are, everything else as displayed.
fn plain(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &'static str, ctx: Value) -> String {
        let mut env = Environment::new();
        install(&mut env);
        env.add_template("t.typ.j2", template).unwrap();
        env.get_template("t.typ.j2").unwrap().render(ctx).unwrap()
    }

    #[test]
    fn printed_values_are_escaped_and_safe_ones_are_not() {
        let ctx = minijinja::context! {
            title => "#set page(height: 1cm) *x*",
            body => Value::from_safe_string("#strong[ok]".into()),
        };
        assert_eq!(
            render("{{ title }}|{{ body }}|{{ title | str }}", ctx),
            "\\#set page\\(height\\: 1cm\\) \\*x\\*|#strong[ok]|\"#set page(height: 1cm) *x*\""
        );
    }
}
