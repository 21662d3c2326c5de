from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_response import ContentResponse
    from ..models.embedded import Embedded
    from ..models.event_fields import EventFields
    from ..models.next_occurrence import NextOccurrence
    from ..models.organizer import Organizer
    from ..models.venue import Venue


T = TypeVar("T", bound="EventResponse")


@_attrs_define
class EventResponse:
    """An event.

    Attributes:
        author (int): The author's user id.
        content (ContentResponse): An item's body: rendered HTML and its structured form.
        created_at (datetime.datetime): When the item was created.
        excerpt (str): A short plain-text summary: the one written, or the first 55 words of the content.
        id (int): The item's id, unique across every kind of content.
        published_at (datetime.datetime): When the item is (or will be) public: a `published` item with a future date is
            scheduled and hidden from anonymous readers until then.
        slug (str): The address name, unique within the kind (`my-post`); lists filter on it with `slug`.
        status (Status): Where an item is in its life: `draft` (being written), `pending` (waiting for
            review), `published` (public once its `published_at` has come; a future date
            schedules it), `private` (only editors, admins and its author see it) or `trash`
            (deleted, can be restored by changing the status). Only `published` items whose
            date has come reach anonymous readers.
        title (str): The title, plain text.
        updated_at (datetime.datetime): When the item last changed.
        all_day (bool): Whole days: `starts_at`, `ends_at`, `rdates` and `exdates` are dates.
        cost (str): Free text (`£20, concessions £10`), or empty.
        ends_at_utc (datetime.datetime): The first occurrence's end, in UTC (read-only; for all-day events midnight
            after the
            last day).
        event_categories (list[int]): Event category ids.
        exdates (list[str]): Occurrences left out: local date-times in `timezone` (dates for all-day events).
        fields (EventFields): An event's custom field values. Members are the custom fields of the site's field groups;
            the site's document (`/api/v1/openapi.json?fields=site`) types each of them.
        ical_uid (str): The iCalendar UID, stable across feeds.
        is_free (bool): Free of charge.
        online_url (str): Where to join online, or empty.
        rdates (list[str]): Extra occurrences: local date-times in `timezone` (dates for all-day events).
        starts_at (str): Local start in `timezone` (`2026-07-30T18:00:00`), or the first day of an all-day
            event (`2026-07-30`). For a recurring event, the first occurrence.
        starts_at_utc (datetime.datetime): The first occurrence's start, in UTC (read-only).
        tags (list[int]): Tag ids.
        ticket_url (str): Where to get tickets or register, or empty.
        timezone (str): IANA time zone name, `Europe/London`.
        link (None | str | Unset): The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
            pattern); null for reusable blocks, which have no page of their own.
        oembed_url (None | str | Unset): The oEmbed endpoint for `link` (posts, resources and events), for the discovery
            `<link rel="alternate" type="application/json+oembed">` tag.
        embedded (Embedded | None | Unset):
        ends_at (None | str | Unset): Local end, or the last day of an all-day event (inclusive); null for an instant
            event.
        featured_media (int | None | Unset): The featured image's media id, or null.
        next_occurrence (NextOccurrence | None | Unset):
        organizer (None | Organizer | Unset):
        rrule (None | str | Unset): RFC 5545 RRULE value, `FREQ=WEEKLY;BYDAY=TU;COUNT=6`, or null for an event that
            does not repeat.
        venue (None | Unset | Venue):
    """

    author: int
    content: ContentResponse
    created_at: datetime.datetime
    excerpt: str
    id: int
    published_at: datetime.datetime
    slug: str
    status: Status
    title: str
    updated_at: datetime.datetime
    all_day: bool
    cost: str
    ends_at_utc: datetime.datetime
    event_categories: list[int]
    exdates: list[str]
    fields: EventFields
    ical_uid: str
    is_free: bool
    online_url: str
    rdates: list[str]
    starts_at: str
    starts_at_utc: datetime.datetime
    tags: list[int]
    ticket_url: str
    timezone: str
    link: None | str | Unset = UNSET
    oembed_url: None | str | Unset = UNSET
    embedded: Embedded | None | Unset = UNSET
    ends_at: None | str | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    next_occurrence: NextOccurrence | None | Unset = UNSET
    organizer: None | Organizer | Unset = UNSET
    rrule: None | str | Unset = UNSET
    venue: None | Unset | Venue = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.embedded import Embedded  # noqa: PLC0415
        from ..models.next_occurrence import NextOccurrence  # noqa: PLC0415
        from ..models.organizer import Organizer  # noqa: PLC0415
        from ..models.venue import Venue  # noqa: PLC0415

        author = self.author

        content = self.content.to_dict()

        created_at = self.created_at.isoformat()

        excerpt = self.excerpt

        id = self.id

        published_at = self.published_at.isoformat()

        slug = self.slug

        status = self.status.value

        title = self.title

        updated_at = self.updated_at.isoformat()

        all_day = self.all_day

        cost = self.cost

        ends_at_utc = self.ends_at_utc.isoformat()

        event_categories = self.event_categories

        exdates = self.exdates

        fields = self.fields.to_dict()

        ical_uid = self.ical_uid

        is_free = self.is_free

        online_url = self.online_url

        rdates = self.rdates

        starts_at = self.starts_at

        starts_at_utc = self.starts_at_utc.isoformat()

        tags = self.tags

        ticket_url = self.ticket_url

        timezone = self.timezone

        link: None | str | Unset
        if isinstance(self.link, Unset):
            link = UNSET
        else:
            link = self.link

        oembed_url: None | str | Unset
        if isinstance(self.oembed_url, Unset):
            oembed_url = UNSET
        else:
            oembed_url = self.oembed_url

        embedded: dict[str, Any] | None | Unset
        if isinstance(self.embedded, Unset):
            embedded = UNSET
        elif isinstance(self.embedded, Embedded):
            embedded = self.embedded.to_dict()
        else:
            embedded = self.embedded

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        else:
            ends_at = self.ends_at

        featured_media: int | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        else:
            featured_media = self.featured_media

        next_occurrence: dict[str, Any] | None | Unset
        if isinstance(self.next_occurrence, Unset):
            next_occurrence = UNSET
        elif isinstance(self.next_occurrence, NextOccurrence):
            next_occurrence = self.next_occurrence.to_dict()
        else:
            next_occurrence = self.next_occurrence

        organizer: dict[str, Any] | None | Unset
        if isinstance(self.organizer, Unset):
            organizer = UNSET
        elif isinstance(self.organizer, Organizer):
            organizer = self.organizer.to_dict()
        else:
            organizer = self.organizer

        rrule: None | str | Unset
        if isinstance(self.rrule, Unset):
            rrule = UNSET
        else:
            rrule = self.rrule

        venue: dict[str, Any] | None | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        elif isinstance(self.venue, Venue):
            venue = self.venue.to_dict()
        else:
            venue = self.venue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "content": content,
                "created_at": created_at,
                "excerpt": excerpt,
                "id": id,
                "published_at": published_at,
                "slug": slug,
                "status": status,
                "title": title,
                "updated_at": updated_at,
                "all_day": all_day,
                "cost": cost,
                "ends_at_utc": ends_at_utc,
                "event_categories": event_categories,
                "exdates": exdates,
                "fields": fields,
                "ical_uid": ical_uid,
                "is_free": is_free,
                "online_url": online_url,
                "rdates": rdates,
                "starts_at": starts_at,
                "starts_at_utc": starts_at_utc,
                "tags": tags,
                "ticket_url": ticket_url,
                "timezone": timezone,
            }
        )
        if link is not UNSET:
            field_dict["link"] = link
        if oembed_url is not UNSET:
            field_dict["oembed_url"] = oembed_url
        if embedded is not UNSET:
            field_dict["embedded"] = embedded
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if next_occurrence is not UNSET:
            field_dict["next_occurrence"] = next_occurrence
        if organizer is not UNSET:
            field_dict["organizer"] = organizer
        if rrule is not UNSET:
            field_dict["rrule"] = rrule
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.content_response import ContentResponse  # noqa: PLC0415
        from ..models.embedded import Embedded  # noqa: PLC0415
        from ..models.event_fields import EventFields  # noqa: PLC0415
        from ..models.next_occurrence import NextOccurrence  # noqa: PLC0415
        from ..models.organizer import Organizer  # noqa: PLC0415
        from ..models.venue import Venue  # noqa: PLC0415

        d = dict(src_dict)
        author = d.pop("author")

        content = ContentResponse.from_dict(d.pop("content"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        excerpt = d.pop("excerpt")

        id = d.pop("id")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        slug = d.pop("slug")

        status = Status(d.pop("status"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        all_day = d.pop("all_day")

        cost = d.pop("cost")

        ends_at_utc = datetime.datetime.fromisoformat(d.pop("ends_at_utc"))

        event_categories = cast(list[int], d.pop("event_categories"))

        exdates = cast(list[str], d.pop("exdates"))

        fields = EventFields.from_dict(d.pop("fields"))

        ical_uid = d.pop("ical_uid")

        is_free = d.pop("is_free")

        online_url = d.pop("online_url")

        rdates = cast(list[str], d.pop("rdates"))

        starts_at = d.pop("starts_at")

        starts_at_utc = datetime.datetime.fromisoformat(d.pop("starts_at_utc"))

        tags = cast(list[int], d.pop("tags"))

        ticket_url = d.pop("ticket_url")

        timezone = d.pop("timezone")

        def _parse_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        link = _parse_link(d.pop("link", UNSET))

        def _parse_oembed_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        oembed_url = _parse_oembed_url(d.pop("oembed_url", UNSET))

        def _parse_embedded(data: object) -> Embedded | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                embedded_type_0 = Embedded.from_dict(data)

                return embedded_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Embedded | None | Unset, data)

        embedded = _parse_embedded(d.pop("embedded", UNSET))

        def _parse_ends_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_featured_media(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        def _parse_next_occurrence(data: object) -> NextOccurrence | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_occurrence_type_0 = NextOccurrence.from_dict(data)

                return next_occurrence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NextOccurrence | None | Unset, data)

        next_occurrence = _parse_next_occurrence(d.pop("next_occurrence", UNSET))

        def _parse_organizer(data: object) -> None | Organizer | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                organizer_type_0 = Organizer.from_dict(data)

                return organizer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Organizer | Unset, data)

        organizer = _parse_organizer(d.pop("organizer", UNSET))

        def _parse_rrule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rrule = _parse_rrule(d.pop("rrule", UNSET))

        def _parse_venue(data: object) -> None | Unset | Venue:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                venue_type_0 = Venue.from_dict(data)

                return venue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | Venue, data)

        venue = _parse_venue(d.pop("venue", UNSET))

        event_response = cls(
            author=author,
            content=content,
            created_at=created_at,
            excerpt=excerpt,
            id=id,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
            updated_at=updated_at,
            all_day=all_day,
            cost=cost,
            ends_at_utc=ends_at_utc,
            event_categories=event_categories,
            exdates=exdates,
            fields=fields,
            ical_uid=ical_uid,
            is_free=is_free,
            online_url=online_url,
            rdates=rdates,
            starts_at=starts_at,
            starts_at_utc=starts_at_utc,
            tags=tags,
            ticket_url=ticket_url,
            timezone=timezone,
            link=link,
            oembed_url=oembed_url,
            embedded=embedded,
            ends_at=ends_at,
            featured_media=featured_media,
            next_occurrence=next_occurrence,
            organizer=organizer,
            rrule=rrule,
            venue=venue,
        )

        event_response.additional_properties = d
        return event_response

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
