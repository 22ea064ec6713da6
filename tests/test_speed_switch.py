"""`BUILD_FAST=0` (shared/speed.py) turns off every speed trick of the build, and the build
makes the same bytes without them, cold and warm."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_reproducible import FIRST, SECOND, build, differences, leaked_paths, small_site

from conftest import REPO
from shared import parallel
from site_build.output_folder import FolderSkeleton

SLOW = {"BUILD_FAST": "0"}


def test_a_build_without_speed_tricks_makes_the_same_bytes(tmp_path: Path) -> None:
    fast, slow = small_site(tmp_path / "fast"), small_site(tmp_path / "slow")
    plugins = REPO / "plugins"
    build(fast, fast / "output", cwd=fast, env=FIRST, plugins=plugins)
    build(slow, slow / "output", cwd=slow, env=SECOND | SLOW, plugins=plugins)
    assert differences(fast / "output", slow / "output") == []
    assert leaked_paths(slow / "output", slow, tmp_path) == []
    # warm: the replaced output is deleted before the command returns, not in the background
    build(slow, slow / "output", cwd=slow, env=SECOND | SLOW, plugins=plugins)
    assert differences(fast / "output", slow / "output") == []
    assert sorted(p.name for p in slow.glob("output*")) == ["output"]


def _exit_of_check(root: Path, env: dict[str, str]) -> str:
    """What `python -m site_build check` prints at a normal exit: an `os._exit` skips it."""
    probe = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print('normal exit, collector on:', gc.isenabled()))\n"
        f"sys.argv = ['site_build', 'check', '--root', {str(root)!r}]\n"
        "runpy.run_module('site_build', run_name='__main__')\n"
    )
    environ = {k: v for k, v in os.environ.items() if k != "BUILD_FAST"}
    environ |= {"PYTHONPATH": str(REPO / "plugins"), **env}
    result = subprocess.run(
        [sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_without_speed_tricks_a_batch_command_collects_garbage_and_exits_normally(
    tmp_path: Path,
) -> None:
    root = small_site(tmp_path / "site")
    assert "normal exit" not in _exit_of_check(root, {})  # os._exit, collector off
    assert "normal exit, collector on: True" in _exit_of_check(root, SLOW)


def test_without_speed_tricks_no_workers_and_no_folders_made_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILD_WORKERS", "3")
    assert parallel.workers() == 3
    ahead = FolderSkeleton(tmp_path / "fast")
    ahead.start(["tin-tuc/a/index.html"])
    ahead.finish(["tin-tuc/a/index.html"])
    assert (tmp_path / "fast/tin-tuc/a").is_dir()

    monkeypatch.setenv("BUILD_FAST", "0")
    assert parallel.workers() == 1
    assert parallel.parallel_map(lambda _: os.getpid(), [None] * 500) == [os.getpid()] * 500
    skeleton = FolderSkeleton(tmp_path / "slow")
    skeleton.start(["tin-tuc/a/index.html"])
    assert skeleton.process is None and not (tmp_path / "slow").exists()
