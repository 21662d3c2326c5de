from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreatedPartnerResponse")


@_attrs_define
class CreatedPartnerResponse:
    """A new partner, with its key (shown this once: keep it).

    Attributes:
        active (bool): Whether the key works: an inactive partner's key is refused with 401.
        created_at (datetime.datetime): When the partner was registered.
        id (int): The partner's id.
        key_prefix (str): The first 10 characters of the key (`hp_1a2b3c4`), to tell keys apart (the key
            itself is shown once, when the partner is created).
        name (str): A name for people.
        origins (list[str]): Origins the key lets through CORS (`https://partner.example.org`).
        quota_per_minute (int): Requests per minute (each calendar minute); more get 429.
        updated_at (datetime.datetime): When the partner last changed.
        key (str): The key, `hp_` and 48 hex digits: send it as the `X-Headpress-Key` header or the
            `key` query parameter. It cannot be read again.
    """

    active: bool
    created_at: datetime.datetime
    id: int
    key_prefix: str
    name: str
    origins: list[str]
    quota_per_minute: int
    updated_at: datetime.datetime
    key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        id = self.id

        key_prefix = self.key_prefix

        name = self.name

        origins = self.origins

        quota_per_minute = self.quota_per_minute

        updated_at = self.updated_at.isoformat()

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "id": id,
                "key_prefix": key_prefix,
                "name": name,
                "origins": origins,
                "quota_per_minute": quota_per_minute,
                "updated_at": updated_at,
                "key": key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        key_prefix = d.pop("key_prefix")

        name = d.pop("name")

        origins = cast(list[str], d.pop("origins"))

        quota_per_minute = d.pop("quota_per_minute")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        key = d.pop("key")

        created_partner_response = cls(
            active=active,
            created_at=created_at,
            id=id,
            key_prefix=key_prefix,
            name=name,
            origins=origins,
            quota_per_minute=quota_per_minute,
            updated_at=updated_at,
            key=key,
        )

        created_partner_response.additional_properties = d
        return created_partner_response

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
