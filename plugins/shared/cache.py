"""The build's caches: named stores under the project's `.cache/`, one way to key them.

Every cache of the build is a named store (`STORES` says what each keeps and who fills it).
A store's files are written whole (shared/atomic.py) and begin with the store's key: what
their entries were made with. An entry is used only under the same key, so a cache can make
a warm build differ from a cold one only if its key misses something. Every key includes
`dependencies_key`, a hash of the project's `requirements.lock` (every pinned package,
exact version) and of the Python that runs: any dependency change (`make lock`) invalidates
every cache at once, with no hand-kept list of library versions to forget. A store adds what
else its entries depend on (our code, settings, the content hashes).

A file that cannot be read back (truncated, not ours, an object of a class since renamed) is
damaged: a warning says which store and why, the store starts empty, the build does the work
again and the next save replaces the file. The warnings are logged in English with their
values apart (`DAMAGED`, `NOT_SAVED`); `content_model.messages` shows them in the language of
the messages (`MESSAGES`), from the `checks` catalogs, as every message people read. A file
of another key (other dependencies or code) is simply outdated: rebuilt the same way, without
a warning. Nothing in a store is trusted more than the work it saves: deleting `.cache/`
(`make clean`) is always safe.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .atomic import replacing

log = logging.getLogger(__name__)

FOLDER = ".cache"  # under the project root (CONTENT_CACHE_DIR may move it)
LOCK_FILE = "requirements.lock"
CODE_ROOT = Path(__file__).resolve().parents[2]  # the checkout these plugins come from

# name -> what the store keeps (who fills it). A store is `<name>.pickle` or `<name>/`.
STORES = {
    "stories": "stories parsed and validated, by a hash of their bytes "
    "(content_model/parsed_cache.py)",
    "markdown": "the HTML of every story's Markdown, by a hash of the Markdown and settings "
    "(content_model/pelican_adapter.py)",
    "search": "each language's Pagefind bundle and each page's search document (search/caches.py)",
    "images": "photo renditions, one folder per photo content (images/renditions.py)",
    "build": "the page manifest of each output folder: every file's fingerprint "
    "(site_build/cli.py, bilingual/fingerprints.py)",
}

_MAGIC = b"huu-nghi-cache "  # first bytes of every store file; the key follows, then a newline

# The warnings of this module, logged as `log.warning(TEMPLATE, {values})`.
DAMAGED = "cache store %(store)s: %(file)s is damaged (%(reason)s); it is rebuilt"
NOT_SAVED = "cache store %(store)s: %(file)s could not be saved (%(reason)s)"
CUT_SHORT = "not a cache file, or cut short"  # a reason of DAMAGED


def dependencies_key(root: Path | None = None) -> str:
    """A hash of `root/requirements.lock` (else of the lock beside this code: a test site
    links the plugins of this checkout) and of the running Python's version."""
    lock = b""
    for candidate in ([root / LOCK_FILE] if root is not None else []) + [CODE_ROOT / LOCK_FILE]:
        try:
            lock = candidate.read_bytes()
            break
        except OSError:
            continue
    digest = hashlib.sha256(lock)
    digest.update(f"\0{sys.implementation.name} {sys.version}".encode())
    return digest.hexdigest()


@cache
def source_key(code: Path) -> str:
    """A hash of Python source, a package's (`code/*.py`) or one module's: the code that
    makes a store's entries, in its key."""
    digest = hashlib.sha256()
    for source in [code] if code.is_file() else sorted(code.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Store:
    """One named store under the cache folder. `key`: what its entries were made with (at
    least `dependencies_key`); entries saved under another key are not used."""

    folder: Path  # the cache folder: the project's .cache/
    name: str
    key: str

    def __post_init__(self) -> None:
        if self.name not in STORES:
            raise ValueError(f"unknown cache store {self.name!r}: add it to shared.cache.STORES")

    def path(self, item: str = "") -> Path:
        """`.cache/<name>.pickle`, or `.cache/<name>/<item>.pickle` for a store of items."""
        if item:
            return self.folder / self.name / f"{item}.pickle"
        return self.folder / f"{self.name}.pickle"

    def load(self, item: str = "", expect: type | tuple[type, ...] = object) -> Any:
        """What was saved under this key, or None: missing, outdated or damaged (logged)."""
        path = self.path(item)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return self._damaged(path, f"{type(exc).__name__}: {exc}")
        header, newline, body = data.partition(b"\n")
        if not newline or not header.startswith(_MAGIC):
            if data[:1] == b"\x80":  # a bare pickle: this cache before the store format
                log.debug("cache store %s: %s is of an older format; rebuilt", self.name, path)
                return None
            return self._damaged(path, CUT_SHORT)
        if header[len(_MAGIC) :] != self.key.encode():
            log.debug("cache store %s: %s was made with other code or packages", self.name, path)
            return None
        try:
            value = pickle.loads(body)
        except Exception as exc:  # any failure of unpickling, including missing classes
            return self._damaged(path, f"{type(exc).__name__}: {exc}")
        if not isinstance(value, expect):
            return self._damaged(path, f"{type(value).__name__} instead of {expect}")
        return value

    def save(self, value: Any, item: str = "") -> None:
        """Replace the file whole (a reader never sees half of it); a failure to write (a
        full disk, a read-only folder) is logged and costs only the next build's time."""
        path = self.path(item)
        try:
            # pickled straight into the file: no copy of the whole store in memory (the
            # stories' store is tens of MB at 5000 stories, at the build's peak)
            with replacing(path) as tmp, open(tmp, "wb") as out:
                out.write(_MAGIC + self.key.encode() + b"\n")
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            log.warning(NOT_SAVED, {"store": self.name, "file": str(path), "reason": str(exc)})

    def files_folder(self) -> Path:
        """For a store of files rather than pickles (photo renditions): `.cache/<name>/<key>/`,
        a folder per key. The folders of other keys are removed by `remove_outdated`."""
        return self.folder / self.name / self.key[:16]

    def remove_outdated(self) -> None:
        """Remove what this store holds under other keys (made with other packages or code)."""
        keep = self.files_folder()
        parent = keep.parent
        if not parent.is_dir():
            return
        for entry in parent.iterdir():
            if entry != keep:
                log.debug("cache store %s: %s is outdated; removed", self.name, entry)
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)

    def _damaged(self, path: Path, reason: str) -> None:
        damaged(self.name, path, reason)


def damaged(store: str, path: Path, reason: str) -> None:
    """Say that a file of `store` could not be read back and is rebuilt (a store that is
    not pickles, the page manifests of `build`, says it here too)."""
    log.warning(DAMAGED, {"store": store, "file": str(path), "reason": reason})
