//! The web edition in a real browser: every page of the sample site loaded in headless
//! Chromium by `tests/browser/check-site.mjs` (Playwright and axe-core, pinned in its
//! package-lock.json), which checks WCAG 2.2 A and AA with axe-core, the skip link and
//! the Tab order, no horizontal scroll at 320 px, no console error and no request off
//! 127.0.0.1, and links that resolve; and the same harness on a fixture site with one
//! defect per page, to show that each check can fail.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::site::build_sample_site;
use common::*;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Chromium, as the harness launches it.
fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Why the browser tests cannot run here (no Node.js or no Chromium), or None.
/// `scripts/test` installs both, so CI never skips.
fn missing_browser() -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some(missing_program("node", &"not found"));
    }
    if !chromium().is_file() {
        return Some(missing_program(
            "chromium",
            &format!("no {}", chromium().display()),
        ));
    }
    None
}

/// The harness's report on `site`, with its exit code and stderr.
struct Report {
    code: Option<i32>,
    json: serde_json::Value,
    stderr: String,
}

impl Report {
    /// The failures, one line each, for a test's message.
    fn failures(&self) -> String {
        self.json["failures"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                format!(
                    "  {}: {}: {}\n",
                    text(&f["page"]),
                    text(&f["check"]),
                    text(&f["detail"])
                )
            })
            .collect()
    }

    /// (page, check) of every failure.
    fn failed(&self) -> BTreeSet<(String, String)> {
        self.json["failures"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| (text(&f["page"]), text(&f["check"])))
            .collect()
    }
}

fn text(value: &serde_json::Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

/// Runs `check-site.mjs` on `site`, screenshots into `screenshots`.
fn check_site(site: &Path, screenshots: &Path) -> Report {
    let harness = repo().join("tests/browser");
    assert!(
        harness.join("node_modules/playwright-core").is_dir()
            && harness.join("node_modules/axe-core").is_dir(),
        "the browser harness's packages are not installed: run `npm ci --prefix tests/browser` \
         (scripts/test does)"
    );
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("report.json");
    let output = Command::new("node")
        .arg(harness.join("check-site.mjs"))
        .arg(site)
        .arg(&json)
        .arg("--screenshots")
        .arg(screenshots)
        .env("CHROMIUM", chromium())
        .output()
        .unwrap_or_else(|err| panic!("{}", missing_program("node", &err)));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let report = std::fs::read_to_string(&json)
        .unwrap_or_else(|err| panic!("the harness wrote no report ({err}):\n{stderr}"));
    Report {
        code: output.status.code(),
        json: serde_json::from_str(&report).unwrap(),
        stderr,
    }
}

#[test]
fn every_page_of_the_sample_site_passes_in_chromium() {
    if let Some(why) = missing_browser() {
        eprintln!("SKIPPED: {why}");
        return;
    }
    let (_out, site) = build_sample_site();
    // Kept after the test, for the reviewer: the index, a meeting and a document at 320 px.
    let screenshots = repo().join("target/site-screenshots");
    let _ = std::fs::remove_dir_all(&screenshots);
    let report = check_site(&site, &screenshots);
    assert_eq!(
        report.code,
        Some(0),
        "the sample site fails in Chromium ({} pages checked):\n{}\n{}",
        report.json["summary"]["pages"],
        report.failures(),
        report.stderr
    );
    let pages = report.json["pages"].as_array().unwrap();
    let html_pages = common::site::site_files(&site, "html");
    assert_eq!(pages.len(), html_pages.len(), "every HTML page is checked");
    for page in pages {
        let path = text(&page["path"]);
        assert_eq!(page["axe_violations"], serde_json::json!([]), "{path}");
        assert_eq!(page["keyboard"]["skip_link"]["ok"], true, "{path}");
        assert!(
            page["width_320"]["scroll_width"].as_u64().unwrap() <= 320,
            "{path}"
        );
    }
    // The sample of screenshots: the index, a meeting page, a document page.
    let shots: Vec<_> = pages
        .iter()
        .filter_map(|p| p["screenshot"].as_str())
        .collect();
    assert_eq!(shots.len(), 3, "{shots:?}");
    for shot in shots {
        let (width, _) = png_grey(Path::new(shot));
        assert_eq!(width, 320, "{shot}");
    }
}

#[test]
fn the_harness_reports_each_defect_of_the_bad_fixture_site() {
    if let Some(why) = missing_browser() {
        eprintln!("SKIPPED: {why}");
        return;
    }
    let site = repo().join("tests/fixtures/site-bad");
    let screenshots = tempfile::tempdir().unwrap();
    let report = check_site(&site, screenshots.path());
    assert_eq!(report.code, Some(1), "{}", report.stderr);
    let failed = report.failed();
    for (page, check) in [
        ("m/index.html", "axe"),                        // an image without alt
        ("m/no-skip.html", "skip-link"),                // no skip link
        ("m/tab-order.html", "tab-order"),              // a positive tabindex
        ("m/wide.html", "width-320"),                   // 600 px wide
        ("m/broken-link.html", "broken-link"),          // missing file, fragment, folder, absolute
        ("m/broken-link.html", "failed-request"),       // a missing image
        ("m/external-script.html", "external-request"), // a script from another host
        ("m/external-script.html", "external-link"),
        ("m/external-script.html", "console-error"),
    ] {
        assert!(
            failed.contains(&(page.to_string(), check.to_string())),
            "{check} on {page} not reported; the failures:\n{}",
            report.failures()
        );
    }
    let axe = &report.json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "m/index.html")
        .unwrap()["axe_violations"];
    assert_eq!(axe[0]["id"], "image-alt", "{axe}");
    // The clean page and the page whose only defect is for the HTML parser pass.
    for clean in ["index.html", "m/parse-error.html"] {
        assert!(
            failed.iter().all(|(page, _)| page != clean),
            "{clean} is clean:\n{}",
            report.failures()
        );
    }
}
