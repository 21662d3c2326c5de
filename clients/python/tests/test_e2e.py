"""End-to-end test of the generated client against a live `headpress serve --demo`.

The server comes from the environment: HEADPRESS_URL (its base URL) and an administrator,
HEADPRESS_ADMIN_USER and HEADPRESS_ADMIN_PASSWORD. Only the generated API functions talk to
it, as a user of the client would: `Client` for anonymous reads, `AuthenticatedClient` once
signed in. Both raise on a status the OpenAPI document does not list, and every answer is
parsed into the document's types, so an answer the document does not describe fails here.

Nothing is hard-coded about the demo content: ids and slugs are read from the server first.
What the test writes (a field group, posts, pages) carries a random suffix and is deleted
again, so the test can run repeatedly against the same server.
"""

import datetime
import json
import os
import uuid
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any, TypeVar

import httpx
import pytest

from headpress_client import AuthenticatedClient, Client
from headpress_client.api.auth import create_token
from headpress_client.api.events import list_event_occurrences, list_events
from headpress_client.api.field_groups import create_field_group, delete_field_group, get_field_group
from headpress_client.api.pages import create_page, delete_page, list_pages
from headpress_client.api.posts import create_post, delete_post, get_post, list_posts, update_post
from headpress_client.api.resource_types import get_resource_type
from headpress_client.api.resources import list_resources
from headpress_client.api.tags import get_tag
from headpress_client.api.users import get_me
from headpress_client.models import (
    Block,
    BlockAttrs,
    BlocksContentInput,
    CreateFieldGroupRequest,
    CreatePageRequest,
    CreatePostRequest,
    EventList,
    FieldCollection,
    FieldDef,
    FieldGroupResponse,
    FieldType,
    Location,
    OccurrenceList,
    OccurrenceResponse,
    PageList,
    PageResponse,
    PostFieldsCreate,
    PostFieldsUpdate,
    PostList,
    PostPartial,
    PostPartialList,
    PostResponse,
    Problem,
    ResourceList,
    Role,
    Status,
    TermResponse,
    TokenRequest,
    TokenResponse,
    UpdatePostRequest,
    UserResponse,
)
from headpress_client.types import UNSET, Response, Unset

T = TypeVar("T")

TIMEOUT = httpx.Timeout(30.0)


# --- Helpers ------------------------------------------------------------------------------------


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set (see clients/python/tests/README.md)")
    return value


def show(response: Response[Any]) -> str:
    return f"{int(response.status_code)} {response.content[:600].decode(errors='replace')}"


def expect(response: Response[Any], status: HTTPStatus, cls: type[T]) -> T:
    """The parsed body of an answer that must have this status and type."""
    assert response.status_code == status, f"expected {int(status)}, got {show(response)}"
    parsed = response.parsed
    assert isinstance(parsed, cls), f"expected a {cls.__name__}, got {type(parsed).__name__}: {show(response)}"
    return parsed


def expect_empty(response: Response[Any], status: HTTPStatus) -> None:
    assert response.status_code == status, f"expected {int(status)}, got {show(response)}"
    assert response.content == b"", f"expected no body, got {response.content[:200]!r}"


def expect_problem(response: Response[Any], status: HTTPStatus, code: str) -> Problem:
    """An RFC 9457 problem with this status and `code`."""
    problem = expect(response, status, Problem)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem.status == status
    assert problem.code == code, f"expected code {code}, got {show(response)}"
    assert problem.type_ == "about:blank"
    assert problem.title and problem.detail
    return problem


def present(value: T | Unset, what: str) -> T:
    """A member the document marks optional but this answer must hold."""
    assert not isinstance(value, Unset), f"{what} is missing"
    return value


def suffix() -> str:
    return uuid.uuid4().hex[:10]


def block_names(blocks: list[Block]) -> list[str]:
    return [block.name for block in blocks]


# --- Clients ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def base_url() -> str:
    return env("HEADPRESS_URL").rstrip("/")


@pytest.fixture(scope="session")
def anon(base_url: str) -> Iterator[Client]:
    """An anonymous reader: no credential at all."""
    with Client(base_url=base_url, raise_on_unexpected_status=True, timeout=TIMEOUT) as client:
        yield client


def sign_in(client: Client, username: str, password: str) -> Response[Problem | TokenResponse]:
    return create_token.sync_detailed(client=client, body=TokenRequest(username=username, password=password))


