"""Wires the events calendar into the bilingual site: a calendar page per language, a page per
event kind, upcoming events on the home page and `events.ics` in each language."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from bilingual import catalogs, urls
from bilingual.hooks import Hooks
from bilingual.plan import Page
from bilingual.session import session_of
from bilingual.sitemap import base_url
from content_model.project import Project
from shared.atomic import write_atomic
from shared.build_day import build_date
from shared.jsonld import script_json
from shared.parallel import parallel_map
from shared.text import localized

from .calendar import (
    EVENTS_KEY,
    CalendarEvent,
    by_month,
    collect,
    collected,
    kind_label,
    kinds_used,
    split,
)
from .ical import calendar_ics, calendar_key
from .listing import SCHEMA_ORG, EventView, event_ld, kind_url, view

HOME_EVENTS = 3  # upcoming events shown on the home page
SPLIT_KEY = "events_split"  # in Pelican's context: lang -> (upcoming, past) of this build
BY_STORY_KEY = "events_by_story"  # lang -> story slug -> its events, for its page


def listing_context(
    events: list[CalendarEvent],
    lang: str,
    project: Project,
    base: str,
    today: date,
    made: dict[tuple[str, int], tuple[EventView, dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """`made`: the view and JSON-LD of events already made for another page of the same
    language (the calendar and its kind pages show each event twice), reused."""
    upcoming, past = split(events, today)
    by_id = project.data.partners_by_id
    made = {} if made is None else made
    for e in events:
        if (e.slug, e.index) not in made:
            made[(e.slug, e.index)] = (view(e, lang, by_id), event_ld(e, lang, base, by_id))
    graph = [made[(e.slug, e.index)][1] for e in events]
    return {
        "upcoming_events": upcoming,
        "upcoming_years": by_month(upcoming, lang, prefix="u"),
        "past_years": by_month(past, lang, prefix="y"),
        "event_views": {e.anchor: made[(e.slug, e.index)][0] for e in events},
        "event_count": len(events),
        "jsonld": script_json({"@context": SCHEMA_ORG, "@graph": graph}) if events else None,
    }


def _calendar_context(
    common: dict[str, Any],
    events: list[CalendarEvent],
    lang: str,
    project: Project,
    base: str,
    today: date,
    made: dict[tuple[str, int], tuple[EventView, dict[str, Any]]],
    heading: str | None = None,
) -> dict[str, Any]:
    extra = {"heading": heading} if heading else {}
    return {**common, **listing_context(events, lang, project, base, today, made), **extra}


def event_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    today = build_date()
    base = base_url(context)
    pages = []
    for lang in urls.LANGS:
        events = collect(project, lang)
        context.setdefault(EVENTS_KEY, {})[lang] = events  # for events.ics, partner pages
        with_events = frozenset(e.slug for e in events)  # what the calendar pages show
        context.setdefault(SPLIT_KEY, {})[lang] = split(events, today)
        by_story: dict[str, list[CalendarEvent]] = {}
        for e in sorted(events, key=lambda e: e.index):
            by_story.setdefault(e.slug, []).append(e)
        context.setdefault(BY_STORY_KEY, {})[lang] = by_story
        kinds = [
            {"key": k, "label": kind_label(k, lang), "url": kind_url(k, lang), "count": n}
            for k in kinds_used(events)
            if (n := sum(e.event.kind == k for e in events))
        ]
        made: dict[tuple[str, int], tuple[EventView, dict[str, Any]]] = {}  # for this language
        common = {
            "event_kinds": kinds,
            "events_url": urls.url(lang, "events"),
            "events_ics_url": urls.url(lang, "events-ics"),
            "build_date": today,
        }
        pages.append(
            Page(
                "events",
                lang,
                ("events",),
                urls.url(lang, "events"),
                template="events/calendar.html",
                params={"section": "events"},
                context=partial(
                    _calendar_context, common, events, lang, project, base, today, made
                ),
                depends_on=with_events,
            )
        )
        for k in kinds:
            mine = [e for e in events if e.event.kind == k["key"]]
            pages.append(
                Page(
                    "events-kind",
                    lang,
                    ("events-kind", k["key"]),
                    k["url"],
                    template="events/calendar.html",
                    params={"section": "events", "kind": k["key"]},
                    depends_on=with_events,  # the kinds menu counts every story's events
                    context=partial(
                        _calendar_context,
                        common,
                        mine,
                        lang,
                        project,
                        base,
                        today,
                        made,
                        k["label"],
                    ),
                )
            )
    return pages


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    if page.kind == "article":
        slug = page.items[0].obj.slug
        mine = context.get(BY_STORY_KEY, {}).get(page.lang, {}).get(slug, [])
        if not mine:
            return {}
        by_id = project.data.partners_by_id
        return {
            "partials": ["events/_story.html"],
            "story_events": [view(e, page.lang, by_id) for e in mine],
            "events_url": urls.url(page.lang, "events"),
        }
    if page.kind != "home" or page.number != 1:
        return {}
    upcoming, past = context.get(SPLIT_KEY, {}).get(page.lang, ([], []))
    # nothing planned: the most recent events keep the block useful
    shown = (upcoming or past)[:HOME_EVENTS]
    return {
        "partials": ["events/_home.html"],
        "home_events": [view(e, page.lang, project.data.partners_by_id) for e in shown],
        "home_events_recent": not upcoming and bool(past),
        "events_url": urls.url(page.lang, "events"),
    }


def write_ics(project: Project, context: dict[str, Any], output: Path) -> None:
    base = base_url(context)
    theme = Path(context["THEME"]) / "translations"
    assert project.data.site is not None
    for lang in urls.LANGS:
        gettext = catalogs.load_translations(theme, lang).gettext
        name = f"{localized(project.data.site.short_name, lang)}: {gettext('Events')}"
        rel = urls.url(lang, "events-ics")
        events = collected(project, lang, context)
        session = session_of(context)
        reused = session.reuse_file(output, rel, calendar_key(events, lang, base, name))
        # the preview serialises its events even when the last build's file is the same: its
        # first title edit then finds them in ical's cache, instead of serialising every
        # event of the calendar (about 2.5 s at N = 5000)
        if reused and not session.keep_between_builds:
            continue
        # a batch build spreads the events over its cores; the preview keeps them serialised
        # in its own process from one save to the next (ical's cache), which workers would lose
        map_fn = map if session.keep_between_builds else parallel_map
        # the preview writes in place: a calendar app never reads half a file
        write_atomic(output / rel, calendar_ics(events, lang, base, name, map_fn))


def extend(hooks: Hooks) -> None:
    hooks.add_pages(event_pages)
    hooks.add_page_context(page_context)
    hooks.add_files(write_ics)
