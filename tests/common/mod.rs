//! Shared test support: building meetings with the real binary and reading the PDFs
//! back with independent tools (poppler's pdftotext and pdfinfo, qpdf).

#![allow(dead_code)]

pub mod accessibility;
pub mod png;
pub mod site;
pub mod structure;
pub mod word_boxes;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `agenda-pack` with `args` in `dir`.
pub fn agenda_pack(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the agenda-pack binary runs")
}

/// A long-running `agenda-pack` (such as `preview --watch`) whose stderr is read line
/// by line; it is killed when dropped.
pub struct Running {
    /// The process.
    pub child: Child,
    lines: mpsc::Receiver<String>,
}

impl Running {
    /// Starts `agenda-pack` with `args` in `dir`.
    pub fn start(dir: &Path, args: &[&str]) -> Self {
        Self::start_with_env(dir, args, &[])
    }

    /// Starts `agenda-pack` with `args` in `dir`, with the environment variables `env`.
    pub fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(dir)
            .stderr(Stdio::piped())
            .spawn()
            .expect("the agenda-pack binary runs");
        let (tx, lines) = mpsc::channel();
        let stderr = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                if tx.send(line.unwrap_or_default()).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// Waits for a line starting with `prefix` (an editor's save may take several
    /// events, so earlier lines are skipped). The limit only stops a broken test from
    /// hanging.
    pub fn wait_for(&self, prefix: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("no line starting with {prefix:?}"));
            if line.starts_with(prefix) {
                return line;
            }
        }
    }

    /// Waits for a status line of `preview --watch`: the time (`HH:MM:SS `), then
    /// `prefix`. Returns the line without the time.
    pub fn wait_for_status(&self, prefix: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("no line starting with the time and {prefix:?}"));
            let Some((time, rest)) = line.split_once(' ') else {
                continue;
            };
            if rest.starts_with(prefix) {
                assert!(is_clock_time(time), "not a time (HH:MM:SS): {line:?}");
                return rest.to_string();
            }
        }
    }

    /// Stops the process and waits for it.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Builds the repository's own `content/` with `extra` arguments into a temporary
/// folder, which is returned with build's stderr.
pub fn build_repository_content(extra: &[&str]) -> (tempfile::TempDir, String) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("a temporary folder");
    let content = repo.join("content");
    let mut args = vec![
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ];
    args.extend(extra);
    let output = agenda_pack(repo, &args);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    (out, stderr)
}