@pytest.fixture(scope="session")
def admin(base_url: str, anon: Client) -> Iterator[AuthenticatedClient]:
    """The administrator, signed in with a bearer token."""
    token = expect(
        sign_in(anon, env("HEADPRESS_ADMIN_USER"), env("HEADPRESS_ADMIN_PASSWORD")), HTTPStatus.OK, TokenResponse
    )
    with AuthenticatedClient(
        base_url=base_url, token=token.access_token, raise_on_unexpected_status=True, timeout=TIMEOUT
    ) as client:
        yield client


# --- 1. Lists: include and cursors ----------------------------------------------------------


def test_posts_list_embeds_relations_and_follows_cursors(anon: Client) -> None:
    include = "tags,categories,author"
    response = list_posts.sync_detailed(client=anon, per_page=2, include=include)
    first = expect(response, HTTPStatus.OK, PostList)
    assert len(first.data) == 2
    assert first.meta.per_page == 2
    total = present(first.meta.total, "meta.total")
    assert total is not None and total > 2, "the demo has more than two published posts"
    assert response.headers["x-total-count"] == str(total)
    assert 'rel="next"' in response.headers["link"]

    for post in first.data:
        assert post.status == Status.PUBLISHED
        assert not post.additional_properties, f"members the document does not know: {post.additional_properties}"
        embedded = present(post.embedded, "embedded")
        assert embedded is not None
        tags = present(embedded.tags, "embedded.tags")
        assert tags is not None
        assert sorted(tag.id for tag in tags) == sorted(post.tags)
        assert all(isinstance(tag, TermResponse) and tag.slug for tag in tags)
        categories = present(embedded.categories, "embedded.categories")
        assert categories is not None
        assert sorted(category.id for category in categories) == sorted(post.categories)
        author = present(embedded.author, "embedded.author")
        assert author is not None and author.id == post.author and author.name
    assert any(post.tags for post in first.data), "the demo's newest posts are tagged"

    cursor = present(first.meta.next_cursor, "meta.next_cursor")
    assert cursor
    second = expect(
        list_posts.sync_detailed(client=anon, per_page=2, include=include, cursor=cursor), HTTPStatus.OK, PostList
    )
    assert second.data, "a second page follows the cursor"
    first_ids = {post.id for post in first.data}
    assert first_ids.isdisjoint(post.id for post in second.data)
    # Newest first, across the two pages; the cursor continues where page 1 ended, as page 2 does.
    dates = [post.published_at for post in first.data + second.data]
    assert dates == sorted(dates, reverse=True)
    by_number = expect(list_posts.sync_detailed(client=anon, per_page=2, page=2), HTTPStatus.OK, PostList)
    assert [post.id for post in by_number.data] == [post.id for post in second.data]


# --- 2. A page by its path -------------------------------------------------------------------


def test_page_by_path(anon: Client, admin: AuthenticatedClient) -> None:
    # Every published page the demo has is found at its own path...
    existing = expect(list_pages.sync_detailed(client=anon, per_page=5), HTTPStatus.OK, PageList)
    for page in existing.data:
        found = expect(list_pages.sync_detailed(client=anon, path=page.path), HTTPStatus.OK, PageList)
        assert [p.id for p in found.data] == [page.id]

    # ...and so is a page nested under another (the demo may hold no pages: make two).
    tag = suffix()
    parent = expect(
        create_page.sync_detailed(
            client=admin,
            body=CreatePageRequest(title=f"About {tag}", slug=f"about-{tag}", status=Status.PUBLISHED),
        ),
        HTTPStatus.CREATED,
        PageResponse,
    )
    created = [parent.id]
    try:
        child = expect(
            create_page.sync_detailed(
                client=admin,
                body=CreatePageRequest(title="Our team", slug=f"team-{tag}", parent=parent.id, status=Status.PUBLISHED),
            ),
            HTTPStatus.CREATED,
            PageResponse,
        )
        created.insert(0, child.id)
        path = f"about-{tag}/team-{tag}"
        assert child.path == path
        assert child.parent == parent.id

        found = expect(list_pages.sync_detailed(client=anon, path=path), HTTPStatus.OK, PageList)
        assert [page.id for page in found.data] == [child.id]
        page = found.data[0]
        assert page.title == "Our team" and page.path == path and page.parent == parent.id

        top = expect(list_pages.sync_detailed(client=anon, path=f"about-{tag}"), HTTPStatus.OK, PageList)
        assert [page.id for page in top.data] == [parent.id]
        children = expect(list_pages.sync_detailed(client=anon, parent=parent.id), HTTPStatus.OK, PageList)
        assert [page.id for page in children.data] == [child.id]
        # The child's slug alone is not a full path.
        nowhere = expect(list_pages.sync_detailed(client=anon, path=f"team-{tag}"), HTTPStatus.OK, PageList)
        assert nowhere.data == []
    finally:
        for page_id in created:
            expect_empty(delete_page.sync_detailed(page_id, client=admin, force=True), HTTPStatus.NO_CONTENT)


