"""Wires the partner directory into the bilingual site: the directory, its filter pages (by
type, by country), a page per partner, chips on stories, a few partners on the home page and
`data/partners.json`. Everything is computed once a build, in `partner_pages`, except what
only one page shows, which is computed when that page is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from aid.sectors import sector
from bilingual import urls
from bilingual.hooks import Hooks
from bilingual.plan import Page
from bilingual.sitemap import absolute, base_url
from content_model.project import Project
from content_model.schema import Partner
from events.calendar import CalendarEvent, collected
from events.listing import events_ld, view
from shared.atomic import write_atomic
from shared.jsonld import script_json
from shared.text import localized

from . import directory
from .export import PATH as JSON_PATH
from .export import partners_json
from .figures import figure_view
from .jsonld import partner_ld
from .references import PartnerRefs, mentioned_partners, references

SECTION = {"section": "partners"}
REFS_KEY = "partner_refs"  # per language, computed once a build by partner_pages
HOME_PARTNERS = 6  # partners shown on the home page: the ones most stories name


@dataclass(frozen=True)
class Card:
    """One partner in a listing."""

    id: str
    name: str
    acronym: str | None
    url: str
    country: str
    country_name: str
    country_url: str
    type_label: str
    type_url: str
    since: int | None
    stories: int
    events: int
    figures: int


def card(p: Partner, refs: PartnerRefs, lang: str) -> Card:
    return Card(
        id=p.id,
        name=directory.partner_name(p, lang),
        acronym=p.acronym,
        url=directory.partner_url(p.id, lang),
        country=p.country,
        country_name=directory.country_name(p.country, lang),
        country_url=directory.country_url(p.country, lang),
        type_label=directory.type_label(p.type, lang, plural=False),
        type_url=directory.type_url(p.type, lang),
        since=p.since,
        stories=len(refs.stories),
        events=len(refs.events),
        figures=len(refs.figures),
    )


def partner_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    partners = project.data.partners
    base = base_url(context)
    pages: list[Page] = []
    all_refs = context[REFS_KEY] = {lang: references(project, lang) for lang in urls.LANGS}
    for lang in urls.LANGS:
        refs = all_refs[lang]
        cards = {p.id: card(p, refs[p.id], lang) for p in partners}
        calendar: dict[tuple[str, int], CalendarEvent] = {}  # filled by the first page rendered
        listing = {
            "partner_cards": cards,
            "type_filters": directory.type_filters(partners, lang),
            "country_filters": directory.country_filters(partners, lang),
            "partners_url": urls.url(lang, "partners"),
            "partners_json_url": JSON_PATH,
        }
        pages.append(
            Page(
                "partners",
                lang,
                ("partners",),
                urls.url(lang, "partners"),
                template="partners/directory.html",
                params=dict(SECTION),
                context={
                    **listing,
                    "partner_groups": directory.by_type(partners, lang, countries=True),
                    "partner_count": len(partners),
                },
            )
        )
        for t in {p.type for p in partners}:
            mine = [p for p in partners if p.type == t]
            pages.append(
                Page(
                    "partners-type",
                    lang,
                    ("partners-type", t),
                    directory.type_url(t, lang),
                    template="partners/directory.html",
                    params={**SECTION, "type": t},
                    context={
                        **listing,
                        "partner_groups": directory.by_country(mine, lang),
                        "partner_count": len(mine),
                        "heading": directory.type_label(t, lang),
                    },
                )
            )
        for code in {p.country for p in partners}:
            mine = [p for p in partners if p.country == code]
            pages.append(
                Page(
                    "partners-country",
                    lang,
                    ("partners-country", code),
                    directory.country_url(code, lang),
                    template="partners/directory.html",
                    params={**SECTION, "country": code},
                    context={
                        **listing,
                        "partner_groups": directory.by_type(mine, lang),
                        "partner_count": len(mine),
                        "heading": directory.country_name(code, lang),
                    },
                )
            )
        for p in partners:
            r = refs[p.id]
            page_url = directory.partner_url(p.id, lang)
            pages.append(
                Page(
                    "partner",
                    lang,
                    ("partner", p.id),
                    page_url,
                    template="partners/partner.html",
                    params={**SECTION, "id": p.id},
                    # only the stories that mention it: other edits leave the page as it is
                    depends_on=frozenset(s.slug for s in r.stories),
                    context=partial(
                        _partner_context, p, r, cards[p.id], lang, project, base, calendar, context
                    ),
                )
            )
    return pages


def _partner_context(
    p: Partner,
    r: PartnerRefs,
    partner_card: Card,
    lang: str,
    project: Project,
    base: str,
    calendar: dict[tuple[str, int], CalendarEvent],
    context: dict[str, Any],
) -> dict[str, Any]:
    """What a partner page shows, computed only when the page is rendered."""
    page_url = directory.partner_url(p.id, lang)
    if not calendar:
        calendar.update({(e.slug, e.index): e for e in collected(project, lang, context)})
    events = [calendar[(e.story.slug, e.index)] for e in r.events]
    by_id = project.data.partners_by_id
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            partner_ld(p, lang, absolute(base, page_url)),
            *events_ld(events, lang, base, by_id)["@graph"],
        ],
    }
    return {
        "partner": p,
        "partner_card": partner_card,
        "partner_description": localized(p.description, lang),
        "partner_sectors": [sector(code, lang) for code in p.sectors],
        "partner_stories": r.stories,
        "partner_events": [view(e, lang, by_id) for e in events],
        "partner_figures": [figure_view(f, lang, project.data.provinces) for f in r.figures],
        "partners_url": urls.url(lang, "partners"),
        "jsonld": script_json(ld),
    }


def featured(project: Project, refs: dict[str, PartnerRefs], lang: str) -> list[Card]:
    """The partners most stories name (then alphabetical): a few for the home page."""
    cards = [card(p, refs[p.id], lang) for p in project.data.partners]
    cards.sort(key=lambda c: (-c.stories, directory.sort_key(c.name)))
    return [c for c in cards if c.stories][:HOME_PARTNERS]


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    if page.kind == "article":
        story = project.stories[page.params["slug"]]
        by_id = project.data.partners_by_id
        chips = [card_link(by_id[pid], page.lang) for pid in mentioned_partners(story)]
        if chips:
            return {"partials": ["partners/_chips.html"], "story_partners": chips}
    if page.kind == "home" and page.number == 1:
        return {
            "partials": ["partners/_home.html"],
            "featured_partners": featured(project, context[REFS_KEY][page.lang], page.lang),
            "partners_url": urls.url(page.lang, "partners"),
        }
    return {}


@dataclass(frozen=True)
class Chip:
    id: str
    name: str
    acronym: str | None
    url: str


def card_link(p: Partner, lang: str) -> Chip:
    return Chip(p.id, directory.partner_name(p, lang), p.acronym, directory.partner_url(p.id, lang))


def write_json(project: Project, context: dict[str, Any], output: Path) -> None:
    path = output / JSON_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    refs = context[REFS_KEY][urls.DEFAULT_LANG]
    write_atomic(path, partners_json(project, base_url(context), refs))


def extend(hooks: Hooks) -> None:
    hooks.add_pages(partner_pages)
    hooks.add_page_context(page_context)
    hooks.add_files(write_json, after_title_edit=False)  # counts and links, no story title
