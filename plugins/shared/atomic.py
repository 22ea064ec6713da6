"""One way to write a file that a reader sees whole or not at all.

The data goes to a temporary file in the target's own folder (same file system), which then
takes the target's name in one step (`os.replace`): a reader, a web server or the next build
sees the old file or the new one, never half of one, and a build killed in the middle leaves
the old file as it was. `durable=True` also flushes the file and its folder to the disk before
and after the rename (what an editor's own file needs; caches and pages, rebuilt when lost,
do not pay for it). Every write-then-rename of the project goes through here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def temporary_name(path: Path) -> Path:
    """A hidden name beside `path`, unique to this process and thread (workers and threads
    may write the same file at the same time: each writes its own and the last rename wins)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


@contextmanager
def replacing(path: Path, durable: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path` for the caller to write (a library that saves to
    a path, a hard link); when the block ends without error it replaces `path`, otherwise it
    is removed and `path` is untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        yield tmp
        if durable:
            _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync(path.parent)


def write_atomic(path: Path, data: bytes | str, durable: bool = False) -> Path:
    """Replace `path` whole with `data` (text is written as UTF-8)."""
    with replacing(path, durable) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
