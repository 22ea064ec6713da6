"""What each page depends on, as a hash: a page whose hash did not change since the last
build is not rendered again (its file is linked from the previous output).

A page depends on
- everything shared (theme templates and catalogs, data files, our code, the settings that
  reach templates, the build date, and the pinned packages: `shared.cache.dependencies_key`,
  a hash of requirements.lock): `shared_key`;
- the stories it shows, every language version of each (a story's data and its language
  switch come from all its versions): the whole files for a story's own pages and the
  bulletin's (which print the text), only the front matter for every other page (lists,
  partners, events, aid show titles, dates, summaries and data, never the text), so that
  editing a story's text re-renders its own pages only;
- its own place in the site: URL, pagination, translations, parameters;
- pages that capabilities add (partners, events, aid, ...) and the first home page, whose
  blocks gather every story, depend on all stories.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .plan import Page

CORE_KINDS = frozenset({"article", "category", "tag", "archive", "archives", "home"})
TEXT_KINDS = frozenset({"article", "bulletin"})  # pages that show a story's text


@dataclass(frozen=True)
class StoryKeys:
    """Per slug, a hash of all its versions' files (`whole`) and of their front matter only
    (`front`); and the same over every story, for pages that gather them all."""

    whole: dict[str, str]
    front: dict[str, str]

    @cached_property
    def every_whole(self) -> str:
        return hashlib.sha256(repr(sorted(self.whole.items())).encode()).hexdigest()

    @cached_property
    def every_front(self) -> str:
        return hashlib.sha256(repr(sorted(self.front.items())).encode()).hexdigest()


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


def page_identity(page: Page) -> tuple[Any, ...]:
    """What a page is apart from the stories it shows: its kind, address, pagination,
    alternates, parameters and template (part of its key, and of the preview's check that a
    section's pages stay the same pages)."""
    return (
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


def page_key(page: Page, shared: str, keys: StoryKeys) -> str:
    text = page.kind in TEXT_KINDS
    story_keys = keys.whole if text else keys.front
    h = hashlib.sha256()
    h.update(shared.encode())
    h.update(repr(page_identity(page)).encode())
    if page.depends_on is not None:  # a capability page that names what it shows
        for slug in sorted(page.depends_on):
            h.update(story_keys.get(slug, "").encode())
    elif page.kind not in CORE_KINDS or (page.kind == "home" and page.number == 1):
        # capability pages, and the home's blocks
        h.update((keys.every_whole if text else keys.every_front).encode())
    for entry in page.items:
        h.update(story_keys.get(entry.slug, "").encode())
    return h.hexdigest()


def stories_read(page: Page) -> frozenset[str] | None:
    """The stories whose files `page_key` of `page` reads (None: every story): the pages to
    plan again after an edit of a story's title are those that read it; after an edit of
    its text, those of them that print text (TEXT_KINDS: they read the whole files)."""
    every = page.kind not in CORE_KINDS or (page.kind == "home" and page.number == 1)
    if page.depends_on is None and every:
        return None
    return frozenset(e.slug for e in page.items) | (page.depends_on or frozenset())


# (whole, front) hash of a file by its stamp, kept by a long-running preview only
FileHashes = dict[Path, tuple[tuple[int, int, int], str, str]]


def story_keys(versions: dict[str, list[Path]], known: FileHashes | None = None) -> StoryKeys:
    """`known`: hashes of files whose stamp (mtime, size, inode) is unchanged are taken from
    it, and it is updated; for the preview, where an editor's save always changes the stamp."""
    whole: dict[str, str] = {}
    front: dict[str, str] = {}
    for slug, paths in versions.items():
        w, f = hashlib.sha256(), hashlib.sha256()
        for path in sorted(paths):
            file_whole, file_front = _file_hashes(path, known)
            for h in (w, f):
                h.update(path.as_posix().encode())
            w.update(file_whole.encode())
            f.update(file_front.encode())
        whole[slug], front[slug] = w.hexdigest(), f.hexdigest()
    return StoryKeys(whole, front)


def _file_hashes(path: Path, known: FileHashes | None) -> tuple[str, str]:
    stamp = None
    if known is not None:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        hit = known.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1], hit[2]
    raw = path.read_bytes()
    hashes = hashlib.sha256(raw).hexdigest(), hashlib.sha256(front_matter(raw)).hexdigest()
    if known is not None and stamp is not None:
        known[path] = (stamp, *hashes)
    return hashes


_CLOSING = re.compile(rb"\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")


def front_matter(raw: bytes) -> bytes:
    """The bytes of a story file up to its closing `---` line (the whole file if none: the
    check has refused such a file before any page is planned)."""
    match = _CLOSING.search(raw, 3)
    return raw[: match.end()] if match else raw
