from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_preview_request import CreatePreviewRequest
from ...models.created_preview_response import CreatedPreviewResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CreatePreviewRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/previews",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatedPreviewResponse | Problem | None:
    if response.status_code == 201:
        response_201 = CreatedPreviewResponse.from_dict(response.json())

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
) -> Response[CreatedPreviewResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreatePreviewRequest,
) -> Response[CreatedPreviewResponse | Problem]:
    """Create a preview link

     Makes a short-lived token that lets a frontend read one item as you see it (a draft,
    a pending or scheduled item) without an account: `GET url` with `Authorization: Bearer
    hpp_...` answers the item; the same token reads every other route as an anonymous reader
    would (other drafts are 404). It holds for `expires_in` seconds and can be revoked.
    Answers 201 with the token, shown this once. Only people who may edit the item (404 for
    an item you cannot see, 403 for one you may not edit); API tokens cannot (403).

    Args:
        body (CreatePreviewRequest): What a preview link is made for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedPreviewResponse | Problem]
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
    body: CreatePreviewRequest,
) -> CreatedPreviewResponse | Problem | None:
    """Create a preview link

     Makes a short-lived token that lets a frontend read one item as you see it (a draft,
    a pending or scheduled item) without an account: `GET url` with `Authorization: Bearer
    hpp_...` answers the item; the same token reads every other route as an anonymous reader
    would (other drafts are 404). It holds for `expires_in` seconds and can be revoked.
    Answers 201 with the token, shown this once. Only people who may edit the item (404 for
    an item you cannot see, 403 for one you may not edit); API tokens cannot (403).

    Args:
        body (CreatePreviewRequest): What a preview link is made for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedPreviewResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreatePreviewRequest,
) -> Response[CreatedPreviewResponse | Problem]:
    """Create a preview link

     Makes a short-lived token that lets a frontend read one item as you see it (a draft,
    a pending or scheduled item) without an account: `GET url` with `Authorization: Bearer
    hpp_...` answers the item; the same token reads every other route as an anonymous reader
    would (other drafts are 404). It holds for `expires_in` seconds and can be revoked.
    Answers 201 with the token, shown this once. Only people who may edit the item (404 for
    an item you cannot see, 403 for one you may not edit); API tokens cannot (403).

    Args:
        body (CreatePreviewRequest): What a preview link is made for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedPreviewResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreatePreviewRequest,
) -> CreatedPreviewResponse | Problem | None:
    """Create a preview link

     Makes a short-lived token that lets a frontend read one item as you see it (a draft,
    a pending or scheduled item) without an account: `GET url` with `Authorization: Bearer
    hpp_...` answers the item; the same token reads every other route as an anonymous reader
    would (other drafts are 404). It holds for `expires_in` seconds and can be revoked.
    Answers 201 with the token, shown this once. Only people who may edit the item (404 for
    an item you cannot see, 403 for one you may not edit); API tokens cannot (403).

    Args:
        body (CreatePreviewRequest): What a preview link is made for.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedPreviewResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
