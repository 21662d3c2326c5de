// End-to-end test of /embed.js in a real browser (Debian's Chromium through playwright-core).
//
//   HEADPRESS_API=http://127.0.0.1:8080 node .ci/browser/embed_e2e.mjs   (what .ci/browser.sh runs)
//   node .ci/browser/embed_e2e.mjs --stub   (against a small fake API, to work on the script alone)
//
// Serves partner.html from a second origin (with hostile CSS), embeds resources, upcoming
// events, one resource, a missing resource and an oEmbed iframe, then checks what the shadow
// roots show against what the API returns. Screenshot: target/browser/embed.png.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const stub = process.argv.includes("--stub");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shotDir = path.join(root, "target/browser");
const MISSING_ID = 2147483000;

let passed = 0;
const failures = [];
function check(ok, what, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failures.push(what);
    console.log(`not ok - ${what}${detail === undefined ? "" : `\n    ${detail}`}`);
  }
  return ok;
}
function fatal(msg) {
  console.error(`error: ${msg}`);
  console.log(`\nembeds: ${passed} passed, ${failures.length + 1} failed`);
  process.exit(1);
}
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const norm = (u) => {
  try {
    return new URL(u).href;
  } catch {
    return String(u);
  }
};

function listen(handler) {
  return new Promise((ok) => {
    const server = http.createServer(handler);
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

// --- the API ------------------------------------------------------------------------------
let api = process.env.HEADPRESS_API;
let stubServer;
if (stub) {
  stubServer = await startStub();
  api = `http://127.0.0.1:${stubServer.address().port}`;
  console.log(`# stub API at ${api}`);
} else if (!api) {
  fatal("set HEADPRESS_API to the server's base URL (or pass --stub)");
}
api = api.replace(/\/+$/, "");

async function getJson(p) {
  const res = await fetch(api + p);
  const body = await res.text();
  if (!res.ok) fatal(`GET ${p}: HTTP ${res.status}: ${body.slice(0, 300)}`);
  try {
    return JSON.parse(body);
  } catch {
    fatal(`GET ${p}: not JSON: ${body.slice(0, 300)}`);
  }
}

const js = await fetch(`${api}/embed.js`);
check(js.ok, "GET /embed.js answers 200", `HTTP ${js.status}`);
check(
  /^(application|text)\/javascript\b/.test(js.headers.get("content-type") || ""),
  "/embed.js is served as JavaScript",
  `Content-Type: ${js.headers.get("content-type")}`
);
if (!js.ok) fatal("no /embed.js: nothing to test in a browser");

const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
const first = (await getJson("/api/v1/resources?per_page=1")).data[0];
if (!first) fatal("the demo has no resource");
const guidance = (await getJson("/api/v1/resources?type=guidance&per_page=5")).data;
// What the widget shows: the upcoming events by their next occurrence (a series that
// started long ago sorts by its next date, not its first).
const nextStart = (e) => (e.next_occurrence ? e.next_occurrence.starts_at_utc : "~");
const events = (await getJson(`/api/v1/events?starts_after=${encodeURIComponent(now)}&per_page=20`)).data
  .filter((e) => e.next_occurrence)
  .sort((a, b) => (nextStart(a) < nextStart(b) ? -1 : nextStart(a) > nextStart(b) ? 1 : 0))
  .slice(0, 3);
const oembedUrl = `/oembed?url=${encodeURIComponent(first.link)}&format=json`;
const oembed = await getJson(oembedUrl);

for (const [what, items] of [["resource", [first, ...guidance]], ["event", events]]) {
  const bad = items.filter((i) => !/^https?:\/\//.test(i.link || ""));
  check(!bad.length, `every ${what} in the API has an http(s) link`, bad.map((i) => `id ${i.id}: link ${JSON.stringify(i.link)}`).join("; "));
}
check(guidance.length > 0, "the API lists resources of type guidance", "none: the page would have nothing to show");
check(events.length >= 1 && events.length <= 3, "the API lists 1 to 3 upcoming events", `${events.length}`);
check(
  oembed.type === "rich" && oembed.version === "1.0" && /<iframe\b[^>]*\ssrc="[^"]*\/embed\/resources\//.test(oembed.html || ""),
  "oEmbed answers a rich 1.0 response with an /embed/resources/ iframe",
  JSON.stringify(oembed).slice(0, 300)
);

// --- the partner's site, on a second origin ---------------------------------------------
const page_html = fs
  .readFileSync(path.join(here, "partner.html"), "utf8")
  .replaceAll("{{API}}", esc(api))
  .replaceAll("{{RESOURCE_ID}}", esc(first.id))
  .replaceAll("{{RESOURCE_LINK}}", esc(first.link || api))
  .replaceAll("{{MISSING_ID}}", esc(MISSING_ID))
  .replaceAll("{{OEMBED_HTML}}", oembed.html || "");
const partner = await listen((req, res) => {
  if (req.url === "/" || req.url.startsWith("/?")) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page_html);
  } else {
    res.writeHead(req.url === "/favicon.ico" ? 204 : 404);
    res.end();
  }
});
const partnerUrl = `http://127.0.0.1:${partner.address().port}/`;
console.log(`# partner page at ${partnerUrl}, API at ${api}`);

// --- the browser --------------------------------------------------------------------------
if (!fs.existsSync(chromiumPath)) fatal(`${chromiumPath} not found (apt-get install chromium)`);
const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
let exitCode = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const consoleErrors = [];
  const apiRequests = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const where = m.location()?.url || "";
    if (where.includes(`/resources/${MISSING_ID}`)) return; // the 404 asked for on purpose
    consoleErrors.push(`${m.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on("request", (r) => {
    if (r.url().startsWith(`${api}/api/`)) apiRequests.push(`${r.method()} ${r.url()}`);
  });

  await page.goto(partnerUrl, { waitUntil: "load" });
  try {
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll("[data-headpress]")].every((e) =>
          /^(ready|error)$/.test(e.getAttribute("data-headpress-state") || "")
        ),
      null,
      { timeout: 15000 }
    );
  } catch {
    const states = await page.evaluate(() =>
      [...document.querySelectorAll("[data-headpress]")].map((e) => `#${e.id}: ${e.getAttribute("data-headpress-state")}`)
    );
    check(false, "every embed finished loading within 15 s", states.join(", "));
  }

  // What each shadow root shows, and the styles that matter.
  const seen = await page.evaluate(() => {
    const out = {};
    for (const host of document.querySelectorAll("[data-headpress]")) {
      const sr = host.shadowRoot;
      const h3 = sr && sr.querySelector("h3");
      const art = sr && sr.querySelector("article");
      const link = sr && sr.querySelector("h3 a");
      const fallback = host.querySelector("a.fallback");
      out[host.id] = {
        shadow: !!sr,
        state: host.getAttribute("data-headpress-state"),
        lists: sr ? sr.querySelectorAll('ul[role="list"] > li > article').length : 0,
        cards: sr
          ? [...sr.querySelectorAll("article")].map((a) => {
              const t = a.querySelector("h3 a");
              const more = [...a.querySelectorAll("a")].find((x) => /^Read more/.test(x.textContent));
              return {
                title: t ? t.textContent : a.querySelector("h3")?.textContent,
                href: t ? t.href : null,
                more: more ? more.textContent : null,
                time: a.querySelector("time")?.textContent || null,
                text: a.textContent,
              };
            })
          : [],
        h3Color: h3 ? getComputedStyle(h3).color : null,
        h3Size: h3 ? getComputedStyle(h3).fontSize : null,
        linkDisplay: link ? getComputedStyle(link).display : null,
        textColor: art ? getComputedStyle(art).color : null,
        cardBg: art ? getComputedStyle(art).backgroundColor : null,
        fallbackShown: !!fallback && fallback.getClientRects().length > 0,
        message: sr ? (sr.querySelector(".msg")?.textContent || null) : null,
      };
    }
    const ph = document.getElementById("partner-heading");
    out.partnerH3 = getComputedStyle(ph).color;
    out.globals = Object.keys(window).filter((k) => /headpress/i.test(k));
    return out;
  });

  function sameCards(id, label, expected) {
    const got = seen[id];
    if (!check(got && got.shadow, `${label}: has a shadow root`)) return;
    check(got.state === "ready", `${label}: loaded`, `state ${got.state}, message ${got.message}`);
    check(
      got.cards.length === expected.length && got.lists === expected.length,
      `${label}: ${expected.length} card(s), each an <article> in a <ul role="list"><li>`,
      `${got.cards.length} cards, ${got.lists} in list items`
    );
    const want = expected.map((e) => `${e.title} <${norm(e.link)}>`);
    const have = got.cards.map((c) => `${c.title} <${c.href && norm(c.href)}>`);
    check(
      JSON.stringify(want) === JSON.stringify(have),
      `${label}: titles and links equal the API's`,
      `API: ${JSON.stringify(want)}\n    page: ${JSON.stringify(have)}`
    );
    const missingMore = got.cards.filter((c, i) => !c.more || !c.more.includes(expected[i]?.title ?? "\u0000"));
    check(!missingMore.length, `${label}: each card has a "Read more" link naming its title`, JSON.stringify(missingMore.map((c) => c.more)));
    return got;
  }
  const res = sameCards("embed-resources", "resources of type guidance", guidance);
  const ev = sameCards("embed-events", "upcoming events", events);
  sameCards("embed-resource", `resource ${first.id}`, [first]);
  if (ev) {
    const times = ev.cards.filter((c) => c.time).length;
    check(times === ev.cards.length, "upcoming events: each card shows its date in a <time>", JSON.stringify(ev.cards.map((c) => c.time)));
    console.log(`# events shown: ${ev.cards.map((c) => `${c.title} [${c.time}]`).join("; ")}`);
  }
  if (res) {
    const badges = guidance.every((r, i) => (res.cards[i]?.text || "").includes("Guidance"));
    check(badges, "resources: cards show the resource type name", JSON.stringify(res.cards.map((c) => c.text.slice(0, 120))));
  }

  // Styles: the partner's CSS stays out, ours stays in.
  const shadowH3 = seen["embed-resources"]?.h3Color;
  check(shadowH3 && shadowH3 !== "rgb(255, 0, 0)", "partner CSS does not reach an <h3> in a shadow root", `color ${shadowH3}`);
  check(seen["embed-resources"]?.h3Size !== "40px", "partner CSS does not set the embed's <h3> size", seen["embed-resources"]?.h3Size);
  check(seen["embed-resources"]?.linkDisplay && seen["embed-resources"].linkDisplay !== "none", "partner's `a { display: none }` does not hide embed links", seen["embed-resources"]?.linkDisplay);
  check(seen["embed-resources"]?.textColor !== "rgb(0, 128, 0)", "text colour inherited from the partner's <div> does not leak in", seen["embed-resources"]?.textColor);
  check(seen.partnerH3 === "rgb(255, 0, 0)", "our CSS does not leak out: #partner-heading stays red", seen.partnerH3);
  check(
    seen["embed-events"]?.cardBg && seen["embed-events"].cardBg !== seen["embed-resources"]?.cardBg,
    'data-theme="dark" changes the card background',
    `${seen["embed-events"]?.cardBg} vs ${seen["embed-resources"]?.cardBg}`
  );
  check(!seen["embed-resources"]?.fallbackShown, "a loaded embed hides the partner's fallback link");
  check(
    seen["embed-missing"]?.state === "error" && seen["embed-missing"].fallbackShown && !!seen["embed-missing"].message,
    "a failed embed shows a message and the partner's fallback link again",
    JSON.stringify(seen["embed-missing"])
  );
  check(
    seen.globals.length <= 1 && seen.globals.every((g) => g === "headpress"),
    "embed.js adds no global but window.headpress",
    JSON.stringify(seen.globals)
  );
  check(
    apiRequests.every((r) => r.startsWith("GET ")),
    "the embeds only GET from the API",
    apiRequests.join("\n    ")
  );

  // The oEmbed iframe (it may be loading="lazy": bring it into view first).
  const iframe = page.locator("#oembed iframe");
  let frame = null;
  try {
    await iframe.scrollIntoViewIfNeeded({ timeout: 5000 });
    await page.frameLocator("#oembed iframe").locator("a[href]").first().waitFor({ timeout: 10000 });
    frame = await (await iframe.elementHandle()).contentFrame();
  } catch (e) {
    console.log(`# oEmbed iframe: ${e.message.split("\n")[0]}`);
  }
  if (check(!!frame && /\/embed\/resources\//.test(frame.url()), "the oEmbed iframe loaded", page.frames().map((f) => f.url()).join(", "))) {
    const inner = await frame.evaluate(() => ({
      text: document.body ? document.body.innerText : "",
      links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
      scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      client: [document.documentElement.clientWidth, document.documentElement.clientHeight],
    }));
    check(inner.text.includes(first.title), "the oEmbed iframe shows the resource's title", inner.text.slice(0, 300));
    check(inner.links.some((h) => /^https?:/.test(h)), "the oEmbed iframe has a link", JSON.stringify(inner.links));
    check(
      inner.links.some((h) => norm(h) === norm(first.link)),
      "the oEmbed iframe links to the resource's link",
      `${first.link} not in ${JSON.stringify(inner.links)}`
    );
    const box = await iframe.boundingBox();
    check(box && box.width > 0 && box.height > 0, "the oEmbed iframe has a size", JSON.stringify(box));
    check(
      inner.scroll[0] <= inner.client[0] && inner.scroll[1] <= inner.client[1],
      `the oEmbed card fits the iframe's advertised ${oembed.width}x${oembed.height} (no clipping or scrolling)`,
      `content is ${inner.scroll.join("x")} px in a ${inner.client.join("x")} px frame`
    );
  }

  check(!consoleErrors.length, "no console errors", consoleErrors.join("\n    "));

  fs.mkdirSync(shotDir, { recursive: true });
  const shot = path.join(shotDir, "embed.png");
  // Chromium does not paint a cross-origin frame that was never in view: show it once first.
  if (frame) {
    await iframe.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`# screenshot: ${path.relative(root, shot)}`);
  exitCode = failures.length ? 1 : 0;
} catch (e) {
  check(false, "the browser run did not crash", e && e.stack);
} finally {
  await browser.close();
  partner.close();
  if (stubServer) stubServer.close();
}
console.log(`\nembeds: ${passed} passed, ${failures.length} failed`);
if (failures.length) console.error(`FAILED: ${failures.join("; ")}`);
process.exit(failures.length ? 1 : exitCode);

