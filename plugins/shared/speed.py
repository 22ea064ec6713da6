"""One switch for the build's speed tricks: `BUILD_FAST=0` turns them all off.

The tricks change how fast a build is, never what it makes; when a build misbehaves (a crash
in a worker, a folder missing, a file left behind), running it without them tells whether
one of them is the cause:

- forked workers for Markdown, pages and photos (`shared/parallel.py`): one process;
- Pagefind's languages indexed side by side, while the build writes feeds and data files
  (`search/pagefind_run.py`): one language after the other, before the build goes on;
- folders made ahead by a helper process (`site_build/output_folder.py`, `FolderSkeleton`):
  the build makes each folder as it writes;
- the replaced output deleted by a background `rm -rf` (`output_folder._discard`): deleted
  before the command returns;
- the cyclic garbage collector off in batch commands and while YAML is parsed
  (`site_build/__main__.py`, `content_model/yaml_loader.py`): on;
- the batch command's end by `os._exit` (`site_build/__main__.py`): a normal exit;
- `make site` handed to a running preview of the same output (`site_build/handoff.py`):
  the command builds in its own process.

Caches are not tricks: a warm build gives the bytes of a cold one (shared/cache.py); to
build without them, delete `.cache/` (`make clean`).
"""

from __future__ import annotations

import os

SWITCH = "BUILD_FAST"


def tricks_on() -> bool:
    """False when `BUILD_FAST=0` (any other value, or none, leaves the tricks on)."""
    return os.environ.get(SWITCH, "").strip() != "0"
