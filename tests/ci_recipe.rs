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
        "missing: pdftotext pdfinfo qpdf chromium node npm",
        "sudo apt-get install chromium nodejs npm poppler-utils qpdf",
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
        "node",
        "npm ci --prefix",
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

const MEETING: &str = "2026-07-16-children-scrutiny";
const LATER: &str = "2026-09-24-children-scrutiny";
/// The sample meeting with a supplementary pack.
const THIRD: &str = "2026-09-10-children-scrutiny";

/// Runs `.ci/packs` in `dir` (a project holding `content/`) with `env`, the
/// agenda-pack under test given as `AGENDA_PACK` unless `env` says otherwise.
fn ci_packs(dir: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("bash");
    command
        .arg(repo().join(".ci/packs"))
        .current_dir(dir)
        .env("AGENDA_PACK", env!("CARGO_BIN_EXE_agenda-pack"))
        .env_remove("GITHUB_ACTIONS")
        .env_remove("AGENDA_PACK_VERSION")
        .env_remove("AGENDA_PACK_SRC")
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        if value.is_empty() {
            command.env_remove(key);
        } else {
            command.env(key, value);
        }
    }
    command.output().unwrap()
}

fn pdfs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".pdf"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn record(project: &Project) -> String {
    std::fs::read_to_string(project.root().join("out/.agenda-pack-hashes")).unwrap_or_default()
}

fn both(output: &Output) -> String {
    format!("{}{}", text(&output.stdout), text(&output.stderr))
}

#[test]
fn ci_packs_builds_every_pack_then_removes_the_pdf_of_a_meeting_that_no_longer_exists() {
    let project = sample_project();
    let out = project.root().join("out");
    let run = ci_packs(project.root(), &[]);
    assert!(run.status.success(), "{}", both(&run));
    assert_eq!(
        pdfs(&out),
        [
            format!("{MEETING}.pdf"),
            format!("{THIRD}-supplement-1.pdf"),
            format!("{THIRD}.pdf"),
            format!("{LATER}.pdf")
        ]
    );
    assert!(page_count(&project.pdf(LATER)) > 1);
    let kept = std::fs::read(project.pdf(MEETING)).unwrap();

    // The later meeting is withdrawn: its PDF (restored from the cache in CI) and
    // its record go; the other pack is current and kept as it is.
    std::fs::remove_dir_all(project.root().join("content").join(LATER)).unwrap();
    std::fs::remove_dir_all(project.root().join("content").join(THIRD)).unwrap();
    let run = ci_packs(project.root(), &[]);
    let said = both(&run);
    assert!(run.status.success(), "{said}");
    assert_eq!(pdfs(&out), [format!("{MEETING}.pdf")], "{said}");
    assert!(
        said.contains(&format!("removed out/{THIRD}-supplement-1.pdf")),
        "{said}"
    );
    assert!(!record(&project).contains(THIRD), "{}", record(&project));
    assert!(said.contains(&format!("removed out/{LATER}.pdf")), "{said}");
    assert!(said.contains("unchanged"), "not rebuilt: {said}");
    assert!(!record(&project).contains(LATER), "{}", record(&project));
    assert!(record(&project).contains(MEETING));
    assert!(std::fs::read(project.pdf(MEETING)).unwrap() == kept);
}

#[test]
fn ci_packs_builds_one_part_of_the_meetings_with_shard() {
    let project = sample_project();
    let mut parts = Vec::new();
    for k in 1..=2 {
        let (shard, out) = (format!("{k}/2"), format!("out-{k}"));
        let run = ci_packs(
            project.root(),
            &[("SHARD", shard.as_str()), ("OUT", out.as_str())],
        );
        assert!(run.status.success(), "{}", both(&run));
        parts.extend(pdfs(&project.root().join(&out)));
    }
    parts.sort();
    let whole = ci_packs(project.root(), &[]);
    assert!(whole.status.success(), "{}", both(&whole));
    assert_eq!(
        parts,
        pdfs(&project.root().join("out")),
        "the parts make the whole"
    );
    let wrong = ci_packs(project.root(), &[("SHARD", "two")]);
    assert_eq!(wrong.status.code(), Some(2), "{}", both(&wrong));
    assert!(
        both(&wrong).contains("SHARD is 'two': set it to K/N"),
        "{}",
        both(&wrong)
    );
}

