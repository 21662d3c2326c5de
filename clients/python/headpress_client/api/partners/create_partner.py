from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_partner_request import CreatePartnerRequest
from ...models.created_partner_response import CreatedPartnerResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: CreatePartnerRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/partners",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreatedPartnerResponse | Problem | None:
    if response.status_code == 201:
        response_201 = CreatedPartnerResponse.from_dict(response.json())

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
) -> Response[CreatedPartnerResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreatePartnerRequest,
) -> Response[CreatedPartnerResponse | Problem]:
    """Register a partner

     Registers a partner site and answers 201 with it, its URL in `Location` and its `key`,
    shown this once only: keep it. Only admins may (403). An origin that is not a scheme,
    host and optional port is 422.

    Requests that carry the key (the `X-Headpress-Key` header or the `key` parameter) let
    the partner's origins through CORS and count against its quota.

    Args:
        body (CreatePartnerRequest): A new partner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedPartnerResponse | Problem]
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
    body: CreatePartnerRequest,
) -> CreatedPartnerResponse | Problem | None:
    """Register a partner

     Registers a partner site and answers 201 with it, its URL in `Location` and its `key`,
    shown this once only: keep it. Only admins may (403). An origin that is not a scheme,
    host and optional port is 422.

    Requests that carry the key (the `X-Headpress-Key` header or the `key` parameter) let
    the partner's origins through CORS and count against its quota.

    Args:
        body (CreatePartnerRequest): A new partner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedPartnerResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreatePartnerRequest,
) -> Response[CreatedPartnerResponse | Problem]:
    """Register a partner

     Registers a partner site and answers 201 with it, its URL in `Location` and its `key`,
    shown this once only: keep it. Only admins may (403). An origin that is not a scheme,
    host and optional port is 422.

    Requests that carry the key (the `X-Headpress-Key` header or the `key` parameter) let
    the partner's origins through CORS and count against its quota.

    Args:
        body (CreatePartnerRequest): A new partner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedPartnerResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreatePartnerRequest,
) -> CreatedPartnerResponse | Problem | None:
    """Register a partner

     Registers a partner site and answers 201 with it, its URL in `Location` and its `key`,
    shown this once only: keep it. Only admins may (403). An origin that is not a scheme,
    host and optional port is 422.

    Requests that carry the key (the `X-Headpress-Key` header or the `key` parameter) let
    the partner's origins through CORS and count against its quota.

    Args:
        body (CreatePartnerRequest): A new partner.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedPartnerResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