# --- 3. Resources filtered by type and tag ---------------------------------------------------


def test_resources_filtered_by_type_and_tag(anon: Client) -> None:
    everything = expect(list_resources.sync_detailed(client=anon, per_page=100), HTTPStatus.OK, ResourceList)
    complete = everything.meta.total == len(everything.data)
    sample = next((r for r in everything.data if r.resource_types and r.tags), None)
    assert sample is not None, "the demo has a resource with a type and a tag"

    # By type: the slug of the sample's first type, as the server names it.
    type_id = sample.resource_types[0]
    # `sync` gives the parsed body alone (a Problem on a documented error status).
    resource_type = get_resource_type.sync(type_id, client=anon)
    assert isinstance(resource_type, TermResponse), resource_type
    by_type = expect(
        list_resources.sync_detailed(client=anon, type_=resource_type.slug, include="resource_types", per_page=100),
        HTTPStatus.OK,
        ResourceList,
    )
    assert sample.id in {r.id for r in by_type.data}
    for resource in by_type.data:
        assert type_id in resource.resource_types, f"resource {resource.id} is not a {resource_type.slug}"
        embedded = present(resource.embedded, "embedded")
        assert embedded is not None
        types = present(embedded.resource_types, "embedded.resource_types")
        assert types is not None and resource_type.slug in {t.slug for t in types}
    if complete:
        assert {r.id for r in by_type.data} == {r.id for r in everything.data if type_id in r.resource_types}

    # By tag.
    tag_id = sample.tags[0]
    tag = get_tag.sync(tag_id, client=anon)
    assert isinstance(tag, TermResponse), tag
    by_tag = expect(list_resources.sync_detailed(client=anon, tag=tag.slug, per_page=100), HTTPStatus.OK, ResourceList)
    assert sample.id in {r.id for r in by_tag.data}
    for resource in by_tag.data:
        assert tag_id in resource.tags, f"resource {resource.id} is not tagged {tag.slug}"
    if complete:
        assert {r.id for r in by_tag.data} == {r.id for r in everything.data if tag_id in r.tags}


# --- 4. Event occurrences --------------------------------------------------------------------


def test_event_occurrences_in_a_year(anon: Client) -> None:
    events = expect(list_events.sync_detailed(client=anon, per_page=100), HTTPStatus.OK, EventList)
    assert events.data, "the demo has published events"
    # A recurring event shows that occurrences are expanded; any event does otherwise.
    event = next((e for e in events.data if isinstance(e.rrule, str) and e.rrule), events.data[0])
    start = event.starts_at_utc - datetime.timedelta(days=1)
    end = start + datetime.timedelta(days=365)

    occurrences: list[OccurrenceResponse] = []
    cursor: str | Unset = UNSET
    for _ in range(100):
        page = expect(
            list_event_occurrences.sync_detailed(
                client=anon, from_=start, to=end, tz="America/New_York", per_page=50, cursor=cursor
            ),
            HTTPStatus.OK,
            OccurrenceList,
        )
        occurrences += page.data
        next_cursor = page.meta.next_cursor
        if not isinstance(next_cursor, str):
            break
        cursor = next_cursor
    assert occurrences

    starts = [o.starts_at_utc for o in occurrences]
    assert starts == sorted(starts), "soonest first"
    for occurrence in occurrences:
        assert occurrence.ends_at_utc >= occurrence.starts_at_utc
        assert occurrence.starts_at_utc < end and occurrence.ends_at_utc >= start, "overlaps the window"
        # `tz` adds the times in the zone asked for: the same instant, with New York's offset.
        starts_at_tz = present(occurrence.starts_at_tz, "starts_at_tz")
        assert isinstance(starts_at_tz, str)
        local = datetime.datetime.fromisoformat(starts_at_tz)
        assert local == occurrence.starts_at_utc
        assert local.utcoffset() in (datetime.timedelta(hours=-5), datetime.timedelta(hours=-4))

    mine = [o for o in occurrences if o.event == event.id]
    assert mine, f"event {event.id} occurs in the window around its own start"
    if not event.exdates:
        assert mine[0].starts_at_utc == event.starts_at_utc
    assert all(o.title == event.title and o.slug == event.slug and o.timezone == event.timezone for o in mine)
    if isinstance(event.rrule, str) and event.rrule:
        assert len(mine) > 1, f"{event.rrule} repeats within a year"


