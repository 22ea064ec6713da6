"""What keeps the build's peak memory down (issue 17, target 4; docs/dev/build-speed.md,
section 4): the mechanisms, not sizes (sizes are `make bench`'s)."""

from __future__ import annotations

import base64
import gc
import io
import json
import os
import shutil
import threading

import pytest

from bilingual.session import BuildSession
from conftest import PARTNERS_YAML, Site, story
from content_model import parsed_cache
from content_model.project import load_project
from content_model.stories import FileLines
from content_model.yaml_loader import LineMap
from search.caches import DocumentCache, search_store, unpack
from search.pagefind_run import (
    ALLOCATOR,
    DECODING,
    LARGE_ANSWER,
    pagefind_environment,
    search_document,
    service_answers,
)
from shared import parallel
from site_build.cli import run_build


def _collector(_: object) -> tuple[bool, bool, int]:
    return gc.isenabled(), gc.get_freeze_count() > 0, os.getpid()


def test_forked_workers_collect_their_own_garbage_not_what_they_inherited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The batch build turns the cyclic collector off; a worker turns it on for the garbage
    its pages leave, after freezing what it inherited (never walked, never copied)."""
    monkeypatch.setenv("BUILD_WORKERS", "2")
    monkeypatch.delenv("BUILD_FAST", raising=False)
    was_on, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.disable()  # as site_build/__main__.py does for a build
    try:
        states = parallel.parallel_map(_collector, [None] * 6, min_tasks=1)
        assert not gc.isenabled() and gc.get_freeze_count() == frozen  # this process: as it was
    finally:
        if was_on:
            gc.enable()
    assert {(on, frozen) for on, frozen, _ in states} == {(True, True)}
    assert os.getpid() not in {pid for _, _, pid in states}  # workers, not this process


def test_pagefind_returns_freed_memory_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name, value = ALLOCATOR
    monkeypatch.delenv(name, raising=False)
    assert pagefind_environment()[name] == value
    monkeypatch.setenv(name, "narenas:1")  # a developer's own setting wins
    assert pagefind_environment()[name] == "narenas:1"
    assert pagefind_environment()["PATH"] == os.environ["PATH"]


def _line_maps(value: object) -> list[LineMap]:
    """Every LineMap held by `value` (lists, tuples, dicts, dataclasses)."""
    found: list[LineMap] = []
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, LineMap):
            found.append(item)
        elif isinstance(item, dict):
            todo += list(item.values())
        elif isinstance(item, list | tuple):
            todo += list(item)
    return found


def test_a_checked_story_keeps_no_line_map_and_a_message_is_still_located(site: Site) -> None:
    """The line maps of the YAML are dropped once a story is checked, and not kept in the
    parsed stories' cache: a message found later (a partner removed from the data files,
    on a story kept in .cache/) reads the file again, and says the same line as a cold
    check."""
    site.add_story("a.vi.md", story("a", extra="tags: [y tế]\npartners: [norad, gni]"))
    site.add_story("b.vi.md", story("b", extra="partners: [gni]"))
    project, report = load_project(site.root, save_parsed=True)
    assert not report
    assert all(isinstance(f.lines, FileLines) and not f.lines.loaded for f in project.files)
    kept = parsed_cache.store(site.root).load(expect=dict)
    assert len(kept) == 2 and _line_maps(kept) == []

    site.write("content/data/partners.yaml", PARTNERS_YAML.replace("id: gni", "id: gni-vn"))
    warm = load_project(site.root)[1].lines()
    shutil.rmtree(site.root / ".cache")
    cold = load_project(site.root)[1].lines()
    assert warm == cold
    assert [line.split(": ")[0] for line in cold] == [
        "content/articles/a.vi.md:8",  # partners[1], on the 8th line of the file
        "content/articles/b.vi.md:7",
    ]


def test_a_build_drops_what_only_the_check_needed(site: Site) -> None:
    """After `make site`, the session holds the checked project and not the parsed stories
    it was made from (they are in .cache/ for the next process); no story holds the line
    map of its check."""
    for slug in ("a", "b"):
        site.add_story(f"{slug}.vi.md", story(slug, extra="partners: [gni]"))
    session = BuildSession(site.root)
    assert run_build(site.root, site.output, session=session).ok
    assert session.parsed.entries == {}
    files = session.checked_project().files
    assert len(files) == 2 and not any(f.lines.loaded for f in files)  # type: ignore[attr-defined]


def test_search_documents_are_held_packed_until_pagefind_reads_them(site: Site) -> None:
    """The build holds every story's search document from the page workers to Pagefind,
    and keeps them in .cache/search/: deflated UTF-8, unpacked one at a time as Pagefind
    is handed them."""
    site.add_story("a.vi.md", story("a", body="Đoàn công tác thăm trường học. " * 40))
    assert site.build() == 0
    known = DocumentCache(search_store(site.root)).known
    fingerprint, packed = known["tin-tuc/a/index.html"]
    page = (site.output / "tin-tuc/a/index.html").read_text(encoding="utf-8")
    assert fingerprint and isinstance(packed, bytes)
    assert unpack(packed) == search_document(page)
    assert len(packed) < len(search_document(page).encode("utf-8")) / 3


def test_large_answers_of_pagefind_are_decoded_one_at_a_time() -> None:
    """The bundles of two languages come back at about the same time: the second waits
    while the first is decoded, and comes with its files' bytes."""
    content = base64.b64encode(bytes(range(256)) * 4096).decode()  # 1 MB
    files = [{"path": "x", "content": content}]
    answer = {"message_id": 3, "payload": {"type": "GetFiles", "files": files}}
    data = base64.b64encode(json.dumps(answer).encode())
    assert len(data) > LARGE_ANSWER
    got: list[dict] = []
    with DECODING:  # another language's answer being decoded
        reader = threading.Thread(
            target=lambda: got.extend(service_answers(io.BufferedReader(io.BytesIO(data + b",")))),  # type: ignore[arg-type]
        )
        reader.start()
        reader.join(timeout=0.5)
        assert reader.is_alive() and got == []
    reader.join()
    assert got[0]["payload"]["files"] == [{"path": "x", "content": bytes(range(256)) * 4096}]
