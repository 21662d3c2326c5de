from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_partial import PagePartial
from ...models.page_response import PageResponse
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
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

    params["fields"] = fields

    params["include"] = include

    params["resolve_blocks"] = resolve_blocks

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/pages/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | PagePartial | PageResponse | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> PagePartial | PageResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = PageResponse.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = PagePartial.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Any | PagePartial | PageResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | PagePartial | PageResponse | Problem]:
    """Get a page

     Returns the page with this id. Anonymous readers get it only when it is `published` and its
    `published_at` has come; editors and admins see every status, authors also their own items in any
    status. Anything you may not see is 404.

    `fields` keeps only the named top-level members; `include` embeds related objects in `embedded`. The
    answer has a strong `ETag`: a matching `If-None-Match` gets 304 with no body.

    A page under a page you cannot see (a draft, scheduled or trashed section) is 404 too: its `path`,
    `link` and `parent` would name that page.

    Args:
        id (int):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PagePartial | PageResponse | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        fields=fields,
        include=include,
        resolve_blocks=resolve_blocks,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | PagePartial | PageResponse | Problem | None:
    """Get a page

     Returns the page with this id. Anonymous readers get it only when it is `published` and its
    `published_at` has come; editors and admins see every status, authors also their own items in any
    status. Anything you may not see is 404.

    `fields` keeps only the named top-level members; `include` embeds related objects in `embedded`. The
    answer has a strong `ETag`: a matching `If-None-Match` gets 304 with no body.

    A page under a page you cannot see (a draft, scheduled or trashed section) is 404 too: its `path`,
    `link` and `parent` would name that page.

    Args:
        id (int):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PagePartial | PageResponse | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        fields=fields,
        include=include,
        resolve_blocks=resolve_blocks,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | PagePartial | PageResponse | Problem]:
    """Get a page

     Returns the page with this id. Anonymous readers get it only when it is `published` and its
    `published_at` has come; editors and admins see every status, authors also their own items in any
    status. Anything you may not see is 404.

    `fields` keeps only the named top-level members; `include` embeds related objects in `embedded`. The
    answer has a strong `ETag`: a matching `If-None-Match` gets 304 with no body.

    A page under a page you cannot see (a draft, scheduled or trashed section) is 404 too: its `path`,
    `link` and `parent` would name that page.

    Args:
        id (int):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PagePartial | PageResponse | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        fields=fields,
        include=include,
        resolve_blocks=resolve_blocks,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | PagePartial | PageResponse | Problem | None:
    """Get a page

     Returns the page with this id. Anonymous readers get it only when it is `published` and its
    `published_at` has come; editors and admins see every status, authors also their own items in any
    status. Anything you may not see is 404.

    `fields` keeps only the named top-level members; `include` embeds related objects in `embedded`. The
    answer has a strong `ETag`: a matching `If-None-Match` gets 304 with no body.

    A page under a page you cannot see (a draft, scheduled or trashed section) is 404 too: its `path`,
    `link` and `parent` would name that page.

    Args:
        id (int):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PagePartial | PageResponse | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            fields=fields,
            include=include,
            resolve_blocks=resolve_blocks,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
