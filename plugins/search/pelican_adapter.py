"""Wires search into the bilingual site: a search page per language, the hidden folded words
on every story, and the Pagefind index built over the finished output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals

from bilingual import urls
from bilingual.pelican_adapter import add_page_context, add_pages
from bilingual.plan import Page
from content_model.project import Project

from .fold import extra_index_words
from .pagefind_run import BUNDLE_DIR, build_index


def search_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    return [
        Page(
            "search",
            lang,
            ("search",),
            urls.url(lang, "search"),
            template="search.html",
            params={"section": "search"},
            context={"search_bundle": BUNDLE_DIR},
        )
        for lang in urls.LANGS
    ]


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    if page.kind != "article":
        return {}
    article = page.items[0].obj
    front = article.source.front
    texts = [article.title, front.summary or "", Markup(article.content).striptags(), *front.tags]
    if front.image:
        texts += [front.image.alt, front.image.caption or ""]
    return {"search_folded": extra_index_words(texts)}


def index_site(pelican: Any) -> None:
    """After everything is written, into the folder being built (swapped in afterwards).
    The preview (`make serve`) sets SEARCH_INDEX to False: `make site` builds the index."""
    if pelican.settings.get("SEARCH_INDEX", True):
        build_index(Path(pelican.output_path))


def register() -> None:
    add_pages(search_pages)
    add_page_context(page_context)
    signals.finalized.connect(index_site)
