"""Wires renditions into the build: every photo a published story uses gets its renditions
(made once, cached by content in the store `.cache/images/`, spread over the cores),
templates get them as `pictures`, and the renditions are put beside the photos' addresses at
the end of the build. No original is published: every photo of content/images/ is published
as its copy (renditions.py), Pelican's own copy of static files is off (`STATIC_PATHS`).

Other capabilities (seo) call `picture_for(session, src)` while the build runs; what they
ask for is published too. The pictures of a build are its session's (`session.pictures`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from bilingual.hooks import Hooks
from bilingual.plan import Page
from bilingual.session import BuildSession, session_of
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


def cache_dir(project: Project) -> Path:
    return image_store(project.root).files_folder()


def picture_for(session: BuildSession, src: str) -> Picture:
    """Renditions of `src` (relative to content/), made if missing and published with the
    site."""
    pictures: dict[str, Picture] = session.pictures
    if src not in pictures or not pictures[src].renditions:
        project = session.checked_project()
        pictures[src] = picture(project.root / "content", src, cache_dir(project))
    return pictures[src]


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
    pictures = session_of(context).pictures
    for src, job in jobs.items():
        pictures[src] = picture_of(src, job)


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    return {"pictures": session_of(context).pictures}


def publish_all(pelican: Any) -> None:
    output = Path(pelican.output_path)
    for pic in pelican.session.pictures.values():
        publish(pic, output)


def extend(hooks: Hooks) -> None:
    hooks.add_page_context(page_context)


def register() -> None:
    signals.all_generators_finalized.connect(prepare)
    signals.finalized.connect(publish_all)
