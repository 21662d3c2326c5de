from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatePartnerRequest")


@_attrs_define
class CreatePartnerRequest:
    """A new partner.

    Attributes:
        name (str): A name for people.
        active (bool | None | Unset): Whether the key works. Default: `true`.
        origins (list[str] | Unset): Origins (`https://partner.example.org`) the key lets through CORS. Default: none.
        quota_per_minute (int | None | Unset): Requests per minute; more get 429. Default: 600.
    """

    name: str
    active: bool | None | Unset = UNSET
    origins: list[str] | Unset = UNSET
    quota_per_minute: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        active: bool | None | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        origins: list[str] | Unset = UNSET
        if not isinstance(self.origins, Unset):
            origins = self.origins

        quota_per_minute: int | None | Unset
        if isinstance(self.quota_per_minute, Unset):
            quota_per_minute = UNSET
        else:
            quota_per_minute = self.quota_per_minute

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if origins is not UNSET:
            field_dict["origins"] = origins
        if quota_per_minute is not UNSET:
            field_dict["quota_per_minute"] = quota_per_minute

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

        origins = cast(list[str], d.pop("origins", UNSET))

        def _parse_quota_per_minute(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quota_per_minute = _parse_quota_per_minute(d.pop("quota_per_minute", UNSET))

        create_partner_request = cls(
            name=name,
            active=active,
            origins=origins,
            quota_per_minute=quota_per_minute,
        )

        return create_partner_request
