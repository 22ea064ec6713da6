"""Spread independent work of a large build over the machine's cores.

Workers are forked, so they inherit the build's objects (project, articles, templates)
without pickling them; only each task's small result travels back. Small sites, and
machines with one core, run in-process: forking costs more than it saves there.

A worker collects its own garbage: the batch build runs with the cyclic collector off
(site_build/__main__.py), and rendering a page with Jinja leaves cycles (contexts, frames);
never collected, they grew each page worker by about 160 MB at 5000 stories (its resident
size is the build's peak memory, `make bench`). What the worker inherited is frozen first
(`gc.freeze`): the collector never walks the parent's objects, only the worker's own.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from shared.speed import tricks_on

T = TypeVar("T")
MIN_TASKS = 400  # below this, one process is faster

_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def _call(index: int) -> Any:
    # only the index crosses to the worker: the items are inherited from the fork
    assert _task is not None
    return _task(_items[index])


def _worker_start() -> None:
    """In each forked worker, before its first task: collect what it makes, not what it
    inherited."""
    gc.freeze()
    gc.enable()


def workers() -> int:
    if not tricks_on():  # BUILD_FAST=0: everything in the build's own process
        return 1
    configured = os.environ.get("BUILD_WORKERS")
    if configured:
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def parallel_map(
    fn: Callable[[Any], T],
    items: Sequence[Any],
    advance: Callable[[int], None] = lambda n: None,
    min_tasks: int = MIN_TASKS,
) -> list[T]:
    """`[fn(item) for item in items]`, in forked workers when it pays off; `advance(1)`
    after each item (for a progress bar). `min_tasks`: fewer items run in-process (heavy
    items, such as photos, pay for a fork with two)."""
    count = workers()
    if count < 2 or len(items) < min_tasks or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for item in items:
            results.append(fn(item))
            advance(1)
        return results
    global _task, _items
    _task, _items = fn, items
    try:
        with multiprocessing.get_context("fork").Pool(
            min(count, len(items)), initializer=_worker_start
        ) as pool:
            chunk = max(1, len(items) // (count * 16)) if min_tasks >= MIN_TASKS else 1
            results = []
            for result in pool.imap(_call, range(len(items)), chunksize=chunk):
                results.append(result)
                advance(1)
            return results
    finally:
        _task, _items = None, ()
