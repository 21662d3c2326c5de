#!/usr/bin/env python3
"""The calls a WordPress frontend makes (lists, paging, _embed, search, categories, tags,
slugs, pages by parent, single items, terms, media, users), made to a real WordPress and
to headpress after `headpress sync wordpress`, compared field by field.

    wordpress_compare.py WORDPRESS_URL HEADPRESS_URL [--edit USER:APP_PASSWORD]

Without --edit: compares, prints every difference and exits 1 if there is one. With
--edit: changes the site through WordPress's REST API (a title edited, a post trashed,
one deleted for good, a page moved under another) and prints what it did as JSON, for
the caller to sync and compare again (and to check with --expect FILE).

Differences that are by design are normalised before comparing, and listed in the
README ("The WordPress-compatible API"): WordPress's typographic quotes and dashes
(wptexturize) against plain characters, whitespace between HTML elements, and the
host of URLs.
"""

import base64
import html
import json
import re
import sys
import urllib.error
import urllib.request


def get(base, path, auth=None):
    req = urllib.request.Request(f"{base}/wp-json/wp/v2/{path}")
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, dict(res.headers), json.loads(res.read() or b"null")
    except urllib.error.HTTPError as e:
        body = e.read()
        return e.code, dict(e.headers), json.loads(body) if body.strip() else None


def send(base, method, path, auth, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{base}/wp-json/wp/v2/{path}", data=data, method=method)
    req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read())


TEXTURE = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'", "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u00d7": "x",
}


def text(value):
    """Rendered HTML as the words a reader sees: tags out, entities and typography plain."""
    value = re.sub(r"<[^>]+>", " ", value or "")
    value = html.unescape(value)
    for fancy, plain in TEXTURE.items():
        value = value.replace(fancy, plain)
    value = value.replace("--", "-")
    return " ".join(value.split())


# The members compared, per kind of answer; (member, how).
ITEM = [
    ("id", None), ("date", None), ("date_gmt", None), ("modified", None),
    ("modified_gmt", None), ("slug", None), ("status", None), ("type", None),
    ("author", None), ("featured_media", None), ("parent", None), ("menu_order", None),
    ("sticky", None), ("template", None), ("format", None), ("categories", None),
    ("tags", None), ("resource_type", None), ("events_categories", None), ("title", "rendered"),
    ("content", "rendered"), ("meta", None),
]
TERM = [("id", None), ("count", None), ("name", "plain"), ("slug", None), ("taxonomy", None),
        ("parent", None), ("description", "plain")]
# A user's `slug` is made from their name here, not from their login (which WordPress
# shows to anyone).
USER = [("id", None), ("name", None)]
# A file's date is when headpress stored it, its slug and URL its own (so the list's
# order, by date, is headpress's too): compared by id.
# A search result's `url` is the item's address on the frontend here (link patterns).
SEARCH = [("id", None), ("title", "plain"), ("type", None), ("subtype", None)]
MEDIA = [("id", None), ("type", None), ("title", "rendered"), ("alt_text", None),
         ("media_type", None), ("mime_type", None), ("author", None)]


def value(item, member, how):
    v = item.get(member)
    if how == "rendered":
        return text(v.get("rendered") if isinstance(v, dict) else v)
    if how == "plain":
        return text(v)
    return v


def compare_items(route, theirs, ours, members, diffs):
    if not isinstance(theirs, list):
        theirs, ours = [theirs], [ours]
    elif (members is MEDIA or "search=" in route) and isinstance(ours, list):
        # Files: by date is when headpress stored them. Search: the same items are
        # found, ranked by headpress's own relevance.
        theirs = sorted(theirs, key=lambda i: i.get("id"))
        ours = sorted(ours, key=lambda i: i.get("id"))
    ids_theirs = [t.get("id") for t in theirs]
    ids_ours = [o.get("id") for o in ours] if isinstance(ours, list) else None
    if ids_theirs != ids_ours:
        diffs.append(f"{route}: ids {ids_theirs} (WordPress) != {ids_ours} (headpress)")
        return
    for t, o in zip(theirs, ours):
        if t.get("type") == "ai1ec_event":
            # The tags of events (`events_tags`) are tags here: one list, in any order.
            t = {**t, "tags": sorted(t.get("tags", []) + t.get("events_tags", []))}
            o = {**o, "tags": sorted(o.get("tags", []))}
            if "_embedded" in t:
                t["_embedded"] = {k: v for k, v in t["_embedded"].items() if k != "wp:term"}
        if "_fields=" in route and (set(t), {k: set(v) for k, v in t.items() if isinstance(v, dict)}) \
                != (set(o), {k: set(v) for k, v in o.items() if isinstance(v, dict)}):
            diffs.append(f"{route}: item {t['id']} members {sorted(t)} (WordPress) != {sorted(o)} (headpress)")
        for member, how in members:
            if member not in t:
                continue
            a, b = value(t, member, how), value(o, member, how)
            if a != b:
                diffs.append(f"{route}: item {t['id']} `{member}`: {a!r} (WordPress) != {b!r} (headpress)")
        if "_embedded" in t:
            for rel, groups in t["_embedded"].items():
                mine = (o.get("_embedded") or {}).get(rel)
                ids = lambda g: [[x.get("id") for x in (e if isinstance(e, list) else [e])] for e in g]
                if mine is None or ids(groups) != ids(mine):
                    diffs.append(f"{route}: item {t['id']} _embedded `{rel}`: "
                                 f"{ids(groups)} != {ids(mine) if mine else None}")


