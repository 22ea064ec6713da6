"""Runs Pagefind (the `pagefind_bin` package: no network) over a built site.

Pagefind reads `<html lang>` and writes one index per language into `<site>/pagefind/`; the
search page loads the index of its own language. Only elements marked `data-pagefind-body`
(the story on article pages) are indexed, so listings never show up as results.

Reproducible: Pagefind numbers pages in the order it meets them, and `pagefind --site` meets
them in the order the file system lists a folder (ext4: by a hash seeded per file system;
tmpfs: newest first), so two machines made different index files of the same pages. Here
Pagefind runs as a service (`pagefind --service`, the protocol of its Python and Node
wrappers), handed the pages in a fixed order: the order `pagefind --site` walks on a file
system that lists folders alphabetically, so the files are those it would write there. The
service hands the bundle back and it is written here (the service's own writes may be cut
short: it quits as soon as its input ends, without waiting for them). The languages of
`pagefind-entry.json` come in the order of a Rust hash map, which changes from run to run:
they are put in alphabetical order (the search script looks a language up by name).

Only pages with `data-pagefind-body` are handed over: Pagefind drops the others when any page
has it (when none has, every page is handed over, and Pagefind indexes them whole).
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import suppress
from io import BufferedReader
from pathlib import Path
from typing import Any

import pagefind_bin

BUNDLE_DIR = "pagefind"
ENTRY = "pagefind-entry.json"
# the attribute inside a tag (text cannot hold an unescaped `<`)
BODY_ATTRIBUTE = re.compile(rb"<[^<>]*\sdata-pagefind-body[\s=>/]")


class SearchIndexError(RuntimeError):
    pass


def pages(site: Path) -> list[Path]:
    """The HTML files `pagefind --site` indexes, in the order it walks them on a file system
    that lists folders alphabetically (depth first: folder by folder, by name)."""
    found = []
    for path in site.rglob("*.html"):
        parts = path.relative_to(site).parts
        if parts[0] != BUNDLE_DIR and not any(p.startswith(".") for p in parts) and path.is_file():
            found.append(path)
    return in_index_order(site, found)


def in_index_order(site: Path, files: list[Path]) -> list[Path]:
    return sorted(files, key=lambda p: p.relative_to(site).parts)


def kept(files: list[Path]) -> list[Path]:
    """The `files` Pagefind keeps: those with `data-pagefind-body`, or all of them."""
    with_body = [p for p in files if BODY_ATTRIBUTE.search(p.read_bytes())]
    return with_body or files


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request of Pagefind's service protocol: base64 of its JSON, then a comma."""
    data = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
    return base64.b64encode(data) + b","


# Around the story in article.html. Story HTML cannot hold comments (safe_html strips them),
# so the markers are the template's own.
_STORY = re.compile(r"<!--search-->(.*)<!--/search-->", re.S)
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]*)\"")


def search_document(html: str) -> str:
    """What Pagefind needs of a story page: its language and the marked story. It indexes
    nothing else of a page with `data-pagefind-body`, and the bundle is byte for byte the
    same (tests/test_reproducible.py), for half the work: no head, menus or footer to parse."""
    story, lang = _STORY.search(html), _LANG.search(html)
    if story is None or lang is None:
        return html
    return f'<!doctype html><html lang="{lang.group(1)}"><body>{story.group(1)}</body></html>'


def _requests(site: Path, files: list[Path], whole: bool = False) -> Iterator[bytes]:
    yield _message(0, {"type": "NewIndex", "config": None})  # its index_id is 0
    for n, path in enumerate(files, 1):
        html = path.read_text(encoding="utf-8")
        yield _message(
            n,
            {
                "type": "AddFile",
                "index_id": 0,
                "file_path": path.relative_to(site).as_posix(),  # the URL, as with --site
                "url": None,
                "file_contents": html if whole else search_document(html),
            },
        )
    yield _message(len(files) + 1, {"type": "GetFiles", "index_id": 0})


