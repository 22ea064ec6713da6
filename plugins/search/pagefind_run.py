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

Fast: each language is indexed by a Pagefind process of its own, side by side, and a language
whose documents did not change since the last build is not indexed again (`index_bundle`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext, suppress
from io import BufferedReader
from pathlib import Path, PurePosixPath
from typing import Any

import pagefind_bin

from shared.atomic import write_atomic
from shared.speed import tricks_on

from .caches import BundleCache, Document, pack, unpack

BUNDLE_DIR = "pagefind"
# Pagefind's allocator (jemalloc, its own `_RJEM_` copy) keeps freed pages for 10 s by
# default: indexing 5000 stories of a language then peaked at 450-630 MB resident, the
# largest process of the build. Returned within 0.2 s, the peak is about 340 MB (the index it
# really holds), for the same files and no measurable CPU (docs/dev/build-speed.md, 4).
ALLOCATOR = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:200,muzzy_decay_ms:0")
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
    return sorted(found, key=lambda p: _index_key(p.relative_to(site).as_posix()))


def documents_in_index_order(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: _index_key(d[0]))


def _index_key(path: str) -> tuple[str, ...]:
    """Folder by folder, by name: the order of `pages`."""
    return PurePosixPath(path).parts


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


def documents(site: Path, files: list[Path], whole: bool = False) -> list[Document]:
    """What Pagefind is handed for `files`, in this order. `whole`: the pages whole rather
    than their `search_document` (the same bundle, slower: for the test that says so)."""
    found = []
    for path in files:
        html = path.read_text(encoding="utf-8")
        doc = html if whole else search_document(html)
        found.append((path.relative_to(site).as_posix(), pack(doc)))
    return found


def _requests(docs: list[Document]) -> Iterator[bytes]:
    yield _message(0, {"type": "NewIndex", "config": None})  # its index_id is 0
    for n, (file_path, contents) in enumerate(docs, 1):
        yield _message(
            n,
            {
                "type": "AddFile",
                "index_id": 0,
                "file_path": file_path,
                "url": None,
                "file_contents": unpack(contents),
            },
        )
    yield _message(len(docs) + 1, {"type": "GetFiles", "index_id": 0})


def service_answers(stream: BufferedReader) -> Iterator[dict[str, Any]]:
    """The service's answers: base64 of JSON, each ended by a comma (the bundle comes in one
    answer of megabytes: its pieces are joined once, and let go before it is decoded)."""
    pieces: list[bytes] = []
    while chunk := stream.read1(1 << 20):
        *ends, rest = chunk.split(b",")
        for end in ends:
            pieces.append(end)
            joined, pieces = b"".join(pieces), []
            yield _decode(joined)
        pieces.append(rest)


# One large answer decoded at a time: the bundles of two languages decoded at once were
# about 80 MB of the build's peak memory at 5000 stories (docs/dev/build-speed.md, 4).
DECODING = threading.Lock()
LARGE_ANSWER = 1 << 20


def _decode(data: bytes) -> dict[str, Any]:
    """An answer of the service; the files of a bundle come with their bytes decoded."""
    with DECODING if len(data) >= LARGE_ANSWER else nullcontext():
        return _files_decoded(json.loads(base64.b64decode(data)))


def _files_decoded(answer: dict[str, Any]) -> dict[str, Any]:
    payload = answer.get("payload")
    if isinstance(payload, dict) and payload.get("type") == "GetFiles":
        for f in payload.get("files", []):
            f["content"] = base64.b64decode(f["content"])
    return answer


def bundle(site: Path, files: list[Path], whole: bool = False) -> dict[str, bytes]:
    """The files of the search bundle of `files` (indexed in this order), by path in the
    bundle folder."""
    return bundle_documents(site, documents(site, files, whole))


class Stop:
    """Lets a run of Pagefind be stopped from another thread (`Indexing.cancel`)."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.processes: list[subprocess.Popen[bytes]] = []

    def started(self, process: subprocess.Popen[bytes]) -> None:
        self.processes.append(process)
        if self.asked.is_set():
            process.kill()

    def stop(self) -> None:
        self.asked.set()
        for process in list(self.processes):
            with suppress(OSError):
                process.kill()


def bundle_documents(
    site: Path, docs: list[Document], stop: Stop | None = None
) -> dict[str, bytes]:
    """The search bundle of `docs`, by path in the bundle folder. Asked of the service, not
    written by it: it writes without waiting for the disk and quits as soon as its input
    ends, which can leave a file half written."""
    last = len(docs) + 1
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [str(pagefind_bin.get_executable()), "--service"],
            cwd=site,  # file paths are relative to the site, as with --site
            env=pagefind_environment(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        if stop is not None:
            stop.started(process)
        assert process.stdin is not None and process.stdout is not None
        stdin = process.stdin
        failed: list[BaseException] = []

        def send() -> None:
            """In a thread: Pagefind answers while it reads, and pipes hold little. The input
            stays open until the last answer: the service quits as soon as it ends."""
            try:
                for request in _requests(docs):
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
            for response in service_answers(process.stdout):
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
    return {f["path"]: f["content"] for f in result["files"]}


def pagefind_environment() -> dict[str, str]:
    """The environment Pagefind runs in: ours, with its allocator returning freed memory
    (unless the caller set `_RJEM_MALLOC_CONF` itself)."""
    name, value = ALLOCATOR
    return {name: value, **os.environ}


def index_bundle(
    site: Path,
    groups: dict[str, list[Document]],
    cache: BundleCache | None = None,
    stop: Stop | None = None,
) -> dict[str, bytes]:
    """The search bundle of groups of documents (one language each, in index order).

    Pagefind keeps an index per language, and a language's files are the same whether it
    is indexed alone or with the others (only `pagefind-entry.json` lists them all): so each
    language gets its own Pagefind process, the processes run side by side (Pagefind uses
    one core), and a language whose documents are unchanged since the last build takes its
    files from `cache` without running Pagefind at all. The merged bundle is byte for byte
    the one a single run over every page makes (tests/test_reproducible.py)."""

    def one(name: str, docs: list[Document]) -> dict[str, bytes]:
        key = documents_key(docs)
        made = cache.get(name, key) if cache is not None else None
        if made is None:
            made = bundle_documents(site, docs, stop)
            if cache is not None:
                cache.put(name, key, made)
        return made

    side_by_side = len(groups) if tricks_on() else 1  # BUILD_FAST=0: one after the other
    with ThreadPoolExecutor(max(1, side_by_side)) as pool:
        return merge_bundles(list(pool.map(one, groups, groups.values())))


def documents_key(docs: list[Document]) -> str:
    """What a language's bundle is made of: its documents, in order (Pagefind's version is
    in the cache store's key: the project's requirements.lock)."""
    digest = hashlib.sha256()
    for file_path, contents in docs:
        for data in (file_path.encode("utf-8"), contents):
            digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def merge_bundles(bundles: list[dict[str, bytes]]) -> dict[str, bytes]:
    """One bundle of the bundles of several languages: their files together (those they
    share, the scripts and the wasm, are the same bytes), one entry listing every language."""
    merged: dict[str, bytes] = {}
    entries = []
    for made in bundles:
        if ENTRY not in made:
            raise SearchIndexError(f"pagefind wrote no {ENTRY}")
        entries.append(json.loads(made[ENTRY]))
        for name, data in made.items():
            if name != ENTRY and merged.setdefault(name, data) != data:
                raise SearchIndexError(f"pagefind made two different {name}")
    if not entries:
        return merged
    entry = dict(entries[0])
    languages: dict[str, Any] = {}
    for other in entries:
        if {k: v for k, v in other.items() if k != "languages"} != {
            k: v for k, v in entry.items() if k != "languages"
        }:
            raise SearchIndexError(f"pagefind bundles disagree in {ENTRY}")
        for lang, value in other.get("languages", {}).items():
            if lang in languages:
                raise SearchIndexError(f"language {lang!r} was indexed twice")
            languages[lang] = value
    entry["languages"] = languages
    merged[ENTRY] = stable_entry(json.dumps(entry).encode("utf-8"))
    return merged


def write_bundle(site: Path, made: dict[str, bytes], previous: Path | None = None) -> None:
    """Write the bundle into `site/pagefind/`. A file with the same bytes in the bundle of
    the `previous` output is linked from there, not written again: most of a rebuild's
    index (Pagefind names a page's fragment by a hash of its contents). Into a folder that
    already holds a bundle (the preview's, updated in place): files with the same bytes are
    left as they are, the others replaced whole (never written into: a file may be linked
    from an older output), and the files of the old bundle that this one has not removed."""
    folder = site / BUNDLE_DIR
    before = previous / BUNDLE_DIR if previous is not None and previous != site else None
    in_place = folder.is_dir()
    folder.mkdir(exist_ok=True)  # never the site's folder: a failed build has removed it
    made_folders = {folder}
    for name, data in sorted(made.items()):
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise SearchIndexError(f"pagefind: unexpected file name {name!r}")
        path = folder / name
        if path.parent not in made_folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_folders.add(path.parent)
        if before is not None and _same_bytes(before / name, data):
            with suppress(OSError):
                os.link(before / name, path)
                continue
        try:
            with open(path, "xb") as new:  # the usual case: a new folder
                new.write(data)
        except FileExistsError:  # in place
            if not _same_bytes(path, data):
                write_atomic(path, data)
    if in_place:  # what the last bundle had and this one has not
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_dir():
                with suppress(OSError):  # not empty: a file of this bundle is in it
                    path.rmdir()
            elif name not in made:
                path.unlink(missing_ok=True)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


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
    `wait()`, which writes the bundle. Written by the build's own thread, once it has
    nothing else to do: a thread making two thousand small files while the other runs
    Python waits for the interpreter lock at every one (seconds, measured)."""

    def __init__(
        self,
        site: Path,
        groups: dict[str, list[Document]] | None = None,
        cache: BundleCache | None = None,
        previous: Path | None = None,
    ):
        """`groups`: the documents of the pages to index by language, each in index order,
        pages all marked `data-pagefind-body` (default: one group of every page of the site
        with the mark, or of every page if none has it). `previous`: the last build's
        output, whose unchanged bundle files are linked."""
        self.site = site
        self.previous = previous
        self.groups = groups
        self.cache = cache
        self.error: BaseException | None = None
        self.made: dict[str, bytes] = {}
        self.stop = Stop()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        if not tricks_on():  # BUILD_FAST=0: indexed before the build goes on
            self.thread.join()

    def _run(self) -> None:
        try:
            groups = self.groups
            if groups is None:
                groups = {"": documents(self.site, kept(pages(self.site)))}
            self.made = index_bundle(self.site, groups, self.cache, self.stop)
        except BaseException as exc:  # raised by wait(), in the build's thread
            self.error = exc

    def cancel(self) -> None:
        """Stop a run nobody will wait for (the preview: a newer save started another)."""
        self.stop.stop()

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error
        write_bundle(self.site, self.made, self.previous)


def build_index(site: Path) -> None:
    Indexing(site).wait()
