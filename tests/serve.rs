//! `preview --serve`: the page of rendered pages, opened in a real headless browser
//! (Chromium), before and after the note is edited.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

/// The page as Chromium renders it (scripts run, images loaded).
fn browser_dom(url: &str) -> String {
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=2000",
            "--dump-dom",
            url,
        ])
        .output()
        .unwrap_or_else(|err| {
            panic!("cannot run `chromium` ({err}): install it (Debian: apt-get install chromium)")
        });
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A plain HTTP GET of `path` on `host:port`, returning the body.
fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    String::from_utf8_lossy(&response)
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default()
}

#[test]
fn the_served_page_shows_every_page_and_follows_edits() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n"),
    );
    project.write("m", "note.md", &note_with_pages("1", 2));
    let mut child = Command::new(env!("CARGO_BIN_EXE_agenda-pack"))
        .args(["preview", "content/m/note.md", "--serve", "--port", "0"])
        .current_dir(project.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let wait_for = |prefix: &str| -> String {
        loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("no line starting with {prefix:?}"));
            if line.starts_with(prefix) {
                return line;
            }
        }
    };
    let url = wait_for("serving the pages on ")
        .trim_start_matches("serving the pages on ")
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "localhost only: {url}"
    );
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    wait_for("watching");

    let dom = browser_dom(&url);
    // Two A4 pages at 144 dpi, each loaded by the browser.
    assert_eq!(dom.matches("data-loaded=\"1191\"").count(), 2, "{dom}");
    assert!(
        dom.contains("render <span id=\"version\">1</span>"),
        "{dom}"
    );

    project.write("m", "note.md", &note_with_pages("1", 3));
    wait_for("rendered ");
    assert_eq!(get(&address, "/version"), "2");
    let dom = browser_dom(&url);
    assert_eq!(
        dom.matches("data-loaded=\"1191\"").count(),
        4,
        "3 pages and padding: {dom}"
    );
    assert!(
        dom.contains("render <span id=\"version\">2</span>"),
        "{dom}"
    );
    assert!(get(&address, "/preview.pdf").starts_with("%PDF"));

    child.kill().unwrap();
    child.wait().unwrap();
}
