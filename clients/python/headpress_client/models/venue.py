from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Venue")


@_attrs_define
class Venue:
    """Where an event takes place. Every member is optional on input; text members left out
    read as empty.

        Attributes:
            address (str | Unset): Street address. Default: empty.
            city (str | Unset): Town or city. Default: empty.
            country (str | Unset): Country, as written for people. Default: empty.
            latitude (float | None | Unset): Latitude in decimal degrees, given together with `longitude`, or null.
            longitude (float | None | Unset): Longitude in decimal degrees, given together with `latitude`, or null.
            name (str | Unset): The place's name (`Church House`). Default: empty.
            postal_code (str | Unset): Postal code. Default: empty.
            region (str | Unset): State, county or region. Default: empty.
    """

    address: str | Unset = UNSET
    city: str | Unset = UNSET
    country: str | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    name: str | Unset = UNSET
    postal_code: str | Unset = UNSET
    region: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        city = self.city

        country = self.country

        latitude: float | None | Unset
        if isinstance(self.latitude, Unset):
            latitude = UNSET
        else:
            latitude = self.latitude

        longitude: float | None | Unset
        if isinstance(self.longitude, Unset):
            longitude = UNSET
        else:
            longitude = self.longitude

        name = self.name

        postal_code = self.postal_code

        region = self.region

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if city is not UNSET:
            field_dict["city"] = city
        if country is not UNSET:
            field_dict["country"] = country
        if latitude is not UNSET:
            field_dict["latitude"] = latitude
        if longitude is not UNSET:
            field_dict["longitude"] = longitude
        if name is not UNSET:
            field_dict["name"] = name
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address", UNSET)

        city = d.pop("city", UNSET)

        country = d.pop("country", UNSET)

        def _parse_latitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        latitude = _parse_latitude(d.pop("latitude", UNSET))

        def _parse_longitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        longitude = _parse_longitude(d.pop("longitude", UNSET))

        name = d.pop("name", UNSET)

        postal_code = d.pop("postal_code", UNSET)

        region = d.pop("region", UNSET)

        venue = cls(
            address=address,
            city=city,
            country=country,
            latitude=latitude,
            longitude=longitude,
            name=name,
            postal_code=postal_code,
            region=region,
        )

        return venue