#[test]
fn a_failed_check_leaves_no_pdf_to_upload_and_annotates_the_line() {
    let project = sample_project();
    let out = project.root().join("out");
    let run = ci_packs(project.root(), &[]);
    assert!(run.status.success(), "{}", both(&run));
    assert_eq!(pdfs(&out).len(), 4);

    let note = project
        .root()
        .join("content")
        .join(MEETING)
        .join("attendance.md");
    let good = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, good.replacen("\nsubject:", "\nsubjet:", 1)).unwrap();
    let run = ci_packs(project.root(), &[("GITHUB_ACTIONS", "true")]);
    let said = both(&run);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(
        text(&run.stdout).contains(&format!(
            "::error file=content/{MEETING}/attendance.md,line="
        )),
        "an annotation on the line: {said}"
    );
    assert_eq!(
        pdfs(&out),
        Vec::<String>::new(),
        "nothing to upload: {said}"
    );
    assert_eq!(record(&project), "", "every pack is rebuilt next time");

    std::fs::write(&note, good).unwrap();
    let run = ci_packs(project.root(), &[]);
    assert!(run.status.success(), "{}", both(&run));
    assert_eq!(pdfs(&out).len(), 4);
}

#[test]
fn the_members_packs_are_built_apart() {
    let project = sample_project();
    let run = ci_packs(
        project.root(),
        &[("PRIVATE", "true"), ("OUT", "out-private")],
    );
    assert!(run.status.success(), "{}", both(&run));
    assert_eq!(
        pdfs(&project.root().join("out-private")),
        [
            format!("{MEETING}-private.pdf"),
            format!("{THIRD}-private.pdf"),
            format!("{THIRD}-supplement-1-private.pdf"),
            format!("{LATER}-private.pdf")
        ]
    );
    assert!(!project.root().join("out").exists());
}

#[test]
fn ci_packs_refuses_wrong_inputs_saying_how_to_fix_them() {
    let project = sample_project();
    let cases: [(&[(&str, &str)], &str); 5] = [
        (
            &[("AGENDA_PACK", "")],
            "no agenda-pack to run: set AGENDA_PACK_VERSION",
        ),
        (
            &[("AGENDA_PACK", ""), ("AGENDA_PACK_VERSION", "latest")],
            "'latest' is not a release number such as 0.1.0",
        ),
        (
            &[
                ("AGENDA_PACK", ""),
                ("AGENDA_PACK_VERSION", "0.1.0"),
                ("AGENDA_PACK_REPOSITORY", "agenda-pack"),
            ],
            "'agenda-pack' is not OWNER/NAME",
        ),
        (
            &[("PRIVATE", "yes")],
            "set it to true (members' packs) or false",
        ),
        (
            &[("AGENDA_PACK", "/nonexistent/agenda-pack")],
            "is not a program",
        ),
    ];
    for (env, message) in cases {
        let run = ci_packs(project.root(), env);
        let said = both(&run);
        assert_eq!(run.status.code(), Some(2), "{env:?}: {said}");
        assert!(said.contains(message), "{env:?}: {said}");
    }
    let run = Command::new("bash")
        .arg(repo().join(".ci/packs"))
        .arg("agendas")
        .current_dir(project.root())
        .env("AGENDA_PACK", env!("CARGO_BIN_EXE_agenda-pack"))
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("::error::the content folder 'agendas' does not exist"),
        "{}",
        text(&run.stderr)
    );
    assert!(!project.root().join("out").exists());
}

