//! Hostile inputs: exempt.

use super::budget;

// --- Exempt slips that meeting.yaml can make (content loader) ---

/// A token written only in the exempt report.
const EXEMPT_TOKEN: &str = "EXEMPT-5d21e8-SLIP";

/// A meeting whose public items are `public` and private items `private` (both
/// already indented), with the exempt report `exempt.md` holding the token.
fn slip_project(public: &str, private: &str) -> crate::common::Project {
    let project = crate::common::Project::new();
    let yaml = format!(
        "{}private_items:\n{private}",
        crate::common::meeting_yaml(public)
    );
    project.write("m", "meeting.yaml", &yaml);
    project.write(
        "m",
        "exempt.md",
        &format!("---\nkind: briefing-note\nsubject: Contract\n---\n\n{EXEMPT_TOKEN}\n"),
    );
    project
}

/// Builds and checks `project`: both refuse with `expected`, write nothing, and never
/// show the exempt text.
fn assert_slip_refused(project: &crate::common::Project, expected: &[&str]) {
    for args in [&["build"][..], &["build", "--private"], &["check"]] {
        let run = budget::run(project.root(), args);
        run.assert_code(1).assert_within_budget();
        for expected in expected {
            assert!(
                run.stderr.contains(expected),
                "{args:?}: expected {expected:?} in:\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains(EXEMPT_TOKEN) && !run.stdout.contains(EXEMPT_TOKEN));
        assert!(
            std::fs::read_dir(project.root().join("out")).map_or(true, |mut d| d.next().is_none()),
            "{args:?} wrote to out/"
        );
    }
}

#[test]
fn an_exempt_report_also_listed_under_a_public_item_is_refused_naming_both_lines() {
    let project = slip_project(
        "  - kind: report\n    title: Contract\n    documents: [exempt.md]\n",
        "  - kind: report\n    title: Contract\n    exempt_paragraph: 3\n    documents: [./exempt.md]\n",
    );
    assert_slip_refused(
        &project,
        &[
            "content/m/meeting.yaml:26:17",
            "`./exempt.md` is listed under two items (also at line 21)",
        ],
    );
}

#[test]
fn a_private_item_without_an_exempt_paragraph_is_refused() {
    let project = slip_project(
        "  - kind: apologies\n    title: Apologies\n",
        "  - kind: report\n    title: Contract\n    documents: [exempt.md]\n",
    );
    assert_slip_refused(
        &project,
        &[
            "content/m/meeting.yaml:23:12",
            "a private item needs the paragraph of Schedule 12A",
        ],
    );
}

// --- end of the content loader's exempt tests ---

// ---- The preview and the members' pack head every exempt page; `preview --serve`
// answers only localhost (the CLI helper's block).

mod headed_and_served {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    use super::budget;
    use crate::common::*;

    /// A unique token in the exempt report only.
    const MARKER: &str = "EXEMPT-MARKER-c41d";

    /// A meeting with a public note and an exempt report of three pages (so it ends on
    /// an odd page and is followed by a padding page).
    fn exempt_meeting() -> Project {
        let project = Project::new();
        let yaml = meeting_yaml(
            "  - kind: briefing-note\n    title: A note\n    documents:\n      - note.md\n",
        ) + "private_items:\n  - kind: briefing-note\n    title: Contract\n    exempt_paragraph: 3\n    documents: [exempt.md]\n";
        project.write("m", "meeting.yaml", &yaml);
        project.write("m", "note.md", &note_with_pages("public", 1));
        project.write("m", "exempt.md", &note_with_pages(MARKER, 3));
        project
    }

    fn headed(page: &str) -> bool {
        lines(page)
            .first()
            .is_some_and(|l| l.starts_with("Not for publication"))
    }

    #[test]
    fn the_preview_of_an_exempt_document_is_headed_on_every_page_padding_included() {
        let project = exempt_meeting();
        let run = budget::run(project.root(), &["preview", "content/m/exempt.md"]);
        run.assert_code(0).assert_within_budget();
        let pages = page_texts(&project.root().join("out/preview/exempt.pdf"));
        assert_eq!(pages.len(), 4, "three pages and a padding page");
        for (n, page) in pages.iter().enumerate() {
            assert!(
                headed(page),
                "preview page {} is not headed:\n{page}",
                n + 1
            );
        }
        assert!(pages[3].contains("This page is intentionally left blank"));
    }

    #[test]
    fn the_members_pack_heads_every_exempt_page_padding_included() {
        let project = exempt_meeting();
        let run = budget::run(project.root(), &["build", "--private"]);
        run.assert_code(0).assert_within_budget();
        let pages = page_texts(&project.root().join("out/m-private.pdf"));
        let exempt: Vec<usize> = (0..pages.len())
            .filter(|&i| pages[i].contains(MARKER))
            .collect();
        assert_eq!(exempt.len(), 3, "{pages:?}");
        let padding = exempt[2] + 1;
        assert!(pages[padding].contains("This page is intentionally left blank"));
        let headed: Vec<usize> = (0..pages.len()).filter(|&i| headed(&pages[i])).collect();
        assert_eq!(headed, [exempt[0], exempt[1], exempt[2], padding]);
    }

    /// A raw HTTP/1.0 request for `path` with `host` (none when `None`) to `address`;
    /// the status code and the body.
    fn request(address: &str, path: &str, host: Option<&str>) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(address).unwrap();
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        write!(stream, "GET {path} HTTP/1.0\r\n{host}\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        (status, response[split + 4..].to_vec())
    }

    #[test]
    fn serve_answers_only_requests_addressed_to_localhost_with_its_port() {
        let project = exempt_meeting();
        let running = Running::start(
            project.root(),
            &["preview", "content/m/exempt.md", "--serve", "--port", "0"],
        );
        let url = running
            .wait_for_status("serving the pages on ")
            .trim_start_matches("serving the pages on ")
            .to_string();
        running.wait_for_status("rendered ");
        let address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let port = address.rsplit_once(':').unwrap().1.to_string();
        let pdf = project.root().join("out/preview/exempt.pdf");
        assert!(page_texts(&pdf).iter().any(|p| p.contains(MARKER)));
        for host in [
            Some(format!("127.0.0.1:{port}")),
            Some(format!("localhost:{port}")),
            Some(format!("[::1]:{port}")),
        ] {
            let (status, body) = request(&address, "/preview.pdf", host.as_deref());
            assert_eq!(status, 200, "{host:?}");
            assert!(body.starts_with(b"%PDF"), "{host:?}");
        }
        for host in [
            Some(format!("attacker.example:{port}")),
            Some("attacker.example".to_string()),
            Some("localhost".to_string()),
            Some(format!(
                "127.0.0.1:{}",
                port.parse::<u16>().unwrap().wrapping_add(1)
            )),
            None,
        ] {
            for path in ["/", "/version", "/preview.pdf", "/page/1.png"] {
                let (status, body) = request(&address, path, host.as_deref());
                assert_eq!(status, 403, "{host:?} {path}");
                assert!(
                    body.is_empty(),
                    "{host:?} {path}: {}",
                    String::from_utf8_lossy(&body)
                );
            }
        }
    }
}
