from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_embed_response import OEmbedResponse
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    url_query: str,
    format_: str | Unset = UNSET,
    maxwidth: int | Unset = UNSET,
    maxheight: int | Unset = UNSET,
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

    params["url"] = url_query

    params["format"] = format_

    params["maxwidth"] = maxwidth

    params["maxheight"] = maxheight

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/oembed",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | OEmbedResponse | Problem | None:
    if response.status_code == 200:
        response_200 = OEmbedResponse.from_dict(response.json())

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

    if response.status_code == 501:
        response_501 = Problem.from_dict(response.json())

        return response_501

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | OEmbedResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = UNSET,
    maxwidth: int | Unset = UNSET,
    maxheight: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | OEmbedResponse | Problem]:
    """Get oEmbed for an item's link

     The oEmbed 1.0 endpoint for the `link` of a published post, resource or event: a
    `rich` answer whose `html` is an iframe of the item's embed card
    (`/embed/{collection}/{id}`), at most 480 by 360 pixels. Anyone may ask, and only
    public items are found.

    A URL that names no published post, resource or event is 404; a `format` other than
    `json` or `xml` is 501, as oEmbed says.

    Args:
        url_query (str):
        format_ (str | Unset):
        maxwidth (int | Unset):
        maxheight (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OEmbedResponse | Problem]
    """

    kwargs = _get_kwargs(
        url_query=url_query,
        format_=format_,
        maxwidth=maxwidth,
        maxheight=maxheight,
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
    url_query: str,
    format_: str | Unset = UNSET,
    maxwidth: int | Unset = UNSET,
    maxheight: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | OEmbedResponse | Problem | None:
    """Get oEmbed for an item's link

     The oEmbed 1.0 endpoint for the `link` of a published post, resource or event: a
    `rich` answer whose `html` is an iframe of the item's embed card
    (`/embed/{collection}/{id}`), at most 480 by 360 pixels. Anyone may ask, and only
    public items are found.

    A URL that names no published post, resource or event is 404; a `format` other than
    `json` or `xml` is 501, as oEmbed says.

    Args:
        url_query (str):
        format_ (str | Unset):
        maxwidth (int | Unset):
        maxheight (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OEmbedResponse | Problem
    """

    return sync_detailed(
        client=client,
        url_query=url_query,
        format_=format_,
        maxwidth=maxwidth,
        maxheight=maxheight,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = UNSET,
    maxwidth: int | Unset = UNSET,
    maxheight: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | OEmbedResponse | Problem]:
    """Get oEmbed for an item's link

     The oEmbed 1.0 endpoint for the `link` of a published post, resource or event: a
    `rich` answer whose `html` is an iframe of the item's embed card
    (`/embed/{collection}/{id}`), at most 480 by 360 pixels. Anyone may ask, and only
    public items are found.

    A URL that names no published post, resource or event is 404; a `format` other than
    `json` or `xml` is 501, as oEmbed says.

    Args:
        url_query (str):
        format_ (str | Unset):
        maxwidth (int | Unset):
        maxheight (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OEmbedResponse | Problem]
    """

    kwargs = _get_kwargs(
        url_query=url_query,
        format_=format_,
        maxwidth=maxwidth,
        maxheight=maxheight,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    url_query: str,
    format_: str | Unset = UNSET,
    maxwidth: int | Unset = UNSET,
    maxheight: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | OEmbedResponse | Problem | None:
    """Get oEmbed for an item's link

     The oEmbed 1.0 endpoint for the `link` of a published post, resource or event: a
    `rich` answer whose `html` is an iframe of the item's embed card
    (`/embed/{collection}/{id}`), at most 480 by 360 pixels. Anyone may ask, and only
    public items are found.

    A URL that names no published post, resource or event is 404; a `format` other than
    `json` or `xml` is 501, as oEmbed says.

    Args:
        url_query (str):
        format_ (str | Unset):
        maxwidth (int | Unset):
        maxheight (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OEmbedResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            url_query=url_query,
            format_=format_,
            maxwidth=maxwidth,
            maxheight=maxheight,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
