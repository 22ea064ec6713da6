"""One Atom feed per language, built with feedgenerator (Pelican's own feed library)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from feedgenerator import Atom1Feed


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # absolute
    date: datetime
    summary: str  # HTML
    content: str  # HTML
    author: str | None = None


def render_atom(
    title: str, home_url: str, feed_url: str, lang: str, items: list[FeedItem], limit: int = 20
) -> str:
    feed = Atom1Feed(title=title, link=home_url, feed_url=feed_url, description="", language=lang)
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
