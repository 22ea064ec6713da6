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


def build_index(site: Path) -> None:
    command = [str(pagefind_bin.get_executable()), "--site", str(site), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (site / BUNDLE_DIR / "pagefind-entry.json").exists():
        raise SearchIndexError(f"pagefind failed ({done.returncode}): {done.stderr.strip()}")
