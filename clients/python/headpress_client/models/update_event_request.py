from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blocks_content_input import BlocksContentInput
    from ..models.event_fields_update import EventFieldsUpdate
    from ..models.html_content_input import HtmlContentInput
    from ..models.organizer import Organizer
    from ..models.venue import Venue


T = TypeVar("T", bound="UpdateEventRequest")


@_attrs_define
class UpdateEventRequest:
    """Changes to an event: members left out stay as they are; `ends_at`, `rrule`, `venue`,
    `organizer` and `featured_media` take `null` to remove them.

        Attributes:
            all_day (bool | None | Unset): Whole days: the times are dates.
            author (int | None | Unset): The author's user id (only editors and admins may name someone else).
            content (BlocksContentInput | HtmlContentInput | None | Unset):
            cost (None | str | Unset): Free text (`£20, concessions £10`); empty removes it.
            ends_at (None | str | Unset): Local end in `timezone`, or the last day of an all-day event (inclusive); null
                makes an instant event (an all-day event then lasts one day).
            event_categories (list[int] | None | Unset): Event category ids: they replace the event's categories (`[]`
                removes them all).
            excerpt (None | str | Unset): An empty excerpt goes back to one derived from the content.
            exdates (list[str] | None | Unset): Occurrences of the rule to leave out, local starts in `timezone`: they
                replace
                the stored list.
            featured_media (int | None | Unset): The featured image's media id; null removes it.
            fields (EventFieldsUpdate | None | Unset):
            is_free (bool | None | Unset): Free of charge.
            online_url (None | str | Unset): Where to join online: an `http` or `https` URL; empty removes it.
            organizer (None | Organizer | Unset):
            published_at (datetime.datetime | None | Unset): When the item is (or will be) public (RFC 3339); a future date
                with
                `status: published` schedules it.
            rdates (list[str] | None | Unset): Extra occurrences, local starts in `timezone`: they replace the stored list.
            rrule (None | str | Unset): RFC 5545 RRULE value, checked as on create; null (or empty) stops the event
                repeating.
            slug (None | str | Unset): The address name, unique within the kind: lower-case letters, digits and
                hyphens.
            starts_at (None | str | Unset): Local start in `timezone`, no offset (`2026-07-30T18:00`), or a date for an
                all-day event.
            status (None | Status | Unset):
            tags (list[int] | None | Unset): Tag ids: they replace the event's tags (`[]` removes them all).
            ticket_url (None | str | Unset): Where to get tickets or register: an `http` or `https` URL; empty removes it.
            timezone (None | str | Unset):
            title (None | str | Unset): The title, plain text (trimmed).
            venue (None | Unset | Venue):
    """

    all_day: bool | None | Unset = UNSET
    author: int | None | Unset = UNSET
    content: BlocksContentInput | HtmlContentInput | None | Unset = UNSET
    cost: None | str | Unset = UNSET
    ends_at: None | str | Unset = UNSET
    event_categories: list[int] | None | Unset = UNSET
    excerpt: None | str | Unset = UNSET
    exdates: list[str] | None | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    fields: EventFieldsUpdate | None | Unset = UNSET
    is_free: bool | None | Unset = UNSET
    online_url: None | str | Unset = UNSET
    organizer: None | Organizer | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    rdates: list[str] | None | Unset = UNSET
    rrule: None | str | Unset = UNSET
    slug: None | str | Unset = UNSET
    starts_at: None | str | Unset = UNSET
    status: None | Status | Unset = UNSET
    tags: list[int] | None | Unset = UNSET
    ticket_url: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    venue: None | Unset | Venue = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.event_fields_update import EventFieldsUpdate  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.organizer import Organizer  # noqa: PLC0415
        from ..models.venue import Venue  # noqa: PLC0415

        all_day: bool | None | Unset
        if isinstance(self.all_day, Unset):
            all_day = UNSET
        else:
            all_day = self.all_day

        author: int | None | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        else:
            author = self.author

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, HtmlContentInput):
            content = self.content.to_dict()
        elif isinstance(self.content, BlocksContentInput):
            content = self.content.to_dict()
        else:
            content = self.content

        cost: None | str | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        else:
            ends_at = self.ends_at

        event_categories: list[int] | None | Unset
        if isinstance(self.event_categories, Unset):
            event_categories = UNSET
        elif isinstance(self.event_categories, list):
            event_categories = self.event_categories

        else:
            event_categories = self.event_categories

        excerpt: None | str | Unset
        if isinstance(self.excerpt, Unset):
            excerpt = UNSET
        else:
            excerpt = self.excerpt

        exdates: list[str] | None | Unset
        if isinstance(self.exdates, Unset):
            exdates = UNSET
        elif isinstance(self.exdates, list):
            exdates = self.exdates

        else:
            exdates = self.exdates

        featured_media: int | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        else:
            featured_media = self.featured_media

        fields: dict[str, Any] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, EventFieldsUpdate):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        is_free: bool | None | Unset
        if isinstance(self.is_free, Unset):
            is_free = UNSET
        else:
            is_free = self.is_free

        online_url: None | str | Unset
        if isinstance(self.online_url, Unset):
            online_url = UNSET
        else:
            online_url = self.online_url

        organizer: dict[str, Any] | None | Unset
        if isinstance(self.organizer, Unset):
            organizer = UNSET
        elif isinstance(self.organizer, Organizer):
            organizer = self.organizer.to_dict()
        else:
            organizer = self.organizer

        published_at: None | str | Unset
        if isinstance(self.published_at, Unset):
            published_at = UNSET
        elif isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        rdates: list[str] | None | Unset
        if isinstance(self.rdates, Unset):
            rdates = UNSET
        elif isinstance(self.rdates, list):
            rdates = self.rdates

        else:
            rdates = self.rdates

        rrule: None | str | Unset
        if isinstance(self.rrule, Unset):
            rrule = UNSET
        else:
            rrule = self.rrule

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        else:
            starts_at = self.starts_at

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, Status):
            status = self.status.value
        else:
            status = self.status

        tags: list[int] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        ticket_url: None | str | Unset
        if isinstance(self.ticket_url, Unset):
            ticket_url = UNSET
        else:
            ticket_url = self.ticket_url

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        venue: dict[str, Any] | None | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        elif isinstance(self.venue, Venue):
            venue = self.venue.to_dict()
        else:
            venue = self.venue

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if all_day is not UNSET:
            field_dict["all_day"] = all_day
        if author is not UNSET:
            field_dict["author"] = author
        if content is not UNSET:
            field_dict["content"] = content
        if cost is not UNSET:
            field_dict["cost"] = cost
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if event_categories is not UNSET:
            field_dict["event_categories"] = event_categories
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if exdates is not UNSET:
            field_dict["exdates"] = exdates
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if is_free is not UNSET:
            field_dict["is_free"] = is_free
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if organizer is not UNSET:
            field_dict["organizer"] = organizer
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if rdates is not UNSET:
            field_dict["rdates"] = rdates
        if rrule is not UNSET:
            field_dict["rrule"] = rrule
        if slug is not UNSET:
            field_dict["slug"] = slug
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if ticket_url is not UNSET:
            field_dict["ticket_url"] = ticket_url
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if title is not UNSET:
            field_dict["title"] = title
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.event_fields_update import EventFieldsUpdate  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.organizer import Organizer  # noqa: PLC0415
        from ..models.venue import Venue  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_all_day(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        all_day = _parse_all_day(d.pop("all_day", UNSET))

        def _parse_author(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        def _parse_content(data: object) -> BlocksContentInput | HtmlContentInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_content_input_type_0 = HtmlContentInput.from_dict(data)

                return componentsschemas_content_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_content_input_type_1 = BlocksContentInput.from_dict(data)

                return componentsschemas_content_input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BlocksContentInput | HtmlContentInput | None | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_cost(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        def _parse_ends_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_event_categories(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                event_categories_type_0 = cast(list[int], data)

                return event_categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        event_categories = _parse_event_categories(d.pop("event_categories", UNSET))

        def _parse_excerpt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        excerpt = _parse_excerpt(d.pop("excerpt", UNSET))

        def _parse_exdates(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                exdates_type_0 = cast(list[str], data)

                return exdates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        exdates = _parse_exdates(d.pop("exdates", UNSET))

        def _parse_featured_media(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        def _parse_fields(data: object) -> EventFieldsUpdate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = EventFieldsUpdate.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventFieldsUpdate | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        def _parse_is_free(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_free = _parse_is_free(d.pop("is_free", UNSET))

        def _parse_online_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        online_url = _parse_online_url(d.pop("online_url", UNSET))

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

        def _parse_published_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        published_at = _parse_published_at(d.pop("published_at", UNSET))

        def _parse_rdates(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rdates_type_0 = cast(list[str], data)

                return rdates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        rdates = _parse_rdates(d.pop("rdates", UNSET))

        def _parse_rrule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rrule = _parse_rrule(d.pop("rrule", UNSET))

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        def _parse_starts_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_status(data: object) -> None | Status | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = Status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Status | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_tags(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[int], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_ticket_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ticket_url = _parse_ticket_url(d.pop("ticket_url", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

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

        update_event_request = cls(
            all_day=all_day,
            author=author,
            content=content,
            cost=cost,
            ends_at=ends_at,
            event_categories=event_categories,
            excerpt=excerpt,
            exdates=exdates,
            featured_media=featured_media,
            fields=fields,
            is_free=is_free,
            online_url=online_url,
            organizer=organizer,
            published_at=published_at,
            rdates=rdates,
            rrule=rrule,
            slug=slug,
            starts_at=starts_at,
            status=status,
            tags=tags,
            ticket_url=ticket_url,
            timezone=timezone,
            title=title,
            venue=venue,
        )

        return update_event_request
