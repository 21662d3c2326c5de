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


T = TypeVar("T", bound="EventPartial")


@_attrs_define
class EventPartial:
    """What an answer to a request with `fields` holds of a `EventResponse`: only the members named in `fields` (each as in
    `EventResponse`), the others left out.

        Attributes:
            author (int | Unset): The author's user id.
            content (ContentResponse | Unset): An item's body: rendered HTML and its structured form.
            created_at (datetime.datetime | Unset): When the item was created.
            excerpt (str | Unset): A short plain-text summary: the one written, or the first 55 words of the content.
            id (int | Unset): The item's id, unique across every kind of content.
            link (None | str | Unset): The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
                pattern); null for reusable blocks, which have no page of their own.
            oembed_url (None | str | Unset): The oEmbed endpoint for `link` (posts, resources and events), for the discovery
                `<link rel="alternate" type="application/json+oembed">` tag.
            published_at (datetime.datetime | Unset): When the item is (or will be) public: a `published` item with a future
                date is
                scheduled and hidden from anonymous readers until then.
            slug (str | Unset): The address name, unique within the kind (`my-post`); lists filter on it with `slug`.
            status (Status | Unset): Where an item is in its life: `draft` (being written), `pending` (waiting for
                review), `published` (public once its `published_at` has come; a future date
                schedules it), `private` (only editors, admins and its author see it) or `trash`
                (deleted, can be restored by changing the status). Only `published` items whose
                date has come reach anonymous readers.
            title (str | Unset): The title, plain text.
            updated_at (datetime.datetime | Unset): When the item last changed.
            all_day (bool | Unset): Whole days: `starts_at`, `ends_at`, `rdates` and `exdates` are dates.
            cost (str | Unset): Free text (`£20, concessions £10`), or empty.
            embedded (Embedded | None | Unset):
            ends_at (None | str | Unset): Local end, or the last day of an all-day event (inclusive); null for an instant
                event.
            ends_at_utc (datetime.datetime | Unset): The first occurrence's end, in UTC (read-only; for all-day events
                midnight after the
                last day).
            event_categories (list[int] | Unset): Event category ids.
            exdates (list[str] | Unset): Occurrences left out: local date-times in `timezone` (dates for all-day events).
            featured_media (int | None | Unset): The featured image's media id, or null.
            fields (EventFields | Unset): An event's custom field values. Members are the custom fields of the site's field
                groups; the site's document (`/api/v1/openapi.json?fields=site`) types each of them.
            ical_uid (str | Unset): The iCalendar UID, stable across feeds.
            is_free (bool | Unset): Free of charge.
            next_occurrence (NextOccurrence | None | Unset):
            online_url (str | Unset): Where to join online, or empty.
            organizer (None | Organizer | Unset):
            rdates (list[str] | Unset): Extra occurrences: local date-times in `timezone` (dates for all-day events).
            rrule (None | str | Unset): RFC 5545 RRULE value, `FREQ=WEEKLY;BYDAY=TU;COUNT=6`, or null for an event that
                does not repeat.
            starts_at (str | Unset): Local start in `timezone` (`2026-07-30T18:00:00`), or the first day of an all-day
                event (`2026-07-30`). For a recurring event, the first occurrence.
            starts_at_utc (datetime.datetime | Unset): The first occurrence's start, in UTC (read-only).
            tags (list[int] | Unset): Tag ids.
            ticket_url (str | Unset): Where to get tickets or register, or empty.
            timezone (str | Unset): IANA time zone name, `Europe/London`.
            venue (None | Unset | Venue):
    """

    author: int | Unset = UNSET
    content: ContentResponse | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    excerpt: str | Unset = UNSET
    id: int | Unset = UNSET
    link: None | str | Unset = UNSET
    oembed_url: None | str | Unset = UNSET
    published_at: datetime.datetime | Unset = UNSET
    slug: str | Unset = UNSET
    status: Status | Unset = UNSET
    title: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    all_day: bool | Unset = UNSET
    cost: str | Unset = UNSET
    embedded: Embedded | None | Unset = UNSET
    ends_at: None | str | Unset = UNSET
    ends_at_utc: datetime.datetime | Unset = UNSET
    event_categories: list[int] | Unset = UNSET
    exdates: list[str] | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    fields: EventFields | Unset = UNSET
    ical_uid: str | Unset = UNSET
    is_free: bool | Unset = UNSET
    next_occurrence: NextOccurrence | None | Unset = UNSET
    online_url: str | Unset = UNSET
    organizer: None | Organizer | Unset = UNSET
    rdates: list[str] | Unset = UNSET
    rrule: None | str | Unset = UNSET
    starts_at: str | Unset = UNSET
    starts_at_utc: datetime.datetime | Unset = UNSET
    tags: list[int] | Unset = UNSET
    ticket_url: str | Unset = UNSET
    timezone: str | Unset = UNSET
    venue: None | Unset | Venue = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.embedded import Embedded  # noqa: PLC0415
        from ..models.next_occurrence import NextOccurrence  # noqa: PLC0415
        from ..models.organizer import Organizer  # noqa: PLC0415
        from ..models.venue import Venue  # noqa: PLC0415

        author = self.author

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        excerpt = self.excerpt

        id = self.id

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

        published_at: str | Unset = UNSET
        if not isinstance(self.published_at, Unset):
            published_at = self.published_at.isoformat()

        slug = self.slug

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        title = self.title

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        all_day = self.all_day

        cost = self.cost

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

        ends_at_utc: str | Unset = UNSET
        if not isinstance(self.ends_at_utc, Unset):
            ends_at_utc = self.ends_at_utc.isoformat()

        event_categories: list[int] | Unset = UNSET
        if not isinstance(self.event_categories, Unset):
            event_categories = self.event_categories

        exdates: list[str] | Unset = UNSET
        if not isinstance(self.exdates, Unset):
            exdates = self.exdates

        featured_media: int | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        else:
            featured_media = self.featured_media

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        ical_uid = self.ical_uid

        is_free = self.is_free

        next_occurrence: dict[str, Any] | None | Unset
        if isinstance(self.next_occurrence, Unset):
            next_occurrence = UNSET
        elif isinstance(self.next_occurrence, NextOccurrence):
            next_occurrence = self.next_occurrence.to_dict()
        else:
            next_occurrence = self.next_occurrence

        online_url = self.online_url

        organizer: dict[str, Any] | None | Unset
        if isinstance(self.organizer, Unset):
            organizer = UNSET
        elif isinstance(self.organizer, Organizer):
            organizer = self.organizer.to_dict()
        else:
            organizer = self.organizer

        rdates: list[str] | Unset = UNSET
        if not isinstance(self.rdates, Unset):
            rdates = self.rdates

        rrule: None | str | Unset
        if isinstance(self.rrule, Unset):
            rrule = UNSET
        else:
            rrule = self.rrule

        starts_at = self.starts_at

        starts_at_utc: str | Unset = UNSET
        if not isinstance(self.starts_at_utc, Unset):
            starts_at_utc = self.starts_at_utc.isoformat()

        tags: list[int] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        ticket_url = self.ticket_url

        timezone = self.timezone

        venue: dict[str, Any] | None | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        elif isinstance(self.venue, Venue):
            venue = self.venue.to_dict()
        else:
            venue = self.venue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if author is not UNSET:
            field_dict["author"] = author
        if content is not UNSET:
            field_dict["content"] = content
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if oembed_url is not UNSET:
            field_dict["oembed_url"] = oembed_url
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if title is not UNSET:
            field_dict["title"] = title
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if all_day is not UNSET:
            field_dict["all_day"] = all_day
        if cost is not UNSET:
            field_dict["cost"] = cost
        if embedded is not UNSET:
            field_dict["embedded"] = embedded
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if ends_at_utc is not UNSET:
            field_dict["ends_at_utc"] = ends_at_utc
        if event_categories is not UNSET:
            field_dict["event_categories"] = event_categories
        if exdates is not UNSET:
            field_dict["exdates"] = exdates
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if ical_uid is not UNSET:
            field_dict["ical_uid"] = ical_uid
        if is_free is not UNSET:
            field_dict["is_free"] = is_free
        if next_occurrence is not UNSET:
            field_dict["next_occurrence"] = next_occurrence
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if organizer is not UNSET:
            field_dict["organizer"] = organizer
        if rdates is not UNSET:
            field_dict["rdates"] = rdates
        if rrule is not UNSET:
            field_dict["rrule"] = rrule
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if starts_at_utc is not UNSET:
            field_dict["starts_at_utc"] = starts_at_utc
        if tags is not UNSET:
            field_dict["tags"] = tags
        if ticket_url is not UNSET:
            field_dict["ticket_url"] = ticket_url
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
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
        author = d.pop("author", UNSET)

        _content = d.pop("content", UNSET)
        content: ContentResponse | Unset
        if isinstance(_content, Unset):
            content = UNSET
        else:
            content = ContentResponse.from_dict(_content)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        excerpt = d.pop("excerpt", UNSET)

        id = d.pop("id", UNSET)

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

        _published_at = d.pop("published_at", UNSET)
        published_at: datetime.datetime | Unset
        if isinstance(_published_at, Unset):
            published_at = UNSET
        else:
            published_at = datetime.datetime.fromisoformat(_published_at)

        slug = d.pop("slug", UNSET)

        _status = d.pop("status", UNSET)
        status: Status | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = Status(_status)

        title = d.pop("title", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        all_day = d.pop("all_day", UNSET)

        cost = d.pop("cost", UNSET)

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

        _ends_at_utc = d.pop("ends_at_utc", UNSET)
        ends_at_utc: datetime.datetime | Unset
        if isinstance(_ends_at_utc, Unset):
            ends_at_utc = UNSET
        else:
            ends_at_utc = datetime.datetime.fromisoformat(_ends_at_utc)

        event_categories = cast(list[int], d.pop("event_categories", UNSET))

        exdates = cast(list[str], d.pop("exdates", UNSET))

        def _parse_featured_media(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        _fields = d.pop("fields", UNSET)
        fields: EventFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = EventFields.from_dict(_fields)

        ical_uid = d.pop("ical_uid", UNSET)

        is_free = d.pop("is_free", UNSET)

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

        online_url = d.pop("online_url", UNSET)

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

        rdates = cast(list[str], d.pop("rdates", UNSET))

        def _parse_rrule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rrule = _parse_rrule(d.pop("rrule", UNSET))

        starts_at = d.pop("starts_at", UNSET)

        _starts_at_utc = d.pop("starts_at_utc", UNSET)
        starts_at_utc: datetime.datetime | Unset
        if isinstance(_starts_at_utc, Unset):
            starts_at_utc = UNSET
        else:
            starts_at_utc = datetime.datetime.fromisoformat(_starts_at_utc)

        tags = cast(list[int], d.pop("tags", UNSET))

        ticket_url = d.pop("ticket_url", UNSET)

        timezone = d.pop("timezone", UNSET)

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

        event_partial = cls(
            author=author,
            content=content,
            created_at=created_at,
            excerpt=excerpt,
            id=id,
            link=link,
            oembed_url=oembed_url,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
            updated_at=updated_at,
            all_day=all_day,
            cost=cost,
            embedded=embedded,
            ends_at=ends_at,
            ends_at_utc=ends_at_utc,
            event_categories=event_categories,
            exdates=exdates,
            featured_media=featured_media,
            fields=fields,
            ical_uid=ical_uid,
            is_free=is_free,
            next_occurrence=next_occurrence,
            online_url=online_url,
            organizer=organizer,
            rdates=rdates,
            rrule=rrule,
            starts_at=starts_at,
            starts_at_utc=starts_at_utc,
            tags=tags,
            ticket_url=ticket_url,
            timezone=timezone,
            venue=venue,
        )

        event_partial.additional_properties = d
        return event_partial

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