def compare(wp, hp):
    diffs = []
    _, _, posts = get(wp, "posts?per_page=100")
    _, _, pages = get(wp, "pages?per_page=100")
    _, _, categories = get(wp, "categories?per_page=100")
    _, _, tags = get(wp, "tags?per_page=100")
    _, _, resources = get(wp, "resources?per_page=100")
    _, _, media = get(wp, "media?per_page=100")
    _, _, events = get(wp, "events?per_page=100")
    parent = next(p["parent"] for p in pages if p["parent"])
    used_tag = next(t["id"] for t in tags if t["count"] > 1)
    used_category = next(c["id"] for c in categories if c["count"] > 1)
    routes = [
        ("posts?per_page=10", ITEM), ("posts?per_page=10&page=2", ITEM),
        ("posts?per_page=10&page=3&_embed=1", ITEM),
        ("posts?per_page=10&order=asc&orderby=title", ITEM),
        ("posts?search=slavery&per_page=100", ITEM), ("resources?search=labour&per_page=100", ITEM),
        (f"posts?categories={used_category}&per_page=20", ITEM),
        (f"posts?tags={used_tag}&per_page=20", ITEM),
        (f"posts?slug={posts[3]['slug']}", ITEM), (f"posts/{posts[5]['id']}", ITEM),
        (f"posts/{posts[5]['id']}?_embed=1", ITEM),
        ("posts?sticky=true", ITEM), ("posts?after=2024-01-01T00:00:00&per_page=20", ITEM),
        ("pages?per_page=100&orderby=id&order=asc", ITEM), (f"pages?parent={parent}", ITEM),
        (f"pages?slug={pages[0]['slug']}", ITEM), (f"pages/{pages[1]['id']}", ITEM),
        ("events?per_page=10", ITEM), ("events?per_page=10&page=3&_embed=1", ITEM),
        (f"events/{events[4]['id']}", ITEM), (f"events?tags={used_tag}&per_page=50", ITEM),
        ("resources?per_page=20", ITEM), (f"resources/{resources[2]['id']}", ITEM),
        ("categories?per_page=100&orderby=id&order=asc", TERM),
        ("tags?per_page=100&orderby=id&order=asc", TERM),
        ("tags?per_page=100&orderby=slug", TERM), ("resource_type?orderby=id&order=asc", TERM),
        ("media?per_page=20", MEDIA), (f"media/{media[0]['id']}", MEDIA),
        ("users", USER),
        ("events_categories?per_page=100&orderby=id&order=asc", TERM),
        ("events_tags?per_page=100&orderby=id&order=asc", TERM),
        (f"tags?include={tags[2]['id']},{tags[0]['id']}&orderby=include", TERM),
        ("search?search=slavery&per_page=100", SEARCH),
        ("search?search=labour&subtype=resource,page&per_page=100", SEARCH),
        ("search?type=term&search=tra&per_page=100", SEARCH),
        ("posts?orderby=slug&order=asc&per_page=20", ITEM),
        (f"posts?include={posts[4]['id']},{posts[1]['id']},{posts[7]['id']}&orderby=include", ITEM),
        (f"pages?parent=0,{parent}&per_page=100&orderby=id&order=asc", ITEM),
        (f"pages?parent_exclude={parent}&per_page=100&orderby=id&order=asc", ITEM),
        ("posts?per_page=5&_fields=id,title.rendered,content.protected", ITEM),
    ]
    # The tags of events (`events_tags`) are tags here, in the one `tags` list (when the
    # left side is WordPress itself rather than another headpress).
    with urllib.request.urlopen(f"{wp}/wp-json/", timeout=30) as res:
        real = "oembed/1.0" in json.loads(res.read()).get("namespaces", [])
    _, _, event_tags = get(wp, "events_tags?per_page=100")
    event_tag_ids = {t["id"] for t in event_tags} if real else set()
    for route, members in routes:
        s1, h1, theirs = get(wp, route)
        s2, h2, ours = get(hp, route)
        if route.startswith("tags") and isinstance(ours, list) and "include=" not in route:
            ours = [t for t in ours if t["id"] not in event_tag_ids]
            h2 = {k: v for k, v in h2.items() if k.lower() != "x-wp-total"}
            h2["X-WP-Total"] = str(len(ours))
        if real and route.startswith("events_tags") and isinstance(ours, list):
            # Here, the tags events carry: WordPress's event tags and the post tags of
            # events, one taxonomy.
            ours = [t for t in ours if t["id"] in event_tag_ids]
            h2 = {k: v for k, v in h2.items() if k.lower() != "x-wp-total"}
            h2["X-WP-Total"] = str(len(ours))
        if route.startswith("search") and isinstance(theirs, list):
            # Event tags are tags here.
            theirs = [{**t, "type": "post_tag"} if t.get("type") == "events_tags" else t
                      for t in theirs]
        if s1 != s2:
            diffs.append(f"{route}: status {s1} (WordPress) != {s2} (headpress)")
            continue
        for header in ("X-WP-Total", "X-WP-TotalPages"):
            a = next((v for k, v in h1.items() if k.lower() == header.lower()), None)
            b = next((v for k, v in h2.items() if k.lower() == header.lower()), None)
            if a != b:
                diffs.append(f"{route}: {header} {a} (WordPress) != {b} (headpress)")
        compare_items(route, theirs, ours, members, diffs)
    return diffs, len(routes)


