//! The scripts around the tool: the README's test command (`scripts/test`), the
//! release packing (`scripts/package`), the workflows and their lint, and the CI
//! recipe a council copies (`.ci/packs`), run end to end on a copied content tree.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A program of the PyPI environment `scripts/test` makes, else of the PATH.
fn linter(name: &str) -> PathBuf {
    let venv = repo().join("target/outloud-venv/bin").join(name);
    if venv.exists() {
        return venv;
    }
    match Command::new(name).arg("--version").output() {
        Ok(_) => PathBuf::from(name),
        Err(err) => panic!("{}", missing_program(name, &err)),
    }
}

/// A folder of programs: links to the real ones named, plus scripts written here.
fn bin_dir(links: &[&str], scripts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for program in links {
        let real = ["/usr/bin", "/bin"]
            .iter()
            .map(|d| Path::new(d).join(program))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no {program} in /usr/bin or /bin"));
        std::os::unix::fs::symlink(real, dir.path().join(program)).unwrap();
    }
    for (name, body) in scripts {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

#[test]
fn scripts_test_says_what_to_install_where_it_cannot_and_runs_cargo_test() {
    // A machine with none of the tools and no apt-get: only a shell, the coreutils the
    // script uses, and a cargo that reports its arguments and fails.
    let bin = bin_dir(
        &["bash", "dirname", "tr", "sort", "id"],
        &[("cargo", "echo \"ran: cargo $*\" >&2; exit 3")],
    );
    let output = Command::new(bin.path().join("bash"))
        .arg(repo().join("scripts/test"))
        .args(["--test", "sample"])
        .env("PATH", bin.path())
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "cargo's status:\n{stderr}");
    assert!(
        stderr.contains("ran: cargo test --release --locked --test sample"),
        "{stderr}"
    );
    for advice in [
        "missing: pdftotext pdfinfo qpdf chromium",
        "sudo apt-get install chromium poppler-utils qpdf",
        "brew install poppler qpdf",
        "winget install",
    ] {
        // Said before the tests, and again after them when they failed.
        assert_eq!(
            stderr.matches(advice).count(),
            2,
            "{advice:?} in:\n{stderr}"
        );
    }
}

#[test]
fn every_program_the_tests_run_is_one_scripts_test_installs_and_the_hint_names_it() {
    let script = std::fs::read_to_string(repo().join("scripts/test")).unwrap();
    for program in [
        "pdftotext",
        "pdfinfo",
        "qpdf",
        "chromium",
        "outloud",
        "pdfua",
        "actionlint",
        "shellcheck",
    ] {
        assert!(script.contains(program), "scripts/test installs {program}");
    }
    let hint = missing_program("qpdf", &"No such file or directory");
    assert!(hint.contains("`scripts/test`"), "{hint}");
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.contains("\nscripts/test "),
        "the README's test command"
    );
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "scripts/test"),
        ".ci/run runs the README's test command"
    );
}

#[test]
fn workflows_and_scripts_pass_actionlint_and_shellcheck() {
    let actionlint = linter("actionlint");
    let shellcheck = linter("shellcheck");
    // actionlint checks each `run:` script with the shellcheck it finds on the PATH.
    let path = format!(
        "{}:{}",
        shellcheck.parent().unwrap_or(Path::new("")).display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let workflows: Vec<PathBuf> = std::fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(workflows.len() >= 2, "{workflows:?}");
    let output = Command::new(&actionlint)
        .args(&workflows)
        .env("PATH", &path)
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "actionlint:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let scripts = ["scripts/test", "scripts/package", ".ci/run", ".ci/packs"];
    let output = Command::new(&shellcheck)
        .args(scripts)
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "shellcheck:\n{}",
        text(&output.stdout)
    );
}

#[test]
fn scripts_package_packs_the_binary_with_the_licences_and_its_sha256() {
    let dist = tempfile::tempdir().unwrap();
    let binary = dist.path().join("built-agenda-pack");
    std::fs::write(&binary, b"not really a binary").unwrap();
    let output = Command::new("bash")
        .arg(repo().join("scripts/package"))
        .args(["x86_64-unknown-linux-gnu", binary.to_str().unwrap()])
        .env("DIST", dist.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("agenda-pack-{version}-x86_64-unknown-linux-gnu");
    let archive = format!("{name}.tar.gz");
    let listed = run_in(dist.path(), "tar", &["tzf", &archive]);
    for file in ["agenda-pack", "README.md", "CHANGELOG.md", "fonts/LICENSE"] {
        assert!(
            listed.lines().any(|l| l == format!("{name}/{file}")),
            "{file} in the archive:\n{listed}"
        );
    }
    // The checksum file is the one sha256sum -c reads, and it matches.
    let checked = run_in(
        dist.path(),
        "sha256sum",
        &["-c", &format!("{archive}.sha256")],
    );
    assert_eq!(checked.trim(), format!("{archive}: OK"));
    let unpacked = run_in(
        dist.path(),
        "tar",
        &["xzf", &archive, "-O", &format!("{name}/agenda-pack")],
    );
    assert_eq!(unpacked, "not really a binary");
}

/// Runs `program` in `dir`, expecting success, and returns its stdout.
fn run_in(dir: &Path, program: &str, args: &[&str]) -> String {
    let output: Output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|err| panic!("{}", missing_program(program, &err)));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}
