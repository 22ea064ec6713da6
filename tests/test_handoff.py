"""`make site` while `make serve` runs: the preview builds, quickly when it can prove the
output is what a whole build makes, and the bytes are those of a cold build either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_preview import snapshot

from conftest import REPO, Site, story
from site_build.cli import run_build
from site_build.handoff import build_by_preview
from site_build.preview import Preview


def make_site(site: Site) -> int | None:
    """What `python -m site_build build` does first: ask the running preview."""
    return build_by_preview(site.root, site.output, "pelicanconf.py", "en")


def same_as_cold(site: Site, cold: Path) -> None:
    """output/ holds exactly the files of a build of the same files into an empty folder,
    search index included."""
    shutil.rmtree(cold, ignore_errors=True)
    assert run_build(site.root, cold).ok
    assert (cold / "pagefind" / "pagefind-entry.json").is_file()
    assert snapshot(site.output) == snapshot(cold)


@pytest.fixture
def preview(site: Site):
    """A preview answering `make site` of its output (its watcher is not started: the
    tests tell it what changed, or `make site` finds out)."""
    # the theme copied, so that a test can change a template
    (site.root / "theme").unlink()
    shutil.copytree(REPO / "theme", site.root / "theme")
    site.add_story("a.vi.md", story("a", "vi", "Bài a", body="Nội dung cũ về hữu nghị."))
    site.add_story("a.en.md", story("a", "en", "Story a", body="Old text about friendship."))
    site.add_story("b.vi.md", story("b", "vi", "Bài b", date="2022-07-01"))
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    server = p.serve_handoffs()
    assert server is not None
    yield p
    server.close()


def test_no_preview_no_handoff(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi"))
    assert make_site(site) is None  # the command builds itself


def test_another_settings_file_is_built_by_the_command(preview: Preview, site: Site) -> None:
    assert build_by_preview(site.root, site.output, "publishconf.py", "en") is None
    assert preview.handoffs == []


def test_a_story_edit_is_quick_and_gives_the_bytes_of_a_cold_build(
    preview: Preview, site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the first `make site` of this preview: the whole site, with its search index
    assert make_site(site) == 0 and preview.handoffs == ["whole"]
    assert "by the running preview (make serve)" in capsys.readouterr().out
    same_as_cold(site, tmp_path / "cold")
    index_before = snapshot(site.output / "pagefind")
    # a text edit the watcher has seen, then one that `make site` finds by itself
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", body="Văn bản mới: hòa bình."))
    assert preview.rebuild("a.vi.md", [path]).ok
    site.add_story("a.en.md", story("a", "en", "Story a", body="New text about peace."))
    assert make_site(site) == 0 and preview.handoffs == ["whole", "quick"]
    assert "Văn bản mới" in site.page("tin-tuc/a/").html
    assert snapshot(site.output / "pagefind") != index_before  # both languages re-indexed
    same_as_cold(site, tmp_path / "cold")
    # a title edit (the lists, the home page, the data files show it)
    site.add_story("b.vi.md", story("b", "vi", "Bài b đã sửa", date="2022-07-01"))
    assert make_site(site) == 0 and preview.handoffs[-1] == "quick"
    assert "Bài b đã sửa" in site.page("").html
    same_as_cold(site, tmp_path / "cold")
    # nothing changed: nothing to do, nothing rendered
    assert make_site(site) == 0 and preview.handoffs[-1] == "quick"
    same_as_cold(site, tmp_path / "cold")


def test_a_data_file_a_template_or_other_front_matter_gets_a_whole_build(
    preview: Preview, site: Site, tmp_path: Path
) -> None:
    assert make_site(site) == 0 and preview.handoffs == ["whole"]
    partners = site.root / "content/data/partners.yaml"
    partners.write_text(partners.read_text("utf-8").replace("Norad", "NORAD"), "utf-8")
    assert make_site(site) == 0 and preview.handoffs == ["whole", "whole"]
    same_as_cold(site, tmp_path / "cold")
    template = site.root / "theme/templates/article.html"
    template.write_text(template.read_text("utf-8") + "\n{# changed #}\n", "utf-8")
    assert make_site(site) == 0 and preview.handoffs[-1] == "whole"
    same_as_cold(site, tmp_path / "cold")
    # a story's date: its place in the lists changes (the watcher's whole build, in place,
    # without a search index, ends the quick path too)
    path = site.add_story("b.vi.md", story("b", "vi", "Bài b", date="2021-01-05"))
    assert preview.rebuild("b.vi.md", [path]).ok and preview.site is None
    assert make_site(site) == 0 and preview.handoffs[-1] == "whole"
    same_as_cold(site, tmp_path / "cold")
    # a new story
    site.add_story("c.vi.md", story("c", "vi", "Bài c"))
    assert make_site(site) == 0 and preview.handoffs[-1] == "whole"
    same_as_cold(site, tmp_path / "cold")


def test_content_errors_reach_make_site_and_leave_the_output(
    preview: Preview, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    assert make_site(site) == 0
    before = snapshot(site.output)
    site.add_story("a.vi.md", story("a", "vi", "Bài a", extra="partners: [khong-co]"))
    assert make_site(site) == 1
    assert "unknown partner 'khong-co'" in capsys.readouterr().err
    assert snapshot(site.output) == before


def test_a_quick_update_that_fails_halfway_gets_a_whole_build(
    preview: Preview, site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert make_site(site) == 0 and preview.handoffs == ["whole"]
    generator = preview.session.record.generator

    def broken(page: object) -> None:
        raise RuntimeError("a template error")

    monkeypatch.setattr(generator, "_render_page", broken)
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", body="Văn bản mới."))
    with pytest.raises(RuntimeError):
        preview.rebuild("a.vi.md", [path])
    monkeypatch.undo()
    assert preview.site is None  # pages and keys may have changed in place
    assert make_site(site) == 0 and preview.handoffs == ["whole", "whole"]
    same_as_cold(site, tmp_path / "cold")
