"""Wires search into the bilingual site: a search page per language, the hidden folded words
on every story, and the Pagefind index built over the finished output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals

from bilingual.hooks import Hooks, WrittenPages
from bilingual.plan import Page, one_per_language
from bilingual.session import session_of
from content_model.pelican_adapter import cache_folder, project_root
from content_model.project import Project

from .caches import BundleCache, Document, DocumentCache, pack, search_store
from .fold import extra_index_words
from .pagefind_run import (
    BUNDLE_DIR,
    Indexing,
    build_index,
    documents_in_index_order,
    search_document,
)


def search_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    return one_per_language(
        "search",
        "search.html",
        {"section": "search"},
        lambda lang: {"search_bundle": BUNDLE_DIR},
        depends_on=frozenset(),  # shows no story
    )


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    if page.kind != "article":
        return {}
    article = page.items[0].obj
    front = article.source.front
    texts = [article.title, front.summary or "", Markup(article.content).striptags(), *front.tags]
    if front.image:
        texts += [front.image.alt, front.image.caption or ""]
    return {"search_folded": extra_index_words(texts)}


# The pages marked `data-pagefind-body` (theme/templates/article.html): the stories. Knowing
# them from the plan spares walking the output and reading every page to look for the mark.
INDEXED_KINDS = frozenset({"article"})


def story_document(page: Page, html: str) -> bytes | None:
    """Kept where a story page is rendered: what Pagefind reads of it (packed)."""
    return pack(search_document(html)) if page.kind in INDEXED_KINDS else None


def start_index(output: Path, context: dict[str, Any], written: WrittenPages) -> None:
    """Once every HTML page is written: Pagefind indexes the stories, one process per
    language, while the build writes feeds, data files and static files; a language whose
    stories are unchanged reuses its part of the last bundle (.cache/search/). The preview
    (`make serve`) sets SEARCH_INDEX to False: `make site` builds the index."""
    if not context.get("SEARCH_INDEX", True):
        return
    caches = search_store(project_root(context), cache_folder(context))
    known = DocumentCache(caches)
    groups: dict[str, list[Document]] = {}
    kept: dict[str, tuple[str, bytes]] = {}
    for page in written.pages:
        if page.kind not in INDEXED_KINDS:
            continue
        path, fingerprint = page.save_as, written.keys.get(page.save_as, "")
        doc = written.extracts.get(path, {}).get("search")
        if doc is None:
            doc = known.get(path, fingerprint)
        if doc is None:  # linked from the last build, whose documents were not kept
            doc = pack(search_document((output / path).read_text(encoding="utf-8")))
        groups.setdefault(page.lang, []).append((path, doc))
        kept[path] = (fingerprint, doc)
    known.save(kept)
    ordered = {lang: documents_in_index_order(docs) for lang, docs in sorted(groups.items())}
    session = session_of(context)
    previous = session.previous.output or output
    if session.indexing is not None:  # the preview's last save: its index is outdated
        session.indexing.cancel()
    session.indexing = Indexing(output, ordered or None, BundleCache(caches), previous)


def index_site(pelican: Any) -> None:
    """Wait for the index at the end of the build, in the folder being built (swapped in
    afterwards); a build that did not start it (no pages) indexes now."""
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    indexing: Indexing | None = pelican.session.indexing
    pelican.session.indexing = None
    if indexing is None:
        build_index(Path(pelican.output_path))
    else:
        indexing.wait()


def extend(hooks: Hooks) -> None:
    hooks.add_pages(search_pages)
    hooks.add_page_context(page_context)
    hooks.add_page_extract("search", story_document)
    hooks.after_pages(start_index)


def register() -> None:
    signals.finalized.connect(index_site)
