// Checks a built web edition in headless Chromium: every HTML page is served from
// 127.0.0.1 under a sub-path, then checked with axe-core (WCAG 2.2 A and AA), for a
// skip link to the main landmark and a Tab order that reaches every link in DOM order,
// for no horizontal scroll at 320 px, for console errors, failed or external requests,
// and for links that resolve (file and #fragment). Writes a JSON report.
//
//   node tests/browser/check-site.mjs <site-dir> <out-json> [--screenshots <dir>]
//
// Exit status: 0 no failure, 1 failures (listed in the report and on stderr), 2 the
// check itself could not run.

import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Without the background-networking flags Chromium calls Google's hosts at start.
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// Not the site's root: a link written as `/style.css` leaves the site and fails.
const PREFIX = "/council/agendas/";
const NARROW = 320;
// Only stops a hung browser from holding CI; no result depends on time.
const WATCHDOG_MS = 15 * 60 * 1000;
const MAX_TABS = 2000;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".ics": "text/calendar; charset=utf-8",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
};

function usage(message) {
  process.stderr.write(`check-site: ${message}\nusage: node check-site.mjs <site-dir> <out-json> [--screenshots <dir>]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let screenshots = resolve(here, "../../target/site-screenshots");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--screenshots") {
      screenshots = resolve(argv[++i] ?? usage("--screenshots needs a folder"));
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length !== 2) usage("expected <site-dir> and <out-json>");
  return { site: resolve(positional[0]), out: resolve(positional[1]), screenshots };
}

/** Every HTML file under `root`, as `/`-separated paths relative to it, sorted. */
function htmlPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".html")) pages.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return pages.sort();
}

/** The file of the site a URL path names, or null when it is outside the site. */
function siteFile(site, urlPath) {
  if (!urlPath.startsWith(PREFIX)) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.slice(PREFIX.length));
  } catch {
    return null;
  }
  const file = resolve(site, decoded);
  if (file !== site && !file.startsWith(site + sep)) return null;
  return file;
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Serves the files of `site` under PREFIX; no directory listings or index files, as on disk. */
function serve(site) {
  const server = createServer((request, response) => {
    const path = new URL(request.url, "http://127.0.0.1").pathname;
    const file = siteFile(site, path);
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405).end();
    } else if (file === null || !isFile(file)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    } else {
      const body = readFileSync(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-store",
      });
      response.end(request.method === "HEAD" ? undefined : body);
    }
  });
  server.maxConnections = 64;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 1_000;
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolvePromise(server));
  });
}

/** The sample pages screenshotted at 320 px: the index, one meeting page, one document page. */
function screenshotSample(pages) {
  const sample = new Set();
  if (pages.includes("index.html")) sample.add("index.html");
  const meeting = pages.find((p) => /^[^/]+\/index\.html$/.test(p));
  if (meeting) sample.add(meeting);
  const document = pages.find((p) => /^[^/]+\/[^/]+\.html$/.test(p) && !p.endsWith("/index.html"));
  if (document) sample.add(document);
  return sample;
}

// --- In the page -----------------------------------------------------------------

/** The links in DOM order that a keyboard can reach (rendered, not disabled by tabindex=-1). */
function collectLinks() {
  const links = [...document.querySelectorAll("a[href], area[href]")].filter(
    (a) => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== "hidden" && a.tabIndex >= 0,
  );
  window.__checkLinks = links;
  return links.map(describe);
  function describe(a) {
    return { href: a.getAttribute("href"), text: (a.textContent || "").trim().slice(0, 60) };
  }
}

/** What has the focus: its index among the links, or a description of another element. */
function focused() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const index = window.__checkLinks.indexOf(el);
  const href = el.getAttribute("href");
  let target = null;
  if (href && href.startsWith("#") && href.length > 1) {
    const t = document.getElementById(decodeURIComponent(href.slice(1)));
    target = t ? { tag: t.tagName.toLowerCase(), role: t.getAttribute("role") } : { missing: true };
  }
  return {
    index,
    tag: el.tagName.toLowerCase(),
    href,
    text: (el.textContent || "").trim().slice(0, 60),
    target,
  };
}

/** Every link, `src` and stylesheet of the page, as absolute URLs, with the page's ids. */
function collectReferences() {
  const refs = [];
  for (const a of document.querySelectorAll("a[href], area[href]")) refs.push({ kind: "link", raw: a.getAttribute("href"), url: a.href });
  for (const el of document.querySelectorAll("[src]")) refs.push({ kind: "src", raw: el.getAttribute("src"), url: el.src });
  for (const l of document.querySelectorAll("link[href]")) refs.push({ kind: "link-element", raw: l.getAttribute("href"), url: l.href });
  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
  const names = [...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name"));
  return { refs, ids: [...ids, ...names] };
}

/** The elements that reach past the viewport's right edge, widest first. */
function overflowing(width) {
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5) {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      wide.push({ element: `${el.tagName.toLowerCase()}${id}${cls}`, right: Math.round(r.right) });
    }
  }
  return wide.sort((a, b) => b.right - a.right).slice(0, 5);
}

// --- One page --------------------------------------------------------------------

async function checkPage(context, base, pagePath, axeSource, screenshotDir, fail) {
  const result = {
    path: pagePath,
    axe_violations: [],
    keyboard: null,
    width_320: null,
    console_errors: [],
    failed_requests: [],
    screenshot: null,
  };
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      result.console_errors.push(msg.text());
      fail(pagePath, "console-error", msg.text());
    }
  });
  page.on("pageerror", (err) => {
    result.console_errors.push(String(err));
    fail(pagePath, "console-error", String(err));
  });
  page.on("requestfailed", (req) => {
    const detail = `${req.url()} (${req.failure()?.errorText ?? "failed"})`;
    if (!result.failed_requests.includes(detail)) {
      result.failed_requests.push(detail);
      // External requests are aborted by the route below and reported there.
      if (new URL(req.url()).hostname === "127.0.0.1") fail(pagePath, "failed-request", detail);
    }
  });
  page.on("response", (res) => {
    if (res.status() >= 400) {
      const detail = `${res.url()} (HTTP ${res.status()})`;
      result.failed_requests.push(detail);
      fail(pagePath, "failed-request", detail);
    }
  });

  await page.goto(base + pagePath, { waitUntil: "load" });

  // Keyboard, before anything else has taken the focus.
  const links = await page.evaluate(collectLinks);
  const keyboard = { links: links.length, skip_link: null, reached: 0, problems: [] };
  await page.keyboard.press("Tab");
  const first = await page.evaluate(focused);
  if (first.none || !first.href || !first.href.startsWith("#")) {
    keyboard.skip_link = { ok: false, focused: first };
    fail(pagePath, "skip-link", `the first Tab focuses ${first.none ? "nothing" : `<${first.tag}> ${JSON.stringify(first.text)}`}, not a link to the main landmark`);
  } else if (!first.target || first.target.missing || !(first.target.tag === "main" || first.target.role === "main")) {
    keyboard.skip_link = { ok: false, focused: first };
    fail(pagePath, "skip-link", `the skip link ${JSON.stringify(first.href)} targets ${first.target?.missing ? "no element" : `<${first.target.tag}>`}, not the main landmark`);
  } else {
    keyboard.skip_link = { ok: true, href: first.href, text: first.text };
  }
  const order = [];
  let current = first;
  for (let tabs = 0; tabs < MAX_TABS && !current.none; tabs++) {
    if (current.index >= 0) {
      if (order.length > 0 && current.index <= order[order.length - 1]) break; // wrapped round
      order.push(current.index);
    }
    await page.keyboard.press("Tab");
    current = await page.evaluate(focused);
  }
  keyboard.reached = order.length;
  const expected = links.map((_, i) => i);
  if (order.join(",") !== expected.join(",")) {
    const missed = expected.filter((i) => !order.includes(i)).map((i) => links[i]);
    const detail = `Tab reached ${order.length} of ${links.length} links in DOM order` + (missed.length ? `; not reached in order: ${missed.slice(0, 5).map((l) => JSON.stringify(l.href)).join(", ")}` : "");
    keyboard.problems.push(detail);
    fail(pagePath, "tab-order", detail);
  }
  result.keyboard = keyboard;

  // axe-core, every rule of the WCAG 2.0, 2.1 and 2.2 A and AA tags: on a desktop
  // width, then at 320 px (where a table may scroll, and its region must take focus).
  await page.evaluate(axeSource);
  const seen = new Set();
  const runAxe = async (viewport) => {
    const axe = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      AXE_TAGS,
    );
    for (const v of axe.violations) {
      const nodes = v.nodes
        .map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary }))
        .filter((n) => !seen.has(`${v.id} ${n.target}`));
      if (nodes.length === 0) continue;
      for (const n of nodes) seen.add(`${v.id} ${n.target}`);
      result.axe_violations.push({ id: v.id, impact: v.impact, help: v.help, viewport, tags: v.tags, nodes });
      fail(pagePath, "axe", `${v.id} (${v.impact}, ${viewport} px wide): ${v.help}; ${nodes.map((n) => n.target).slice(0, 5).join(", ")}`);
    }
  };
  await runAxe(1280);

  // 320 px wide: WCAG 1.4.10 reflow, no horizontal scroll.
  await page.setViewportSize({ width: NARROW, height: 640 });
  await runAxe(NARROW);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  result.width_320 = { scroll_width: scrollWidth, ok: scrollWidth <= NARROW };
  if (scrollWidth > NARROW) {
    const wide = await page.evaluate(overflowing, NARROW);
    result.width_320.overflowing = wide;
    fail(pagePath, "width-320", `scrollWidth ${scrollWidth} px > ${NARROW} px; widest: ${wide.map((w) => `${w.element} (${w.right} px)`).join(", ")}`);
  }
  if (screenshotDir) {
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, pagePath.replace(/\//g, "_").replace(/\.html$/, "") + "-320.png");
    await page.screenshot({ path: file, fullPage: true });
    result.screenshot = file;
  }

  const references = await page.evaluate(collectReferences);
  await page.close();
  return { result, references };
}

// --- Links -------------------------------------------------------------------------

/** Links and `src`s that leave the site or name a missing file or #fragment. */
function checkReferences(site, base, visited, fail) {
  const origin = new URL(base).origin;
  const broken = {};
  for (const [pagePath, { refs }] of visited) {
    const problems = [];
    for (const ref of refs) {
      let url;
      try {
        url = new URL(ref.url);
      } catch {
        problems.push({ ...ref, problem: "not a URL" });
        continue;
      }
      if (url.protocol === "mailto:" || url.protocol === "tel:") continue;
      // A resident may follow an author's link out; nothing the page loads may leave.
      if (url.origin !== origin && ref.kind === "link" && /^https?:$/.test(url.protocol)) continue;
      if (url.origin !== origin) {
        problems.push({ ...ref, problem: "external (every link of the site is relative)" });
        fail(pagePath, "external-link", `${ref.kind} ${JSON.stringify(ref.raw)} leaves the site`);
        continue;
      }
      const file = siteFile(site, url.pathname);
      if (file === null) {
        problems.push({ ...ref, problem: "outside the site (an absolute path?)" });
        fail(pagePath, "broken-link", `${ref.kind} ${JSON.stringify(ref.raw)} resolves outside the site`);
        continue;
      }
      if (!isFile(file)) {
        const why = statSafe(file)?.isDirectory() ? "is a folder (does not open from disk; link its index.html)" : "names no file";
        problems.push({ ...ref, problem: why });
        fail(pagePath, "broken-link", `${ref.kind} ${JSON.stringify(ref.raw)} ${why}`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && file.endsWith(".html")) {
        const target = relative(site, file).split(sep).join("/");
        const ids = visited.get(target)?.ids ?? [];
        if (!ids.includes(fragment)) {
          problems.push({ ...ref, problem: `no id ${JSON.stringify(fragment)} in ${target}` });
          fail(pagePath, "broken-link", `${ref.kind} ${JSON.stringify(ref.raw)}: no id ${JSON.stringify(fragment)} in ${target}`);
        }
      }
    }
    if (problems.length) broken[pagePath] = problems;
  }
  return broken;
}

function statSafe(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

// --- Main ----------------------------------------------------------------------------

async function main() {
  const { site, out, screenshots } = parseArgs(process.argv.slice(2));
  if (!statSafe(site)?.isDirectory()) usage(`no site folder ${site}`);
  const pages = htmlPages(site);
  if (pages.length === 0) usage(`no HTML page in ${site}`);
  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const axeVersion = JSON.parse(readFileSync(require.resolve("axe-core/package.json"), "utf8")).version;
  const playwrightVersion = JSON.parse(readFileSync(require.resolve("playwright-core/package.json"), "utf8")).version;

  const failures = [];
  const fail = (page, check, detail) => failures.push({ page, check, detail });

  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  const profile = mkdtempSync(join(tmpdir(), "check-site-chromium-"));
  const watchdog = setTimeout(() => {
    process.stderr.write(`check-site: gave up after ${WATCHDOG_MS / 60000} minutes (a hung browser?)\n`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  let context;
  let chromiumVersion = null;
  const results = [];
  const visited = new Map();
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 800 },
      reducedMotion: "reduce",
    });
    // No request leaves 127.0.0.1: anything else is refused and reported.
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
      const page = route.request().frame()?.page()?.url() ?? "";
      fail(page.startsWith(base) ? page.slice(base.length) : page, "external-request", route.request().url());
      return route.abort("blockedbyclient");
    });
    const sample = screenshotSample(pages);
    for (const pagePath of pages) {
      const { result, references } = await checkPage(context, base, pagePath, axeSource, sample.has(pagePath) ? screenshots : null, fail);
      results.push(result);
      visited.set(pagePath, references);
    }
  } finally {
    chromiumVersion = context?.browser()?.version() ?? null;
    await context?.close().catch(() => {});
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const brokenLinks = checkReferences(site, base, visited, fail);
  for (const r of results) r.broken_links = brokenLinks[r.path] ?? [];

  const report = {
    site,
    base_url: base,
    versions: { "axe-core": axeVersion, "playwright-core": playwrightVersion, chromium: chromiumVersion },
    axe_tags: AXE_TAGS,
    pages: results,
    failures,
    summary: { pages: results.length, failures: failures.length },
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  for (const f of failures) process.stderr.write(`${f.page}: ${f.check}: ${f.detail}\n`);
  process.stderr.write(`check-site: ${results.length} pages, ${failures.length} failures\n`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`check-site: ${err?.stack ?? err}\n`);
  process.exit(2);
});
