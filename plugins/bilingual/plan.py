"""Which pages the site has in each language, and which page translates which.

Input: entries (one per published language version of a story) and the category keys.
Output: page specs; each has a `key` shared by its translations, so that alternates and the
language switch are computed once for every page type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import urls
from .slugs import unique_slugs


@dataclass(frozen=True)
class Entry:
    """What listings need to know of one language version of a story."""

    lang: str
    slug: str
    date: datetime
    category: str
    tags: tuple[str, ...]
    obj: Any = field(compare=False, hash=False, default=None)  # the rendered article


@dataclass
class Page:
    kind: str  # home | article | category | tag | archives | archive
    lang: str
    key: tuple[Any, ...]  # equal for the translations of one page
    url: str
    items: list[Entry] = field(default_factory=list)
    number: int = 1
    count: int = 1
    urls: list[str] = field(default_factory=list)  # every page of this listing, in order
    params: dict[str, Any] = field(default_factory=dict)
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> url, self included
    template: str | None = None  # default: the template of its kind
    # extra template variables, or a function that computes them when the page is rendered
    # (never, when the page is reused from the last build: most pages of most builds)
    context: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    # slugs of the stories a capability page shows (None: it may show any story); decides
    # which edits re-render it (bilingual/fingerprints.py)
    depends_on: frozenset[str] | None = None

    @property
    def save_as(self) -> str:
        return urls.save_as(self.url)

    @property
    def prev_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.date, e.slug), reverse=True)


def _paginated(
    kind: str, lang: str, page_key: tuple, entries: list[Entry], per_page: int, **params: Any
) -> list[Page]:
    entries = _newest_first(entries)
    chunks = [entries[i : i + per_page] for i in range(0, len(entries), per_page)] or [[]]
    page_urls = [urls.url(lang, kind, n, **params) for n in range(1, len(chunks) + 1)]
    return [
        Page(kind, lang, (*page_key, n), page_urls[n - 1], chunk, n, len(chunks), page_urls, params)
        for n, chunk in enumerate(chunks, start=1)
    ]


def plan_site(entries: list[Entry], categories: list[str], per_page: int = 10) -> list[Page]:
    pages: list[Page] = []
    by_lang: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_lang[e.lang].append(e)
    for lang in urls.LANGS:
        mine = by_lang.get(lang, [])
        pages += _paginated("home", lang, ("home",), mine, per_page)
        for e in mine:
            pages.append(
                Page(
                    "article",
                    lang,
                    ("article", e.slug),
                    urls.url(lang, "article", slug=e.slug),
                    [e],
                    params={"slug": e.slug},
                )
            )
        for key in categories:
            in_cat = [e for e in mine if e.category == key]
            pages += _paginated("category", lang, ("category", key), in_cat, per_page, key=key)
        tag_slugs = unique_slugs([t for e in mine for t in e.tags])
        for name, slug in sorted(tag_slugs.items(), key=lambda kv: kv[1]):
            tagged = [e for e in mine if name in e.tags]
            # tags are words of one language: a tag page has no translation
            pages += _paginated(
                "tag", lang, ("tag", lang, slug), tagged, per_page, slug=slug, name=name
            )
        years = sorted({e.date.year for e in mine}, reverse=True)
        pages.append(
            Page(
                "archives",
                lang,
                ("archives",),
                urls.url(lang, "archives"),
                _newest_first(mine),
                params={"years": years},
            )
        )
        for year in years:
            in_year = _newest_first([e for e in mine if e.date.year == year])
            pages.append(
                Page(
                    "archive",
                    lang,
                    ("archive", year),
                    urls.url(lang, "archive", year=year),
                    in_year,
                    params={"year": year},
                )
            )
    link_translations(pages)
    return pages


def one_per_language(
    kind: str,
    template: str,
    params: dict[str, Any] | None = None,
    context: Callable[[str], dict[str, Any]] | None = None,
    depends_on: frozenset[str] | None = None,
) -> list[Page]:
    """A capability's page of `kind` in each language, at its URL in `urls.PATTERNS`; the
    versions are translations of each other. `context(lang)` gives each its variables;
    `depends_on`, the stories it shows (None: any)."""
    return [
        Page(
            kind,
            lang,
            (kind,),
            urls.url(lang, kind),
            template=template,
            params=dict(params or {}),
            context=context(lang) if context else {},
            depends_on=depends_on,
        )
        for lang in urls.LANGS
    ]


def link_translations(pages: list[Page]) -> None:
    by_key: dict[tuple, dict[str, str]] = defaultdict(dict)
    for p in pages:
        by_key[p.key][p.lang] = p.url
    for p in pages:
        p.alternates = dict(by_key[p.key]) if len(by_key[p.key]) > 1 else {}


def tag_urls(pages: list[Page]) -> dict[tuple[str, str], str]:
    """(lang, tag name) -> URL of its first page, for tag links on articles."""
    return {(p.lang, p.params["name"]): p.url for p in pages if p.kind == "tag" and p.number == 1}


@dataclass(frozen=True)
class Switch:
    """The visible language switch of a page."""

    lang: str
    url: str
    translated: bool  # False: leads to the other home, whose note explains why


NO_TRANSLATION_ANCHOR = "no-translation"


def language_switch(page: Page) -> Switch:
    target = urls.other_lang(page.lang)
    if target in page.alternates:
        return Switch(target, page.alternates[target], True)
    return Switch(target, urls.url(target, "home") + "#" + NO_TRANSLATION_ANCHOR, False)
