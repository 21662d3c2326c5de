from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.media_response import MediaResponse
from ...models.problem import Problem
from ...models.upload_form import UploadForm
from ...types import Response


def _get_kwargs(
    *,
    body: UploadForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/media",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MediaResponse | Problem | None:
    if response.status_code == 201:
        response_201 = MediaResponse.from_dict(response.json())

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
) -> Response[MediaResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
) -> Response[MediaResponse | Problem]:
    """Upload a file

     Uploads one file as `multipart/form-data`, the file in a part named `file` (and
    optionally `title`, `alt_text` and `caption` parts), and answers 201 with the new media
    item and its URL in `Location`. Any signed-in user may (`admin`, `editor`, `author`).

    The type is sniffed from the bytes, never the name: images (JPEG, PNG, GIF, WebP,
    AVIF), PDF, office documents, RTF, plain text and CSV are accepted, anything else is
    415 (as is a body that is not multipart). A file over the upload limit (50 MiB by
    default) is 413; an empty or missing file, or a second `file` part, is 422; an unknown
    part is 400.

    Args:
        body (UploadForm): A multipart upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaResponse | Problem]
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
    body: UploadForm,
) -> MediaResponse | Problem | None:
    """Upload a file

     Uploads one file as `multipart/form-data`, the file in a part named `file` (and
    optionally `title`, `alt_text` and `caption` parts), and answers 201 with the new media
    item and its URL in `Location`. Any signed-in user may (`admin`, `editor`, `author`).

    The type is sniffed from the bytes, never the name: images (JPEG, PNG, GIF, WebP,
    AVIF), PDF, office documents, RTF, plain text and CSV are accepted, anything else is
    415 (as is a body that is not multipart). A file over the upload limit (50 MiB by
    default) is 413; an empty or missing file, or a second `file` part, is 422; an unknown
    part is 400.

    Args:
        body (UploadForm): A multipart upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
) -> Response[MediaResponse | Problem]:
    """Upload a file

     Uploads one file as `multipart/form-data`, the file in a part named `file` (and
    optionally `title`, `alt_text` and `caption` parts), and answers 201 with the new media
    item and its URL in `Location`. Any signed-in user may (`admin`, `editor`, `author`).

    The type is sniffed from the bytes, never the name: images (JPEG, PNG, GIF, WebP,
    AVIF), PDF, office documents, RTF, plain text and CSV are accepted, anything else is
    415 (as is a body that is not multipart). A file over the upload limit (50 MiB by
    default) is 413; an empty or missing file, or a second `file` part, is 422; an unknown
    part is 400.

    Args:
        body (UploadForm): A multipart upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MediaResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadForm,
) -> MediaResponse | Problem | None:
    """Upload a file

     Uploads one file as `multipart/form-data`, the file in a part named `file` (and
    optionally `title`, `alt_text` and `caption` parts), and answers 201 with the new media
    item and its URL in `Location`. Any signed-in user may (`admin`, `editor`, `author`).

    The type is sniffed from the bytes, never the name: images (JPEG, PNG, GIF, WebP,
    AVIF), PDF, office documents, RTF, plain text and CSV are accepted, anything else is
    415 (as is a body that is not multipart). A file over the upload limit (50 MiB by
    default) is 413; an empty or missing file, or a second `file` part, is 422; an unknown
    part is 400.

    Args:
        body (UploadForm): A multipart upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MediaResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
