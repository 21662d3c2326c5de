from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NextOccurrence")


@_attrs_define
class NextOccurrence:
    """One occurrence of an event, in its zone and in UTC.

    Attributes:
        ends_at (str): Local end (the last day, inclusive, for all-day events; the start for an instant
            event).
        ends_at_utc (datetime.datetime): The end, in UTC (for all-day events midnight after the last day).
        starts_at (str): Local start in the event's `timezone`, `2026-07-30T18:00:00` (a date for all-day
            events).
        starts_at_utc (datetime.datetime): The start, in UTC.
    """

    ends_at: str
    ends_at_utc: datetime.datetime
    starts_at: str
    starts_at_utc: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ends_at = self.ends_at

        ends_at_utc = self.ends_at_utc.isoformat()

        starts_at = self.starts_at

        starts_at_utc = self.starts_at_utc.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ends_at": ends_at,
                "ends_at_utc": ends_at_utc,
                "starts_at": starts_at,
                "starts_at_utc": starts_at_utc,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_at = d.pop("ends_at")

        ends_at_utc = datetime.datetime.fromisoformat(d.pop("ends_at_utc"))

        starts_at = d.pop("starts_at")

        starts_at_utc = datetime.datetime.fromisoformat(d.pop("starts_at_utc"))

        next_occurrence = cls(
            ends_at=ends_at,
            ends_at_utc=ends_at_utc,
            starts_at=starts_at,
            starts_at_utc=starts_at_utc,
        )

        next_occurrence.additional_properties = d
        return next_occurrence

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
