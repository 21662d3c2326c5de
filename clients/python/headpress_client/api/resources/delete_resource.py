from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.resource_response import ResourceResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    force: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/resources/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | ResourceResponse | None:
    if response.status_code == 200:
        response_200 = ResourceResponse.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Problem | ResourceResponse]:
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
    force: bool | Unset = UNSET,
) -> Response[Any | Problem | ResourceResponse]:
    """Delete a resource

     Moves the resource to the trash (`status: trash`) and answers 200 with it; it leaves the trash when
    its `status` is changed again. With `force=true` it is deleted for good, with its revisions, and the
    answer is 204. Editors and admins may delete any resource, authors only their own (403). An item
    synced from WordPress is 409 until detached: delete it in WordPress.

    Args:
        id (int):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ResourceResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        force=force,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    force: bool | Unset = UNSET,
) -> Any | Problem | ResourceResponse | None:
    """Delete a resource

     Moves the resource to the trash (`status: trash`) and answers 200 with it; it leaves the trash when
    its `status` is changed again. With `force=true` it is deleted for good, with its revisions, and the
    answer is 204. Editors and admins may delete any resource, authors only their own (403). An item
    synced from WordPress is 409 until detached: delete it in WordPress.

    Args:
        id (int):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ResourceResponse
    """

    return sync_detailed(
        id=id,
        client=client,
        force=force,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    force: bool | Unset = UNSET,
) -> Response[Any | Problem | ResourceResponse]:
    """Delete a resource

     Moves the resource to the trash (`status: trash`) and answers 200 with it; it leaves the trash when
    its `status` is changed again. With `force=true` it is deleted for good, with its revisions, and the
    answer is 204. Editors and admins may delete any resource, authors only their own (403). An item
    synced from WordPress is 409 until detached: delete it in WordPress.

    Args:
        id (int):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ResourceResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    force: bool | Unset = UNSET,
) -> Any | Problem | ResourceResponse | None:
    """Delete a resource

     Moves the resource to the trash (`status: trash`) and answers 200 with it; it leaves the trash when
    its `status` is changed again. With `force=true` it is deleted for good, with its revisions, and the
    answer is 204. Editors and admins may delete any resource, authors only their own (403). An item
    synced from WordPress is 409 until detached: delete it in WordPress.

    Args:
        id (int):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ResourceResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            force=force,
        )
    ).parsed
