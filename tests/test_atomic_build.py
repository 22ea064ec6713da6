"""A published site is never broken by a build: killed or interrupted half-way, it leaves the
last good output; two builds of the same output at once do not mix (the second is refused
with a message); and a reader never finds the folder missing while a new one is put in."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, Site, story
from site_build import output_folder


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _start_build(site: Site) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "CI": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "site_build", "build", "--root", str(site.root)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as in a terminal: tests started in the background by a shell without job
        # control inherit an ignored SIGINT, and Python then never raises KeyboardInterrupt
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_pages(staging: Path, process: subprocess.Popen[str], count: int) -> None:
    """Until the build has written `count` pages of its new output (mid-build)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the build ended before it could be stopped"
        if staging.exists() and sum(1 for _ in staging.rglob("index.html")) >= count:
            return
        time.sleep(0.01)
    raise AssertionError("the build never started writing")


@pytest.fixture
def big_site(site: Site) -> Site:
    """A site that takes a few seconds to build, with a good output already built."""
    for i in range(150):
        for lang in ("vi", "en"):
            site.add_story(f"bai-{i}.{lang}.md", story(f"bai-{i}", lang, body="Nội dung. " * 50))
    assert site.build() == 0
    return site


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_a_build_stopped_half_way_leaves_the_previous_output(
    big_site: Site, how: signal.Signals
) -> None:
    before, inode = _tree(big_site.output), big_site.output.stat().st_ino
    # a change that touches every page, so that the new build is really writing
    big_site.write("content/data/site.yaml", (REPO / "content/data/site.yaml").read_text())
    process = _start_build(big_site)
    _wait_for_pages(output_folder.staging_folder(big_site.output), process, 1)
    # frozen while it writes: the build cannot finish (and swap) between this check and the
    # signal, as it could when the check took longer than the rest of the build
    process.send_signal(signal.SIGSTOP)
    assert big_site.output.stat().st_ino == inode, "the build ended before it could be stopped"
    process.send_signal(how)
    process.send_signal(signal.SIGCONT)
    _, stderr = process.communicate(timeout=60)
    assert _tree(big_site.output) == before
    if how == signal.SIGINT:
        assert process.returncode == 130
        assert "Build interrupted" in stderr and "unchanged" in stderr
        assert "Traceback" not in stderr
        assert not output_folder.staging_folder(big_site.output).exists()
    # the next build starts afresh, clears what the stopped one left, and swaps in
    assert big_site.build() == 0
    assert _tree(big_site.output) != before
    assert not output_folder.staging_folder(big_site.output).exists()
    _wait_until_removed(big_site.root, "output.old-*")


def _wait_until_removed(folder: Path, pattern: str) -> None:
    """The replaced output is deleted by a process of its own, after the build returns."""
    deadline = time.monotonic() + 60
    while list(folder.glob(pattern)):
        assert time.monotonic() < deadline, f"{pattern} still there"
        time.sleep(0.05)


def test_the_replaced_output_is_deleted_after_the_build(big_site: Site) -> None:
    old = big_site.output.stat().st_ino
    assert big_site.build() == 0
    _wait_until_removed(big_site.root, "output.old-*")
    assert big_site.output.stat().st_ino != old  # swapped: a new folder
    assert sorted(p.name for p in big_site.root.iterdir()) == [
        ".cache",
        ".output.lock",
        "content",
        "output",
        "pelicanconf.py",
        "plugins",
        "theme",
    ]


def test_a_second_build_of_the_same_output_is_refused(site: Site) -> None:
    site.add_story("a.vi.md", story("bai-a"))
    assert site.build() == 0
    before = _tree(site.output)
    with output_folder.locked(site.output.resolve()):
        process = _start_build(site)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert f"{site.output.resolve()} is being built by process {os.getpid()}" in stderr
    assert "Wait for that build to finish" in stderr and "Traceback" not in stderr
    assert _tree(site.output) == before
    assert site.build() == 0  # the lock went with its holder


def test_a_waiting_build_runs_when_the_first_ends(site: Site) -> None:
    from site_build.cli import run_build

    site.add_story("a.vi.md", story("bai-a"))
    results = []
    with output_folder.locked(site.output.resolve()):
        waiting = threading.Thread(
            target=lambda: results.append(run_build(site.root, site.output, wait_for_lock=True))
        )
        waiting.start()
        time.sleep(0.5)
        assert results == [] and not site.output.exists()
    waiting.join(timeout=120)
    assert results and results[0].ok and (site.output / "index.html").exists()


def test_readers_never_find_the_output_missing(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("0")
    missing = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                (output / "index.html").read_text()
            except FileNotFoundError:
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(1, 300):
        new = output_folder.staging_folder(output)
        new.mkdir()
        (new / "index.html").write_text(str(i))
        output_folder.replace(output, new)
    done.set()
    reader.join()
    assert (output / "index.html").read_text() == "299"
    assert not output_folder.staging_folder(output).exists()
    assert missing == []


def test_folders_made_ahead_stay_inside_and_unused_ones_go(tmp_path: Path) -> None:
    staging = tmp_path / "output.building"
    escape = f"x\0{tmp_path}/nul/index.html"  # a NUL separates the folders for the helper
    last_build = ["a/index.html", "b/c/index.html", "../outside/index.html", "/abs/index.html"]
    skeleton = output_folder.FolderSkeleton(staging)
    skeleton.start([*last_build, escape, "\ud800/index.html"])  # a damaged manifest
    skeleton.finish(["a/index.html"])  # this build has no page under b/
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == ["a"]
    assert not (tmp_path / "outside").exists() and not Path("/abs").exists()
    assert not (tmp_path / "nul").exists()
