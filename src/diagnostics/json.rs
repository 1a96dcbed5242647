//! Diagnostics as JSON, for editors and other tools.

use serde_json::{Value, json as value};

use super::Diagnostic;

/// All diagnostics as one pretty-printed JSON array of objects with `severity`,
/// `file`, `line`, `column` (null when unknown), `message` and `hint`.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let location = d.location.as_ref();
            let known = |n: usize| (n > 0).then_some(n);
            value!({
                "severity": d.severity.as_str(),
                "file": location.map(|l| l.file.to_string_lossy().into_owned()),
                "line": location.and_then(|l| known(l.line)),
                "column": location.and_then(|l| known(l.column)),
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&list).expect("JSON values serialise");
    text.push('\n');
    text
}
