"""`data/events.ics` (Vietnamese) and `en/data/events.ics`: every event as iCalendar.

Stable across builds, so that calendar apps update events instead of duplicating them:
- UID: a SHA-1 of the story slug, the event's position in the story and its date;
- DTSTAMP: the story's publication time (never the build time).
Events have dates, no times: DTSTART;VALUE=DATE, and DTEND the day after the last day
(iCalendar's end is exclusive), so a 20-21 September event ends on 22 September.

An event whose source gives only the month or the year ("tháng 9 năm 2022") is left out:
iCalendar cannot say "some day in September", and an all-day span over the month would put
a month-long event in the reader's calendar, which says more than the source. The pages
list these events (docs/editor-guide.md, "Say no more than the source").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, timedelta
from functools import lru_cache

from icalendar import Calendar
from icalendar import Event as VEvent

from shared.text import localized

from .calendar import CalendarEvent, kind_label

UID_DOMAIN = "huu-nghi"
PRODID = "-//Huu Nghi portal//Events//EN"


def uid(e: CalendarEvent) -> str:
    seed = f"{e.slug}\n{e.index}\n{e.start.isoformat()}"
    return f"{hashlib.sha1(seed.encode('utf-8')).hexdigest()}@{UID_DOMAIN}"


def _fields(e: CalendarEvent, lang: str, base_url: str) -> tuple:
    story_url = f"{base_url.rstrip('/')}/{e.story.url}"
    return (
        uid(e),
        e.published.astimezone(UTC),
        e.start,
        e.last_day + timedelta(days=1),
        localized(e.event.title, lang),
        f"{e.story.title}\n{story_url}",
        story_url,
        kind_label(e.event.kind, lang),
        e.event.place,
    )


def _vevent(*fields: object) -> VEvent:
    event_uid, stamp, start, end, summary, description, url, category, place = fields
    item = VEvent()
    item.add("uid", event_uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", summary)
    item.add("description", description)
    item.add("url", url)
    item.add("categories", [category])
    if place:
        item.add("location", place)
    item.add("transp", "TRANSPARENT")  # an all-day public event does not block anyone's day
    return item


@lru_cache(maxsize=50_000)
def vevent_ical(fields: tuple) -> bytes:
    """One event's VEVENT, from its `_fields`: what `calendar_ics` maps over the events.
    Serialising is the slow part; in the preview process, unchanged events are reused."""
    return _vevent(*fields).to_ical()


def calendar_key(events: list[CalendarEvent], lang: str, base_url: str, name: str) -> str:
    """What `calendar_ics` makes its bytes from: equal keys, equal files (a build reuses the
    last build's file instead of serialising thousands of events again). The code and
    icalendar's version are added by `reuse_file`, whose key includes the build's shared key
    (our code, and requirements.lock through `shared.cache.dependencies_key`)."""
    fields = [_fields(e, lang, base_url) for e in events if e.precise]
    return hashlib.sha256(repr((PRODID, name, fields)).encode()).hexdigest()


def calendar_ics(
    events: list[CalendarEvent],
    lang: str,
    base_url: str,
    name: str,
    map_fn: Callable[[Callable[[tuple], bytes], list[tuple]], Iterable[bytes]] = map,
) -> bytes:
    """`map_fn(vevent_ical, fields)`: a batch build passes its parallel map (icalendar takes
    about 1 ms per event, the largest single cost of a cold build's main process), the
    preview the plain `map` (its own process keeps unchanged events serialised)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    body = b"".join(map_fn(vevent_ical, [_fields(e, lang, base_url) for e in events if e.precise]))
    return head + body + b"END:VCALENDAR" + end
