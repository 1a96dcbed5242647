//! The PDF/UA checkers independent of typst (`outloud` and `pdfua`, from PyPI), run
//! on a produced PDF.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::missing_program;

/// A checker installed from PyPI (`outloud`, `pdfua`): `$OUTLOUD` / `$PDFUA`, the
/// virtual environment `scripts/test` makes, or on the PATH. A missing checker fails
/// the test, saying how to install it: a check that passes by not running proves nothing.
pub fn checker(name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(name.to_uppercase()) {
        return PathBuf::from(path);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/outloud-venv/bin")
        .join(name);
    if venv.exists() {
        return venv;
    }
    match Command::new(name).arg("--version").output() {
        Ok(output) if output.status.success() => PathBuf::from(name),
        Ok(output) => panic!(
            "`{name} --version` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(err) => panic!(
            "{}\n(it installs the PDF/UA checkers in target/outloud-venv; or set ${} to the program)",
            missing_program(name, &err),
            name.to_uppercase()
        ),
    }
}

/// Asserts that `pdfua` finds nothing in `path`, having run its rules.
pub fn pdfua_check(pdfua: &Path, path: &Path) {
    let output = Command::new(pdfua)
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("pdfua runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "pdfua found problems:\n{report}");
    let report: serde_json::Value = serde_json::from_str(&report).expect("a JSON report");
    assert_eq!(report["summary"]["findings"], 0, "{report:#}");
    assert!(
        report["summary"]["rules_run"].as_u64().unwrap_or(0) >= 10,
        "{report:#}"
    );
}

/// Asserts that `outloud` finds no PDF/UA or WCAG error in `path`, and that every
/// PDF/UA-1 checkpoint it can judge passes.
pub fn outloud_check(outloud: &Path, path: &Path) {
    let output = Command::new(outloud)
        .args(["--json", "-", "--fail-on", "error"])
        .arg(path)
        .output()
        .expect("outloud runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "outloud's report is not JSON ({err}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let result = &report["results"][0];
    let findings = result["findings"].as_array().cloned().unwrap_or_default();
    let errors: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "outloud found errors: {errors:#?}");
    assert!(
        output.status.success(),
        "outloud failed: {}",
        result["verdict"]
    );
    // Every PDF/UA-1 checkpoint outloud can judge passes (or only warns).
    let checkpoints = result["criteria"]["pdfua1"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        !checkpoints.is_empty(),
        "no PDF/UA-1 checkpoints in the report"
    );
    for checkpoint in &checkpoints {
        assert_ne!(checkpoint["status"], "fail", "{checkpoint:#}");
    }
    // Its rules ran on the structure it needs.
    assert_eq!(result["stats"]["tagged"], true);
    let mut warnings: Vec<String> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or("?").to_string())
        .collect();
    warnings.sort();
    warnings.dedup();
    println!("outloud: 0 errors; warnings from {warnings:?}");
}
