"""Wires renditions into the build: every photo a published story uses gets its renditions
(made once, cached by content in `.cache/images/`), templates get them as `pictures`, and
the renditions are put beside the originals at the end of the build.

Other capabilities (the bulletin) call `picture_for(project, src)` while the build runs; what
they ask for is published too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from bilingual.pelican_adapter import add_page_context
from bilingual.plan import Page
from content_model.project import Project

from .referenced import referenced_images
from .renditions import Picture, picture, publish

CACHE = Path(".cache") / "images"  # under the project root
# The pictures of the current build: src -> Picture (module state, reset when a build starts).
_pictures: dict[str, Picture] = {}


def cache_dir(project: Project) -> Path:
    return project.root / CACHE


def picture_for(project: Project, src: str) -> Picture:
    """Renditions of `src` (relative to content/), made if missing and published with the
    site."""
    if src not in _pictures:
        _pictures[src] = picture(project.root / "content", src, cache_dir(project))
    return _pictures[src]


def reset(pelican: Any) -> None:
    _pictures.clear()


def prepare(generators: list[Any]) -> None:
    """Before any page is written: the pictures of every published story."""
    context = generators[0].context
    project: Project | None = context.get("project")
    if project is None:
        return
    for src in referenced_images(project):
        picture_for(project, src)


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    return {"pictures": _pictures}


def publish_all(pelican: Any) -> None:
    output = Path(pelican.output_path)
    for pic in _pictures.values():
        publish(pic, output)


def register() -> None:
    signals.initialized.connect(reset)
    signals.all_generators_finalized.connect(prepare)
    signals.finalized.connect(publish_all)
    add_page_context(page_context)
