from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdatePartnerRequest")


@_attrs_define
class UpdatePartnerRequest:
    """Changes to a partner: members left out stay as they are. The key cannot be changed:
    register a new partner to get a new key.

        Attributes:
            active (bool | None | Unset): Whether the key works; `false` refuses it (401) without deleting the partner.
            name (None | str | Unset): A name for people.
            origins (list[str] | None | Unset): Origins the key lets through CORS: they replace the stored list.
            quota_per_minute (int | None | Unset): Requests per minute; more get 429.
    """

    active: bool | None | Unset = UNSET
    name: None | str | Unset = UNSET
    origins: list[str] | None | Unset = UNSET
    quota_per_minute: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active: bool | None | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        origins: list[str] | None | Unset
        if isinstance(self.origins, Unset):
            origins = UNSET
        elif isinstance(self.origins, list):
            origins = self.origins

        else:
            origins = self.origins

        quota_per_minute: int | None | Unset
        if isinstance(self.quota_per_minute, Unset):
            quota_per_minute = UNSET
        else:
            quota_per_minute = self.quota_per_minute

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if name is not UNSET:
            field_dict["name"] = name
        if origins is not UNSET:
            field_dict["origins"] = origins
        if quota_per_minute is not UNSET:
            field_dict["quota_per_minute"] = quota_per_minute

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_origins(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                origins_type_0 = cast(list[str], data)

                return origins_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        origins = _parse_origins(d.pop("origins", UNSET))

        def _parse_quota_per_minute(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quota_per_minute = _parse_quota_per_minute(d.pop("quota_per_minute", UNSET))

        update_partner_request = cls(
            active=active,
            name=name,
            origins=origins,
            quota_per_minute=quota_per_minute,
        )

        return update_partner_request