def _responses(stream: BufferedReader) -> Iterator[dict[str, Any]]:
    """The service's answers: base64 of JSON, each ended by a comma (the bundle comes in one
    answer of megabytes: its pieces are joined once)."""
    pieces: list[bytes] = []
    while chunk := stream.read1(1 << 20):
        *ends, rest = chunk.split(b",")
        for end in ends:
            pieces.append(end)
            yield json.loads(base64.b64decode(b"".join(pieces)))
            pieces = []
        pieces.append(rest)


def bundle(site: Path, files: list[Path], whole: bool = False) -> dict[str, bytes]:
    """The files of the search bundle of `files` (indexed in this order), by path in the
    bundle folder. Asked of the service, not written by it: it writes without waiting for
    the disk and quits as soon as its input ends, which can leave a file half written.
    `whole`: hand Pagefind the pages whole rather than their `search_document` (the same
    bundle, slower: for the test that says so)."""
    last = len(files) + 1
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [str(pagefind_bin.get_executable()), "--service"],
            cwd=site,  # file paths are relative to the site, as with --site
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        assert process.stdin is not None and process.stdout is not None
        stdin = process.stdin
        failed: list[BaseException] = []

        def send() -> None:
            """In a thread: Pagefind answers while it reads, and pipes hold little. The input
            stays open until the last answer: the service quits as soon as it ends."""
            try:
                for request in _requests(site, files, whole):
                    stdin.write(request)
                stdin.flush()
            except BaseException as exc:
                failed.append(exc)
                with suppress(OSError):
                    stdin.close()

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        errors: list[str] = []
        result: dict[str, Any] | None = None
        try:
            for response in _responses(process.stdout):
                payload = response.get("payload", {})
                if payload.get("type") == "Error":
                    errors.append(str(payload.get("message")))
                if response.get("message_id") == last:
                    result = payload
                    break
        finally:
            if result is None:
                process.kill()  # it may be stuck writing answers nobody reads
            sender.join()
            with suppress(OSError):
                stdin.close()
            code = process.wait()
            process.stdout.close()
        stderr.seek(0)
        message = stderr.read().decode("utf-8", "replace").strip()
    if failed and not isinstance(failed[0], BrokenPipeError):
        raise SearchIndexError(f"pagefind: {failed[0]}") from failed[0]
    if errors or result is None or result.get("type") != "GetFiles":
        raise SearchIndexError(f"pagefind failed ({code}): {'; '.join(errors) or message}")
    return {f["path"]: base64.b64decode(f["content"]) for f in result["files"]}


def run_pagefind(site: Path, files: list[Path]) -> None:
    """Index `files` (in this order) into `site/pagefind/`; SearchIndexError if it fails."""
    folder = site / BUNDLE_DIR
    made = bundle(site, files)
    if ENTRY not in made:
        raise SearchIndexError(f"pagefind wrote no {ENTRY}")
    made[ENTRY] = stable_entry(made[ENTRY])
    folder.mkdir(exist_ok=True)  # never the site's folder: a failed build has removed it
    for name, data in sorted(made.items()):
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise SearchIndexError(f"pagefind: unexpected file name {name!r}")
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def stable_entry(raw: bytes) -> bytes:
    """`pagefind-entry.json` with its languages in alphabetical order, written as Pagefind
    writes it (compact, UTF-8); everything else as it was."""
    entry = json.loads(raw)
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Indexing:
    """Pagefind running beside the build: start it once the pages are written (which pages
    it indexes is decided then), let the build write its other files meanwhile, then
    `wait()`."""

    def __init__(self, site: Path, files: list[Path] | None = None):
        """`files`: the pages to index, in index order, all marked `data-pagefind-body`
        (default: every page of the site with the mark, or every page if none has it)."""
        self.site = site
        self.given = files is not None
        self.files = files if files is not None else pages(site)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            run_pagefind(self.site, self.files if self.given else kept(self.files))
        except BaseException as exc:  # raised by wait(), in the build's thread
            self.error = exc

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def build_index(site: Path) -> None:
    Indexing(site).wait()