// --- a fake API, for --stub ---------------------------------------------------------------
async function startStub() {
  const types = [
    { id: 1, name: "Guidance", slug: "guidance" },
    { id: 2, name: "Tools & <Codes>", slug: "tools" },
  ];
  let base = "";
  const resources = [
    [1, "Guidance on <b>fair</b> recruitment", [1, 2], true],
    [2, "A second guide", [1], false],
    [3, "Not guidance", [2], false],
  ].map(([id, title, t, doc]) => ({
    id,
    title,
    summary: `Summary of ${title}`,
    excerpt: "",
    resource_types: t,
    get link() {
      return `${base}/resources/r${id}`;
    },
    get embedded() {
      return {
        resource_types: types.filter((x) => t.includes(x.id)),
        ...(doc ? { document: { url: `${base}/uploads/r${id}.pdf`, mime_type: "application/pdf", title: `${title} (PDF)` } } : {}),
      };
    },
  }));
  const ev = (id, title, extra) => ({
    id,
    title,
    excerpt: `About ${title}`,
    get link() {
      return `${base}/events/e${id}`;
    },
    ends_at: null,
    ends_at_utc: null,
    venue: null,
    online_url: "",
    rrule: "",
    ...extra,
  });
  const events = [
    ev(1, "Workshop in Tokyo", { starts_at: "2030-03-01T18:00:00", ends_at: "2030-03-01T20:00:00", starts_at_utc: "2030-03-01T09:00:00Z", ends_at_utc: "2030-03-01T11:00:00Z", timezone: "Asia/Tokyo", all_day: false, venue: { name: "Hall A", city: "Tokyo" } }),
    ev(2, "Day of action", { starts_at: "2030-04-02", ends_at: "2030-04-02", starts_at_utc: "2030-04-01T23:00:00Z", timezone: "Europe/London", all_day: true, online_url: "https://meet.example/x" }),
    ev(3, "Markup <img src=x onerror=alert(1)>", { starts_at: "2030-05-01T10:00:00", starts_at_utc: "2030-05-01T08:00:00Z", timezone: "Europe/Paris", all_day: false }),
  ];
  const send = (res, code, body, type = "application/json") => {
    res.writeHead(code, { "Content-Type": type, "Access-Control-Allow-Origin": "*" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const server = await listen((req, res) => {
    const u = new URL(req.url, base);
    const m = u.pathname.match(/^\/api\/v1\/resources\/(\d+)$/);
    const n = Math.min(+u.searchParams.get("per_page") || 20, 100);
    if (u.pathname === "/embed.js") return send(res, 200, fs.readFileSync(path.join(root, "src/embed/embed.js"), "utf8"), "text/javascript");
    if (u.pathname === "/api/v1/resources") {
      const want = (u.searchParams.get("type") || "").split(",").filter(Boolean);
      const list = resources.filter((r) => !want.length || r.embedded.resource_types.some((t) => want.includes(t.slug)));
      return send(res, 200, { data: list.slice(0, n), meta: { total: list.length } });
    }
    if (m) {
      const r = resources.find((x) => x.id === +m[1]);
      return r ? send(res, 200, r) : send(res, 404, { title: "Not Found", status: 404 }, "application/problem+json");
    }
    if (u.pathname === "/api/v1/events") return send(res, 200, { data: events.slice(0, n), meta: {} });
    if (u.pathname === "/oembed") {
      const r = resources.find((x) => x.link === u.searchParams.get("url"));
      if (!r) return send(res, 404, { status: 404 });
      return send(res, 200, { type: "rich", version: "1.0", title: r.title, width: 480, height: 240, provider_name: "stub", html: `<iframe src="${base}/embed/resources/${r.id}" width="480" height="240" title="${esc(r.title)}" frameborder="0"></iframe>` });
    }
    const e = u.pathname.match(/^\/embed\/resources\/(\d+)$/);
    if (e) {
      const r = resources.find((x) => x.id === +e[1]);
      return send(res, 200, `<!doctype html><title>${esc(r.title)}</title><h3><a href="${esc(r.link)}" target="_blank">${esc(r.title)}</a></h3>`, "text/html");
    }
    send(res, 404, { status: 404 });
  });
  base = `http://127.0.0.1:${server.address().port}`;
  return server;
}
