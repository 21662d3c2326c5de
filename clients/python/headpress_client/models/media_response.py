from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MediaResponse")


@_attrs_define
class MediaResponse:
    """An uploaded file.

    Attributes:
        alt_text (str): Alternative text for images, or empty.
        caption (str): A caption, or empty.
        created_at (datetime.datetime): When the file was uploaded.
        file_name (str): The stored file name (a safe slug of the uploaded name).
        id (int): The media item's id.
        mime_type (str): Sniffed from the bytes.
        remote (bool): The file is not stored here but at its original address (an import without the
            files): `size` is 0 and `sha256` empty.
        sha256 (str): SHA-256 of the bytes, hex.
        size (int): Bytes.
        title (str): A name for people (defaults to the uploaded file's name).
        updated_at (datetime.datetime): When the media item last changed.
        url (str): Where the file is served; add `?download=1` to download it. For a file kept at its
            original address (`remote`), that address.
        author (int | None | Unset): The uploader's user id (null when that user was deleted).
        height (int | None | Unset): Height in pixels, for images whose size could be read; else null.
        width (int | None | Unset): Width in pixels, for images whose size could be read; else null.
    """

    alt_text: str
    caption: str
    created_at: datetime.datetime
    file_name: str
    id: int
    mime_type: str
    remote: bool
    sha256: str
    size: int
    title: str
    updated_at: datetime.datetime
    url: str
    author: int | None | Unset = UNSET
    height: int | None | Unset = UNSET
    width: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alt_text = self.alt_text

        caption = self.caption

        created_at = self.created_at.isoformat()

        file_name = self.file_name

        id = self.id

        mime_type = self.mime_type

        remote = self.remote

        sha256 = self.sha256

        size = self.size

        title = self.title

        updated_at = self.updated_at.isoformat()

        url = self.url

        author: int | None | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        else:
            author = self.author

        height: int | None | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        width: int | None | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alt_text": alt_text,
                "caption": caption,
                "created_at": created_at,
                "file_name": file_name,
                "id": id,
                "mime_type": mime_type,
                "remote": remote,
                "sha256": sha256,
                "size": size,
                "title": title,
                "updated_at": updated_at,
                "url": url,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author
        if height is not UNSET:
            field_dict["height"] = height
        if width is not UNSET:
            field_dict["width"] = width

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alt_text = d.pop("alt_text")

        caption = d.pop("caption")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        file_name = d.pop("file_name")

        id = d.pop("id")

        mime_type = d.pop("mime_type")

        remote = d.pop("remote")

        sha256 = d.pop("sha256")

        size = d.pop("size")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        def _parse_author(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        def _parse_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        height = _parse_height(d.pop("height", UNSET))

        def _parse_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        width = _parse_width(d.pop("width", UNSET))

        media_response = cls(
            alt_text=alt_text,
            caption=caption,
            created_at=created_at,
            file_name=file_name,
            id=id,
            mime_type=mime_type,
            remote=remote,
            sha256=sha256,
            size=size,
            title=title,
            updated_at=updated_at,
            url=url,
            author=author,
            height=height,
            width=width,
        )

        media_response.additional_properties = d
        return media_response

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
