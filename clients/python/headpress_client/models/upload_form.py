from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="UploadForm")


@_attrs_define
class UploadForm:
    """A multipart upload.

    Attributes:
        file (File): The file. Its type is sniffed from its bytes and must be an image, PDF, office
            document, plain text or CSV.
        alt_text (None | str | Unset): Alternative text for images, at most 10 KiB. Default: empty.
        caption (None | str | Unset): A caption, at most 10 KiB. Default: empty.
        title (None | str | Unset): A name for people, at most 10 KiB. Default: the file's name without its extension.
    """

    file: File
    alt_text: None | str | Unset = UNSET
    caption: None | str | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        alt_text: None | str | Unset
        if isinstance(self.alt_text, Unset):
            alt_text = UNSET
        else:
            alt_text = self.alt_text

        caption: None | str | Unset
        if isinstance(self.caption, Unset):
            caption = UNSET
        else:
            caption = self.caption

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
            }
        )
        if alt_text is not UNSET:
            field_dict["alt_text"] = alt_text
        if caption is not UNSET:
            field_dict["caption"] = caption
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.alt_text, Unset):
            if isinstance(self.alt_text, str):
                files.append(("alt_text", (None, str(self.alt_text).encode(), "text/plain")))
            else:
                files.append(("alt_text", (None, str(self.alt_text).encode(), "text/plain")))

        if not isinstance(self.caption, Unset):
            if isinstance(self.caption, str):
                files.append(("caption", (None, str(self.caption).encode(), "text/plain")))
            else:
                files.append(("caption", (None, str(self.caption).encode(), "text/plain")))

        if not isinstance(self.title, Unset):
            if isinstance(self.title, str):
                files.append(("title", (None, str(self.title).encode(), "text/plain")))
            else:
                files.append(("title", (None, str(self.title).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        def _parse_alt_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alt_text = _parse_alt_text(d.pop("alt_text", UNSET))

        def _parse_caption(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caption = _parse_caption(d.pop("caption", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        upload_form = cls(
            file=file,
            alt_text=alt_text,
            caption=caption,
            title=title,
        )

        return upload_form
