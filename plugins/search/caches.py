"""What the search index keeps between builds: the cache store `search` (.cache/search/,
shared/cache.py), keyed by the project's pinned packages (Pagefind's among them) and this
package's code.

- each language's bundle, with the key of the documents it was made from: a language whose
  stories did not change is not indexed again;
- each story page's search document, with the page's fingerprint: a page linked unchanged
  from the last build is not read back from disk.

A missing, outdated or damaged file (logged) only costs the work it would have saved.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from shared.cache import FOLDER, Store, dependencies_key, key_of, source_key

# (path in the site, which Pagefind turns into the URL as with --site; what it reads, packed)
Document = tuple[str, bytes]


def pack(text: str) -> bytes:
    """A search document as the build holds it until Pagefind has it: its UTF-8, deflated.
    The build holds every story's document at once (from the page workers to Pagefind, and
    in this cache): about 110 MB of text at 5000 stories, 20 MB packed, for about 0.1 ms of
    CPU per story (docs/dev/build-speed.md, section 4)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def search_store(root: Path, folder: Path | None = None) -> Store:
    """The store of the project at `root`, in its cache folder (default: root/.cache)."""
    key = key_of(dependencies_key(root), source_key(Path(__file__).parent))
    return Store(folder or root / FOLDER, "search", key)


class BundleCache:
    """Each language's bundle from the last build, by the key of its documents."""

    def __init__(self, store: Store):
        self.store = store

    def get(self, name: str, key: str) -> dict[str, bytes] | None:
        stored = self.store.load(f"bundle-{name or 'all'}", expect=tuple)
        if stored is not None and len(stored) == 2 and stored[0] == key:
            return stored[1]  # type: ignore[no-any-return]
        return None

    def put(self, name: str, key: str, files: dict[str, bytes]) -> None:
        self.store.save((key, files), f"bundle-{name or 'all'}")


class DocumentCache:
    """The search document of each story page, by the page's fingerprint (an equal
    fingerprint is an equal page)."""

    NAME = "documents"

    def __init__(self, store: Store):
        self.store = store
        self.known: dict[str, tuple[str, bytes]] = store.load(self.NAME, expect=dict) or {}

    def get(self, path: str, fingerprint: str | None) -> bytes | None:
        entry = self.known.get(path)
        return entry[1] if entry is not None and fingerprint and entry[0] == fingerprint else None

    def save(self, documents: dict[str, tuple[str, bytes]]) -> None:
        if documents != self.known:
            self.store.save(documents, self.NAME)
