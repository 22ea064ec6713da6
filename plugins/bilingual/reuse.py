"""The incremental-build engine: what the last build left, and whether a file of this build
can be taken from it instead of being made again.

Every page and every costly file has a fingerprint (bilingual/fingerprints.py): a hash of
everything it is made from. A build records them in its manifest (`BuildRecord.manifest`);
the next build of the same output folder compares: an equal fingerprint is an equal file,
linked from the last build (no copy, no render), or left where it is when the build writes
in place (the preview). The build command decides which manifest describes which folder
(site_build/cli.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from shared.cache import damaged


def read_manifest(path: Path | None) -> dict[str, str]:
    """The files of a build's page manifest: path -> fingerprint."""
    if path is None or not path.is_file():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
        if not isinstance(files, dict):
            raise ValueError(f"'files' holds a {type(files).__name__}")
    except (ValueError, AttributeError) as exc:  # only costs a full render
        damaged("build", path, f"{type(exc).__name__}: {exc}")
        return {}
    return files


@dataclass
class PreviousBuild:
    """The last build of this output folder, as far as this build can trust it."""

    # the folder it was built into, when a manifest describes it (None: a first build)
    output: Path | None = None
    # its files: path in the folder -> fingerprint
    manifest: dict[str, str] = field(default_factory=dict)
    # this build's key of everything every page shares (theme, code, data, settings, day):
    # set when the pages are planned, part of every file key of `file_key`
    shared: str = ""

    @property
    def folder(self) -> Path | None:
        """Where unchanged files are taken from: None when nothing can be."""
        return self.output if self.output is not None and self.manifest else None

    def unchanged(self, rel: str, key: str) -> bool:
        """Whether `rel` was made by the last build from the same inputs, and is still there."""
        folder = self.folder
        return folder is not None and self.manifest.get(rel) == key and (folder / rel).is_file()

    def link(self, rel: str, output: Path) -> None:
        """Put the last build's `rel` into `output` (linked, not copied); built in place, the
        file is already there."""
        folder = self.folder
        assert folder is not None
        if folder == output:
            return
        target = output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(folder / rel, target)

    def file_key(self, key: str) -> str:
        """The fingerprint of a capability's file made from `key` (and the shared inputs)."""
        return hashlib.sha256(f"{self.shared}\0{key}".encode()).hexdigest()
