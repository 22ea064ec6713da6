"""Links to stories from pages that cite them (aid sources, the bulletin): the version in the
page's language when there is one, else the other, with its language to mark it."""

from __future__ import annotations

from collections.abc import Iterable

from content_model.project import Project

from . import urls


def story_links(project: Project, slugs: Iterable[str], lang: str) -> dict[str, dict[str, str]]:
    """slug -> title, URL and language of the version a reader of `lang` follows (published
    stories only)."""
    links = {}
    for slug in slugs:
        story = project.stories.get(slug)
        version = story.version_for(lang) if story else None
        if version is not None:
            links[slug] = {
                "title": version.front.title,
                "url": urls.url(version.lang, "article", slug=slug),
                "lang": version.lang,
            }
    return links
