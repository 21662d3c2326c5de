from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.update_user_request import UpdateUserRequest
from ...models.user_response import UserResponse
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: UpdateUserRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/users/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UserResponse | None:
    if response.status_code == 200:
        response_200 = UserResponse.from_dict(response.json())

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
) -> Response[Problem | UserResponse]:
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
    body: UpdateUserRequest,
) -> Response[Problem | UserResponse]:
    """Update a user

     Changes the members sent (the others stay as they are) and answers with the user as
    now stored. Admins may change anyone; other users only their own name, email and
    password (403 for anything else). An admin cannot take away their own admin role (409):
    another admin must. Changing your own password needs `current_password` (422 when it
    is missing or wrong). A new password or another role revokes the user's tokens at once,
    on every node, the one sent with this request included: sign in again.

    Args:
        id (int):
        body (UpdateUserRequest): Changes to a user. Users may change their own name, email and
            password; only
            administrators change roles and other users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UserResponse]
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
    body: UpdateUserRequest,
) -> Problem | UserResponse | None:
    """Update a user

     Changes the members sent (the others stay as they are) and answers with the user as
    now stored. Admins may change anyone; other users only their own name, email and
    password (403 for anything else). An admin cannot take away their own admin role (409):
    another admin must. Changing your own password needs `current_password` (422 when it
    is missing or wrong). A new password or another role revokes the user's tokens at once,
    on every node, the one sent with this request included: sign in again.

    Args:
        id (int):
        body (UpdateUserRequest): Changes to a user. Users may change their own name, email and
            password; only
            administrators change roles and other users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UserResponse
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
    body: UpdateUserRequest,
) -> Response[Problem | UserResponse]:
    """Update a user

     Changes the members sent (the others stay as they are) and answers with the user as
    now stored. Admins may change anyone; other users only their own name, email and
    password (403 for anything else). An admin cannot take away their own admin role (409):
    another admin must. Changing your own password needs `current_password` (422 when it
    is missing or wrong). A new password or another role revokes the user's tokens at once,
    on every node, the one sent with this request included: sign in again.

    Args:
        id (int):
        body (UpdateUserRequest): Changes to a user. Users may change their own name, email and
            password; only
            administrators change roles and other users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UserResponse]
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
    body: UpdateUserRequest,
) -> Problem | UserResponse | None:
    """Update a user

     Changes the members sent (the others stay as they are) and answers with the user as
    now stored. Admins may change anyone; other users only their own name, email and
    password (403 for anything else). An admin cannot take away their own admin role (409):
    another admin must. Changing your own password needs `current_password` (422 when it
    is missing or wrong). A new password or another role revokes the user's tokens at once,
    on every node, the one sent with this request included: sign in again.

    Args:
        id (int):
        body (UpdateUserRequest): Changes to a user. Users may change their own name, email and
            password; only
            administrators change roles and other users.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UserResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