/// A `curl` that serves the files of `$RELEASE` by name and logs its calls, and a
/// `cargo` whose `install --root DIR` puts a wrapper of the agenda-pack under test in
/// `DIR/bin` and logs its arguments: the network and a compile, stood in for.
fn fake_network() -> tempfile::TempDir {
    bin_dir(
        &[],
        &[
            (
                "curl",
                r#"echo "curl $*" >>"$LOG"
out=""; url=""
while [ $# -gt 0 ]; do
  case "$1" in -o) out="$2"; shift 2 ;; https://*) url="$1"; shift ;; *) shift ;; esac
done
src="$RELEASE/$(basename "$url")"
[ -f "$src" ] || exit 22
cp "$src" "$out""#,
            ),
            (
                "cargo",
                r#"echo "cargo $*" >>"$LOG"
root=""; prev=""
for a in "$@"; do [ "$prev" = --root ] && root="$a"; prev="$a"; done
mkdir -p "$root/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$REAL" >"$root/bin/agenda-pack"
chmod +x "$root/bin/agenda-pack""#,
            ),
        ],
    )
}

#[test]
fn a_release_is_downloaded_and_verified_kept_between_runs_or_compiled_if_it_cannot_be() {
    if !(cfg!(target_os = "linux") && cfg!(target_arch = "x86_64")) {
        eprintln!("the release download is tested on x86-64 Linux, which has a prebuilt binary");
        return;
    }
    let version = env!("CARGO_PKG_VERSION");
    let real = env!("CARGO_BIN_EXE_agenda-pack");
    // The release as the release workflow publishes it, of a stand-in binary.
    let release = tempfile::tempdir().unwrap();
    let stand_in = release.path().join("stand-in");
    std::fs::write(&stand_in, format!("#!/bin/sh\nexec \"{real}\" \"$@\"\n")).unwrap();
    std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755)).unwrap();
    let packed = Command::new("bash")
        .arg(repo().join("scripts/package"))
        .args(["x86_64-unknown-linux-gnu", stand_in.to_str().unwrap()])
        .env("DIST", release.path())
        .output()
        .unwrap();
    assert!(packed.status.success(), "{}", text(&packed.stderr));

    let network = fake_network();
    let path = format!(
        "{}:{}",
        network.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let project = sample_project();
    let log = project.root().join("calls.log");
    let env = [
        ("AGENDA_PACK", ""),
        ("AGENDA_PACK_VERSION", version),
        ("AGENDA_PACK_REPOSITORY", "council/agenda-pack"),
        ("PATH", path.as_str()),
        ("RELEASE", release.path().to_str().unwrap()),
        ("LOG", log.to_str().unwrap()),
        ("REAL", real),
    ];
    let calls = || std::fs::read_to_string(&log).unwrap_or_default();

    let run = ci_packs(project.root(), &env);
    assert!(run.status.success(), "{}", both(&run));
    let archive = format!("agenda-pack-{version}-x86_64-unknown-linux-gnu.tar.gz");
    assert!(
        calls().contains(&format!(
            "https://github.com/council/agenda-pack/releases/download/v{version}/{archive}"
        )),
        "{}",
        calls()
    );
    assert!(!calls().contains("cargo"), "nothing compiled: {}", calls());
    assert!(
        project
            .root()
            .join(".agenda-pack-bin/bin/agenda-pack")
            .is_file()
    );
    assert_eq!(pdfs(&project.root().join("out")).len(), 4);

    // Kept (the workflow caches .agenda-pack-bin): not downloaded again.
    std::fs::remove_file(&log).unwrap();
    let run = ci_packs(project.root(), &env);
    assert!(run.status.success(), "{}", both(&run));
    assert_eq!(calls(), "", "no download, no compile");

    // A checksum that does not match: the download is refused, and the release is
    // compiled instead (as where no prebuilt binary fits the system).
    std::fs::remove_dir_all(project.root().join(".agenda-pack-bin")).unwrap();
    let sums = release.path().join(format!("{archive}.sha256"));
    let sum = std::fs::read_to_string(&sums).unwrap();
    std::fs::write(&sums, format!("{}{}", "0".repeat(64), &sum[64..])).unwrap();
    let run = ci_packs(project.root(), &env);
    let said = both(&run);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("compiling it"), "{said}");
    assert!(
        calls().contains(&format!(
            "cargo install --locked --profile dist --root .agenda-pack-bin --git https://github.com/council/agenda-pack --tag v{version} agenda-pack"
        )),
        "{}",
        calls()
    );
    assert!(
        !project
            .root()
            .join(".agenda-pack-bin")
            .join(&archive)
            .exists(),
        "the refused download is not kept"
    );
}