# --- 5. Signing in ------------------------------------------------------------------------------


def test_sign_in(base_url: str, anon: Client, admin: AuthenticatedClient) -> None:
    username = env("HEADPRESS_ADMIN_USER")
    response = sign_in(anon, username, env("HEADPRESS_ADMIN_PASSWORD") + "-wrong")
    expect_problem(response, HTTPStatus.UNAUTHORIZED, "unauthorized")
    assert response.headers["www-authenticate"].startswith("Bearer")

    # A success clears the count of failed attempts (which would end in 429s on repeated runs).
    token = expect(sign_in(anon, username, env("HEADPRESS_ADMIN_PASSWORD")), HTTPStatus.OK, TokenResponse)
    assert token.token_type == "Bearer" and token.expires_in > 0 and token.access_token

    me = expect(get_me.sync_detailed(client=admin), HTTPStatus.OK, UserResponse)
    assert me.username == username
    assert me.role == Role.ADMIN
    # A forged token is refused, with the same problem.
    with AuthenticatedClient(
        base_url=base_url, token="not-a-token", raise_on_unexpected_status=True, timeout=TIMEOUT
    ) as forged:
        response_me = get_me.sync_detailed(client=forged)
        expect_problem(response_me, HTTPStatus.UNAUTHORIZED, "unauthorized")
        assert response_me.headers["www-authenticate"].startswith("Bearer")


# --- 6. Field group, draft, publish, trash, delete --------------------------------------------


def test_draft_post_with_blocks_and_fields(anon: Client, admin: AuthenticatedClient) -> None:
    tag = suffix()
    field = f"subtitle_{tag}"
    group = expect(
        create_field_group.sync_detailed(
            client=admin,
            body=CreateFieldGroupRequest(
                key=f"e2e-{tag}",
                title="End-to-end test",
                location=Location(kinds=[FieldCollection.POSTS]),
                fields=[FieldDef(name=field, type_=FieldType.TEXT, label="Subtitle", max_length=80)],
            ),
        ),
        HTTPStatus.CREATED,
        FieldGroupResponse,
    )
    try:
        assert [f.name for f in group.fields] == [field]
        assert group.location.kinds == [FieldCollection.POSTS] and group.active
        check_post_lifecycle(anon, admin, field)
    finally:
        expect_empty(delete_field_group.sync_detailed(group.id, client=admin), HTTPStatus.NO_CONTENT)
    expect_problem(get_field_group.sync_detailed(group.id, client=admin), HTTPStatus.NOT_FOUND, "not_found")


