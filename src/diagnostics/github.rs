//! GitHub Actions annotations: `::error file=F,line=L,col=C::message`.

use super::Diagnostic;

/// One diagnostic as a GitHub Actions workflow command line.
pub fn github(diagnostic: &Diagnostic) -> String {
    let mut properties = Vec::new();
    if let Some(location) = &diagnostic.location {
        properties.push(format!(
            "file={}",
            escape_property(&location.file.to_string_lossy())
        ));
        if location.line > 0 {
            properties.push(format!("line={}", location.line));
            properties.push(format!("col={}", location.column));
        }
    }
    properties.push("title=agenda-pack".to_string());
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!(
        "::{} {}::{}\n",
        diagnostic.severity.as_str(),
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message as the runner expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which also cannot hold `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::error::Location;

    #[test]
    fn escapes_newlines_percent_and_property_separators() {
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            location: Some(Location::new("a,b:c.md", 3, 1)),
            message: "100% wrong\nreally".into(),
            hint: Some("fix it".into()),
        };
        assert_eq!(
            github(&diagnostic),
            "::error file=a%2Cb%3Ac.md,line=3,col=1,title=agenda-pack::100%25 wrong%0Areally%0Ahint: fix it\n"
        );
    }
}
