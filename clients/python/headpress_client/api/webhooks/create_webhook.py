from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_webhook_request import CreateWebhookRequest
from ...models.created_webhook_response import CreatedWebhookResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CreateWebhookRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatedWebhookResponse | Problem | None:
    if response.status_code == 201:
        response_201 = CreatedWebhookResponse.from_dict(response.json())

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
) -> Response[CreatedWebhookResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateWebhookRequest,
) -> Response[CreatedWebhookResponse | Problem]:
    """Create a webhook

     Subscribes a URL to changes of content and answers 201 with the subscription and its
    signing `secret`, shown this once. Deliveries are POSTed as JSON (`{"type":
    "post.updated", "timestamp", "data": {"kind", "id", "slug", "action", "public",
    "cursor", "item"}}`, `item` being the item as the subscription may see it now, or null)
    with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
    `webhook-signature`, so receivers verify them with an existing library. Each change is
    queued in the transaction that made it, sent at least once and in order per item, and
    a burst of saves of one item within `--webhook-coalesce-ms` makes one delivery. A failed
    delivery is tried again with exponential backoff and jitter over about a day
    (`--webhook-retry-schedule`); after the last attempt the webhook is disabled, saying why.
    Redirects are not followed. Administrators only (403).

    Args:
        body (CreateWebhookRequest): What a webhook is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedWebhookResponse | Problem]
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
    body: CreateWebhookRequest,
) -> CreatedWebhookResponse | Problem | None:
    """Create a webhook

     Subscribes a URL to changes of content and answers 201 with the subscription and its
    signing `secret`, shown this once. Deliveries are POSTed as JSON (`{"type":
    "post.updated", "timestamp", "data": {"kind", "id", "slug", "action", "public",
    "cursor", "item"}}`, `item` being the item as the subscription may see it now, or null)
    with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
    `webhook-signature`, so receivers verify them with an existing library. Each change is
    queued in the transaction that made it, sent at least once and in order per item, and
    a burst of saves of one item within `--webhook-coalesce-ms` makes one delivery. A failed
    delivery is tried again with exponential backoff and jitter over about a day
    (`--webhook-retry-schedule`); after the last attempt the webhook is disabled, saying why.
    Redirects are not followed. Administrators only (403).

    Args:
        body (CreateWebhookRequest): What a webhook is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedWebhookResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateWebhookRequest,
) -> Response[CreatedWebhookResponse | Problem]:
    """Create a webhook

     Subscribes a URL to changes of content and answers 201 with the subscription and its
    signing `secret`, shown this once. Deliveries are POSTed as JSON (`{"type":
    "post.updated", "timestamp", "data": {"kind", "id", "slug", "action", "public",
    "cursor", "item"}}`, `item` being the item as the subscription may see it now, or null)
    with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
    `webhook-signature`, so receivers verify them with an existing library. Each change is
    queued in the transaction that made it, sent at least once and in order per item, and
    a burst of saves of one item within `--webhook-coalesce-ms` makes one delivery. A failed
    delivery is tried again with exponential backoff and jitter over about a day
    (`--webhook-retry-schedule`); after the last attempt the webhook is disabled, saying why.
    Redirects are not followed. Administrators only (403).

    Args:
        body (CreateWebhookRequest): What a webhook is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedWebhookResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateWebhookRequest,
) -> CreatedWebhookResponse | Problem | None:
    """Create a webhook

     Subscribes a URL to changes of content and answers 201 with the subscription and its
    signing `secret`, shown this once. Deliveries are POSTed as JSON (`{"type":
    "post.updated", "timestamp", "data": {"kind", "id", "slug", "action", "public",
    "cursor", "item"}}`, `item` being the item as the subscription may see it now, or null)
    with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
    `webhook-signature`, so receivers verify them with an existing library. Each change is
    queued in the transaction that made it, sent at least once and in order per item, and
    a burst of saves of one item within `--webhook-coalesce-ms` makes one delivery. A failed
    delivery is tried again with exponential backoff and jitter over about a day
    (`--webhook-retry-schedule`); after the last attempt the webhook is disabled, saying why.
    Redirects are not followed. Administrators only (403).

    Args:
        body (CreateWebhookRequest): What a webhook is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedWebhookResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