/// Builds every meeting under `root/content` into `root/out`, panicking on failure.
pub fn build_all(root: &Path) {
    let output = agenda_pack(root, &["build"]);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Builds `project`, expecting a content error: checks the exit code is 1 and nothing
/// was written to `out/`, and returns stderr.
pub fn build_fails(project: &Project) -> String {
    let output = agenda_pack(project.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(
        output.status.code(),
        Some(1),
        "content errors exit with 1:\n{stderr}"
    );
    assert_eq!(
        project.out_files(),
        Vec::<PathBuf>::new(),
        "nothing is written to out/"
    );
    stderr
}

/// Builds `project`, expecting success (warnings allowed), and returns stderr.
pub fn build_succeeds(project: &Project) -> String {
    let output = agenda_pack(project.root(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "build failed:\n{stderr}");
    stderr
}

/// What a test says when it cannot run a program it needs: the README's test command,
/// `scripts/test`, installs it, or prints the command that does on this system.
pub fn missing_program(program: &str, err: &dyn std::fmt::Display) -> String {
    format!(
        "cannot run `{program}` ({err}): run the tests with `scripts/test`, which installs \
         it (Debian or Ubuntu, as root) or prints the apt-get, brew or winget command that does"
    )
}

/// Runs an external tool, failing the test with a clear message if it is missing.
fn tool(program: &str, args: &[&str]) -> Output {
    let output = Command::new(program)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap_or_else(|err| panic!("{}", missing_program(program, &err)));
    assert!(
        output.status.success(),
        "`{program} {}` failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The text of every page of a PDF, as pdftotext reads it.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let output = tool("pdftotext", &["-layout", &pdf.to_string_lossy(), "-"]);
    let text = String::from_utf8(output.stdout).expect("pdftotext prints UTF-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// A font as pdffonts lists it.
#[derive(Debug)]
pub struct Font {
    /// Its name (`ABCDEF+LiberationSans` when subset).
    pub name: String,
    /// Whether it is embedded.
    pub embedded: bool,
    /// Whether it is a subset.
    pub subset: bool,
}

/// The fonts pdffonts finds in a PDF (pdffonts failing fails the test).
pub fn pdf_fonts(pdf: &Path) -> Vec<Font> {
    let output = tool("pdffonts", &[&pdf.to_string_lossy()]);
    let listing = String::from_utf8_lossy(&output.stdout);
    let mut lines = listing.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("name") && header.contains("emb sub uni"),
        "pdffonts prints its table:\n{listing}"
    );
    // The columns after the name and type (which may hold spaces) are fixed:
    // encoding, emb, sub, uni, object, ID.
    lines
        .skip(1)
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert!(words.len() >= 7, "a pdffonts row: {line}");
            let flag = |from_end: usize| words[words.len() - from_end] == "yes";
            Font {
                name: words[0].to_string(),
                embedded: flag(5),
                subset: flag(4),
            }
        })
        .collect()
}

/// Where `token` occurs in a PDF: `page text` (pdftotext), `outline` (bookmark
/// titles) and `raw bytes` (every stream decompressed by qpdf, searched for the token
/// in ASCII and UTF-16BE, as is or as a hex string). A test that asserts a token is
/// absent should also find it, with this same search, where it belongs.
pub fn token_places(pdf: &Path, token: &str) -> Vec<&'static str> {
    let mut places = Vec::new();
    if page_texts(pdf).iter().any(|page| page.contains(token)) {
        places.push("page text");
    }
    let outline = structure::Pdf::open(pdf).outline();
    if outline.iter().any(|b| b.title.contains(token)) {
        places.push("outline");
    }
    let expanded = tempfile::NamedTempFile::new().expect("a temporary file");
    let path = expanded.path().to_string_lossy().into_owned();
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            "--warning-exit-0",
            &pdf.to_string_lossy(),
            &path,
        ],
    );
    let bytes = std::fs::read(expanded.path()).expect("qpdf wrote the file");
    let lowercase = bytes.to_ascii_lowercase();
    let ascii = token.as_bytes().to_vec();
    let utf16: Vec<u8> = token.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let hex = |b: &[u8]| -> Vec<u8> {
        b.iter()
            .flat_map(|b| format!("{b:02x}").into_bytes())
            .collect()
    };
    let contains =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
    if contains(&bytes, &ascii)
        || contains(&bytes, &utf16)
        || contains(&lowercase, &hex(&ascii))
        || contains(&lowercase, &hex(&utf16))
    {
        places.push("raw bytes");
    }
    places
}

/// A marker unlikely to occur anywhere by chance: letters and digits only (Markdown
/// and typst leave it alone), short enough not to be hyphenated, different each run.
pub fn unique_token(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}{:x}Q{nanos:x}", std::process::id())
}

/// The page count pdfinfo reports.
pub fn page_count(pdf: &Path) -> usize {
    let output = tool("pdfinfo", &[&pdf.to_string_lossy()]);
    let info = String::from_utf8_lossy(&output.stdout);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

/// The size (width, height) of every page in points, as pdfinfo reads them.
pub fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let output = tool(
        "pdfinfo",
        &["-f", "1", "-l", "100000", pdf.to_str().unwrap()],
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let (head, rest) = line.split_once(" size:")?;
            head.starts_with("Page").then_some(())?;
            let mut numbers = rest.split_whitespace();
            let width = numbers.next()?.parse().ok()?;
            numbers.next(); // "x"
            let height = numbers.next()?.parse().ok()?;
            Some((width, height))
        })
        .collect()
}

/// The physical pages (from 1) that are wider than tall, as pdfinfo reads them.
pub fn landscape_pages(pdf: &Path) -> Vec<usize> {
    page_sizes(pdf)
        .iter()
        .enumerate()
        .filter(|(_, (width, height))| width > height)
        .map(|(index, _)| index + 1)
        .collect()
}

