from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fields_embedded import FieldsEmbedded
    from ..models.media_response import MediaResponse
    from ..models.public_user import PublicUser
    from ..models.term_response import TermResponse


T = TypeVar("T", bound="Embedded")


@_attrs_define
class Embedded:
    """Objects embedded on request with `include`: each member is there only when `include`
    names it, and holds only what the reader may see.

        Attributes:
            author (None | PublicUser | Unset):
            categories (list[TermResponse] | None | Unset): A post's categories (`include=categories`).
            document (MediaResponse | None | Unset):
            event_categories (list[TermResponse] | None | Unset): An event's categories (`include=event_categories`).
            featured_media (MediaResponse | None | Unset):
            fields (FieldsEmbedded | None | Unset):
            resource_types (list[TermResponse] | None | Unset): A resource's types (`include=resource_types`).
            tags (list[TermResponse] | None | Unset): The item's tags (`include=tags`).
    """

    author: None | PublicUser | Unset = UNSET
    categories: list[TermResponse] | None | Unset = UNSET
    document: MediaResponse | None | Unset = UNSET
    event_categories: list[TermResponse] | None | Unset = UNSET
    featured_media: MediaResponse | None | Unset = UNSET
    fields: FieldsEmbedded | None | Unset = UNSET
    resource_types: list[TermResponse] | None | Unset = UNSET
    tags: list[TermResponse] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.fields_embedded import FieldsEmbedded  # noqa: PLC0415
        from ..models.media_response import MediaResponse  # noqa: PLC0415
        from ..models.public_user import PublicUser  # noqa: PLC0415

        author: dict[str, Any] | None | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        elif isinstance(self.author, PublicUser):
            author = self.author.to_dict()
        else:
            author = self.author

        categories: list[dict[str, Any]] | None | Unset
        if isinstance(self.categories, Unset):
            categories = UNSET
        elif isinstance(self.categories, list):
            categories = []
            for categories_type_0_item_data in self.categories:
                categories_type_0_item = categories_type_0_item_data.to_dict()
                categories.append(categories_type_0_item)

        else:
            categories = self.categories

        document: dict[str, Any] | None | Unset
        if isinstance(self.document, Unset):
            document = UNSET
        elif isinstance(self.document, MediaResponse):
            document = self.document.to_dict()
        else:
            document = self.document

        event_categories: list[dict[str, Any]] | None | Unset
        if isinstance(self.event_categories, Unset):
            event_categories = UNSET
        elif isinstance(self.event_categories, list):
            event_categories = []
            for event_categories_type_0_item_data in self.event_categories:
                event_categories_type_0_item = event_categories_type_0_item_data.to_dict()
                event_categories.append(event_categories_type_0_item)

        else:
            event_categories = self.event_categories

        featured_media: dict[str, Any] | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        elif isinstance(self.featured_media, MediaResponse):
            featured_media = self.featured_media.to_dict()
        else:
            featured_media = self.featured_media

        fields: dict[str, Any] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, FieldsEmbedded):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        resource_types: list[dict[str, Any]] | None | Unset
        if isinstance(self.resource_types, Unset):
            resource_types = UNSET
        elif isinstance(self.resource_types, list):
            resource_types = []
            for resource_types_type_0_item_data in self.resource_types:
                resource_types_type_0_item = resource_types_type_0_item_data.to_dict()
                resource_types.append(resource_types_type_0_item)

        else:
            resource_types = self.resource_types

        tags: list[dict[str, Any]] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = []
            for tags_type_0_item_data in self.tags:
                tags_type_0_item = tags_type_0_item_data.to_dict()
                tags.append(tags_type_0_item)

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if author is not UNSET:
            field_dict["author"] = author
        if categories is not UNSET:
            field_dict["categories"] = categories
        if document is not UNSET:
            field_dict["document"] = document
        if event_categories is not UNSET:
            field_dict["event_categories"] = event_categories
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if resource_types is not UNSET:
            field_dict["resource_types"] = resource_types
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fields_embedded import FieldsEmbedded  # noqa: PLC0415
        from ..models.media_response import MediaResponse  # noqa: PLC0415
        from ..models.public_user import PublicUser  # noqa: PLC0415
        from ..models.term_response import TermResponse  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_author(data: object) -> None | PublicUser | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                author_type_0 = PublicUser.from_dict(data)

                return author_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicUser | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        def _parse_categories(data: object) -> list[TermResponse] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                categories_type_0 = []
                _categories_type_0 = data
                for categories_type_0_item_data in _categories_type_0:
                    categories_type_0_item = TermResponse.from_dict(categories_type_0_item_data)

                    categories_type_0.append(categories_type_0_item)

                return categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TermResponse] | None | Unset, data)

        categories = _parse_categories(d.pop("categories", UNSET))

        def _parse_document(data: object) -> MediaResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                document_type_0 = MediaResponse.from_dict(data)

                return document_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MediaResponse | None | Unset, data)

        document = _parse_document(d.pop("document", UNSET))

        def _parse_event_categories(data: object) -> list[TermResponse] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                event_categories_type_0 = []
                _event_categories_type_0 = data
                for event_categories_type_0_item_data in _event_categories_type_0:
                    event_categories_type_0_item = TermResponse.from_dict(event_categories_type_0_item_data)

                    event_categories_type_0.append(event_categories_type_0_item)

                return event_categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TermResponse] | None | Unset, data)

        event_categories = _parse_event_categories(d.pop("event_categories", UNSET))

        def _parse_featured_media(data: object) -> MediaResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                featured_media_type_0 = MediaResponse.from_dict(data)

                return featured_media_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MediaResponse | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        def _parse_fields(data: object) -> FieldsEmbedded | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = FieldsEmbedded.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldsEmbedded | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        def _parse_resource_types(data: object) -> list[TermResponse] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resource_types_type_0 = []
                _resource_types_type_0 = data
                for resource_types_type_0_item_data in _resource_types_type_0:
                    resource_types_type_0_item = TermResponse.from_dict(resource_types_type_0_item_data)

                    resource_types_type_0.append(resource_types_type_0_item)

                return resource_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TermResponse] | None | Unset, data)

        resource_types = _parse_resource_types(d.pop("resource_types", UNSET))

        def _parse_tags(data: object) -> list[TermResponse] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = []
                _tags_type_0 = data
                for tags_type_0_item_data in _tags_type_0:
                    tags_type_0_item = TermResponse.from_dict(tags_type_0_item_data)

                    tags_type_0.append(tags_type_0_item)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TermResponse] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        embedded = cls(
            author=author,
            categories=categories,
            document=document,
            event_categories=event_categories,
            featured_media=featured_media,
            fields=fields,
            resource_types=resource_types,
            tags=tags,
        )

        embedded.additional_properties = d
        return embedded

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
