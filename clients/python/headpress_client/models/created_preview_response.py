from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_kind import ItemKind

T = TypeVar("T", bound="CreatedPreviewResponse")


@_attrs_define
class CreatedPreviewResponse:
    """A new preview link, with its token: shown this once only.

    Attributes:
        created_at (datetime.datetime): When it was made (UTC).
        created_by (int): Who made it: the item is shown as they see it.
        expires_at (datetime.datetime): When it stops working.
        id (int): The preview's id (revoke it at `/api/v1/previews/{id}`).
        item_id (int): The item it shows.
        kind (ItemKind): A kind of content.
        url (str): Where the item is read with the token.
        token (str): Send it as `Authorization: Bearer hpp_...` to `url`. Keep it: it is not shown again.
    """

    created_at: datetime.datetime
    created_by: int
    expires_at: datetime.datetime
    id: int
    item_id: int
    kind: ItemKind
    url: str
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        expires_at = self.expires_at.isoformat()

        id = self.id

        item_id = self.item_id

        kind = self.kind.value

        url = self.url

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "expires_at": expires_at,
                "id": id,
                "item_id": item_id,
                "kind": kind,
                "url": url,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = d.pop("id")

        item_id = d.pop("item_id")

        kind = ItemKind(d.pop("kind"))

        url = d.pop("url")

        token = d.pop("token")

        created_preview_response = cls(
            created_at=created_at,
            created_by=created_by,
            expires_at=expires_at,
            id=id,
            item_id=item_id,
            kind=kind,
            url=url,
            token=token,
        )

        created_preview_response.additional_properties = d
        return created_preview_response

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
