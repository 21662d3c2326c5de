from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_response import EventResponse
from ...models.problem import Problem
from ...models.update_event_request import UpdateEventRequest
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: UpdateEventRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/events/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventResponse | Problem | None:
    if response.status_code == 200:
        response_200 = EventResponse.from_dict(response.json())

        return response_200

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
) -> Response[EventResponse | Problem]:
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
    body: UpdateEventRequest,
) -> Response[EventResponse | Problem]:
    """Update an event

     Changes the members sent (those left out stay as they are) and answers with the event as stored.
    Editors and admins may change any event, authors only their own (403); one you may not see is 404.

    Setting `status` to `published` with no `published_at` stamps the current time, unless the item
    already holds a future date (a schedule). A slug another event has is 409; invalid members are 422.
    A change to the shared members, the author or the terms is kept as a revision. An item synced from
    WordPress is 409 until an administrator detaches it (`POST /api/v1/sync/wordpress/detach`).

    Schedule members sent are checked together with the stored ones, as on create. `ends_at`, `rrule`,
    `venue`, `organizer` and `featured_media` take `null` to remove them.

    Args:
        id (int):
        body (UpdateEventRequest): Changes to an event: members left out stay as they are;
            `ends_at`, `rrule`, `venue`,
            `organizer` and `featured_media` take `null` to remove them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventResponse | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: UpdateEventRequest,
) -> EventResponse | Problem | None:
    """Update an event

     Changes the members sent (those left out stay as they are) and answers with the event as stored.
    Editors and admins may change any event, authors only their own (403); one you may not see is 404.

    Setting `status` to `published` with no `published_at` stamps the current time, unless the item
    already holds a future date (a schedule). A slug another event has is 409; invalid members are 422.
    A change to the shared members, the author or the terms is kept as a revision. An item synced from
    WordPress is 409 until an administrator detaches it (`POST /api/v1/sync/wordpress/detach`).

    Schedule members sent are checked together with the stored ones, as on create. `ends_at`, `rrule`,
    `venue`, `organizer` and `featured_media` take `null` to remove them.

    Args:
        id (int):
        body (UpdateEventRequest): Changes to an event: members left out stay as they are;
            `ends_at`, `rrule`, `venue`,
            `organizer` and `featured_media` take `null` to remove them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventResponse | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: UpdateEventRequest,
) -> Response[EventResponse | Problem]:
    """Update an event

     Changes the members sent (those left out stay as they are) and answers with the event as stored.
    Editors and admins may change any event, authors only their own (403); one you may not see is 404.

    Setting `status` to `published` with no `published_at` stamps the current time, unless the item
    already holds a future date (a schedule). A slug another event has is 409; invalid members are 422.
    A change to the shared members, the author or the terms is kept as a revision. An item synced from
    WordPress is 409 until an administrator detaches it (`POST /api/v1/sync/wordpress/detach`).

    Schedule members sent are checked together with the stored ones, as on create. `ends_at`, `rrule`,
    `venue`, `organizer` and `featured_media` take `null` to remove them.

    Args:
        id (int):
        body (UpdateEventRequest): Changes to an event: members left out stay as they are;
            `ends_at`, `rrule`, `venue`,
            `organizer` and `featured_media` take `null` to remove them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventResponse | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: UpdateEventRequest,
) -> EventResponse | Problem | None:
    """Update an event

     Changes the members sent (those left out stay as they are) and answers with the event as stored.
    Editors and admins may change any event, authors only their own (403); one you may not see is 404.

    Setting `status` to `published` with no `published_at` stamps the current time, unless the item
    already holds a future date (a schedule). A slug another event has is 409; invalid members are 422.
    A change to the shared members, the author or the terms is kept as a revision. An item synced from
    WordPress is 409 until an administrator detaches it (`POST /api/v1/sync/wordpress/detach`).

    Schedule members sent are checked together with the stored ones, as on create. `ends_at`, `rrule`,
    `venue`, `organizer` and `featured_media` take `null` to remove them.

    Args:
        id (int):
        body (UpdateEventRequest): Changes to an event: members left out stay as they are;
            `ends_at`, `rrule`, `venue`,
            `organizer` and `featured_media` take `null` to remove them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventResponse | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
