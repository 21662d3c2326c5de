from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_page_request import CreatePageRequest
from ...models.page_response import PageResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CreatePageRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/pages",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageResponse | Problem | None:
    if response.status_code == 201:
        response_201 = PageResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

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
) -> Response[PageResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreatePageRequest,
) -> Response[PageResponse | Problem]:
    """Create a page

     Creates a page and answers 201 with it as stored and its URL in `Location`. Any signed-in user may
    (`admin`, `editor`, `author`); `author` defaults to you, and only editors and admins may name
    someone else (403).

    `status` defaults to `draft` and `published_at` to now; a `published` item with a future
    `published_at` is scheduled: anonymous readers see it from that moment. `slug` is made from the
    title when left out; a slug another page has is 409. Invalid members are 422, each named in
    `errors`.

    `parent` places the page below another page (422 when there is none with that id); its `path` is the
    parent's path and its own slug.

    Args:
        body (CreatePageRequest): A new page. `slug` comes from the title when missing.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreatePageRequest,
) -> PageResponse | Problem | None:
    """Create a page

     Creates a page and answers 201 with it as stored and its URL in `Location`. Any signed-in user may
    (`admin`, `editor`, `author`); `author` defaults to you, and only editors and admins may name
    someone else (403).

    `status` defaults to `draft` and `published_at` to now; a `published` item with a future
    `published_at` is scheduled: anonymous readers see it from that moment. `slug` is made from the
    title when left out; a slug another page has is 409. Invalid members are 422, each named in
    `errors`.

    `parent` places the page below another page (422 when there is none with that id); its `path` is the
    parent's path and its own slug.

    Args:
        body (CreatePageRequest): A new page. `slug` comes from the title when missing.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreatePageRequest,
) -> Response[PageResponse | Problem]:
    """Create a page

     Creates a page and answers 201 with it as stored and its URL in `Location`. Any signed-in user may
    (`admin`, `editor`, `author`); `author` defaults to you, and only editors and admins may name
    someone else (403).

    `status` defaults to `draft` and `published_at` to now; a `published` item with a future
    `published_at` is scheduled: anonymous readers see it from that moment. `slug` is made from the
    title when left out; a slug another page has is 409. Invalid members are 422, each named in
    `errors`.

    `parent` places the page below another page (422 when there is none with that id); its `path` is the
    parent's path and its own slug.

    Args:
        body (CreatePageRequest): A new page. `slug` comes from the title when missing.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreatePageRequest,
) -> PageResponse | Problem | None:
    """Create a page

     Creates a page and answers 201 with it as stored and its URL in `Location`. Any signed-in user may
    (`admin`, `editor`, `author`); `author` defaults to you, and only editors and admins may name
    someone else (403).

    `status` defaults to `draft` and `published_at` to now; a `published` item with a future
    `published_at` is scheduled: anonymous readers see it from that moment. `slug` is made from the
    title when left out; a slug another page has is 409. Invalid members are 422, each named in
    `errors`.

    `parent` places the page below another page (422 when there is none with that id); its `path` is the
    parent's path and its own slug.

    Args:
        body (CreatePageRequest): A new page. `slug` comes from the title when missing.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
