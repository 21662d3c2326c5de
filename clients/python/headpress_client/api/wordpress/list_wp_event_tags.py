from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.wp_error import WpError
from ...models.wp_term import WpTerm
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    search: str | Unset = UNSET,
    include: str | Unset = UNSET,
    exclude: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    order: str | Unset = UNSET,
    field_fields: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    hide_empty: bool | Unset = UNSET,
    parent: int | Unset = UNSET,
    post: str | Unset = UNSET,
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

    params["page"] = page

    params["per_page"] = per_page

    params["offset"] = offset

    params["search"] = search

    params["include"] = include

    params["exclude"] = exclude

    params["slug"] = slug

    params["order"] = order

    params["_fields"] = field_fields

    params["orderby"] = orderby

    params["hide_empty"] = hide_empty

    params["parent"] = parent

    params["post"] = post

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/wp-json/wp/v2/events_tags",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | WpError | list[WpTerm] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = WpTerm.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = WpError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = WpError.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = WpError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = WpError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = WpError.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | WpError | list[WpTerm]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    search: str | Unset = UNSET,
    include: str | Unset = UNSET,
    exclude: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    order: str | Unset = UNSET,
    field_fields: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    hide_empty: bool | Unset = UNSET,
    parent: int | Unset = UNSET,
    post: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | WpError | list[WpTerm]]:
    """List event tags (WordPress)

     WordPress's `GET /wp/v2/events_tags`, with `hide_empty`, `parent` and `post`.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        offset (int | Unset):
        search (str | Unset):
        include (str | Unset):
        exclude (str | Unset):
        slug (str | Unset):
        order (str | Unset):
        field_fields (str | Unset):
        orderby (str | Unset):
        hide_empty (bool | Unset):
        parent (int | Unset):
        post (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | WpError | list[WpTerm]]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        offset=offset,
        search=search,
        include=include,
        exclude=exclude,
        slug=slug,
        order=order,
        field_fields=field_fields,
        orderby=orderby,
        hide_empty=hide_empty,
        parent=parent,
        post=post,
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
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    search: str | Unset = UNSET,
    include: str | Unset = UNSET,
    exclude: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    order: str | Unset = UNSET,
    field_fields: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    hide_empty: bool | Unset = UNSET,
    parent: int | Unset = UNSET,
    post: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | WpError | list[WpTerm] | None:
    """List event tags (WordPress)

     WordPress's `GET /wp/v2/events_tags`, with `hide_empty`, `parent` and `post`.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        offset (int | Unset):
        search (str | Unset):
        include (str | Unset):
        exclude (str | Unset):
        slug (str | Unset):
        order (str | Unset):
        field_fields (str | Unset):
        orderby (str | Unset):
        hide_empty (bool | Unset):
        parent (int | Unset):
        post (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | WpError | list[WpTerm]
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        offset=offset,
        search=search,
        include=include,
        exclude=exclude,
        slug=slug,
        order=order,
        field_fields=field_fields,
        orderby=orderby,
        hide_empty=hide_empty,
        parent=parent,
        post=post,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    search: str | Unset = UNSET,
    include: str | Unset = UNSET,
    exclude: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    order: str | Unset = UNSET,
    field_fields: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    hide_empty: bool | Unset = UNSET,
    parent: int | Unset = UNSET,
    post: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | WpError | list[WpTerm]]:
    """List event tags (WordPress)

     WordPress's `GET /wp/v2/events_tags`, with `hide_empty`, `parent` and `post`.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        offset (int | Unset):
        search (str | Unset):
        include (str | Unset):
        exclude (str | Unset):
        slug (str | Unset):
        order (str | Unset):
        field_fields (str | Unset):
        orderby (str | Unset):
        hide_empty (bool | Unset):
        parent (int | Unset):
        post (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | WpError | list[WpTerm]]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        offset=offset,
        search=search,
        include=include,
        exclude=exclude,
        slug=slug,
        order=order,
        field_fields=field_fields,
        orderby=orderby,
        hide_empty=hide_empty,
        parent=parent,
        post=post,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    search: str | Unset = UNSET,
    include: str | Unset = UNSET,
    exclude: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    order: str | Unset = UNSET,
    field_fields: str | Unset = UNSET,
    orderby: str | Unset = UNSET,
    hide_empty: bool | Unset = UNSET,
    parent: int | Unset = UNSET,
    post: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | WpError | list[WpTerm] | None:
    """List event tags (WordPress)

     WordPress's `GET /wp/v2/events_tags`, with `hide_empty`, `parent` and `post`.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        offset (int | Unset):
        search (str | Unset):
        include (str | Unset):
        exclude (str | Unset):
        slug (str | Unset):
        order (str | Unset):
        field_fields (str | Unset):
        orderby (str | Unset):
        hide_empty (bool | Unset):
        parent (int | Unset):
        post (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | WpError | list[WpTerm]
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            offset=offset,
            search=search,
            include=include,
            exclude=exclude,
            slug=slug,
            order=order,
            field_fields=field_fields,
            orderby=orderby,
            hide_empty=hide_empty,
            parent=parent,
            post=post,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
