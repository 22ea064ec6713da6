"""The output folder is only ever replaced whole, by one build at a time.

A build writes a folder beside `output/` and puts it in place with one atomic exchange of
the two names (Linux `renameat2(RENAME_EXCHANGE)`): a reader or a web server sees the old
site or the new one, never a half-written or missing folder, and a build that is killed
before the exchange leaves the last good output as it was. A lock file beside the output
keeps a second build (another terminal, the preview) from writing the same folder.

Making the new folder and deleting the old one cost the file system one directory per page
(half a millisecond each on the benchmark machine's disk): helper processes do it while
this one works, `FolderSkeleton` before and `_discard` after.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from content_model.messages import Message, msg
from shared.speed import tricks_on

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


class OutputLocked(Exception):
    """Another build holds the output folder; `message` says which one (for the editor)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def staging_folder(output: Path) -> Path:
    return output.with_name(f"{output.name}.building")


def lock_file(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


@contextmanager
def locked(output: Path, wait: bool = False) -> Iterator[None]:
    """Hold the output folder for one build. Without `wait`, a held lock raises
    OutputLocked at once, naming the process that holds it. The kernel releases the lock
    when its process ends, however it ends: a killed build never leaves the folder locked."""
    path = lock_file(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = re.match(r"process (\d+) \(started ([\d:]+)\)", handle.read().strip())
            raise OutputLocked(
                msg(
                    "%(output)s is being built by process %(pid)s (started %(time)s). Wait for "
                    "that build to finish (or stop it) and run the command again.",
                    output=str(output),
                    pid=holder[1],
                    time=holder[2],
                )
                if holder
                else msg(
                    "%(output)s is being built by another process. Wait for that build to "
                    "finish (or stop it) and run the command again.",
                    output=str(output),
                )
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} (started {time.strftime('%H:%M:%S')})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def replace(output: Path, new: Path) -> None:
    """Put the folder `new` in place of `output` in one step; the old site is deleted after."""
    if not output.exists():
        new.rename(output)
        return
    old = output.with_name(f"{output.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if _exchange(new, output):
        new.rename(old)  # the previous output, out of the way of the next build's staging
    else:  # no atomic exchange here (not Linux, or a file system without it): two renames
        output.rename(old)
        new.rename(output)
    _discard(old)


def _discard(folder: Path) -> None:
    """Delete a replaced output in a process of its own, which outlives this one: nobody
    waits for it. A build that starts before it is done removes the rest (remove_leftovers).
    With BUILD_FAST=0, deleted here, before the build returns."""
    if not tricks_on():
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:  # `sh` starts `rm` in the background and returns at once
        subprocess.run(
            ["sh", "-c", 'rm -rf -- "$1" &', "sh", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(folder, ignore_errors=True)


# Run by FolderSkeleton's helper: the folders, NUL-separated, on its standard input.
_MAKE_FOLDERS = (
    "import os, sys\n"
    "for d in sys.stdin.buffer.read().split(b'\\0'):\n"
    "    os.makedirs(d, exist_ok=True) if d else None\n"
)


class FolderSkeleton:
    """The folders of the last build's files, made in the staging folder by a helper
    process while this one checks and reads content (the build then only links or writes
    files into them). `finish()` waits for it and removes the folders this build left
    empty: a story deleted since the last build."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: dict[PurePosixPath, bytes] = {}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, files: Iterable[str]) -> None:
        """Make the folders of `files` (paths relative to the folder: a manifest's keys).
        With BUILD_FAST=0, none: the build makes each folder as it writes."""
        if not tricks_on():
            return
        for f in files:
            d = PurePosixPath(f).parent
            # inside the folder only, whatever the manifest holds
            if d.is_absolute() or ".." in d.parts or d == PurePosixPath(".") or "\0" in f:
                continue
            with suppress(UnicodeEncodeError):
                self.made[d] = os.fsencode(str(d))
        if not self.made:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as names:
            names.write(b"\0".join(sorted(self.made.values())))
            names.seek(0)
            with suppress(OSError):  # no helper: the build makes each folder as it goes
                self.process = subprocess.Popen(
                    [sys.executable, "-I", "-S", "-c", _MAKE_FOLDERS],
                    cwd=self.folder,
                    stdin=names,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )

    def finish(self, files: Iterable[str]) -> None:
        """Wait for the helper; `files`: the build's files (those of pages at least)."""
        if self.process is None:
            return
        self.process.wait()
        self.process = None
        needed = {p for f in files for p in PurePosixPath(f).parents}
        unused = {p for d in self.made for p in (d, *d.parents)} - needed - {PurePosixPath(".")}
        for d in sorted(unused, key=lambda p: len(p.parts), reverse=True):
            with suppress(OSError):  # not empty: another file of the build is in it
                (self.folder / d).rmdir()

    def cancel(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def remove_leftovers(output: Path) -> None:
    """Folders of builds that were killed or whose clean-up was cut short."""
    for stale in output.parent.glob(f"{output.name}.*"):
        if not stale.is_dir():
            continue
        if stale == staging_folder(output) or stale.name.startswith(f"{output.name}.old-"):
            shutil.rmtree(stale, ignore_errors=True)


@cache
def _renameat2() -> Any:
    """libc's renameat2, or None (looked up once: find_library runs ldconfig)."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return None
    return getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)


def _exchange(a: Path, b: Path) -> bool:
    renameat2 = _renameat2()
    if renameat2 is None:  # glibc before 2.28, musl, macOS
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))