/// pdfinfo's metadata fields (`Title`, `Tagged`, ...).
pub fn pdf_info(pdf: &Path) -> Vec<(String, String)> {
    let output = tool("pdfinfo", &[&pdf.to_string_lossy()]);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The page label of every page, read by qpdf from /PageLabels (decimal labels only).
pub fn page_labels(pdf: &Path) -> Vec<String> {
    let output = tool(
        "qpdf",
        &["--json=2", "--json-key=pagelabels", &pdf.to_string_lossy()],
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("qpdf prints JSON");
    let ranges = json["pagelabels"].as_array().cloned().unwrap_or_default();
    (0..page_count(pdf))
        .map(|page| {
            let Some(range) = ranges
                .iter()
                .rfind(|r| r["index"].as_u64().is_some_and(|i| i as usize <= page))
            else {
                return String::new();
            };
            let start = range["label"]["/St"].as_u64().unwrap_or(1) as usize;
            let prefix = range["label"]["/P"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches('u');
            let index = range["index"].as_u64().unwrap() as usize;
            match range["label"]["/S"].as_str() {
                Some("/D") => format!("{prefix}{}", start + page - index),
                _ => prefix.to_string(),
            }
        })
        .collect()
}

/// Asserts `qpdf --check` finds nothing wrong.
pub fn qpdf_check(pdf: &Path) {
    tool("qpdf", &["--check", &pdf.to_string_lossy()]);
}

/// The non-empty lines of a page, trimmed.
pub fn lines(page: &str) -> Vec<&str> {
    page.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The printed page number in a page's footer (`Page N` as the last line), if any.
pub fn footer_number(page: &str) -> Option<usize> {
    lines(page).last()?.strip_prefix("Page ")?.parse().ok()
}

/// The agenda item stamped on a page (`Agenda Item N` as the first line), if any.
pub fn stamp(page: &str) -> Option<usize> {
    lines(page)
        .first()?
        .strip_prefix("Agenda Item ")?
        .parse()
        .ok()
}

/// Whether a page is a padding page: the sentence, the footer and nothing else.
pub fn is_padding(page: &str) -> bool {
    let lines = lines(page);
    matches!(lines.as_slice(), ["This page is intentionally left blank", footer] if footer.starts_with("Page "))
}

/// The `(Pages X - Y)` ranges printed on the front sheet, in order.
pub fn front_sheet_ranges(front_sheet: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut rest = front_sheet;
    while let Some(at) = rest.find("(Pages ") {
        let tail = &rest[at + 7..];
        let end = tail.find(')').expect("a closed range");
        let (first, last) = tail[..end]
            .split_once(" - ")
            .expect("a range is printed `X - Y`");
        ranges.push((first.trim().parse().unwrap(), last.trim().parse().unwrap()));
        rest = &tail[end..];
    }
    ranges
}

/// A scratch project: `content/` with meetings, built into `out/`.
pub struct Project {
    /// Keeps the folder alive for the test.
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("content")).unwrap();
        Self { dir }
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The folder of meeting `name`, created if needed.
    pub fn meeting_dir(&self, name: &str) -> PathBuf {
        let dir = self.root().join("content").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Writes `text` to `content/<meeting>/<file>`.
    pub fn write(&self, meeting: &str, file: &str, text: &str) {
        let path = self.meeting_dir(meeting).join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The PDF built for a meeting.
    pub fn pdf(&self, meeting: &str) -> PathBuf {
        self.root().join("out").join(format!("{meeting}.pdf"))
    }

    /// Everything in `out/` (empty when nothing was written).
    pub fn out_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.root().join("out")) {
            Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// A meeting.yaml with the given `items:` block (already indented by two spaces).
pub fn meeting_yaml(items: &str) -> String {
    format!(
        "council: Testford Borough Council
committee: Test Scrutiny Board
date: 2026-07-16
time: \"14:00\"
place: Committee Room 1 - Town Hall
publication:
  name: Alex Example
  post: Chief Executive
  address: Town Hall, Testford
  date: 2026-07-08
contacts:
  - name: Sam Officer
    telephone: \"01632 960001\"
    email: sam.officer@testford.example
membership:
  chair: B Two
  members: [A One, B Two, C Three]
items:
{items}"
    )
}

/// A briefing note of exactly `pages` pages: one marker paragraph per page, separated
/// by page breaks. Markers read `MARK <tag> p<k>`.
pub fn note_with_pages(tag: &str, pages: usize) -> String {
    let body: Vec<String> = (1..=pages).map(|k| format!("MARK {tag} p{k}")).collect();
    format!(
        "---\nkind: briefing-note\nsubject: Note {tag}\n---\n\n{}\n",
        body.join("\n\n---\n\n")
    )
}

/// A standalone PDF of exactly `pages` pages, each reading `MARK <tag> p<k>`.
pub fn external_pdf(tag: &str, pages: usize) -> Vec<u8> {
    let body: Vec<String> = (1..=pages).map(|k| format!("MARK {tag} p{k}")).collect();
    let source = format!(
        "#set page(paper: \"a4\")\n#set text(font: \"Liberation Sans\")\n{}",
        body.join("\n#pagebreak()\n")
    );
    let date = typst::foundations::Datetime::from_ymd(2026, 1, 1).unwrap();
    agenda_pack::pdf::standalone(&source, date).expect("the fixture compiles")
}

/// A one-page PDF whose text uses Helvetica without embedding it.
pub fn pdf_with_unembedded_font() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        {
            let content = "BT /F1 24 Tf 72 700 Td (Supplied text in Helvetica) Tj ET";
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len())
        },
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// Copies the folder `from` into a new folder `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A project holding a copy of the repository's sample `content/` (two meetings and
/// `style.yaml`), for tests that run commands inside the tree.
pub fn sample_project() -> Project {
    let project = Project::new();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &project.root().join("content"),
    );
    project
}

/// Whether `text` reads as a time of day, `HH:MM:SS`.
pub fn is_clock_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    parts.len() == 3
        && parts
            .iter()
            .zip([24, 60, 60])
            .all(|(part, limit)| part.len() == 2 && part.parse::<u32>().is_ok_and(|n| n < limit))
}

/// A PNG's pixels as grey levels (0 black, 255 white), row by row, with its width.
/// Reads 8-bit RGB(A) or grey, not interlaced: what the preview writes.
pub fn png_grey(path: &Path) -> (usize, Vec<u8>) {
    use std::io::Read;
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG: {}",
        path.display()
    );
    let (mut at, mut width, mut channels, mut data) = (8, 0, 0, Vec::new());
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let body = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                assert_eq!((body[8], body[12]), (8, 0), "8-bit, not interlaced");
                channels = match body[9] {
                    0 => 1,
                    2 => 3,
                    4 => 2,
                    6 => 4,
                    other => panic!("colour type {other}"),
                };
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = width * channels;
    let mut previous = vec![0u8; stride];
    let mut grey = Vec::with_capacity(raw.len() / channels);
    for row in raw.chunks(stride + 1) {
        let (filter, row) = (row[0], &row[1..]);
        let mut line = row.to_vec();
        for i in 0..stride {
            let left = if i >= channels { line[i - channels] } else { 0 };
            let up = previous[i];
            let up_left = if i >= channels {
                previous[i - channels]
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => {
                    let p = i16::from(left) + i16::from(up) - i16::from(up_left);
                    let (pa, pb, pc) = (
                        (p - i16::from(left)).abs(),
                        (p - i16::from(up)).abs(),
                        (p - i16::from(up_left)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        left
                    } else if pb <= pc {
                        up
                    } else {
                        up_left
                    }
                }
                other => panic!("PNG filter {other}"),
            };
            line[i] = line[i].wrapping_add(predicted);
        }
        for pixel in line.chunks(channels) {
            let colour = &pixel[..channels.min(3)];
            let level = colour.iter().map(|&c| u32::from(c)).sum::<u32>() / colour.len() as u32;
            // Transparent counts as the white of paper.
            let alpha = if channels % 2 == 0 {
                u32::from(pixel[channels - 1])
            } else {
                255
            };
            grey.push(((level * alpha + 255 * (255 - alpha)) / 255) as u8);
        }
        previous = line;
    }
    (width, grey)
}

/// The page at `url` as headless Chromium renders it (scripts run, images loaded),
/// with no request of its own off this machine.
pub fn browser_dom(url: &str) -> String {
    let output = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=2000",
            "--dump-dom",
            url,
        ])
        .output()
        .unwrap_or_else(|err| panic!("{}", missing_program("chromium", &err)));
    String::from_utf8_lossy(&output.stdout).into_owned()
}
