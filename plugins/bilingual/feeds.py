"""One Atom feed per language, built with feedgenerator (Pelican's own feed library).

Reproducible: a feed's `updated` is the date of its newest story. feedgenerator would stamp
a feed without stories (a language nothing is written in yet) with the time of the build;
it gets `empty_updated` instead (the site's newest story in any language, see the adapter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from feedgenerator import Atom1Feed

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # `updated` of an empty feed of a site without stories


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
