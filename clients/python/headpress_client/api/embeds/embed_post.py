from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.embed_post_theme import EmbedPostTheme
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    theme: EmbedPostTheme | Unset = UNSET,
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

    json_theme: str | Unset = UNSET
    if not isinstance(theme, Unset):
        json_theme = theme.value

    params["theme"] = json_theme

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/embed/posts/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | str]:
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
    theme: EmbedPostTheme | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | str]:
    """Get a post's embed card

     Returns a published post as a self-contained HTML card for an iframe: title, date,
    categories and tags, excerpt and a link to it on the site. Anyone may ask; an item that
    is not public is 404.

    Args:
        id (int):
        theme (EmbedPostTheme | Unset): How a card looks: `light` (the default) or `dark`.
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | str]
    """

    kwargs = _get_kwargs(
        id=id,
        theme=theme,
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
    theme: EmbedPostTheme | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | str | None:
    """Get a post's embed card

     Returns a published post as a self-contained HTML card for an iframe: title, date,
    categories and tags, excerpt and a link to it on the site. Anyone may ask; an item that
    is not public is 404.

    Args:
        id (int):
        theme (EmbedPostTheme | Unset): How a card looks: `light` (the default) or `dark`.
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | str
    """

    return sync_detailed(
        id=id,
        client=client,
        theme=theme,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    theme: EmbedPostTheme | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | str]:
    """Get a post's embed card

     Returns a published post as a self-contained HTML card for an iframe: title, date,
    categories and tags, excerpt and a link to it on the site. Anyone may ask; an item that
    is not public is 404.

    Args:
        id (int):
        theme (EmbedPostTheme | Unset): How a card looks: `light` (the default) or `dark`.
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | str]
    """

    kwargs = _get_kwargs(
        id=id,
        theme=theme,
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
    theme: EmbedPostTheme | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | str | None:
    """Get a post's embed card

     Returns a published post as a self-contained HTML card for an iframe: title, date,
    categories and tags, excerpt and a link to it on the site. Anyone may ask; an item that
    is not public is 404.

    Args:
        id (int):
        theme (EmbedPostTheme | Unset): How a card looks: `light` (the default) or `dark`.
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | str
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            theme=theme,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
