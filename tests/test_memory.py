"""What keeps the build's peak memory down (issue 17, target 4; docs/dev/build-speed.md,
section 4): the mechanisms, not sizes (sizes are `make bench`'s)."""

from __future__ import annotations

import gc
import os

import pytest

from search.pagefind_run import ALLOCATOR, pagefind_environment
from shared import parallel


def _collector(_: object) -> tuple[bool, bool, int]:
    return gc.isenabled(), gc.get_freeze_count() > 0, os.getpid()


def test_forked_workers_collect_their_own_garbage_not_what_they_inherited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The batch build turns the cyclic collector off; a worker turns it on for the garbage
    its pages leave, after freezing what it inherited (never walked, never copied)."""
    monkeypatch.setenv("BUILD_WORKERS", "2")
    monkeypatch.delenv("BUILD_FAST", raising=False)
    was_on = gc.isenabled()
    gc.disable()  # as site_build/__main__.py does for a build
    try:
        states = parallel.parallel_map(_collector, [None] * 6, min_tasks=1)
        assert not gc.isenabled() and gc.get_freeze_count() == 0  # the build's own: as it was
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
