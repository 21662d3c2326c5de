/*! headpress embeds. <script src="https://api.example.org/embed.js" async data-key="..."></script>
 * <div data-headpress="resources|events|resource" data-type data-tag data-category data-limit
 * data-id data-theme="light|dark|auto"><a href="...">fallback</a></div> */
(function () {
  "use strict";
  var re = /\/embed\.js(?:[?#]|$)/, me = document.currentScript;
  if (!me || !re.test(me.src)) {
    me = [].filter.call(document.querySelectorAll("script[src]"), function (s) { return re.test(s.src); }).pop();
  }
  if (!me) return;
  var src = new URL(me.src, location.href);
  var base = src.origin + src.pathname.replace(/\/embed\.js$/, "");
  var key = me.getAttribute("data-key"), lang = [];
  try { lang = Intl.DateTimeFormat.supportedLocalesOf(document.documentElement.lang || []); } catch (x) {}
  var dark = ".hp{color:#e6edf3;--bg:#161b22;--line:#30363d;--mute:#9da7b3;--link:#79c0ff;--badge:#262c36}";
  var CSS = ":host{display:block}" +
    ".hp{all:initial;display:block;font:400 medium/1.5 system-ui,sans-serif;color:#1f2328;--bg:#fff;--line:#d0d7de;--mute:#57606a;--link:#0550ae;--badge:#eef2f6}" +
    ":host([data-theme=dark]) " + dark + "@media (prefers-color-scheme:dark){:host([data-theme=auto]) " + dark + "}" +
    "ul{list-style:none;margin:0;padding:0}.list{display:grid;gap:.75em}" +
    "article{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.9em 1em}" +
    "h3{margin:0 0 .35em;font-size:1.1em;font-weight:600;line-height:1.3;color:inherit}p{margin:.35em 0}" +
    "a{color:var(--link);text-underline-offset:2px}a:focus-visible{outline:2px solid var(--link);outline-offset:2px}" +
    "h3 a{color:inherit;text-decoration:none}h3 a:hover{text-decoration:underline}" +
    ".meta,.msg{color:var(--mute);font-size:.9em}.badges{display:flex;flex-wrap:wrap;gap:.35em;margin:.35em 0}" +
    ".badges li{background:var(--badge);border-radius:1em;padding:0 .6em;font-size:.8em}.acts{display:flex;gap:1em}" +
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  function el(tag, attrs, kids) {
    var n = document.createElement(tag);
    for (var k in attrs) if (attrs[k] != null) n.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (c) {
      if (c) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return n;
  }
  function url(u) { // only http(s) links become hrefs
    try {
      var p = new URL(u, base);
      return /^https?:$/.test(p.protocol) && u ? p.href : null;
    } catch (e) { return null; }
  }
  function str(v) { return typeof v === "string" ? v.trim() : ""; }
  function get(path, q) {
    var u = new URL(base + "/api/v1/" + path);
    for (var k in q) if (q[k]) u.searchParams.set(k, q[k]);
    if (key) u.searchParams.set("key", key);
    return fetch(u.href, { credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " from " + u.pathname);
      return r.json();
    });
  }

  function card(item, kids) {
    var title = str(item.title) || "Untitled", href = url(item.link);
    var doc = item.embedded && item.embedded.document, durl = doc && url(doc.url);
    var vh = function (s) { return el("span", { class: "vh" }, [": " + s]); };
    var acts = el("p", { class: "acts" }, [
      durl && el("a", { href: durl }, ["Download", vh(str(doc.title) || title), /pdf/i.test(doc.mime_type) ? " (PDF)" : ""]),
      href && el("a", { href: href }, ["Read more", vh(title)]),
    ]);
    return el("li", null, [el("article", null,
      [el("h3", null, [href ? el("a", { href: href }, [title]) : title])].concat(kids, acts.firstChild ? acts : null))]);
  }

  function resource(r) {
    var types = ((r.embedded && r.embedded.resource_types) || []).map(function (t) { return el("li", null, [str(t.name)]); });
    var text = str(r.summary) || str(r.excerpt);
    return card(r, [
      types.length && el("ul", { class: "badges", role: "list", "aria-label": "Resource type" }, types),
      text && el("p", null, [text]),
    ]);
  }

  function when(e) {
    // A recurring event shows its next occurrence (same member names as the event's own).
    if (e.next_occurrence) e = Object.assign({}, e, e.next_occurrence);
    var o = { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }, a, b, f;
    if (e.all_day) { // local dates, shown as UTC midnights so that no zone shifts the day
      a = new Date(str(e.starts_at).slice(0, 10) + "T00:00Z");
      b = new Date(str(e.ends_at).slice(0, 10) + "T00:00Z");
    } else {
      a = new Date(e.starts_at_utc);
      b = new Date(e.ends_at_utc || NaN);
      o.hour = "numeric"; o.minute = "2-digit"; o.timeZoneName = "short";
    }
    try {
      f = new Intl.DateTimeFormat(lang, Object.assign({}, o, e.all_day ? {} : { timeZone: e.timezone }));
    } catch (x) { // an unknown time zone: UTC, and it says so
      f = new Intl.DateTimeFormat(lang, o);
    }
    if (isNaN(a)) return null;
    return el("time", { datetime: e.all_day ? str(e.starts_at).slice(0, 10) : e.starts_at_utc },
      [b > a && f.formatRange ? f.formatRange(a, b) : f.format(a)]);
  }

  function event(e) {
    var v = e.venue || {}, name = str(v.name), city = str(v.city), t = when(e);
    var where = name && city && name.indexOf(city) < 0 ? name + ", " + city : name || city ||
      (url(e.online_url) || !e.venue ? "Online" : "");
    return card(e, [
      el("p", { class: "meta" }, [t, t && where && " · ", where, e.rrule && " · Recurring"]),
      str(e.excerpt) && el("p", null, [str(e.excerpt)]),
    ]);
  }

  function render(host) {
    var root, box = el("div", { class: "hp", "aria-busy": "true" }, [el("slot")]);
    try {
      root = host.attachShadow({ mode: "open" });
    } catch (x) { return Promise.resolve(); } // already rendered
    root.appendChild(el("style", null, [CSS]));
    root.appendChild(box);
    var attr = function (n) { return host.getAttribute("data-" + n); };
    var state = function (s) {
      host.setAttribute("data-headpress-state", s);
      if (s !== "loading") box.removeAttribute("aria-busy");
    };
    var lim = Math.min(parseInt(attr("limit"), 10) || 5, 20);
    var what = attr("headpress"), inc = "resource_types,document", job;
    state("loading");
    if (what === "resources") {
      job = get("resources", { type: attr("type"), tag: attr("tag"), per_page: lim > 0 ? lim : 5, include: inc })
        .then(function (d) { return d.data.map(resource); });
    } else if (what === "resource") {
      job = get("resources/" + encodeURIComponent(attr("id") || ""), { include: inc })
        .then(function (r) { return [resource(r)]; });
    } else if (what === "events") {
      job = get("events", {
        starts_after: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        event_category: attr("category"), tag: attr("tag"), per_page: 20, include: "event_categories",
      }).then(function (d) {
        // Series sort by their first date: order by the next occurrence instead.
        var next = function (e) { return e.next_occurrence ? e.next_occurrence.starts_at_utc : "~"; };
        return d.data.filter(function (e) { return e.next_occurrence; })
          .sort(function (a, b) { return next(a) < next(b) ? -1 : next(a) > next(b) ? 1 : 0; })
          .slice(0, lim > 0 ? lim : 5).map(event);
      });
    } else {
      job = Promise.reject(new Error("unknown data-headpress=" + what));
    }
    return job.then(function (items) {
      box.textContent = "";
      box.appendChild(items.length ? el("ul", { class: "list", role: "list" }, items) : el("p", { class: "msg" }, ["Nothing to show yet."]));
      state("ready");
    }, function (err) {
      box.textContent = "";
      box.appendChild(el("p", { class: "msg", role: "status" }, ["This content could not be loaded."]));
      box.appendChild(el("slot"));
      state("error");
      console.warn("headpress embed:", err.message);
    });
  }

  function scan() {
    return Promise.all([].map.call(document.querySelectorAll("[data-headpress]"), render));
  }
  var ns = window.headpress = window.headpress || {};
  ns.render = render;
  ns.ready = document.readyState === "loading" ? new Promise(function (ok) {
    document.addEventListener("DOMContentLoaded", function () { scan().then(ok); });
  }) : scan();
})();
