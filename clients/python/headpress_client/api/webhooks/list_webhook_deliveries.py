from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_list import DeliveryList
from ...models.list_webhook_deliveries_count import ListWebhookDeliveriesCount
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListWebhookDeliveriesCount | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/webhooks/{id}/deliveries".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | DeliveryList | Problem | None:
    if response.status_code == 200:
        response_200 = DeliveryList.from_dict(response.json())

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

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Any | DeliveryList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListWebhookDeliveriesCount | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | DeliveryList | Problem]:
    """List a webhook's deliveries

     The deliveries of a webhook, newest first: event, status, attempts, the receiver's
    last status code, how long it took, why it failed and when it is next tried.
    Administrators only (403). Paged by number only.

    Args:
        id (int):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListWebhookDeliveriesCount | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DeliveryList | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListWebhookDeliveriesCount | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | DeliveryList | Problem | None:
    """List a webhook's deliveries

     The deliveries of a webhook, newest first: event, status, attempts, the receiver's
    last status code, how long it took, why it failed and when it is next tried.
    Administrators only (403). Paged by number only.

    Args:
        id (int):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListWebhookDeliveriesCount | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DeliveryList | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListWebhookDeliveriesCount | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | DeliveryList | Problem]:
    """List a webhook's deliveries

     The deliveries of a webhook, newest first: event, status, attempts, the receiver's
    last status code, how long it took, why it failed and when it is next tried.
    Administrators only (403). Paged by number only.

    Args:
        id (int):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListWebhookDeliveriesCount | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DeliveryList | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListWebhookDeliveriesCount | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | DeliveryList | Problem | None:
    """List a webhook's deliveries

     The deliveries of a webhook, newest first: event, status, attempts, the receiver's
    last status code, how long it took, why it failed and when it is next tried.
    Administrators only (403). Paged by number only.

    Args:
        id (int):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListWebhookDeliveriesCount | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DeliveryList | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            page=page,
            per_page=per_page,
            cursor=cursor,
            count=count,
            if_none_match=if_none_match,
        )
    ).parsed
