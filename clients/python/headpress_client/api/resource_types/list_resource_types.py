from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_resource_types_count import ListResourceTypesCount
from ...models.list_resource_types_order import ListResourceTypesOrder
from ...models.list_resource_types_orderby import ListResourceTypesOrderby
from ...models.problem import Problem
from ...models.term_list import TermList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListResourceTypesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    orderby: ListResourceTypesOrderby | Unset = UNSET,
    order: ListResourceTypesOrder | Unset = UNSET,
    parent: int | Unset = UNSET,
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

    params["slug"] = slug

    json_orderby: str | Unset = UNSET
    if not isinstance(orderby, Unset):
        json_orderby = orderby.value

    params["orderby"] = json_orderby

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["parent"] = parent

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/resource-types",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | TermList | None:
    if response.status_code == 200:
        response_200 = TermList.from_dict(response.json())

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
) -> Response[Any | Problem | TermList]:
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
    count: ListResourceTypesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    orderby: ListResourceTypesOrderby | Unset = UNSET,
    order: ListResourceTypesOrder | Unset = UNSET,
    parent: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | TermList]:
    """List resource types

     Returns a page of resource types in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by name unless `orderby` says otherwise. Each carries `count`, how many items an anonymous
    reader can see with it, split by kind in `count_by_kind`.

    Anyone may read them. `parent` lists one level of the tree (`0`: the top level); `search` matches
    part of the name, `slug` takes comma-separated slugs. Page with `page` and `per_page`, or with
    `cursor` (kept with the same `orderby` and `order`); `count=none` leaves the total out.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListResourceTypesCount | Unset):
        search (str | Unset):
        slug (str | Unset):
        orderby (ListResourceTypesOrderby | Unset): What a term list is sorted by: `name`, `slug`
            or `id`.
        order (ListResourceTypesOrder | Unset):
        parent (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | TermList]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        search=search,
        slug=slug,
        orderby=orderby,
        order=order,
        parent=parent,
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
    count: ListResourceTypesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    orderby: ListResourceTypesOrderby | Unset = UNSET,
    order: ListResourceTypesOrder | Unset = UNSET,
    parent: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | TermList | None:
    """List resource types

     Returns a page of resource types in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by name unless `orderby` says otherwise. Each carries `count`, how many items an anonymous
    reader can see with it, split by kind in `count_by_kind`.

    Anyone may read them. `parent` lists one level of the tree (`0`: the top level); `search` matches
    part of the name, `slug` takes comma-separated slugs. Page with `page` and `per_page`, or with
    `cursor` (kept with the same `orderby` and `order`); `count=none` leaves the total out.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListResourceTypesCount | Unset):
        search (str | Unset):
        slug (str | Unset):
        orderby (ListResourceTypesOrderby | Unset): What a term list is sorted by: `name`, `slug`
            or `id`.
        order (ListResourceTypesOrder | Unset):
        parent (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | TermList
    """

    return sync_detailed(
        client=client,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        search=search,
        slug=slug,
        orderby=orderby,
        order=order,
        parent=parent,
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
    count: ListResourceTypesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    orderby: ListResourceTypesOrderby | Unset = UNSET,
    order: ListResourceTypesOrder | Unset = UNSET,
    parent: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | Problem | TermList]:
    """List resource types

     Returns a page of resource types in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by name unless `orderby` says otherwise. Each carries `count`, how many items an anonymous
    reader can see with it, split by kind in `count_by_kind`.

    Anyone may read them. `parent` lists one level of the tree (`0`: the top level); `search` matches
    part of the name, `slug` takes comma-separated slugs. Page with `page` and `per_page`, or with
    `cursor` (kept with the same `orderby` and `order`); `count=none` leaves the total out.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListResourceTypesCount | Unset):
        search (str | Unset):
        slug (str | Unset):
        orderby (ListResourceTypesOrderby | Unset): What a term list is sorted by: `name`, `slug`
            or `id`.
        order (ListResourceTypesOrder | Unset):
        parent (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | TermList]
    """

    kwargs = _get_kwargs(
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        search=search,
        slug=slug,
        orderby=orderby,
        order=order,
        parent=parent,
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
    count: ListResourceTypesCount | Unset = UNSET,
    search: str | Unset = UNSET,
    slug: str | Unset = UNSET,
    orderby: ListResourceTypesOrderby | Unset = UNSET,
    order: ListResourceTypesOrder | Unset = UNSET,
    parent: int | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | Problem | TermList | None:
    """List resource types

     Returns a page of resource types in a `{data, meta}` envelope with `Link` and `X-Total-Count`
    headers, by name unless `orderby` says otherwise. Each carries `count`, how many items an anonymous
    reader can see with it, split by kind in `count_by_kind`.

    Anyone may read them. `parent` lists one level of the tree (`0`: the top level); `search` matches
    part of the name, `slug` takes comma-separated slugs. Page with `page` and `per_page`, or with
    `cursor` (kept with the same `orderby` and `order`); `count=none` leaves the total out.

    Args:
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListResourceTypesCount | Unset):
        search (str | Unset):
        slug (str | Unset):
        orderby (ListResourceTypesOrderby | Unset): What a term list is sorted by: `name`, `slug`
            or `id`.
        order (ListResourceTypesOrder | Unset):
        parent (int | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | TermList
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            per_page=per_page,
            cursor=cursor,
            count=count,
            search=search,
            slug=slug,
            orderby=orderby,
            order=order,
            parent=parent,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
