//! `preview --serve`: the page of rendered pages, opened in a real headless browser
//! (Chromium), before and after the note is edited; a failed render shown above the
//! last good pages; `--open` and `--port 0`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

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
    let mut running = Running::start(
        project.root(),
        &["preview", "content/m/note.md", "--serve", "--port", "0"],
    );
    let wait_for = |prefix: &str| running.wait_for_status(prefix);
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

    // An open page reloads itself after the next render.
    let mut browser = Browser::open(&url);
    let shown = |browser: &mut Browser| {
        browser.evaluate(
            "document.getElementById('version').textContent + ' ' + document.querySelectorAll('img[data-loaded]').length",
        )
    };
    // Polls the page until it shows `expected`; the limit only stops a broken test
    // from hanging.
    let await_page = |browser: &mut Browser, expected: &str| {
        for _ in 0..2400 {
            if shown(browser) == expected {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "the page never showed {expected:?}, last {:?}",
            shown(browser)
        );
    };
    await_page(&mut browser, "2 4");
    project.write("m", "note.md", &note_with_pages("1", 1));
    wait_for("rendered ");
    // Render 3 (one page and padding) without anyone reloading: the page did.
    await_page(&mut browser, "3 2");
    browser.close();

    running.stop();
}

#[test]
fn a_failed_render_is_shown_above_the_last_good_pages_and_open_opens_the_url() {
    let project = Project::new();
    project.write(
        "m",
        "meeting.yaml",
        &meeting_yaml("  - kind: briefing-note\n    title: A\n    documents:\n      - note.md\n"),
    );
    project.write("m", "note.md", &note_with_pages("1", 2));
    // A stand-in browser that writes down the address it is given.
    let opened = project.root().join("opened.txt");
    let browser = project.root().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let running = Running::start_with_env(
        project.root(),
        &["preview", "content/m/note.md", "--open", "--port", "0"],
        &[("BROWSER", &browser.to_string_lossy())],
    );
    let url = running
        .wait_for_status("serving the pages on ")
        .trim_start_matches("serving the pages on ")
        .to_string();
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert_ne!(address.rsplit_once(':').unwrap().1, "0", "{url}");
    running.wait_for_status("rendered ");
    running.wait_for_status("watching");
    let page = get(&address, "/");
    assert!(
        page.contains("<title>note.md - agenda-pack preview</title>"),
        "{page}"
    );
    assert_eq!(page.matches("<img class=\"page\"").count(), 2, "{page}");
    assert!(!page.contains("id=\"error\""), "{page}");
    // The browser was handed the address printed (it may start after the render).
    let mut given = String::new();
    for _ in 0..600 {
        given = std::fs::read_to_string(&opened).unwrap_or_default();
        if !given.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(given.trim(), url);

    project.write("m", "note.md", "---\nkind: briefing-note\nsubjet: S\n---\n");
    running.wait_for_status("not rendered");
    let page = get(&address, "/");
    let error = page.find("id=\"error\"").expect("the error is shown");
    let first_page = page
        .find("<img class=\"page\"")
        .expect("the last good pages stay");
    assert!(error < first_page, "the error comes first: {page}");
    assert_eq!(page.matches("<img class=\"page\"").count(), 2, "{page}");
    assert!(page.contains("content/m/note.md:3"), "{page}");
    assert!(get(&address, "/page/1.png").starts_with("\u{fffd}PNG"));
    // Fixed: the error goes and the new pages show.
    project.write("m", "note.md", &note_with_pages("1", 3));
    running.wait_for_status("rendered ");
    let page = get(&address, "/");
    assert!(!page.contains("id=\"error\""), "{page}");
    assert_eq!(page.matches("<img class=\"page\"").count(), 4, "{page}");
}

/// Headless Chromium driven through the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: commands on its fd 3, replies on fd 4).
struct Browser {
    child: std::process::Child,
    commands: std::fs::File,
    replies: BufReader<std::fs::File>,
    session: String,
    next_id: u64,
}

impl Browser {
    fn open(url: &str) -> Self {
        use std::os::fd::FromRawFd;
        use std::os::unix::process::CommandExt;
        let pipe = || {
            let mut fds = [0; 2];
            // SAFETY: a valid out-array of two descriptors.
            assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
            fds
        };
        let (to_browser, from_browser) = (pipe(), pipe());
        let mut command = Command::new("chromium");
        command.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            "about:blank",
        ]);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(move || {
                if libc::dup2(to_browser[0], 3) < 0 || libc::dup2(from_browser[1], 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| panic!("{}", missing_program("chromium", &err)));
        // SAFETY: descriptors made above and owned from here on.
        let (commands, replies) = unsafe {
            libc::close(to_browser[0]);
            libc::close(from_browser[1]);
            (
                std::fs::File::from_raw_fd(to_browser[1]),
                std::fs::File::from_raw_fd(from_browser[0]),
            )
        };
        let mut browser = Self {
            child,
            commands,
            replies: BufReader::new(replies),
            session: String::new(),
            next_id: 0,
        };
        let target = browser.call(
            None,
            "Target.createTarget",
            serde_json::json!({ "url": url }),
        );
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            serde_json::json!({ "targetId": target_id, "flatten": true }),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser
    }

    /// Sends one command and returns its result, skipping events.
    fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: serde_json::Value,
    ) -> serde_json::Value {
        self.next_id += 1;
        let mut message =
            serde_json::json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = session.into();
        }
        self.commands
            .write_all(message.to_string().as_bytes())
            .unwrap();
        self.commands.write_all(b"\0").unwrap();
        loop {
            let mut reply = Vec::new();
            self.replies.read_until(0, &mut reply).unwrap();
            assert!(!reply.is_empty(), "chromium closed the pipe");
            reply.pop();
            let reply: serde_json::Value = serde_json::from_slice(&reply).unwrap();
            if reply["id"] == self.next_id {
                return reply["result"].clone();
            }
        }
    }

    /// Evaluates `expression` in the page; "" while the page is (re)loading.
    fn evaluate(&mut self, expression: &str) -> String {
        let session = self.session.clone();
        let result = self.call(
            Some(&session),
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn close(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