def check_post_lifecycle(anon: Client, admin: AuthenticatedClient, field: str) -> None:
    heading = Block(name="core/heading", attrs=BlockAttrs.from_dict({"level": 2}), html="<h2>Findings</h2>")
    paragraph = Block(name="core/paragraph", html="<p>Written <strong>by the client</strong>.</p>")
    group = Block(
        name="core/group",
        html='<div class="wp-block-group"></div>',
        inner_blocks=[Block(name="core/paragraph", html="<p>Inside a group.</p>")],
    )
    title = f"End-to-end {suffix()}"
    post = expect(
        create_post.sync_detailed(
            client=admin,
            body=CreatePostRequest(
                title=title,
                status=Status.DRAFT,
                content=BlocksContentInput(blocks=[heading, paragraph, group]),
                fields=PostFieldsCreate.from_dict({field: "A subtitle"}),
            ),
        ),
        HTTPStatus.CREATED,
        PostResponse,
    )
    deleted = False
    try:
        assert post.status == Status.DRAFT and post.title == title
        assert post.fields.additional_properties == {field: "A subtitle"}

        # A draft is invisible to anonymous readers, by id and in lists.
        expect_problem(get_post.sync_detailed(post.id, client=anon), HTTPStatus.NOT_FOUND, "not_found")
        listed = expect(list_posts.sync_detailed(client=anon, slug=post.slug), HTTPStatus.OK, PostList)
        assert listed.data == []

        # A value that does not fit its field is a 422 naming it.
        problem = expect_problem(
            update_post.sync_detailed(
                post.id, client=admin, body=UpdatePostRequest(fields=PostFieldsUpdate.from_dict({field: 42}))
            ),
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        assert f"fields.{field}" in {error.field for error in present(problem.errors, "errors")}

        published = expect(
            update_post.sync_detailed(post.id, client=admin, body=UpdatePostRequest(status=Status.PUBLISHED)),
            HTTPStatus.OK,
            PostResponse,
        )
        assert published.status == Status.PUBLISHED

        seen = expect(get_post.sync_detailed(post.id, client=anon), HTTPStatus.OK, PostResponse)
        assert seen.title == title and seen.status == Status.PUBLISHED
        assert not seen.additional_properties
        blocks = seen.content.blocks
        assert block_names(blocks) == ["core/heading", "core/paragraph", "core/group"]
        assert present(blocks[0].attrs, "attrs").additional_properties == {"level": 2}
        assert block_names(present(blocks[2].inner_blocks, "inner_blocks")) == ["core/paragraph"]
        html = seen.content.html
        assert "<h2>Findings</h2>" in html and "<strong>by the client</strong>" in html
        assert "Inside a group." in html and "<!-- wp:" not in html
        assert seen.fields.additional_properties == {field: "A subtitle"}

        trashed = expect(delete_post.sync_detailed(post.id, client=admin), HTTPStatus.OK, PostResponse)
        assert trashed.status == Status.TRASH
        expect_problem(get_post.sync_detailed(post.id, client=anon), HTTPStatus.NOT_FOUND, "not_found")

        expect_empty(delete_post.sync_detailed(post.id, client=admin, force=True), HTTPStatus.NO_CONTENT)
        deleted = True
        expect_problem(get_post.sync_detailed(post.id, client=admin), HTTPStatus.NOT_FOUND, "not_found")
    finally:
        if not deleted:
            delete_post.sync_detailed(post.id, client=admin, force=True)


# --- 7. A 422 ---------------------------------------------------------------------------------


def test_invalid_body_is_a_validation_problem(admin: AuthenticatedClient) -> None:
    response = create_post.sync_detailed(client=admin, body=CreatePostRequest(title="   ", status=Status.DRAFT))
    problem = expect_problem(response, HTTPStatus.UNPROCESSABLE_ENTITY, "validation_failed")
    errors = present(problem.errors, "errors")
    assert [error.field for error in errors] == ["title"]
    assert errors[0].message


# --- 8. Sparse fieldsets --------------------------------------------------------------------------


def test_sparse_fieldset(anon: Client) -> None:
    response = list_posts.sync_detailed(client=anon, fields="id,title", per_page=3)
    # The document answers `anyOf: [PostList, PostPartialList]`: this one is the partial.
    partial = expect(response, HTTPStatus.OK, PostPartialList)
    assert len(partial.data) == 3 and partial.meta.per_page == 3
    raw = json.loads(response.content)
    for item, raw_item in zip(partial.data, raw["data"], strict=True):
        assert set(raw_item) == {"id", "title"}
        assert isinstance(item, PostPartial)
        assert set(item.to_dict()) == {"id", "title"}
        assert isinstance(item.id, int) and isinstance(item.title, str) and item.title
        assert isinstance(item.content, Unset) and isinstance(item.slug, Unset)

    first_id = present(partial.data[0].id, "id")
    one = expect(get_post.sync_detailed(first_id, client=anon, fields="id,title"), HTTPStatus.OK, PostPartial)
    assert set(one.to_dict()) == {"id", "title"} and one.title == partial.data[0].title
    # Without `fields`, the same item is the full type.
    full = expect(get_post.sync_detailed(first_id, client=anon), HTTPStatus.OK, PostResponse)
    assert full.title == one.title


# --- 9. Conditional requests --------------------------------------------------------------------


def test_if_none_match_gives_304(anon: Client) -> None:
    first = list_posts.sync_detailed(client=anon, per_page=2)
    posts = expect(first, HTTPStatus.OK, PostList)
    etag = first.headers["etag"]
    assert etag.startswith('"'), "a strong ETag"
    again = list_posts.sync_detailed(client=anon, per_page=2, if_none_match=etag)
    expect_empty(again, HTTPStatus.NOT_MODIFIED)
    assert again.parsed is None and again.headers["etag"] == etag
    # Another representation has another tag.
    other = list_posts.sync_detailed(client=anon, per_page=3, if_none_match=etag)
    expect(other, HTTPStatus.OK, PostList)

    item = get_post.sync_detailed(posts.data[0].id, client=anon)
    expect(item, HTTPStatus.OK, PostResponse)
    expect_empty(
        get_post.sync_detailed(posts.data[0].id, client=anon, if_none_match=item.headers["etag"]),
        HTTPStatus.NOT_MODIFIED,
    )
