from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    year: str,
    month: str,
    name: str,
    *,
    download: str | Unset = UNSET,
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

    params["download"] = download

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/uploads/{year}/{month}/{name}".format(
            year=quote(str(year), safe=""),
            month=quote(str(month), safe=""),
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

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

    if response.status_code == 416:
        response_416 = cast(Any, None)
        return response_416

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    year: str,
    month: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    download: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | File | Problem]:
    """Download a media file

     Serves a stored file with its own type, `ETag`, `Last-Modified` and range requests
    (206, or 416 for a range it cannot satisfy). The address is a media item's `url`.

    Visibility is that of the media item (404 when you may not see it). File names carry
    part of the content hash, so anonymous answers are cached for a year as immutable;
    answers to a signed-in request are `private, no-cache`.

    Args:
        year (str):
        month (str):
        name (str):
        download (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        month=month,
        name=name,
        download=download,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    year: str,
    month: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    download: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | File | Problem | None:
    """Download a media file

     Serves a stored file with its own type, `ETag`, `Last-Modified` and range requests
    (206, or 416 for a range it cannot satisfy). The address is a media item's `url`.

    Visibility is that of the media item (404 when you may not see it). File names carry
    part of the content hash, so anonymous answers are cached for a year as immutable;
    answers to a signed-in request are `private, no-cache`.

    Args:
        year (str):
        month (str):
        name (str):
        download (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
    """

    return sync_detailed(
        year=year,
        month=month,
        name=name,
        client=client,
        download=download,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    year: str,
    month: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    download: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | File | Problem]:
    """Download a media file

     Serves a stored file with its own type, `ETag`, `Last-Modified` and range requests
    (206, or 416 for a range it cannot satisfy). The address is a media item's `url`.

    Visibility is that of the media item (404 when you may not see it). File names carry
    part of the content hash, so anonymous answers are cached for a year as immutable;
    answers to a signed-in request are `private, no-cache`.

    Args:
        year (str):
        month (str):
        name (str):
        download (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        month=month,
        name=name,
        download=download,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    year: str,
    month: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
    download: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | File | Problem | None:
    """Download a media file

     Serves a stored file with its own type, `ETag`, `Last-Modified` and range requests
    (206, or 416 for a range it cannot satisfy). The address is a media item's `url`.

    Visibility is that of the media item (404 when you may not see it). File names carry
    part of the content hash, so anonymous answers are cached for a year as immutable;
    answers to a signed-in request are `private, no-cache`.

    Args:
        year (str):
        month (str):
        name (str):
        download (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
    """

    return (
        await asyncio_detailed(
            year=year,
            month=month,
            name=name,
            client=client,
            download=download,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
