from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_api_token_request import CreateApiTokenRequest
from ...models.created_api_token_response import CreatedApiTokenResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CreateApiTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/tokens",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatedApiTokenResponse | Problem | None:
    if response.status_code == 201:
        response_201 = CreatedApiTokenResponse.from_dict(response.json())

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
) -> Response[CreatedApiTokenResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateApiTokenRequest,
) -> Response[CreatedApiTokenResponse | Problem]:
    """Create an API token

     Makes a named, long-lived token for a build server or a service and answers 201 with
    it, its `token` shown this once only (only a hash is kept). The token acts for its user
    (yourself, or for administrators any user named by `user_id`), whose role still applies,
    and only within its `scopes`; without `read:drafts` it reads what anonymous readers
    read. Deleting it stops it at once, on every node. Needs a person signed in with a
    password (403 for an API token).

    Args:
        body (CreateApiTokenRequest): What an API token is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedApiTokenResponse | Problem]
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
    body: CreateApiTokenRequest,
) -> CreatedApiTokenResponse | Problem | None:
    """Create an API token

     Makes a named, long-lived token for a build server or a service and answers 201 with
    it, its `token` shown this once only (only a hash is kept). The token acts for its user
    (yourself, or for administrators any user named by `user_id`), whose role still applies,
    and only within its `scopes`; without `read:drafts` it reads what anonymous readers
    read. Deleting it stops it at once, on every node. Needs a person signed in with a
    password (403 for an API token).

    Args:
        body (CreateApiTokenRequest): What an API token is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedApiTokenResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateApiTokenRequest,
) -> Response[CreatedApiTokenResponse | Problem]:
    """Create an API token

     Makes a named, long-lived token for a build server or a service and answers 201 with
    it, its `token` shown this once only (only a hash is kept). The token acts for its user
    (yourself, or for administrators any user named by `user_id`), whose role still applies,
    and only within its `scopes`; without `read:drafts` it reads what anonymous readers
    read. Deleting it stops it at once, on every node. Needs a person signed in with a
    password (403 for an API token).

    Args:
        body (CreateApiTokenRequest): What an API token is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedApiTokenResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateApiTokenRequest,
) -> CreatedApiTokenResponse | Problem | None:
    """Create an API token

     Makes a named, long-lived token for a build server or a service and answers 201 with
    it, its `token` shown this once only (only a hash is kept). The token acts for its user
    (yourself, or for administrators any user named by `user_id`), whose role still applies,
    and only within its `scopes`; without `read:drafts` it reads what anonymous readers
    read. Deleting it stops it at once, on every node. Needs a person signed in with a
    password (403 for an API token).

    Args:
        body (CreateApiTokenRequest): What an API token is made with.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedApiTokenResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
