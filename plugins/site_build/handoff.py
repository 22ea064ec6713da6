"""`make site` while `make serve` runs on the same output: the preview does the build.

The preview has already brought `output/` up to date at the editor's save, with the project,
Pelican's stories and the page plan in memory, and it indexes the search pages in the
background; a new process would import, check and read every story and plan every page
again before it could tell that one story changed (several seconds at 1000 stories). So
`python -m site_build build` first asks a preview of the same output, over a Unix socket in
the abstract namespace (Linux: no file to leave behind; it goes when the process goes), and
prints its answer; the preview (`Preview.build_site`) decides whether its quick path is safe
and otherwise builds the whole site like `make site`. With no preview, another settings file,
another build day or no answer, the command builds as it always did.

Standard library only: it runs before the build's imports, which it spares when it succeeds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import socket
import struct
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any


def address(output: Path) -> str:
    """The preview's socket name for an output folder (abstract: starts with a NUL byte)."""
    digest = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:24]
    return f"\0site-build-preview-{digest}"


def _same_user(conn: socket.socket) -> bool:
    """Only a process of this user is asked or answered (SO_PEERCRED: pid, uid, gid)."""
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return False
    return struct.unpack("3i", creds)[1] == os.getuid()


def ask_preview(request: dict[str, Any]) -> dict[str, Any] | None:
    """The answer of a preview of `request["output"]` to a build request, or None: no
    preview runs there, it refused, or it ended before answering (the caller builds)."""
    if not sys.platform.startswith("linux"):
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            conn.connect(address(Path(request["output"])))
        except OSError:  # nobody listens: no preview of this output
            return None
        if not _same_user(conn):
            return None
        conn.sendall(json.dumps(request).encode("utf-8") + b"\n")
        with conn.makefile("rb") as answers:
            line = answers.readline()
    except OSError:
        return None
    finally:
        conn.close()
    try:
        answer = json.loads(line)
    except ValueError:  # the preview stopped halfway: the build repairs what it left
        return None
    if not isinstance(answer, dict) or answer.get("refused") is not None:
        return None
    return answer


def serve(output: Path, handle: Callable[[dict[str, Any]], dict[str, Any]]) -> socket.socket | None:
    """Answer build requests for `output` in a thread of this process, one at a time:
    `handle(request)` returns the answer. None when the address is taken (another preview
    of the same output) or abstract sockets are not available."""
    if not sys.platform.startswith("linux"):
        return None
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(address(output))
        server.listen()
    except OSError:
        server.close()
        return None

    def loop() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed: the preview stops
                return
            with conn:
                try:
                    if not _same_user(conn):
                        continue
                    with conn.makefile("rb") as requests:
                        request = json.loads(requests.readline())
                    answer = handle(request)
                    conn.sendall(json.dumps(answer).encode("utf-8") + b"\n")
                except (OSError, ValueError):  # the asking process went away
                    continue

    threading.Thread(target=loop, daemon=True, name="make-site-handoff").start()
    return server


def request_for(root: Path, output: Path, settings_file: str, lang: str) -> dict[str, Any]:
    """What the preview compares with its own build before it accepts: the same project,
    output and settings file, and the same build day (SOURCE_DATE_EPOCH, else today)."""
    from shared.build_day import build_date

    return {
        "root": str(root.resolve()),
        "output": str(output.resolve()),
        "settings": settings_file,
        "day": build_date().isoformat(),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "lang": lang,
    }


def build_by_preview(root: Path, output: Path, settings_file: str, lang: str) -> int | None:
    """`make site` done by a running preview of `output`: its exit code, after printing
    what the build prints; None when no preview did it (the caller builds)."""
    try:
        answer = ask_preview(request_for(root, output, settings_file, lang))
    except KeyboardInterrupt:  # the preview goes on: its build ends as a build ends
        from content_model.messages import msg, render

        stopped = msg(
            "Stopped waiting: the preview (make serve) finishes this build of %(output)s.",
            output=str(output.resolve()),
        )
        print(render(stopped, lang), file=sys.stderr)
        return 130
    if answer is None:
        return None
    from .report import BuildResult, report

    result = BuildResult(**{f.name: answer[f.name] for f in dataclasses.fields(BuildResult)})
    return report(result, output, lang, by_preview=True)
