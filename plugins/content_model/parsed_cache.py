"""Stories parsed and validated, kept by a hash of their bytes.

In memory for a long-running process (the preview), and between processes in
the cache store `stories` (`.cache/stories.pickle`, shared/cache.py), so that `make site` and
`make check` parse and validate again only the stories that changed since the last run. Keyed
by content, never by mtime (a fresh checkout resets mtimes), and by this package's code and
the project's pinned packages (requirements.lock): a change of either parses every story
again. Only stories without errors are kept; references to data files are checked again on
every run (data files change).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from shared.cache import FOLDER, Store, dependencies_key, key_of, source_key

from .schema import FrontMatter

# body, front matter as parsed, validated front matter, body's first line. Not the line of
# each value: a message about a kept story reads its file again (stories.FileLines)
Parsed = tuple[str, dict[str, Any], FrontMatter, int]


def code_version() -> str:
    """This package's source (what parses and validates, with the packages of the lock)."""
    return source_key(Path(__file__).parent)


def store(root: Path) -> Store:
    return Store(root / FOLDER, "stories", key_of(dependencies_key(root), code_version()))


class ParsedStories:
    def __init__(self) -> None:
        self.entries: dict[Path, tuple[bytes, Parsed]] = {}
        self._loaded: set[Path] = set()
        self._changed: set[Path] = set()

    def get(self, path: Path, raw: bytes) -> Parsed | None:
        entry = self.entries.get(path)
        if entry is None or entry[0] != _digest(raw):
            return None
        return entry[1]

    def put(self, path: Path, raw: bytes, parsed: Parsed, root: Path) -> None:
        self.entries[path] = (_digest(raw), parsed)
        self._changed.add(root)

    def load(self, root: Path) -> None:
        """The stories of `root` kept by the last process, once per process."""
        if root in self._loaded:
            return
        self._loaded.add(root)
        # a damaged file (logged) or one of other code or packages costs parsing everything
        kept = store(root).load(expect=dict) or {}
        for rel, entry in kept.items():
            self.entries.setdefault(root / rel, entry)

    def save(self, root: Path, paths: list[Path]) -> None:
        """Keep the entries of `paths` (this run's stories) if any changed (called by the
        build; the preview keeps them in memory only)."""
        if root not in self._changed:
            return
        self._changed.discard(root)
        kept = {
            path.relative_to(root).as_posix(): self.entries[path]
            for path in paths
            if path in self.entries
        }
        store(root).save(kept)


def _digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()
