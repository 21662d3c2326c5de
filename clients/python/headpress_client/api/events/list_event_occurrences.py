import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_event_occurrences_count import ListEventOccurrencesCount
from ...models.occurrence_list import OccurrenceList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: str | Unset = UNSET,
    event_category: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListEventOccurrencesCount | Unset = UNSET,
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

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    params["tz"] = tz

    params["event_category"] = event_category

    params["tag"] = tag

    params["page"] = page

    params["per_page"] = per_page

    params["cursor"] = cursor

    json_count: str | Unset = UNSET
    if not isinstance(count, Unset):
        json_count = count.value

    params["count"] = json_count

    params["key"] = key

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events/occurrences",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | OccurrenceList | Problem | None:
    if response.status_code == 200:
        response_200 = OccurrenceList.from_dict(response.json())

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
) -> Response[Any | OccurrenceList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: str | Unset = UNSET,
    event_category: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListEventOccurrencesCount | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | OccurrenceList | Problem]:
    """List event occurrences in a window

     Returns every occurrence of every published event that overlaps the window [`from`,
    `to`), soonest first, each with its times in the event's zone, in UTC and (with `tz`)
    in a zone of your choosing. Recurring events are expanded: one entry per occurrence.

    Only published events whose `published_at` has come appear, whoever asks. The window
    may span at most 366 days (configurable), and `to` must be later than `from` (400);
    a window holding more than 50,000 occurrences is 400 too. `event_category` and `tag`
    filter the events. Page with `page` and `per_page`, or with `cursor`.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        tz (str | Unset): An IANA time zone name, as in the tz database: `Europe/London`,
            `America/New_York`, `UTC`. An unknown name is refused with 422.
        event_category (str | Unset):
        tag (str | Unset):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListEventOccurrencesCount | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OccurrenceList | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        tz=tz,
        event_category=event_category,
        tag=tag,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
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
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: str | Unset = UNSET,
    event_category: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListEventOccurrencesCount | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | OccurrenceList | Problem | None:
    """List event occurrences in a window

     Returns every occurrence of every published event that overlaps the window [`from`,
    `to`), soonest first, each with its times in the event's zone, in UTC and (with `tz`)
    in a zone of your choosing. Recurring events are expanded: one entry per occurrence.

    Only published events whose `published_at` has come appear, whoever asks. The window
    may span at most 366 days (configurable), and `to` must be later than `from` (400);
    a window holding more than 50,000 occurrences is 400 too. `event_category` and `tag`
    filter the events. Page with `page` and `per_page`, or with `cursor`.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        tz (str | Unset): An IANA time zone name, as in the tz database: `Europe/London`,
            `America/New_York`, `UTC`. An unknown name is refused with 422.
        event_category (str | Unset):
        tag (str | Unset):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListEventOccurrencesCount | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OccurrenceList | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        tz=tz,
        event_category=event_category,
        tag=tag,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: str | Unset = UNSET,
    event_category: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListEventOccurrencesCount | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | OccurrenceList | Problem]:
    """List event occurrences in a window

     Returns every occurrence of every published event that overlaps the window [`from`,
    `to`), soonest first, each with its times in the event's zone, in UTC and (with `tz`)
    in a zone of your choosing. Recurring events are expanded: one entry per occurrence.

    Only published events whose `published_at` has come appear, whoever asks. The window
    may span at most 366 days (configurable), and `to` must be later than `from` (400);
    a window holding more than 50,000 occurrences is 400 too. `event_category` and `tag`
    filter the events. Page with `page` and `per_page`, or with `cursor`.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        tz (str | Unset): An IANA time zone name, as in the tz database: `Europe/London`,
            `America/New_York`, `UTC`. An unknown name is refused with 422.
        event_category (str | Unset):
        tag (str | Unset):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListEventOccurrencesCount | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OccurrenceList | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        tz=tz,
        event_category=event_category,
        tag=tag,
        page=page,
        per_page=per_page,
        cursor=cursor,
        count=count,
        key=key,
        x_headpress_key=x_headpress_key,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.datetime,
    to: datetime.datetime,
    tz: str | Unset = UNSET,
    event_category: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    count: ListEventOccurrencesCount | Unset = UNSET,
    key: str | Unset = UNSET,
    x_headpress_key: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | OccurrenceList | Problem | None:
    """List event occurrences in a window

     Returns every occurrence of every published event that overlaps the window [`from`,
    `to`), soonest first, each with its times in the event's zone, in UTC and (with `tz`)
    in a zone of your choosing. Recurring events are expanded: one entry per occurrence.

    Only published events whose `published_at` has come appear, whoever asks. The window
    may span at most 366 days (configurable), and `to` must be later than `from` (400);
    a window holding more than 50,000 occurrences is 400 too. `event_category` and `tag`
    filter the events. Page with `page` and `per_page`, or with `cursor`.

    Args:
        from_ (datetime.datetime):
        to (datetime.datetime):
        tz (str | Unset): An IANA time zone name, as in the tz database: `Europe/London`,
            `America/New_York`, `UTC`. An unknown name is refused with 422.
        event_category (str | Unset):
        tag (str | Unset):
        page (int | Unset):
        per_page (int | Unset):
        cursor (str | Unset):
        count (ListEventOccurrencesCount | Unset):
        key (str | Unset):
        x_headpress_key (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OccurrenceList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            tz=tz,
            event_category=event_category,
            tag=tag,
            page=page,
            per_page=per_page,
            cursor=cursor,
            count=count,
            key=key,
            x_headpress_key=x_headpress_key,
            if_none_match=if_none_match,
        )
    ).parsed
