import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_pages_count import ListPagesCount
from ...models.list_pages_order import ListPagesOrder
from ...models.page_list import PageList
from ...models.page_partial_list import PagePartialList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListPagesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    order: ListPagesOrder | Unset = UNSET,
    slug: str | Unset = UNSET,
    author: str | Unset = UNSET,
    published_after: datetime.datetime | Unset = UNSET,
    published_before: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    path: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    orderby: str | Unset = UNSET,
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

    params["cursor"] = cursor

    json_count: str | Unset = UNSET
    if not isinstance(count, Unset):
        json_count = count.value

    params["count"] = json_count

    params["search"] = search

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["slug"] = slug

    params["author"] = author

    json_published_after: str | Unset = UNSET
    if not isinstance(published_after, Unset):
        json_published_after = published_after.isoformat()
    params["published_after"] = json_published_after

    json_published_before: str | Unset = UNSET
    if not isinstance(published_before, Unset):
        json_published_before = published_before.isoformat()
    params["published_before"] = json_published_before

    params["status"] = status

    params["fields"] = fields

    params["include"] = include

    params["resolve_blocks"] = resolve_blocks

    params["path"] = path

    params["parent"] = parent

    params["orderby"] = orderby

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/pages",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | PageList | PagePartialList | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> PageList | PagePartialList:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = PageList.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = PagePartialList.from_dict(data)

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
) -> Response[Any | PageList | PagePartialList | Problem]:
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
    cursor: str | Unset = UNSET,
    count: ListPagesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    order: ListPagesOrder | Unset = UNSET,
    slug: str | Unset = UNSET,
    author: str | Unset = UNSET,
    published_after: datetime.datetime | Unset = UNSET,
    published_before: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    path: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    orderby: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | PageList | PagePartialList | Problem]:
    """List pages

     Returns a page of pages in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by `menu_order` (lowest first) unless `orderby` says otherwise. `path` finds
    the page at a full path (`about/team`); `parent` lists a page's children (`0`: the top
    of the tree). A page under a page the reader cannot see (a draft, scheduled or trashed
    section) is hidden with it: its `path`, `link` and `parent` would name that page.

    Anonymous readers, and everyone who names no `status`, get items that are `published`
    and whose `published_at` has come. With `status` (which needs a token) editors and
    admins get items in those statuses, authors their own items in them and what is public.
    Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
    `cursor` from `meta.next_cursor`; `count=none` leaves the total out.

    `fields` keeps only the named members, `include` embeds related objects, and
    `field.NAME=value` filters on a custom field. A bad value is 400 naming the parameter.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListPagesCount | Unset):
        search (str | Unset):
        order (ListPagesOrder | Unset):
        slug (str | Unset):
        author (str | Unset):
        published_after (datetime.datetime | Unset):
        published_before (datetime.datetime | Unset):
        status (str | Unset):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        path (str | Unset):
        parent (int | Unset):
        orderby (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PageList | PagePartialList | Problem]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        search=search,
        order=order,
        slug=slug,
        author=author,
        published_after=published_after,
        published_before=published_before,
        status=status,
        fields=fields,
        include=include,
        resolve_blocks=resolve_blocks,
        path=path,
        parent=parent,
        orderby=orderby,
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
    cursor: str | Unset = UNSET,
    count: ListPagesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    order: ListPagesOrder | Unset = UNSET,
    slug: str | Unset = UNSET,
    author: str | Unset = UNSET,
    published_after: datetime.datetime | Unset = UNSET,
    published_before: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    path: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    orderby: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | PageList | PagePartialList | Problem | None:
    """List pages

     Returns a page of pages in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by `menu_order` (lowest first) unless `orderby` says otherwise. `path` finds
    the page at a full path (`about/team`); `parent` lists a page's children (`0`: the top
    of the tree). A page under a page the reader cannot see (a draft, scheduled or trashed
    section) is hidden with it: its `path`, `link` and `parent` would name that page.

    Anonymous readers, and everyone who names no `status`, get items that are `published`
    and whose `published_at` has come. With `status` (which needs a token) editors and
    admins get items in those statuses, authors their own items in them and what is public.
    Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
    `cursor` from `meta.next_cursor`; `count=none` leaves the total out.

    `fields` keeps only the named members, `include` embeds related objects, and
    `field.NAME=value` filters on a custom field. A bad value is 400 naming the parameter.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListPagesCount | Unset):
        search (str | Unset):
        order (ListPagesOrder | Unset):
        slug (str | Unset):
        author (str | Unset):
        published_after (datetime.datetime | Unset):
        published_before (datetime.datetime | Unset):
        status (str | Unset):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        path (str | Unset):
        parent (int | Unset):
        orderby (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PageList | PagePartialList | Problem
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        search=search,
        order=order,
        slug=slug,
        author=author,
        published_after=published_after,
        published_before=published_before,
        status=status,
        fields=fields,
        include=include,
        resolve_blocks=resolve_blocks,
        path=path,
        parent=parent,
        orderby=orderby,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListPagesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    order: ListPagesOrder | Unset = UNSET,
    slug: str | Unset = UNSET,
    author: str | Unset = UNSET,
    published_after: datetime.datetime | Unset = UNSET,
    published_before: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    path: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    orderby: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | PageList | PagePartialList | Problem]:
    """List pages

     Returns a page of pages in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by `menu_order` (lowest first) unless `orderby` says otherwise. `path` finds
    the page at a full path (`about/team`); `parent` lists a page's children (`0`: the top
    of the tree). A page under a page the reader cannot see (a draft, scheduled or trashed
    section) is hidden with it: its `path`, `link` and `parent` would name that page.

    Anonymous readers, and everyone who names no `status`, get items that are `published`
    and whose `published_at` has come. With `status` (which needs a token) editors and
    admins get items in those statuses, authors their own items in them and what is public.
    Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
    `cursor` from `meta.next_cursor`; `count=none` leaves the total out.

    `fields` keeps only the named members, `include` embeds related objects, and
    `field.NAME=value` filters on a custom field. A bad value is 400 naming the parameter.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListPagesCount | Unset):
        search (str | Unset):
        order (ListPagesOrder | Unset):
        slug (str | Unset):
        author (str | Unset):
        published_after (datetime.datetime | Unset):
        published_before (datetime.datetime | Unset):
        status (str | Unset):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        path (str | Unset):
        parent (int | Unset):
        orderby (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | PageList | PagePartialList | Problem]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        search=search,
        order=order,
        slug=slug,
        author=author,
        published_after=published_after,
        published_before=published_before,
        status=status,
        fields=fields,
        include=include,
        resolve_blocks=resolve_blocks,
        path=path,
        parent=parent,
        orderby=orderby,
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
    cursor: str | Unset = UNSET,
    count: ListPagesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    order: ListPagesOrder | Unset = UNSET,
    slug: str | Unset = UNSET,
    author: str | Unset = UNSET,
    published_after: datetime.datetime | Unset = UNSET,
    published_before: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    fields: str | Unset = UNSET,
    include: str | Unset = UNSET,
    resolve_blocks: bool | Unset = UNSET,
    path: str | Unset = UNSET,
    parent: int | Unset = UNSET,
    orderby: str | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | PageList | PagePartialList | Problem | None:
    """List pages

     Returns a page of pages in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by `menu_order` (lowest first) unless `orderby` says otherwise. `path` finds
    the page at a full path (`about/team`); `parent` lists a page's children (`0`: the top
    of the tree). A page under a page the reader cannot see (a draft, scheduled or trashed
    section) is hidden with it: its `path`, `link` and `parent` would name that page.

    Anonymous readers, and everyone who names no `status`, get items that are `published`
    and whose `published_at` has come. With `status` (which needs a token) editors and
    admins get items in those statuses, authors their own items in them and what is public.
    Page with `page` and `per_page` (20 by default, at most 100), or with the opaque
    `cursor` from `meta.next_cursor`; `count=none` leaves the total out.

    `fields` keeps only the named members, `include` embeds related objects, and
    `field.NAME=value` filters on a custom field. A bad value is 400 naming the parameter.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListPagesCount | Unset):
        search (str | Unset):
        order (ListPagesOrder | Unset):
        slug (str | Unset):
        author (str | Unset):
        published_after (datetime.datetime | Unset):
        published_before (datetime.datetime | Unset):
        status (str | Unset):
        fields (str | Unset):
        include (str | Unset):
        resolve_blocks (bool | Unset):
        path (str | Unset):
        parent (int | Unset):
        orderby (str | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | PageList | PagePartialList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            cursor=cursor,
            count=count,
            search=search,
            order=order,
            slug=slug,
            author=author,
            published_after=published_after,
            published_before=published_before,
            status=status,
            fields=fields,
            include=include,
            resolve_blocks=resolve_blocks,
            path=path,
            parent=parent,
            orderby=orderby,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
