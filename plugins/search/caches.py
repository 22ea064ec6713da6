"""What the search index keeps between builds, in the project's .cache/search/.

- each language's bundle, with the key of the documents it was made from: a language whose
  stories did not change is not indexed again;
- each story page's search document, with the page's fingerprint: a page linked unchanged
  from the last build is not read back from disk.

A missing or damaged file only costs the work it would have saved.
"""

from __future__ import annotations

import os
import pickle
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any

# (path in the site, which Pagefind turns into the URL as with --site; what it reads)
Document = tuple[str, str]


class PickleStore:
    def __init__(self, folder: Path):
        self.folder = folder

    def load(self, name: str) -> Any:
        with suppress(Exception):  # damaged, or of another version: as if there were none
            return pickle.loads((self.folder / f"{name}.pickle").read_bytes())
        return None

    def save(self, name: str, value: Any) -> None:
        with suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{name}.pickle"
            tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, target)


class BundleCache:
    """Each language's bundle from the last build, by the key of its documents."""

    def __init__(self, folder: Path):
        self.store = PickleStore(folder)

    def get(self, name: str, key: str) -> dict[str, bytes] | None:
        stored = self.store.load(f"bundle-{name or 'all'}")
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            return stored[1]  # type: ignore[no-any-return]
        return None

    def put(self, name: str, key: str, files: dict[str, bytes]) -> None:
        self.store.save(f"bundle-{name or 'all'}", (key, files))


class DocumentCache:
    """The search document of each story page, by the page's fingerprint (an equal
    fingerprint is an equal page)."""

    NAME = "documents"

    def __init__(self, folder: Path):
        self.store = PickleStore(folder)
        stored = self.store.load(self.NAME)
        self.known: dict[str, tuple[str, str]] = stored if isinstance(stored, dict) else {}

    def get(self, path: str, fingerprint: str | None) -> str | None:
        entry = self.known.get(path)
        return entry[1] if entry is not None and fingerprint and entry[0] == fingerprint else None

    def save(self, documents: dict[str, tuple[str, str]]) -> None:
        if documents != self.known:
            self.store.save(self.NAME, documents)
