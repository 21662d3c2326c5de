from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Organizer")


@_attrs_define
class Organizer:
    """Who runs an event. Every member is optional on input and reads as empty when left out.

    Attributes:
        email (str | Unset): A contact email address. Default: empty.
        name (str | Unset): The organizer's name. Default: empty.
        url (str | Unset): The organizer's website: an `http` or `https` URL. Default: empty.
    """

    email: str | Unset = UNSET
    name: str | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        name = d.pop("name", UNSET)

        url = d.pop("url", UNSET)

        organizer = cls(
            email=email,
            name=name,
            url=url,
        )

        return organizer
