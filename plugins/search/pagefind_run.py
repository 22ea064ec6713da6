"""Runs Pagefind (the `pagefind_bin` package: no network) over a built site.

Pagefind reads `<html lang>` and writes one index per language into `<site>/pagefind/`; the
search page loads the index of its own language. Only elements marked `data-pagefind-body`
(the story on article pages) are indexed, so listings never show up as results.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pagefind_bin

BUNDLE_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    pass


class Indexing:
    """Pagefind running in its own process: start it once the pages are written, let the
    build write its other files meanwhile, then `wait()`."""

    def __init__(self, site: Path):
        self.site = site
        command = [str(pagefind_bin.get_executable()), "--site", str(site), "--silent"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )

    def wait(self) -> None:
        _, stderr = self.process.communicate()
        code = self.process.returncode
        if code != 0 or not (self.site / BUNDLE_DIR / "pagefind-entry.json").exists():
            raise SearchIndexError(f"pagefind failed ({code}): {(stderr or '').strip()}")


def build_index(site: Path) -> None:
    Indexing(site).wait()
