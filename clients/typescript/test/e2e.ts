/**
 * End-to-end test of @headpress/client against a live `headpress serve --demo`.
 *
 *   HEADPRESS_URL=http://127.0.0.1:8080 HEADPRESS_ADMIN_USER=... HEADPRESS_ADMIN_PASSWORD=... \
 *     node dist/test/e2e.js
 *
 * Everything it relies on is read from the server first (no ids or slugs are hard-coded);
 * what it creates carries a unique suffix and is deleted again. It prints one line per
 * check and exits 1 when any failed.
 */
import assert from "node:assert/strict";

import {
  createHeadpressClient,
  full,
  sparse,
  type ContentBlock,
  type FieldGroup,
  type ListMeta,
  type Page,
  type Post,
  type PostList,
  type PostPartial,
  type PostPartialList,
  type Problem,
  type Status,
} from "../src/index.js";

// --- Set-up ----------------------------------------------------------------------------------

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`error: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const baseUrl = env("HEADPRESS_URL");
const adminUser = env("HEADPRESS_ADMIN_USER");
const adminPassword = env("HEADPRESS_ADMIN_PASSWORD");
/** Unique per run, so that runs against one server do not collide. */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Every request the anonymous client sends, to prove that none carries a credential. */
const anonymousRequests: Request[] = [];
const anon = createHeadpressClient({
  baseUrl,
  fetch: (request) => {
    anonymousRequests.push(request.clone());
    return fetch(request);
  },
});
const admin = createHeadpressClient({ baseUrl });

// --- Compile-time checks -------------------------------------------------------------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless `T` is `true`. */
function assertType<T extends true>(): T | void {}
// The checks below mean something only because the full and partial types differ.
assertType<Same<Same<PostList, PostPartialList>, false>>();
assertType<Same<Same<Post, PostPartial>, false>>();

// --- A small runner --------------------------------------------------------------------------

const failures: string[] = [];

async function check(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    console.log(`ok      ${name}`);
  } catch (error) {
    failures.push(name);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.log(`FAILED  ${name}\n${text.replace(/^/gm, "        ")}`);
  }
}

type AnyResult = { data?: unknown; error?: unknown; response: Response };

function describe(result: AnyResult): string {
  return `${result.response.url} answered ${result.response.status}: ${JSON.stringify(result.error ?? result.data)}`;
}

/** The body of a successful answer; fails with what the server said otherwise. */
function must<R extends AnyResult>(result: R, what: string): NonNullable<R["data"]> {
  if (!result.response.ok || result.data === undefined || result.data === null) {
    assert.fail(`${what}: expected a 2xx answer with a body; ${describe(result)}`);
  }
  return result.data as NonNullable<R["data"]>;
}

/** The problem of a failed answer, after checking its status, media type and `code`. */
function problem(result: AnyResult, status: number, code: string, what: string): Problem {
  assert.equal(result.response.status, status, `${what}: status; ${describe(result)}`);
  assert.match(
    result.response.headers.get("content-type") ?? "",
    /^application\/problem\+json/,
    `${what}: media type`,
  );
  const body = result.error as Problem;
  assert.equal(body.status, status, `${what}: problem status`);
  assert.equal(body.code, code, `${what}: problem code`);
  assert.equal(typeof body.title, "string", `${what}: problem title`);
  assert.equal(typeof body.detail, "string", `${what}: problem detail`);
  return body;
}

/** Every item of a list, following `meta.next_cursor` (at most `limit` pages). */
async function collect<T>(
  page: (cursor: string | undefined) => Promise<{ data: T[]; meta: ListMeta }>,
  limit = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < limit; i++) {
    const { data, meta } = await page(cursor);
    items.push(...data);
    if (!meta.next_cursor) return items;
    cursor = meta.next_cursor;
  }
  assert.fail(`more than ${limit} pages`);
}

const sorted = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

// --- Anonymous reads -------------------------------------------------------------------------

await check("posts: include=tags,categories,author embeds the related objects", async () => {
  const result = full(
    await anon.GET("/api/v1/posts", { params: { query: { include: "tags,categories,author", per_page: 10 } } }),
  );
  const list = must(result, "GET /posts?include=...");
  assertType<Same<typeof list, PostList>>();
  assert.ok(list.data.length > 0, "the demo has published posts");
  assert.equal(list.meta.per_page, 10);
  assert.equal(result.response.headers.get("X-Total-Count"), String(list.meta.total));
  if ((list.meta.total ?? 0) > list.data.length) {
    assert.match(result.response.headers.get("Link") ?? "", /rel="next"/, "Link has rel=next");
  }
  assert.ok(list.data.some((post) => post.tags.length > 0), "some demo post has tags");
  for (const post of list.data) {
    assert.equal(post.status, "published");
    const embedded = post.embedded;
    assert.ok(embedded, `post ${post.id} has embedded`);
    assert.ok(Array.isArray(embedded.tags), `post ${post.id}: embedded.tags is present`);
    assert.deepEqual(sorted(embedded.tags.map((t) => t.id)), sorted(post.tags), `post ${post.id}: embedded tags`);
    for (const tag of embedded.tags) assert.ok(tag.slug && tag.name, `tag ${tag.id} has a slug and name`);
    assert.deepEqual(
      sorted((embedded.categories ?? []).map((c) => c.id)),
      sorted(post.categories),
      `post ${post.id}: embedded categories`,
    );
    assert.equal(embedded.author?.id, post.author, `post ${post.id}: embedded author`);
  }
});

await check("posts: meta.next_cursor leads to the next page (per_page=2)", async () => {
  const first = must(await anon.full.GET("/api/v1/posts", { params: { query: { per_page: 2 } } }), "page 1");
  const cursor = first.meta.next_cursor;
  assert.ok(cursor, "page 1 has meta.next_cursor");
  const second = must(
    await anon.full.GET("/api/v1/posts", { params: { query: { per_page: 2, cursor } } }),
    "the cursor's page",
  );
  assert.equal(second.data.length, 2, "the second page has two posts");
  const firstIds = first.data.map((p) => p.id);
  for (const post of second.data) assert.ok(!firstIds.includes(post.id), `post ${post.id} is on both pages`);
  // Newest first: the second page continues where the first ended.
  const lastOfFirst = Date.parse(first.data.at(-1)!.published_at);
  for (const post of second.data) assert.ok(Date.parse(post.published_at) <= lastOfFirst, "order continues");
  // Keyset and numbered paging agree.
  const numbered = must(
    await anon.full.GET("/api/v1/posts", { params: { query: { per_page: 2, page: 2 } } }),
    "page=2",
  );
  assert.deepEqual(
    second.data.map((p) => p.id),
    numbered.data.map((p) => p.id),
    "cursor page = page 2",
  );
});

await check("resources: filtered by type, every item has that type", async () => {
  const all = await collect(async (cursor) =>
    must(await anon.full.GET("/api/v1/resources", { params: { query: { per_page: 100, cursor } } }), "resources"),
  );
  assert.ok(all.length > 0, "the demo has resources");
  const types = await collect(async (cursor) =>
    must(await anon.GET("/api/v1/resource-types", { params: { query: { per_page: 100, cursor } } }), "types"),
  );
  const used = types.filter((t) => all.some((r) => r.resource_types.includes(t.id)));
  assert.ok(used.length > 0, "some resource type is in use");
  // A type that not every resource has, when there is one, so that the filter shows.
  const type = used.find((t) => !all.every((r) => r.resource_types.includes(t.id))) ?? used[0]!;
  const filtered = await collect(async (cursor) =>
    must(
      await anon.full.GET("/api/v1/resources", { params: { query: { type: type.slug, per_page: 100, cursor } } }),
      `resources?type=${type.slug}`,
    ),
  );
  for (const r of filtered) assert.ok(r.resource_types.includes(type.id), `resource ${r.id} lacks type ${type.slug}`);
  const expected = all.filter((r) => r.resource_types.includes(type.id)).map((r) => r.id);
  assert.deepEqual(sorted(filtered.map((r) => r.id)), sorted(expected), `type=${type.slug} gives all of its resources`);
});

await check("resources: filtered by tag, every item has that tag", async () => {
  const all = await collect(async (cursor) =>
    must(await anon.full.GET("/api/v1/resources", { params: { query: { per_page: 100, cursor } } }), "resources"),
  );
  const tagIds = [...new Set(all.flatMap((r) => r.tags))];
  assert.ok(tagIds.length > 0, "some demo resource has tags");
  const tagId = tagIds.find((id) => !all.every((r) => r.tags.includes(id))) ?? tagIds[0]!;
  const tag = must(await anon.GET("/api/v1/tags/{id}", { params: { path: { id: tagId } } }), `GET /tags/${tagId}`);
  const filtered = await collect(async (cursor) =>
    must(
      await anon.full.GET("/api/v1/resources", { params: { query: { tag: tag.slug, per_page: 100, cursor } } }),
      `resources?tag=${tag.slug}`,
    ),
  );
  assert.ok(filtered.length > 0, `tag=${tag.slug} finds resources`);
  for (const r of filtered) assert.ok(r.tags.includes(tag.id), `resource ${r.id} lacks tag ${tag.slug}`);
  const expected = all.filter((r) => r.tags.includes(tag.id)).map((r) => r.id);
  assert.deepEqual(sorted(filtered.map((r) => r.id)), sorted(expected), `tag=${tag.slug} gives all of its resources`);
});

await check("events: occurrences in a window of a year", async () => {
  const events = await collect(async (cursor) =>
    must(await anon.full.GET("/api/v1/events", { params: { query: { per_page: 100, cursor } } }), "events"),
  );
  assert.ok(events.length > 0, "the demo has events");
  // The window starts a month before the published event that starts closest to now.
  const now = Date.now();
  const anchor = events.reduce((a, b) =>
    Math.abs(Date.parse(a.starts_at_utc) - now) <= Math.abs(Date.parse(b.starts_at_utc) - now) ? a : b,
  );
  const day = 86_400_000;
  const from = new Date(Date.parse(anchor.starts_at_utc) - 30 * day);
  const to = new Date(from.getTime() + 365 * day);
  const window = { from: from.toISOString(), to: to.toISOString() };
  const occurrences = await collect(async (cursor) =>
    must(
      await anon.GET("/api/v1/events/occurrences", {
        params: { query: { ...window, tz: "Asia/Tokyo", per_page: 100, cursor } },
      }),
      "occurrences",
    ),
  );
  assert.ok(
    occurrences.some((o) => o.event === anchor.id && o.starts_at_utc === anchor.starts_at_utc),
    `event ${anchor.id} (${anchor.starts_at_utc}) occurs in its window`,
  );
  let previous = -Infinity;
  for (const o of occurrences) {
    const start = Date.parse(o.starts_at_utc);
    const end = Date.parse(o.ends_at_utc);
    assert.ok(start < to.getTime() && (end > from.getTime() || start >= from.getTime()), `${o.slug} overlaps the window`);
    assert.ok(start >= previous, "soonest first");
    previous = start;
    assert.ok(o.starts_at_tz, "tz= adds starts_at_tz");
    assert.equal(Date.parse(o.starts_at_tz), start, "starts_at_tz is the same instant");
    assert.match(o.starts_at_tz, /\+09:00$/, "starts_at_tz is in Asia/Tokyo");
  }
  const ids = [...new Set(occurrences.map((o) => o.event))];
  for (const id of ids) {
    const event = must(await anon.full.GET("/api/v1/events/{id}", { params: { path: { id } } }), `GET /events/${id}`);
    assert.equal(event.status, "published", `event ${id} is published`);
  }
  const tooLong = await anon.GET("/api/v1/events/occurrences", {
    params: { query: { from: window.from, to: new Date(from.getTime() + 367 * day).toISOString() } },
  });
  const p = problem(tooLong, 400, "invalid_query", "a window over 366 days");
  assert.ok(p.errors?.some((e) => e.field === "to"), "the problem names `to`");
});

await check("fields=id,title: partial types, only those members", async () => {
  const result = sparse(await anon.GET("/api/v1/posts", { params: { query: { fields: "id,title", per_page: 3 } } }));
  const list = must(result, "GET /posts?fields=id,title");
  assertType<Same<typeof list, PostPartialList>>();
  assert.ok(list.data.length > 0);
  for (const post of list.data) {
    assert.deepEqual(Object.keys(post).sort(), ["id", "title"]);
    assert.equal(typeof post.id, "number");
    assert.equal(typeof post.title, "string");
  }
  // full() refuses an answer to a request that used `fields`.
  assert.throws(() => full(result), TypeError);

  const id = list.data[0]!.id!;
  const one = sparse(
    await anon.GET("/api/v1/posts/{id}", { params: { path: { id }, query: { fields: "id,slug" } } }),
  );
  const item = must(one, `GET /posts/${id}?fields=id,slug`);
  assertType<Same<typeof item, PostPartial>>();
  assert.deepEqual(Object.keys(item).sort(), ["id", "slug"]);

  await assert.rejects(
    anon.full.GET("/api/v1/posts", {
      // @ts-expect-error full.GET has no `fields` parameter
      params: { query: { fields: "id" } },
    }),
    TypeError,
  );
});

await check("If-None-Match with the ETag gives 304", async () => {
  const list = await anon.full.GET("/api/v1/posts", { params: { query: { per_page: 1 } } });
  const post = must(list, "GET /posts")!.data[0]!;
  const first = await anon.full.GET("/api/v1/posts/{id}", { params: { path: { id: post.id } } });
  must(first, `GET /posts/${post.id}`);
  const etag = first.response.headers.get("ETag");
  assert.ok(etag, "the answer has an ETag");
  const again = await anon.full.GET("/api/v1/posts/{id}", {
    params: { path: { id: post.id }, header: { "If-None-Match": etag } },
  });
  assert.equal(again.response.status, 304, `If-None-Match: ${etag}`);
  assert.equal(again.data, undefined, "304 has no body");
  assert.equal(again.response.headers.get("ETag"), etag, "304 repeats the ETag");

  const listEtag = list.response.headers.get("ETag");
  assert.ok(listEtag, "the list has an ETag");
  const listAgain = await anon.full.GET("/api/v1/posts", {
    params: { query: { per_page: 1 }, header: { "If-None-Match": listEtag } },
  });
  assert.equal(listAgain.response.status, 304, "the list is not modified");

  const stale = await anon.full.GET("/api/v1/posts/{id}", {
    params: { path: { id: post.id }, header: { "If-None-Match": '"stale"' } },
  });
  assert.equal(must(stale, "a stale ETag").id, post.id, "a stale ETag gets the item");
});

// --- Signed in -------------------------------------------------------------------------------

await check("sign-in: a wrong password is a 401 problem; the right one gives a token", async () => {
  const wrong = await admin.signIn(adminUser, `${adminPassword}-wrong`);
  problem(wrong, 401, "unauthorized", "a wrong password");
  assert.match(wrong.response.headers.get("WWW-Authenticate") ?? "", /^Bearer/);
  assert.equal(admin.token, undefined, "no token after a failed sign-in");

  const right = await admin.signIn(adminUser, adminPassword);
  const token = must(right, "sign-in");
  assert.equal(token.token_type, "Bearer");
  assert.ok(token.expires_in > 0);
  assert.equal(admin.token, token.access_token, "the client keeps the token");

  const me = must(await admin.GET("/api/v1/users/me"), "GET /users/me");
  assert.equal(me.username, adminUser, "the token is sent as Authorization: Bearer");
  assert.equal(me.role, "admin");
});

await check("pages: the page at a path", async () => {
  // Pages the site already has (the demo has none) are found at their paths.
  const existing = must(await anon.full.GET("/api/v1/pages", { params: { query: { per_page: 5 } } }), "pages");
  for (const page of existing.data) {
    const found = must(
      await anon.full.GET("/api/v1/pages", { params: { query: { path: page.path } } }),
      `pages?path=${page.path}`,
    );
    assert.deepEqual(found.data.map((p) => p.id), [page.id], `path=${page.path}`);
  }

  // And a tree of our own: parent/child.
  const created: Page[] = [];
  try {
    const parent = must(
      await admin.POST("/api/v1/pages", {
        body: { title: `E2E parent ${run}`, slug: `e2e-parent-${run}`, status: "published" },
      }),
      "create the parent page",
    );
    created.push(parent);
    const child = must(
      await admin.POST("/api/v1/pages", {
        body: { title: `E2E child ${run}`, slug: `e2e-child-${run}`, status: "published", parent: parent.id },
      }),
      "create the child page",
    );
    created.push(child);
    assert.equal(child.path, `${parent.slug}/${child.slug}`, "the child's path");

    const found = must(
      await anon.full.GET("/api/v1/pages", { params: { query: { path: child.path } } }),
      `pages?path=${child.path}`,
    );
    assert.equal(found.data.length, 1, `one page at ${child.path}`);
    const page = found.data[0]!;
    assert.equal(page.id, child.id);
    assert.equal(page.parent, parent.id);
    assert.equal(page.title, child.title);
    assert.equal(page.path, child.path);

    const none = must(
      await anon.full.GET("/api/v1/pages", { params: { query: { path: `${child.slug}/${parent.slug}` } } }),
      "a path that does not exist",
    );
    assert.equal(none.data.length, 0, "no page at a reversed path");
  } finally {
    for (const page of created.reverse()) {
      const deleted = await admin.DELETE("/api/v1/pages/{id}", {
        params: { path: { id: page.id }, query: { force: true } },
      });
      assert.equal(deleted.response.status, 204, `delete page ${page.id}`);
    }
  }
});

await check("writes: a field group, a draft post with blocks and fields, publish, trash, delete", async () => {
  const fieldName = `e2e_note_${run}`.slice(0, 64);
  const value = `Checked by the TypeScript client (${run})`;
  let group: FieldGroup | undefined;
  let post: Post | undefined;
  try {
    const createdGroup = await admin.POST("/api/v1/field-groups", {
      body: {
        key: `e2e_${run}`,
        title: `E2E ${run}`,
        fields: [{ name: fieldName, label: "Note", type: "text" }],
        location: { kinds: ["posts"] },
      },
    });
    assert.equal(createdGroup.response.status, 201, describe(createdGroup));
    group = must(createdGroup, "create the field group");
    assert.deepEqual(group.fields.map((f) => f.name), [fieldName]);
    assert.deepEqual(group.location.kinds, ["posts"]);

    const blocks: ContentBlock[] = [
      { name: "core/heading", attrs: { level: 2 }, html: `<h2>Heading ${run}</h2>` },
      {
        name: "core/group",
        html: '<div class="wp-block-group"></div>',
        inner_blocks: [{ name: "core/paragraph", html: `<p>Inner <strong>paragraph</strong> ${run}</p>` }],
      },
    ];
    const created = await admin.POST("/api/v1/posts", {
      body: { title: `E2E post ${run}`, status: "draft", content: { blocks }, fields: { [fieldName]: value } },
    });
    assert.equal(created.response.status, 201, describe(created));
    post = must(created, "create the post");
    const id = post.id;
    assert.equal(post.status, "draft");
    assert.ok(created.response.headers.get("Location")?.endsWith(`/api/v1/posts/${id}`), "Location names the post");
    assert.equal(post.fields[fieldName], value, "the draft keeps the field");

    problem(
      await anon.GET("/api/v1/posts/{id}", { params: { path: { id } } }),
      404,
      "not_found",
      "an anonymous reader asks for the draft",
    );
    const bySlug = must(
      await anon.full.GET("/api/v1/posts", { params: { query: { slug: post.slug } } }),
      "the draft's slug",
    );
    assert.equal(bySlug.data.length, 0, "the draft is not in anonymous lists");

    const published = must(
      await admin.PATCH("/api/v1/posts/{id}", { params: { path: { id } }, body: { status: "published" } }),
      "publish",
    );
    assert.equal(published.status, "published");

    const read = must(
      await anon.full.GET("/api/v1/posts/{id}", { params: { path: { id } } }),
      "an anonymous reader asks for the published post",
    );
    assert.equal(read.title, `E2E post ${run}`);
    assert.equal(read.fields[fieldName], value, "fields come back");
    const shape = (b: ContentBlock): unknown => ({ name: b.name, inner: (b.inner_blocks ?? []).map(shape) });
    assert.deepEqual(read.content.blocks.map(shape), [
      { name: "core/heading", inner: [] },
      { name: "core/group", inner: [{ name: "core/paragraph", inner: [] }] },
    ]);
    assert.deepEqual(read.content.blocks[0]!.attrs, { level: 2 }, "block attributes come back");
    assert.match(read.content.html, new RegExp(`<h2>Heading ${run}</h2>`));
    assert.match(read.content.html, /<div class="wp-block-group"><p>Inner <strong>paragraph<\/strong>/);
    assert.doesNotMatch(read.content.html, /<!-- wp:/, "no block comments in the HTML");

    const trashed = await admin.DELETE("/api/v1/posts/{id}", { params: { path: { id } } });
    assert.equal(trashed.response.status, 200, describe(trashed));
    assert.equal(must(trashed, "trash").status, "trash");
    problem(await anon.GET("/api/v1/posts/{id}", { params: { path: { id } } }), 404, "not_found", "a trashed post");

    const gone = await admin.DELETE("/api/v1/posts/{id}", { params: { path: { id }, query: { force: true } } });
    assert.equal(gone.response.status, 204, describe(gone));
    post = undefined;
    problem(await admin.GET("/api/v1/posts/{id}", { params: { path: { id } } }), 404, "not_found", "a deleted post");

    const groupGone = await admin.DELETE("/api/v1/field-groups/{id}", { params: { path: { id: group.id } } });
    assert.equal(groupGone.response.status, 204, describe(groupGone));
    const groupId = group.id;
    group = undefined;
    problem(
      await admin.GET("/api/v1/field-groups/{id}", { params: { path: { id: groupId } } }),
      404,
      "not_found",
      "a deleted field group",
    );
  } finally {
    if (post) await admin.DELETE("/api/v1/posts/{id}", { params: { path: { id: post.id }, query: { force: true } } });
    if (group) await admin.DELETE("/api/v1/field-groups/{id}", { params: { path: { id: group.id } } });
  }
});

await check("an invalid body: 422 validation_failed naming the member", async () => {
  const count = async () =>
    must(
      await admin.full.GET("/api/v1/posts", { params: { query: { status: "any", per_page: 1 } } }),
      "count posts",
    ).meta.total;
  const before = await count();

  const empty = await admin.POST("/api/v1/posts", { body: { title: "" } });
  const p = problem(empty, 422, "validation_failed", "a post with an empty title");
  assert.ok(p.errors && p.errors.length > 0, "errors[] lists the invalid members");
  assert.ok(p.errors.some((e) => e.field === "title" && e.message.length > 0), "errors[] names `title`");

  // A value that does not parse at all is a 400 invalid_body, naming the member too.
  const unknownStatus = await admin.POST("/api/v1/posts", {
    body: { title: `E2E ${run}`, status: "nope" as string as Status },
  });
  const q = problem(unknownStatus, 400, "invalid_body", "a post with an unknown status");
  assert.ok(q.errors?.some((e) => e.field === "status"), "errors[] names `status`");

  assert.equal(await count(), before, "a refused request writes nothing");
});

await check("a partner key is sent as X-Headpress-Key", async () => {
  const created = must(
    await admin.POST("/api/v1/partners", { body: { name: `E2E ${run}`, quota_per_minute: 1000 } }),
    "create a partner",
  );
  try {
    const seen: Request[] = [];
    const partner = createHeadpressClient({
      baseUrl,
      partnerKey: created.key,
      fetch: (request) => {
        seen.push(request.clone());
        return fetch(request);
      },
    });
    const tags = await partner.GET("/api/v1/tags", { params: { query: { per_page: 1 } } });
    must(tags, "GET /tags with the partner key");
    assert.equal(seen[0]?.headers.get("X-Headpress-Key"), created.key);
    assert.equal(tags.response.headers.get("RateLimit-Limit"), "1000", "counted against the partner's quota");

    const unknown = createHeadpressClient({ baseUrl, partnerKey: `hp_${"0".repeat(48)}` });
    problem(await unknown.GET("/api/v1/tags"), 401, "unauthorized", "an unknown partner key");
  } finally {
    await admin.DELETE("/api/v1/partners/{id}", { params: { path: { id: created.id } } });
  }
});

await check("sign-out: later requests are anonymous", async () => {
  admin.signOut();
  assert.equal(admin.token, undefined);
  problem(await admin.GET("/api/v1/users/me"), 401, "unauthorized", "GET /users/me after signing out");
});

await check("anonymous reads sent no credential", async () => {
  assert.ok(anonymousRequests.length > 10, "the anonymous client was used");
  for (const request of anonymousRequests) {
    assert.equal(request.headers.get("Authorization"), null, `${request.method} ${request.url}`);
  }
});

// --- Result ----------------------------------------------------------------------------------

if (failures.length > 0) {
  console.log(`\n${failures.length} check(s) failed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
console.log("\nall checks passed");
