"""What an event shows wherever it is listed: calendar, kind pages, partner pages, home."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bilingual import urls
from bilingual.story_links import StoryLink
from content_model.schema import Partner
from shared.text import localized

from .calendar import CalendarEvent, kind_label, when


@dataclass(frozen=True)
class PartnerLink:
    id: str
    name: str
    url: str


@dataclass(frozen=True)
class EventView:
    anchor: str
    start: str  # ISO dates, for <time datetime>: 2022-09-22, 2022-09 or 2022, as given
    end: str | None
    when: str
    title: str
    kind: str
    kind_label: str
    kind_url: str
    place: str | None
    partners: tuple[PartnerLink, ...]
    story: StoryLink


def kind_url(kind: str, lang: str) -> str:
    return urls.url(lang, "events-kind", event_kind=kind)


def view(e: CalendarEvent, lang: str, partners_by_id: dict[str, Partner]) -> EventView:
    ev = e.event
    return EventView(
        anchor=e.anchor,
        start=ev.date.isoformat(),
        end=ev.end.isoformat() if ev.end and ev.end != ev.date else None,
        when=when(ev.date, ev.end, lang),
        title=localized(ev.title, lang),
        kind=ev.kind,
        kind_label=kind_label(ev.kind, lang),
        kind_url=kind_url(ev.kind, lang),
        place=ev.place,
        partners=tuple(
            PartnerLink(
                pid, localized(partners_by_id[pid].name, lang), urls.url(lang, "partner", id=pid)
            )
            for pid in dict.fromkeys(ev.partners)
            if pid in partners_by_id
        ),
        story=e.story,
    )


def event_ld(e: CalendarEvent, lang: str, base_url: str, partners_by_id: dict[str, Partner]):
    """schema.org `Event` (all-day dates; the story is its page)."""
    data: dict[str, Any] = {
        "@type": "Event",
        "name": localized(e.event.title, lang),
        # ISO 8601 with the precision the source gives (2022-09): no invented day
        "startDate": e.event.date.isoformat(),
        "endDate": (e.event.end or e.event.date).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": f"{base_url.rstrip('/')}/{e.story.url}",
        "inLanguage": lang,
    }
    if e.event.place:
        data["location"] = {"@type": "Place", "name": e.event.place, "address": e.event.place}
    attendees = [
        {
            "@type": "Organization",
            "name": localized(partners_by_id[pid].name, lang),
            "url": f"{base_url.rstrip('/')}/{urls.url(lang, 'partner', id=pid)}",
        }
        for pid in dict.fromkeys(e.event.partners)
        if pid in partners_by_id
    ]
    if attendees:
        data["attendee"] = attendees
    return data


SCHEMA_ORG = "https://schema.org"


def events_ld(events: list[CalendarEvent], lang: str, base_url: str, partners_by_id) -> dict:
    return {
        "@context": SCHEMA_ORG,
        "@graph": [event_ld(e, lang, base_url, partners_by_id) for e in events],
    }
