from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.open_api_document_info import OpenApiDocumentInfo


T = TypeVar("T", bound="OpenApiDocument")


@_attrs_define
class OpenApiDocument:
    """An OpenAPI 3.1 document, as <https://spec.openapis.org/oas/v3.1.0> has it.

    Attributes:
        info (OpenApiDocumentInfo): The API's title, version and licence.
        openapi (str): The OpenAPI version, `3.1.0`.
    """

    info: OpenApiDocumentInfo
    openapi: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        info = self.info.to_dict()

        openapi = self.openapi

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "info": info,
                "openapi": openapi,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_api_document_info import OpenApiDocumentInfo  # noqa: PLC0415

        d = dict(src_dict)
        info = OpenApiDocumentInfo.from_dict(d.pop("info"))

        openapi = d.pop("openapi")

        open_api_document = cls(
            info=info,
            openapi=openapi,
        )

        open_api_document.additional_properties = d
        return open_api_document

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