def edit(wp, auth):
    _, _, posts = get(wp, "posts?per_page=10")
    _, _, pages = get(wp, "pages?per_page=100&orderby=id&order=asc")
    edited, trashed, deleted = posts[1]["id"], posts[2]["id"], posts[3]["id"]
    send(wp, "POST", f"posts/{edited}", auth, {"title": "Edited in wp-admin"})
    send(wp, "DELETE", f"posts/{trashed}", auth)
    send(wp, "DELETE", f"posts/{deleted}?force=true", auth)
    top = [p for p in pages if p["parent"] == 0]
    moved, under = top[-1]["id"], top[0]["id"]
    send(wp, "POST", f"pages/{moved}", auth, {"parent": under})
    # A tag some post carries, deleted (WordPress changes no post's modification time).
    _, _, tags = get(wp, "tags?per_page=100&orderby=count&order=desc")
    tag = next(t["id"] for t in tags if 0 < t["count"] < 5)
    send(wp, "DELETE", f"tags/{tag}?force=true", auth)
    return {"edited": edited, "trashed": trashed, "deleted": deleted, "moved": moved,
            "under": under, "tag": tag}


def expect(hp, done):
    problems = []
    s, _, post = get(hp, f"posts/{done['edited']}")
    if s != 200 or text(post["title"]["rendered"]) != "Edited in wp-admin":
        problems.append(f"post {done['edited']}: the edit did not arrive ({s})")
    for gone in ("trashed", "deleted"):
        s, _, _ = get(hp, f"posts/{done[gone]}")
        if s != 404:
            problems.append(f"post {done[gone]} ({gone}): answered {s}, not 404")
    s, _, page = get(hp, f"pages/{done['moved']}")
    if s != 200 or page["parent"] != done["under"]:
        problems.append(f"page {done['moved']}: not under {done['under']}")
    s, _, _ = get(hp, f"tags/{done['tag']}")
    if s != 404:
        problems.append(f"tag {done['tag']} (deleted): answered {s}, not 404")
    _, _, carrying = get(hp, f"posts?tags={done['tag']}")
    if carrying:
        problems.append(f"tag {done['tag']} (deleted): still on posts {[p['id'] for p in carrying]}")
    _, _, posts = get(hp, "posts?per_page=100")
    stale = [p["id"] for p in posts if done["tag"] in p.get("tags", [])]
    if stale:
        problems.append(f"tag {done['tag']} (deleted): still listed by posts {stale}")
    return problems


def main():
    wp, hp = sys.argv[1], sys.argv[2]
    if "--edit" in sys.argv:
        print(json.dumps(edit(wp, sys.argv[sys.argv.index("--edit") + 1])))
        return 0
    diffs, routes = compare(wp, hp)
    if "--expect" in sys.argv:
        with open(sys.argv[sys.argv.index("--expect") + 1]) as f:
            diffs += expect(hp, json.load(f))
    for d in diffs:
        print("  " + d)
    print(f"{routes} routes compared: {len(diffs)} difference(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
