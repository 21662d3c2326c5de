from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.changes_page import ChangesPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    since: str | Unset = UNSET,
    per_page: int | Unset = UNSET,
    wait: int | Unset = UNSET,
    kind: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_headpress_key, Unset):
        headers["X-Headpress-Key"] = x_headpress_key

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["since"] = since

    params["per_page"] = per_page

    params["wait"] = wait

    params["kind"] = kind

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/changes",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ChangesPage | Problem | None:
    if response.status_code == 200:
        response_200 = ChangesPage.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ChangesPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: str | Unset = UNSET,
    per_page: int | Unset = UNSET,
    wait: int | Unset = UNSET,
    kind: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ChangesPage | Problem]:
    """Follow the changes of content

     Every change of a content item, a term or a media file in commit order: created,
    updated, published, unpublished, trashed, restored and deleted (tombstones: a deleted
    item is still named, by kind, id and slug). Resumable with an opaque cursor. Anonymous readers (and
    authors)
    learn only what they could see: that a public item appeared, changed or disappeared,
    never that a draft exists; a page hidden with a page above it counts as unpublished.
    Editors see every change. Replaying the feed from the start (keeping items whose last
    change is `public`, dropping the rest) gives exactly the public content. Changes are
    kept for `--changes-days` (30 by default): a cursor older than that is `410 gone`,
    and the client resyncs from the lists. With `wait`, an answer with no changes waits
    for one (long polling), so a frontend revalidates within a second of a change.
    Anonymous reads without `wait` come from the server's response cache until the next
    write; `Cache-Control: no-cache` asks other caches to revalidate (by `ETag`).

    Args:
        since (str | Unset):
        per_page (int | Unset):
        wait (int | Unset):
        kind (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ChangesPage | Problem]
    """

    kwargs = _get_kwargs(
        since=since,
        per_page=per_page,
        wait=wait,
        kind=kind,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    since: str | Unset = UNSET,
    per_page: int | Unset = UNSET,
    wait: int | Unset = UNSET,
    kind: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | ChangesPage | Problem | None:
    """Follow the changes of content

     Every change of a content item, a term or a media file in commit order: created,
    updated, published, unpublished, trashed, restored and deleted (tombstones: a deleted
    item is still named, by kind, id and slug). Resumable with an opaque cursor. Anonymous readers (and
    authors)
    learn only what they could see: that a public item appeared, changed or disappeared,
    never that a draft exists; a page hidden with a page above it counts as unpublished.
    Editors see every change. Replaying the feed from the start (keeping items whose last
    change is `public`, dropping the rest) gives exactly the public content. Changes are
    kept for `--changes-days` (30 by default): a cursor older than that is `410 gone`,
    and the client resyncs from the lists. With `wait`, an answer with no changes waits
    for one (long polling), so a frontend revalidates within a second of a change.
    Anonymous reads without `wait` come from the server's response cache until the next
    write; `Cache-Control: no-cache` asks other caches to revalidate (by `ETag`).

    Args:
        since (str | Unset):
        per_page (int | Unset):
        wait (int | Unset):
        kind (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ChangesPage | Problem
    """

    return sync_detailed(
        client=client,
        since=since,
        per_page=per_page,
        wait=wait,
        kind=kind,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    since: str | Unset = UNSET,
    per_page: int | Unset = UNSET,
    wait: int | Unset = UNSET,
    kind: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | ChangesPage | Problem]:
    """Follow the changes of content

     Every change of a content item, a term or a media file in commit order: created,
    updated, published, unpublished, trashed, restored and deleted (tombstones: a deleted
    item is still named, by kind, id and slug). Resumable with an opaque cursor. Anonymous readers (and
    authors)
    learn only what they could see: that a public item appeared, changed or disappeared,
    never that a draft exists; a page hidden with a page above it counts as unpublished.
    Editors see every change. Replaying the feed from the start (keeping items whose last
    change is `public`, dropping the rest) gives exactly the public content. Changes are
    kept for `--changes-days` (30 by default): a cursor older than that is `410 gone`,
    and the client resyncs from the lists. With `wait`, an answer with no changes waits
    for one (long polling), so a frontend revalidates within a second of a change.
    Anonymous reads without `wait` come from the server's response cache until the next
    write; `Cache-Control: no-cache` asks other caches to revalidate (by `ETag`).

    Args:
        since (str | Unset):
        per_page (int | Unset):
        wait (int | Unset):
        kind (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ChangesPage | Problem]
    """

    kwargs = _get_kwargs(
        since=since,
        per_page=per_page,
        wait=wait,
        kind=kind,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    since: str | Unset = UNSET,
    per_page: int | Unset = UNSET,
    wait: int | Unset = UNSET,
    kind: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | ChangesPage | Problem | None:
    """Follow the changes of content

     Every change of a content item, a term or a media file in commit order: created,
    updated, published, unpublished, trashed, restored and deleted (tombstones: a deleted
    item is still named, by kind, id and slug). Resumable with an opaque cursor. Anonymous readers (and
    authors)
    learn only what they could see: that a public item appeared, changed or disappeared,
    never that a draft exists; a page hidden with a page above it counts as unpublished.
    Editors see every change. Replaying the feed from the start (keeping items whose last
    change is `public`, dropping the rest) gives exactly the public content. Changes are
    kept for `--changes-days` (30 by default): a cursor older than that is `410 gone`,
    and the client resyncs from the lists. With `wait`, an answer with no changes waits
    for one (long polling), so a frontend revalidates within a second of a change.
    Anonymous reads without `wait` come from the server's response cache until the next
    write; `Cache-Control: no-cache` asks other caches to revalidate (by `ETag`).

    Args:
        since (str | Unset):
        per_page (int | Unset):
        wait (int | Unset):
        kind (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ChangesPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            since=since,
            per_page=per_page,
            wait=wait,
            kind=kind,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
