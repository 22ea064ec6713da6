"""One Atom feed per language, built with feedgenerator (Pelican's own feed library).

Reproducible: a feed's `updated` is the date of its newest story. feedgenerator would stamp
a feed without stories (a language nothing is written in yet) with the time of the build;
it gets `empty_updated` instead (the site's newest story in any language, `site_feed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgenerator import Atom1Feed

from . import urls
from .sitemap import absolute

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # `updated` of an empty feed of a site without stories
FEED_ITEMS = 20


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # absolute
    date: datetime
    summary: str  # HTML
    content: str  # HTML
    author: str | None = None


class _Feed(Atom1Feed):
    def __init__(self, empty_updated: datetime, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.empty_updated = empty_updated

    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else self.empty_updated


def render_atom(
    title: str,
    home_url: str,
    feed_url: str,
    lang: str,
    items: list[FeedItem],
    limit: int = 20,
    empty_updated: datetime = EPOCH,
) -> str:
    """`empty_updated`: the feed's `updated` when it has no items (never the build time)."""
    feed = _Feed(
        empty_updated,
        title=title,
        link=home_url,
        feed_url=feed_url,
        description="",
        language=lang,
    )
    for item in sorted(items, key=lambda i: (i.date, i.url), reverse=True)[:limit]:
        feed.add_item(
            title=item.title,
            link=item.url,
            unique_id=item.url,
            description=item.summary,
            content=item.content,
            author_name=item.author,
            pubdate=item.date,
            updateddate=item.date,
        )
    return feed.writeString("utf-8")


def newest(articles: list[Any], lang: str, count: int) -> list[Any]:
    """The latest stories of a language: a feed takes only these, so only their HTML (which
    Pelican recomputes on every access) is read."""
    mine = [a for a in articles if a.lang == lang]
    return sorted(mine, key=lambda a: (a.date, a.slug), reverse=True)[:count]


def site_feed(articles: list[Any], lang: str, title: str, base: str) -> str:
    """The Atom feed of a language from the published stories (Pelican's articles), its
    links absolute from `base`."""
    items = [
        FeedItem(
            title=a.title,
            url=absolute(base, a.url),
            date=a.date,
            summary=getattr(a, "summary", "") or "",
            content=a.content,
            author=str(a.author) if getattr(a, "author", None) else None,
        )
        for a in newest(articles, lang, FEED_ITEMS)
    ]
    # a language without stories: its feed was last updated with the site's newest story
    dates = [a.date for a in articles]
    return render_atom(
        title=title,
        home_url=absolute(base, urls.url(lang, "home")),
        feed_url=absolute(base, urls.url(lang, "feed")),
        lang=lang,
        items=items,
        limit=FEED_ITEMS,
        empty_updated=max(dates, default=EPOCH),
    )
