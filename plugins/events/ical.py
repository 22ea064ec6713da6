"""`data/events.ics` (Vietnamese) and `en/data/events.ics`: every event as iCalendar.

Stable across builds, so that calendar apps update events instead of duplicating them:
- UID: a SHA-1 of the story slug, the event's position in the story and its date;
- DTSTAMP: the story's publication time (never the build time).
Events have dates, no times: DTSTART;VALUE=DATE, and DTEND the day after the last day
(iCalendar's end is exclusive), so a 20-21 September event ends on 22 September.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

from icalendar import Calendar
from icalendar import Event as VEvent

from content_model.project import localized

from .calendar import CalendarEvent, kind_label

UID_DOMAIN = "huu-nghi"
PRODID = "-//Huu Nghi portal//Events//EN"


def uid(e: CalendarEvent) -> str:
    seed = f"{e.slug}\n{e.index}\n{e.start.isoformat()}"
    return f"{hashlib.sha1(seed.encode('utf-8')).hexdigest()}@{UID_DOMAIN}"


def vevent(e: CalendarEvent, lang: str, base_url: str) -> VEvent:
    story_url = f"{base_url.rstrip('/')}/{e.story.url}"
    item = VEvent()
    item.add("uid", uid(e))
    item.add("dtstamp", e.published.astimezone(UTC))
    item.add("dtstart", e.start)
    item.add("dtend", e.last_day + timedelta(days=1))
    item.add("summary", localized(e.event.title, lang))
    item.add("description", f"{e.story.title}\n{story_url}")
    item.add("url", story_url)
    item.add("categories", [kind_label(e.event.kind, lang)])
    if e.event.place:
        item.add("location", e.event.place)
    item.add("transp", "TRANSPARENT")  # an all-day public event does not block anyone's day
    return item


def calendar_ics(events: list[CalendarEvent], lang: str, base_url: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for e in events:
        cal.add_component(vevent(e, lang, base_url))
    return cal.to_ical()
