"""Wires sharing and indexing into the bilingual site: `seo` in every page's context (read by
`base.html`), a 404 page per language, `robots.txt` naming the sitemap, and the site's icons
at the addresses browsers ask for without being told (`/favicon.ico`, `/apple-touch-icon.png`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup

from bilingual import urls
from bilingual.hooks import Hooks
from bilingual.plan import Page, one_per_language
from bilingual.session import session_of
from bilingual.sitemap import absolute, base_url
from content_model.project import Project
from images.pelican_adapter import picture_for
from shared.atomic import write_atomic
from shared.text import localized

from .meta import Publisher, Seo, ShareImage, Story, page_seo, robots_txt, story_seo

DESCRIPTION_MAX = 200
SHARE_WIDTH = 1200  # Open Graph and Google both ask for images at least 1200 px wide


def plain_text(html: str) -> str:
    return Markup(html).striptags()


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def not_found_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    """`404.html` and `en/404.html`: what the server sends for a missing address."""
    return one_per_language("404", "404.html", {"noindex": True}, depends_on=frozenset())


def share_image(pictures: Any, front: Any, base: str) -> ShareImage | None:
    if front.image is None:
        return None
    pic = picture_for(pictures, front.image.src)
    r = pic.closest(SHARE_WIDTH)
    return ShareImage(absolute(base, pic.url(r)), r.width, r.height, r.mime, front.image.alt)


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    base = base_url(context)
    assert project.data.site is not None
    site_name = localized(project.data.site.name, page.lang)
    others = tuple(lang for lang in page.alternates if lang != page.lang)
    if page.params.get("noindex"):
        return {"seo": page_seo(page.lang, site_name, None)}
    if page.kind != "article":
        return {"seo": page_seo(page.lang, site_name, absolute(base, page.url), others)}
    article = page.items[0].obj
    front = article.source.front
    summary = plain_text(article.summary) if front.summary else plain_text(article.content)
    category = project.data.categories.get(front.category)
    story = Story(
        headline=article.title,
        description=shorten(" ".join(summary.split())),
        url=absolute(base, page.url),
        lang=page.lang,
        published=article.date,
        author=front.author,
        section=localized(category.name, page.lang) if category else None,
        tags=tuple(front.tags),
        image=share_image(session_of(context), front, base),
    )
    publisher = Publisher(site_name, absolute(base, urls.url(page.lang, "home")))
    seo: Seo = story_seo(story, publisher, others)
    return {"seo": seo}


def write_robots(project: Project, context: dict[str, Any], output: Path) -> None:
    text = robots_txt(absolute(base_url(context), "sitemap.xml"))
    write_atomic(output / "robots.txt", text)


# made by tools/make_icons.py into the theme's static/icons/ (served there too, as the pages
# name them); also copied to the root, where browsers and feed readers look on their own
ROOT_ICONS = ("favicon.ico", "apple-touch-icon.png")


def write_icons(project: Project, context: dict[str, Any], output: Path) -> None:
    folder = Path(context["THEME"]) / "static" / "icons"
    for name in ROOT_ICONS:
        shutil.copyfile(folder / name, output / name)


def extend(hooks: Hooks) -> None:
    hooks.add_pages(not_found_pages)
    hooks.add_page_context(page_context)
    hooks.add_files(write_robots, after_title_edit=False)
    hooks.add_files(write_icons, after_title_edit=False)
