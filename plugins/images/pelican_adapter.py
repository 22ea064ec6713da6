"""Wires renditions into the build: every photo a published story uses gets its renditions
(made once, cached by content in the store `.cache/images/`, spread over the cores),
templates get them as `pictures`, and the renditions are put beside the photos' addresses at
the end of the build. No original is published: every photo of content/images/ is published
as its copy (renditions.py), Pelican's own copy of static files is off (`STATIC_PATHS`).

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
from shared.parallel import parallel_map

from .originals import photo_files
from .referenced import draft_images, referenced_images
from .renditions import (
    Picture,
    Plan,
    image_store,
    make_all,
    picture,
    picture_of,
    plan,
    publish,
)

# The pictures of the current build: src -> Picture (module state, reset when a build starts).
_pictures: dict[str, Picture] = {}


def cache_dir(project: Project) -> Path:
    return image_store(project.root).files_folder()


def picture_for(project: Project, src: str) -> Picture:
    """Renditions of `src` (relative to content/), made if missing and published with the
    site."""
    if src not in _pictures or not _pictures[src].renditions:
        _pictures[src] = picture(project.root / "content", src, cache_dir(project))
    return _pictures[src]


def reset(pelican: Any) -> None:
    _pictures.clear()


def _parallel(fn: Any, items: Any) -> None:
    parallel_map(fn, items, min_tasks=2)


def prepare(generators: list[Any]) -> None:
    """Before any page is written: the renditions of every published story's photo, and the
    copy of every other photo of content/images/ (but those of drafts), made side by side on
    every core."""
    context = generators[0].context
    project: Project | None = context.get("project")
    if project is None:
        return
    content, cache = project.root / "content", cache_dir(project)
    image_store(project.root).remove_outdated()  # made with other packages or code
    shown = set(referenced_images(project))
    jobs: dict[str, Plan] = {}
    for src in sorted(shown | (set(photo_files(content)) - draft_images(project))):
        try:
            jobs[src] = plan(content / src, cache, sizes=src in shown)
        except OSError:  # not a photo Pillow reads (HEIC, SVG, PDF...): never published
            if src in shown:  # the check warns about the others (originals.py)
                raise
            continue
    make_all(list(jobs.values()), _parallel)
    for src, job in jobs.items():
        _pictures[src] = picture_of(src, job)


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
