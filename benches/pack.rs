//! Builds generated packs of about 100 and 400 pages with the release binary and prints
//! pages, wall time and peak memory of the whole process.
//!
//! Run with `cargo bench --bench pack`.

mod common;

fn main() {
    let root = tempfile::tempdir().unwrap();
    println!(
        "{:<10} {:<9} {:>6} {:>10} {:>10} {:>12}",
        "pack", "standard", "pages", "wall (s)", "best (s)", "peak (MiB)"
    );
    // The default (tagged PDF/UA-1, with the outline and object streams written after
    // export) and the plainest output, to show what conformance costs.
    for ((name, notes), standard) in [("small", 16), ("large", 65)]
        .into_iter()
        .flat_map(|pack| [(pack, "ua-1"), (pack, "none")])
    {
        let meeting = root.path().join("content").join(name);
        common::generate(&meeting, notes, "");
        let out = root.path().join("out");
        let args = [
            "build",
            meeting.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--standard",
            standard,
        ];
        let runs: Vec<(f64, f64)> = (0..3)
            .map(|_| common::run(env!("CARGO_BIN_EXE_agenda-pack"), &args))
            .collect();
        let wall = runs.iter().map(|r| r.0).sum::<f64>() / runs.len() as f64;
        let best = runs.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
        let peak = runs.iter().map(|r| r.1).fold(0.0, f64::max);
        let pages = common::pages(&out.join(format!("{name}.pdf")));
        println!("{name:<10} {standard:<9} {pages:>6} {wall:>10.3} {best:>10.3} {peak:>12.1}");
    }
}
