from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OccurrenceResponse")


@_attrs_define
class OccurrenceResponse:
    """One occurrence of an event.

    Attributes:
        all_day (bool): A whole-day event: `starts_at` and `ends_at` are dates.
        ends_at (str): Local end in the event's zone (the last day, inclusive, for all-day events).
        ends_at_utc (datetime.datetime): The end, in UTC (for all-day events midnight after the last day).
        event (int): The event's id.
        slug (str): The event's slug.
        starts_at (str): Local start in the event's zone (a date for all-day events).
        starts_at_utc (datetime.datetime): The start, in UTC.
        timezone (str): The event's IANA zone.
        title (str): The event's title.
        ends_at_tz (None | str | Unset): The end in the zone asked for with `tz` (RFC 3339 with its offset); absent
            without
            `tz`.
        starts_at_tz (None | str | Unset): The start in the zone asked for with `tz` (RFC 3339 with its offset); absent
            without `tz`.
    """

    all_day: bool
    ends_at: str
    ends_at_utc: datetime.datetime
    event: int
    slug: str
    starts_at: str
    starts_at_utc: datetime.datetime
    timezone: str
    title: str
    ends_at_tz: None | str | Unset = UNSET
    starts_at_tz: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        all_day = self.all_day

        ends_at = self.ends_at

        ends_at_utc = self.ends_at_utc.isoformat()

        event = self.event

        slug = self.slug

        starts_at = self.starts_at

        starts_at_utc = self.starts_at_utc.isoformat()

        timezone = self.timezone

        title = self.title

        ends_at_tz: None | str | Unset
        if isinstance(self.ends_at_tz, Unset):
            ends_at_tz = UNSET
        else:
            ends_at_tz = self.ends_at_tz

        starts_at_tz: None | str | Unset
        if isinstance(self.starts_at_tz, Unset):
            starts_at_tz = UNSET
        else:
            starts_at_tz = self.starts_at_tz

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "all_day": all_day,
                "ends_at": ends_at,
                "ends_at_utc": ends_at_utc,
                "event": event,
                "slug": slug,
                "starts_at": starts_at,
                "starts_at_utc": starts_at_utc,
                "timezone": timezone,
                "title": title,
            }
        )
        if ends_at_tz is not UNSET:
            field_dict["ends_at_tz"] = ends_at_tz
        if starts_at_tz is not UNSET:
            field_dict["starts_at_tz"] = starts_at_tz

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_day = d.pop("all_day")

        ends_at = d.pop("ends_at")

        ends_at_utc = datetime.datetime.fromisoformat(d.pop("ends_at_utc"))

        event = d.pop("event")

        slug = d.pop("slug")

        starts_at = d.pop("starts_at")

        starts_at_utc = datetime.datetime.fromisoformat(d.pop("starts_at_utc"))

        timezone = d.pop("timezone")

        title = d.pop("title")

        def _parse_ends_at_tz(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_at_tz = _parse_ends_at_tz(d.pop("ends_at_tz", UNSET))

        def _parse_starts_at_tz(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starts_at_tz = _parse_starts_at_tz(d.pop("starts_at_tz", UNSET))

        occurrence_response = cls(
            all_day=all_day,
            ends_at=ends_at,
            ends_at_utc=ends_at_utc,
            event=event,
            slug=slug,
            starts_at=starts_at,
            starts_at_utc=starts_at_utc,
            timezone=timezone,
            title=title,
            ends_at_tz=ends_at_tz,
            starts_at_tz=starts_at_tz,
        )

        occurrence_response.additional_properties = d
        return occurrence_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
