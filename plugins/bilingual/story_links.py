"""Links to stories from pages that cite them (partner and event pages, aid sources, the
bulletin): the version in the page's language when there is one, else the other, with its
language to mark it. Drafts are never linked.

One type for every capability; it lives in the bilingual core (not in `shared`) because a
link needs the URL table (`urls.py`), and below every capability that cites stories.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from content_model.project import Project, Story

from . import urls


@dataclass(frozen=True)
class StoryLink:
    """The version of a story a page in `page_lang` links to."""

    slug: str
    lang: str  # language of the linked version (may differ from the page's)
    title: str
    url: str
    date: datetime


def story_link(story: Story, lang: str) -> StoryLink | None:
    """The published version in `lang`, else another published one; None for drafts only."""
    version = story.version_for(lang)
    if version is None:
        return None
    return StoryLink(
        slug=story.slug,
        lang=version.lang,
        title=version.front.title,
        url=urls.url(version.lang, "article", slug=story.slug),
        date=version.front.date,
    )


def story_links(project: Project, slugs: Iterable[str], lang: str) -> dict[str, StoryLink]:
    """slug -> the link a reader of `lang` follows (published stories only)."""
    links = {}
    for slug in slugs:
        story = project.stories.get(slug)
        link = story_link(story, lang) if story else None
        if link is not None:
            links[slug] = link
    return links
