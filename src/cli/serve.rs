//! `preview --serve`: a small web page on localhost showing the rendered pages,
//! which reloads itself after each render; after a failed render it keeps the last
//! good pages, with the error above them. It answers only requests addressed to
//! localhost by name or number with its port: a page elsewhere whose name is made to
//! resolve to 127.0.0.1 (DNS rebinding) gets 403 and nothing of the preview, which may
//! be an exempt report.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Request, Response, Server};

use crate::error::Result;
use crate::preview::Rendered;

/// What the page shows: the last good render's PNG pages, the last render's error if
/// it failed, and a version that changes with every render.
#[derive(Default)]
struct State {
    /// The page's title: the document's file name.
    title: String,
    version: u64,
    pngs: Vec<PathBuf>,
    pdf: Option<PathBuf>,
    error: Option<String>,
}

/// The running server; tell it about each render with [`Served::update`].
#[derive(Clone)]
pub struct Served {
    state: Arc<Mutex<State>>,
}

impl Served {
    /// Serves the preview of the document named `title` on `127.0.0.1:port` (0: any
    /// free port) in a background thread and returns the address.
    pub fn start(port: u16, title: &str) -> std::io::Result<(Self, String)> {
        let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        let ip = server.server_addr().to_ip();
        let address = ip.map_or_else(|| "127.0.0.1".into(), |a| a.to_string());
        let port = ip.map_or(port, |a| a.port());
        let served = Self {
            state: Arc::new(Mutex::new(State {
                title: title.to_string(),
                ..State::default()
            })),
        };
        let state = served.state.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let response = if addressed_to_us(&request, port) {
                    respond(&state, request.url())
                } else {
                    Response::from_data(Vec::new()).with_status_code(403)
                };
                let _ = request.respond(response);
            }
        });
        Ok((served, format!("http://{address}/")))
    }

    /// Records a render, or its failure (the last good pages stay); the page reloads.
    pub fn update(&self, result: &Result<Rendered>, error_text: &str) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.version += 1;
        match result {
            Ok(rendered) => {
                state.pngs = rendered.pngs.clone();
                state.pdf = Some(rendered.pdf.clone());
                state.error = None;
            }
            Err(_) => state.error = Some(error_text.to_string()),
        }
    }
}

/// Whether the request's `Host` is `127.0.0.1`, `localhost` or `[::1]` with our
/// port: what a browser sends for the address printed, and nothing a rebound name
/// sends.
fn addressed_to_us(request: &Request, port: u16) -> bool {
    let mut hosts = request
        .headers()
        .iter()
        .filter(|header| header.field.equiv("Host"));
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    allowed_host(host.value.as_str(), port)
}

/// Whether `host` (a `Host` header's value) names this machine's loopback with `port`.
fn allowed_host(host: &str, port: u16) -> bool {
    let Some((name, given)) = host.trim().rsplit_once(':') else {
        return false;
    };
    given == port.to_string()
        && ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|allowed| name.eq_ignore_ascii_case(allowed))
}

fn respond(state: &Mutex<State>, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let state = state.lock().unwrap_or_else(|e| e.into_inner());
    let path = url.split('?').next().unwrap_or("/");
    let typed = |bytes: Vec<u8>, kind: &str| {
        let header = Header::from_bytes("Content-Type", kind).expect("a valid header");
        let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("a valid header");
        Response::from_data(bytes)
            .with_header(header)
            .with_header(no_cache)
    };
    match path {
        "/" => typed(page(&state).into_bytes(), "text/html; charset=utf-8"),
        "/version" => typed(state.version.to_string().into_bytes(), "text/plain"),
        "/preview.pdf" => match state.pdf.as_ref().and_then(|p| std::fs::read(p).ok()) {
            Some(bytes) => typed(bytes, "application/pdf"),
            None => Response::from_string("not rendered yet").with_status_code(404),
        },
        _ => {
            let png = path
                .strip_prefix("/page/")
                .and_then(|rest| rest.strip_suffix(".png"))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| state.pngs.get(n.checked_sub(1)?))
                .and_then(|p| std::fs::read(p).ok());
            match png {
                Some(bytes) => typed(bytes, "image/png"),
                None => Response::from_string("not found").with_status_code(404),
            }
        }
    }
}

/// The page: the error of a failed render, then every PNG page of the last good one,
/// and a script that reloads the page when the version changes.
fn page(state: &State) -> String {
    let version = state.version;
    let error = state.error.as_ref().map_or_else(String::new, |error| {
        let kept = if state.pngs.is_empty() {
            "nothing rendered yet"
        } else {
            "the pages below are from the last render that worked"
        };
        format!(
            "<div id=\"error\"><p><strong>Not rendered</strong>: {kept}.</p><pre>{}</pre></div>",
            crate::markup::escape_html(error)
        )
    });
    let pages: String = state
        .pngs
        .iter()
        .enumerate()
        .map(|(i, _)| {
            format!(
                "<img class=\"page\" src=\"/page/{n}.png?v={version}\" alt=\"page {n}\" onload=\"this.dataset.loaded=this.naturalWidth\">",
                n = i + 1
            )
        })
        .collect();
    let title = crate::markup::escape_html(&state.title);
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - agenda-pack preview</title>
<style>body{{background:#666;margin:0;padding:1em;font-family:sans-serif}}
.page{{display:block;margin:0 auto 1em;max-width:100%;box-shadow:0 0 6px #000;background:#fff}}
#error{{background:#fff;border-left:0.5em solid #b00;padding:0.1em 1em;margin-bottom:1em}}
#error pre{{white-space:pre-wrap}}
#bar{{color:#fff;margin-bottom:1em}}</style></head>
<body><div id="bar">{title} · <a style="color:#fff" href="/preview.pdf">PDF</a> · render <span id="version">{version}</span></div>
{error}{pages}
<script>
const shown = {version};
setInterval(async () => {{
  try {{
    const now = await (await fetch('/version', {{cache: 'no-store'}})).text();
    if (Number(now) !== shown) location.reload();
  }} catch (e) {{}}
}}, 250);
</script></body></html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_with_our_port_are_answered() {
        for host in [
            "127.0.0.1:8765",
            "localhost:8765",
            "LocalHost:8765",
            "[::1]:8765",
        ] {
            assert!(allowed_host(host, 8765), "{host}");
        }
        for host in [
            "evil.example:8765",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:80",
            "localhost.evil.example:8765",
            "127.0.0.1.nip.io:8765",
            "[::1]",
            "",
        ] {
            assert!(!allowed_host(host, 8765), "{host}");
        }
    }
}
