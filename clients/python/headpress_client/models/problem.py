from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """An error response (RFC 9457).

    Attributes:
        code (str): A stable word to switch on: `invalid_query`, `invalid_body`, `validation_failed`,
            `unauthorized`, `forbidden`, `not_found`, `method_not_allowed`, `conflict`,
            `unsupported_media_type`, `payload_too_large`, `rate_limited`, `unavailable`,
            `internal`, or `not_implemented` (oEmbed formats). Failures of the HTTP layer itself
            use a word for their status (`uri_too_long`, `request_timeout`, ...). Example: validation_failed.
        detail (str): What went wrong this time, in English, for people (do not parse it). Never shows
            SQL, paths or internal causes. Example: 1 field is invalid.
        status (int): The HTTP status code of the answer. Example: 422.
        title (str): A short, human-readable summary of the kind of problem (the same for every
            occurrence of a `code`). Example: Validation failed.
        type_ (str): Always `about:blank`: `code` carries the machine-readable kind. Example: about:blank.
        errors (list[FieldError] | Unset): Each invalid member or parameter, by name; absent when the problem is not
            about
            particular members.
        request_id (None | str | Unset): The answer's `X-Request-Id`, to quote when reporting the problem: it names the
            server's log lines of the request. Always present in answers (added on the way out). Example:
            4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e.
    """

    code: str
    detail: str
    status: int
    title: str
    type_: str
    errors: list[FieldError] | Unset = UNSET
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        _errors = d.pop("errors", UNSET)
        errors: list[FieldError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = FieldError.from_dict(errors_item_data)

                errors.append(errors_item)

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        problem = cls(
            code=code,
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            errors=errors,
            request_id=request_id,
        )

        problem.additional_properties = d
        return problem

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
