"""Stories parsed and validated, kept by a hash of their bytes.

In memory for a long-running process (the preview), and between processes in
`.cache/stories.pickle`, so that `make site` and `make check` parse and validate again only
the stories that changed since the last run. Keyed by content, never by mtime (a fresh
checkout resets mtimes), and by this package's code and the versions of the libraries that
parse and validate: a change of either parses every story again. Only stories without errors
are kept; references to data files are checked again on every run (data files change).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from site_build.versions import package_versions

from .schema import FrontMatter
from .yaml_loader import LineMap

# body, front matter as parsed, line of each value, validated front matter, body's first line
Parsed = tuple[str, dict[str, Any], LineMap, FrontMatter, int]

CACHE_FILE = Path(".cache") / "stories.pickle"
# what parses and validates: Babel's data too (the currencies an aid figure may use)
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "babel")


@cache
def code_version() -> str:
    """This package's source and the parsing libraries' versions."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(package_versions(*LIBRARIES).encode())
    return digest.hexdigest()


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
        # any failure (a damaged file, classes since renamed) only costs parsing everything
        with contextlib.suppress(Exception):
            version, kept = pickle.loads((root / CACHE_FILE).read_bytes())
            if version == code_version() and isinstance(kept, dict):
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
        with contextlib.suppress(OSError):
            target = root / CACHE_FILE
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps((code_version(), kept), pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, target)


def _digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()
