//! The web edition's cost: `build --site` against `build` on the same content, turn
//! about, for the sample meetings (`content/`) and for a generated year of 12 meetings
//! of about 40 pages. Prints the median wall time and peak memory of each and the
//! site's share: (site build - PDF build) / PDF build, which the web edition keeps
//! under 10%, and the time of the site step itself, as the build reports it (`wrote
//! the web edition ... in 0.04s`), against the PDF build's.
//!
//! Run with `cargo bench --bench site`. Settings, from the environment: `SITE_RUNS`
//! (rounds, default 5), `SITE_MEETINGS` (the generated year's size, default 12) and
//! `SITE_BINARY` (the binary measured, default the one just built).

mod common;

use std::path::Path;

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.into())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The seconds of the site step, from the line `wrote the web edition ... in 0.04s`.
fn site_step(printed: &str) -> f64 {
    let line = printed
        .lines()
        .find(|line| line.starts_with("wrote the web edition"))
        .unwrap_or_else(|| panic!("no web edition line in:\n{printed}"));
    let seconds = line.rsplit(" in ").next().unwrap().trim_end_matches('s');
    seconds
        .parse()
        .unwrap_or_else(|_| panic!("no time in {line:?}"))
}

/// The medians of a content's rounds.
struct Figures {
    pdf: f64,
    pdf_peak: f64,
    site: f64,
    site_peak: f64,
    site_step: f64,
}

/// `build` and `build --site` over `runs` rounds, turn about.
fn measure(binary: &str, content: &Path, out: &Path, runs: usize) -> Figures {
    let content = content.to_str().unwrap();
    let pdf_out = out.join("pdf");
    let site_out = out.join("site");
    let (mut pdf, mut site) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        pdf.push(common::run(
            binary,
            &["build", content, "--out", pdf_out.to_str().unwrap()],
        ));
        let (wall, peak, printed) = common::run_printing(
            binary,
            &[
                "build",
                content,
                "--site",
                "--out",
                site_out.to_str().unwrap(),
            ],
        );
        site.push((wall, peak, site_step(&printed)));
    }
    Figures {
        pdf: median(pdf.iter().map(|r| r.0).collect()),
        pdf_peak: median(pdf.iter().map(|r| r.1).collect()),
        site: median(site.iter().map(|r| r.0).collect()),
        site_peak: median(site.iter().map(|r| r.1).collect()),
        site_step: median(site.iter().map(|r| r.2).collect()),
    }
}

fn main() {
    let runs: usize = setting("SITE_RUNS", "5")
        .parse()
        .expect("SITE_RUNS is a number");
    let count: usize = setting("SITE_MEETINGS", "12")
        .parse()
        .expect("SITE_MEETINGS is a number");
    let binary = setting("SITE_BINARY", env!("CARGO_BIN_EXE_agenda-pack"));
    let root = tempfile::tempdir().unwrap();
    let year = root.path().join("year");
    common::year(&year, count);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!(
        "{:<22} | {:>9} {:>9} {:>7} | {:>9} {:>7} | {:>9} {:>10}",
        "content", "pdf (s)", "site (s)", "share", "step (s)", "share", "pdf (MiB)", "site (MiB)"
    );
    for (name, content) in [
        ("sample".to_string(), sample),
        (format!("year of {count} meetings"), year),
    ] {
        let out = root.path().join("out").join(&name);
        let f = measure(&binary, &content, &out, runs);
        println!(
            "{name:<22} | {:>9.3} {:>9.3} {:>6.1}% | {:>9.3} {:>6.1}% | {:>9.0} {:>10.0}",
            f.pdf,
            f.site,
            (f.site - f.pdf) / f.pdf * 100.0,
            f.site_step,
            f.site_step / f.pdf * 100.0,
            f.pdf_peak,
            f.site_peak
        );
    }
}
