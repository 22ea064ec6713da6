"""What each page depends on, as a hash: a page whose hash did not change since the last
build is not rendered again (its file is linked from the previous output).

A page depends on
- everything shared (theme templates and catalogs, data files, our code, the settings that
  reach templates, the build date): `shared_key`;
- the source files of the stories it shows, every language version of each (a story's data
  and its language switch come from all its versions);
- its own place in the site: URL, pagination, translations, parameters;
- pages that capabilities add (partners, events, aid, ...) and the first home page, whose
  blocks gather every story, depend on all stories.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from .plan import Page

CORE_KINDS = frozenset({"article", "category", "tag", "archive", "archives", "home"})


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_hash(paths: Iterable[Path]) -> str:
    """Hash of files and their relative places (sorted, so the order of walking is moot)."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.as_posix().encode())
        h.update(file_hash(path).encode())
    return h.hexdigest()


def shared_key(folders: Iterable[Path], extra: Iterable[str]) -> str:
    h = hashlib.sha256()
    for folder in folders:
        files = [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        h.update(tree_hash(files).encode())
    for value in extra:
        h.update(value.encode())
    return h.hexdigest()


def page_key(page: Page, shared: str, story_keys: dict[str, str], all_stories: str) -> str:
    h = hashlib.sha256()
    h.update(shared.encode())
    h.update(
        repr(
            (
                page.kind,
                page.lang,
                page.url,
                page.number,
                page.count,
                tuple(page.urls),
                sorted(page.alternates.items()),
                sorted((k, repr(v)) for k, v in page.params.items()),
                page.template,
            )
        ).encode()
    )
    if page.depends_on is not None:  # a capability page that names what it shows
        for slug in sorted(page.depends_on):
            h.update(story_keys.get(slug, "").encode())
    elif page.kind not in CORE_KINDS or (page.kind == "home" and page.number == 1):
        h.update(all_stories.encode())  # capability pages, and the home's blocks
    for entry in page.items:
        h.update(story_keys.get(entry.slug, "").encode())
    return h.hexdigest()


def story_keys(versions: dict[str, list[Path]]) -> dict[str, str]:
    """slug -> hash of all its language versions' source files."""
    return {slug: tree_hash(paths) for slug, paths in versions.items()}


def all_stories_key(keys: dict[str, str]) -> str:
    return hashlib.sha256(repr(sorted(keys.items())).encode()).hexdigest()
