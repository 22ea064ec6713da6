"""The commands editors run: check writes nothing, a failed build keeps the last output."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, Site, story
from content_model.project import load_project
from site_build.cli import check


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    return subprocess.run(
        [sys.executable, "-m", "site_build", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_failed_build_leaves_previous_output_untouched(site: Site) -> None:
    site.add_story("a.vi.md", story("a", title="Bản đầu tiên"))
    assert site.build() == 0
    before = snapshot(site.output)
    assert "Bản đầu tiên" in site.page("tin-tuc/a/").text

    site.add_story("a.vi.md", story("a", title="Bản sửa", extra="partners: [khong-co]"))
    assert site.build() == 1
    assert snapshot(site.output) == before
    leftovers = [p.name for p in site.root.iterdir() if p.name.startswith("output.")]
    assert leftovers == []


def test_successful_build_replaces_output(site: Site) -> None:
    site.add_story("a.vi.md", story("a", title="Bản đầu tiên"))
    assert site.build() == 0
    (site.output / "stale.html").write_text("old", encoding="utf-8")
    site.add_story("a.vi.md", story("a", title="Bản sửa"))
    assert site.build() == 0
    assert "Bản sửa" in site.page("tin-tuc/a/").text
    assert not (site.output / "stale.html").exists()


def test_cli_reports_all_errors_without_traceback(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra="partners: [khong-co]"))
    site.add_story("b.vi.md", story("b", extra='aid:\n  - period: "2022"\n    projects: "21"'))
    for command in ("check", "build"):
        result = run_cli(site.root, command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert result.stderr.splitlines() == [
            "content/articles/a.vi.md:7: partners[0]: unknown partner 'khong-co'; "
            "see content/data/partners.yaml",
            "content/articles/b.vi.md:9: aid[0].projects: must be a plain number, not text: "
            "write 21",
            "2 errors: nothing was built.",
        ]
    assert not site.output.exists()


def test_check_writes_nothing(site: Site) -> None:
    site.add_story("a.vi.md", story("a"))
    before = snapshot(site.root)
    assert check(site.root) == 0
    assert snapshot(site.root) == before
    assert not site.output.exists()


def test_example_content_is_valid_and_builds(example: Path) -> None:
    """`example` (conftest.py) is the build of this content, which must exit 0."""
    project, report = load_project(REPO)
    assert report.lines() == []
    assert len(project.stories) == 5
    assert all(set(s.versions) == {"vi", "en"} for s in project.stories.values())
    assert (example / "index.html").exists() and (example / "en" / "index.html").exists()


def test_crash_half_way_leaves_previous_output(site: Site, monkeypatch) -> None:
    import pytest

    from bilingual import renderer

    for i in range(5):
        site.add_story(f"s{i}.vi.md", story(f"s{i}", title=f"Tin {i}"))
    assert site.build() == 0
    before = snapshot(site.output)

    written = []
    real_write = renderer._write

    def failing_write(path: Path, text: str) -> None:
        if len(written) == 3:
            raise OSError("disk full")
        written.append(path)
        real_write(path, text)

    monkeypatch.setattr(renderer, "_write", failing_write)
    site.add_story("s0.vi.md", story("s0", title="Tin đã sửa"))
    with pytest.raises(OSError, match="disk full"):
        site.build()
    assert len(written) == 3  # pages were being written when it failed
    assert snapshot(site.output) == before
    assert [p.name for p in site.root.iterdir() if p.name.startswith("output.")] == []
