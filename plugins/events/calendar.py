"""The events of every story in one calendar: upcoming and past, by year and month, by kind.

Events are story data: a story's events are collected once per translation group, never once
per language version, and drafts have none. Each event links the version of its story in the
page's language when there is one (`bilingual.story_links`).

Build date: what is "upcoming" depends on the day the site is built
(`shared.build_day.build_date`: today in the site's time zone, or the day of
`SOURCE_DATE_EPOCH`). An event that has started but not ended is upcoming.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_interval, format_skeleton, get_month_names

from bilingual.story_links import StoryLink, story_link
from content_model.project import Project
from content_model.schema import EVENT_KINDS, Event
from content_model.values import PartialDate, babel_locale
from shared.labels import load_labels

KINDS_FILE = Path(__file__).with_name("kinds.yaml")  # the labels, vi and en


def kind_label(kind: str, lang: str) -> str:
    """The words of an event kind in `lang` (kinds.yaml)."""
    return load_labels(KINDS_FILE)[kind][lang]


@dataclass(frozen=True)
class CalendarEvent:
    slug: str  # the story's slug
    index: int  # position in the story's `events`
    event: Event
    story: StoryLink
    published: datetime  # when the story was first published: stable stamp for iCalendar

    @property
    def start(self) -> date:
        """The first day it may be: a month-precision event sorts at the month's start."""
        return self.event.date.first

    @property
    def last_day(self) -> date:
        """The last day it may be: an event of "tháng 9/2022" is upcoming until 30 September."""
        return (self.event.end or self.event.date).last

    @property
    def anchor(self) -> str:
        return f"event-{self.slug}-{self.index + 1}"

    @property
    def precise(self) -> bool:
        """Known to the day (start and end): only these go to iCalendar (see ical.py)."""
        ends = (self.event.date, self.event.end or self.event.date)
        return all(d.precision == "day" for d in ends)

    @property
    def order(self) -> tuple:
        """Year, then month (0: the source gives only the year), then days: the calendar's
        groups by year and month follow this order in both directions."""
        d = self.event.date
        return (d.year, d.month or 0, self.start, self.last_day, self.slug, self.index)


def collect(project: Project, lang: str) -> list[CalendarEvent]:
    """Every event of every published story, oldest first."""
    out = []
    for story in project.stories.values():
        link = story_link(story, lang)
        if link is None:
            continue
        published = min(v.front.date for v in story.published_versions())
        out += [
            CalendarEvent(story.slug, i, ev, link, published) for i, ev in enumerate(story.events)
        ]
    return sorted(out, key=lambda e: e.order)


EVENTS_KEY = "calendar_events"  # in a build's context: lang -> collect() of that build


def collected(project: Project, lang: str, context: dict[str, Any]) -> list[CalendarEvent]:
    """`collect(project, lang)` as the calendar pages of this build made it (the partner
    pages and events.ics show the same events), else collected now."""
    made = context.get(EVENTS_KEY, {}).get(lang)
    return list(made) if made is not None else collect(project, lang)


def split(events: Iterable[CalendarEvent], today: date) -> tuple[list[CalendarEvent], list]:
    """(upcoming, soonest first; past, most recent first)."""
    events = list(events)
    upcoming = [e for e in events if e.last_day >= today]
    past = [e for e in events if e.last_day < today]
    upcoming.sort(key=lambda e: e.order)
    past.sort(key=lambda e: e.order, reverse=True)
    return upcoming, past


def kinds_used(events: Iterable[CalendarEvent]) -> list[str]:
    used = {e.event.kind for e in events}
    return [k for k in EVENT_KINDS if k in used]


@dataclass
class Month:
    year: int
    month: int | None  # None: events the source dates only by the year
    label: str  # "Tháng 9" / "September"; empty for year-only events (the template says it)
    anchor: str
    events: list[CalendarEvent] = field(default_factory=list)


@dataclass
class Year:
    year: int
    anchor: str
    months: list[Month] = field(default_factory=list)


def by_month(events: Iterable[CalendarEvent], lang: str, prefix: str = "") -> list[Year]:
    """Years and months in the order of `events` (each event under the month it starts; an
    event the source dates only by the year under its year, in a group of its own)."""
    names = get_month_names("wide", context="stand-alone", locale=babel_locale(lang))
    years: list[Year] = []
    for e in events:
        y, m = e.event.date.year, e.event.date.month
        if not years or years[-1].year != y:
            years.append(Year(y, f"{prefix}{y}"))
        months = years[-1].months
        if not months or months[-1].month != m:
            if m is None:
                months.append(Month(y, None, "", f"{prefix}{y}-year"))
            else:
                label = names[m][:1].upper() + names[m][1:]
                months.append(Month(y, m, label, f"{prefix}{y}-{m:02d}"))
        months[-1].events.append(e)
    return years


# Babel (CLDR) skeletons for each precision: vi `tháng 9 năm 2022`, en `September 2022`
_SKELETONS = {"month": "yMMMM", "year": "y"}


def _one(d: PartialDate, lang: str) -> str:
    loc = babel_locale(lang)
    if d.precision == "day":
        return format_date(d.first, "long", locale=loc)
    return format_skeleton(_SKELETONS[d.precision], d.first, locale=loc)


# every event's view says when it is, on each planning of the pages (the preview plans again
# after a title edit): Babel's formatting is the slow part, and many events share their dates
@lru_cache(maxsize=20_000)
def when(start: date | PartialDate, end: date | PartialDate | None, lang: str) -> str:
    """Only what is given: `20 tháng 9, 2019`, `tháng 9 năm 2022`, `2016`; a range:
    `20–21 tháng 9, 2019` / `September 20–21, 2019`, `September – November 2022`."""
    s = start if isinstance(start, PartialDate) else PartialDate.of(start)
    e = end if end is None or isinstance(end, PartialDate) else PartialDate.of(end)
    if e is None or e == s:
        return _one(s, lang)
    loc = babel_locale(lang)
    if s.precision != e.precision:
        return f"{_one(s, lang)} – {_one(e, lang)}"
    if s.precision != "day":
        return format_interval(s.first, e.first, _SKELETONS[s.precision], locale=loc)
    start, end = s.first, e.first
    if (start.year, start.month) == (end.year, end.month):
        if lang == "vi":
            return f"{start.day}–{format_date(end, 'long', locale=loc)}"
        return f"{format_date(start, 'MMMM d', locale=loc)}–{end.day}, {end.year}"
    return f"{format_date(start, 'long', locale=loc)} – {format_date(end, 'long', locale=loc)}"
