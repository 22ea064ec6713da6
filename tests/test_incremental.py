"""Rebuilds redo only what depends on a change: unchanged pages keep their file (inode)."""

from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path

import pytest

from conftest import Site, make_site, story

CORE_PREFIXES = (
    "index.html", "page/", "tin-tuc/", "chuyen-muc/", "the/", "luu-tru/",
    "en/index.html", "en/page/", "en/news/", "en/category/", "en/tag/", "en/archive/",
)  # fmt: skip


def inodes(output: Path) -> dict[str, int]:
    return {
        p.relative_to(output).as_posix(): p.stat().st_ino
        for p in output.rglob("*.html")
        if p.relative_to(output).as_posix().startswith(CORE_PREFIXES)
    }


def core(paths: list[str]) -> set[str]:
    return {p for p in paths if p.startswith(CORE_PREFIXES)}


def three_stories(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Đại hội A", "2021-03-01", extra="tags: [Đại hội]"))
    site.add_story(
        "a.en.md", story("a", "en", "Congress A", "2021-03-01", extra="tags: [Congress]")
    )
    site.add_story("b.vi.md", story("b", "vi", "Viện trợ B", "2022-05-01", "vien-tro",
                                    extra='tags: ["Viện trợ"]'))  # fmt: skip
    site.add_story("c.vi.md", story("c", "vi", "Hoạt động C", "2022-07-01"))


def test_unchanged_rebuild_renders_nothing(site: Site) -> None:
    three_stories(site)
    assert site.build() == 0
    first = inodes(site.output)
    result = site.build_result()
    assert result.ok
    assert result.rendered == []
    assert inodes(site.output) == first  # every page is the very same file


def test_editing_one_story_renders_only_what_shows_it(site: Site) -> None:
    three_stories(site)
    assert site.build() == 0
    before = inodes(site.output)
    site.add_story("b.vi.md", story("b", "vi", "Viện trợ B đã sửa", "2022-05-01", "vien-tro",
                                    extra='tags: ["Viện trợ"]'))  # fmt: skip
    result = site.build_result()
    assert result.ok
    expected = {
        "tin-tuc/b/index.html",  # the story
        "index.html",  # the home lists it (and its blocks gather every story)
        "en/index.html",  # the English home's blocks gather every story too
        "chuyen-muc/vien-tro/index.html",
        "the/vien-tro/index.html",
        "luu-tru/index.html",
        "luu-tru/2022/index.html",
    }
    assert core(result.rendered) == expected
    after = inodes(site.output)
    assert set(after) == set(before)
    changed = {page for page in after if after[page] != before[page]}
    assert changed == expected
    assert "Viện trợ B đã sửa" in site.page("tin-tuc/b/").text
    assert "Viện trợ B đã sửa" in site.page("chuyen-muc/vien-tro/").text
    assert "Hoạt động C" in site.page("chuyen-muc/hoat-dong/").text


def test_editing_only_the_text_renders_only_the_story_pages(site: Site) -> None:
    """Lists, partners, events and aid show front matter, never the text."""
    figures = 'partners: [gni]\naid:\n  - period: "2022"\n    projects: 3'
    events = "events:\n  - date: 2022-05-01\n    title: Lễ ký\n    kind: signing"
    site.add_story("a.vi.md", story("a", "vi", "Đại hội A", "2021-03-01"))
    site.add_story("b.vi.md", story("b", "vi", "Viện trợ B", "2022-05-01", "vien-tro",
                                    extra=f"{figures}\n{events}"))  # fmt: skip
    site.add_story("b.en.md", story("b", "en", "Aid B", "2022-05-01", "vien-tro"))
    assert site.build() == 0
    edited = story("b", "vi", "Viện trợ B", "2022-05-01", "vien-tro",
                   extra=f"{figures}\n{events}", body="Nội dung mới hẳn.")  # fmt: skip
    site.add_story("b.vi.md", edited)
    result = site.build_result()
    assert result.ok
    html_pages = {p for p in result.rendered if p.endswith(".html")}
    assert html_pages == {"tin-tuc/b/index.html", "en/news/b/index.html"}
    assert "Nội dung mới hẳn." in site.page("tin-tuc/b/").text
    # the feed carries the text, and is written on every build
    assert "Nội dung mới hẳn." in (site.output / "feeds/all.atom.xml").read_text("utf-8")


def test_preview_builds_in_place(site: Site) -> None:
    """Unchanged pages keep their very file, and a story deleted takes its pages along."""
    from site_build.cli import run_build

    three_stories(site)
    assert run_build(site.root, site.output, in_place=True).ok
    folder = site.output.stat().st_ino
    before = inodes(site.output)
    site.add_story("b.vi.md", story("b", "vi", "Viện trợ B đã sửa", "2022-05-01", "vien-tro",
                                    extra='tags: ["Viện trợ"]'))  # fmt: skip
    (site.root / "content/articles/c.vi.md").unlink()
    assert run_build(site.root, site.output, in_place=True).ok
    after = inodes(site.output)
    assert site.output.stat().st_ino == folder  # the same folder, not a swapped-in one
    assert "tin-tuc/c/index.html" in before and "tin-tuc/c/index.html" not in after
    assert after["tin-tuc/a/index.html"] == before["tin-tuc/a/index.html"]
    assert after["tin-tuc/b/index.html"] != before["tin-tuc/b/index.html"]
    assert "Viện trợ B đã sửa" in site.page("tin-tuc/b/").text
    # and a full build after it trusts what the preview left
    result = run_build(site.root, site.output)
    assert result.ok
    assert result.rendered == []


def test_preview_keeps_unchanged_stories_between_builds(site: Site) -> None:
    """Pelican's objects of unchanged stories are reused; an edited story is read again."""
    from bilingual.session import BuildSession
    from site_build.cli import run_build
    from site_build.preview import PREVIEW_SETTINGS

    three_stories(site)
    session = BuildSession(site.root.resolve(), keep_between_builds=True)  # the preview's
    preview = {"overrides": PREVIEW_SETTINGS, "in_place": True, "session": session}
    assert run_build(site.root, site.output, **preview).ok  # type: ignore[arg-type]
    kept = {path: article for path, (_, article) in session.articles.items()}
    site.add_story("b.vi.md", story("b", "vi", "Viện trợ B, tên mới", "2022-05-01", "vien-tro",
                                    extra='tags: ["Viện trợ"]'))  # fmt: skip
    result = run_build(site.root, site.output, **preview)  # type: ignore[arg-type]
    assert result.ok
    a, b = (str((site.root / f"content/articles/{n}.vi.md").resolve()) for n in "ab")
    assert session.articles[a][1] is kept[a] and session.articles[b][1] is not kept[b]
    assert "Viện trợ B, tên mới" in site.page("tin-tuc/b/").text
    assert "Viện trợ B, tên mới" in site.page("chuyen-muc/vien-tro/").text
    assert "Đại hội A" in site.page("").text  # the kept ones are still listed
    assert "tin-tuc/a/index.html" not in result.rendered


def test_translation_edit_renders_both_versions(site: Site) -> None:
    three_stories(site)
    assert site.build() == 0
    site.add_story("a.en.md", story("a", "en", "Congress A, edited", "2021-03-01",
                                    extra='tags: ["Congress"]'))  # fmt: skip
    result = site.build_result()
    assert result.ok
    rendered = core(result.rendered)
    # the Vietnamese version shares story data and links its translation
    assert {"en/news/a/index.html", "tin-tuc/a/index.html"} <= rendered
    assert "tin-tuc/c/index.html" not in rendered and "tin-tuc/b/index.html" not in rendered


def test_data_file_change_renders_every_page(site: Site) -> None:
    three_stories(site)
    assert site.build() == 0
    before = inodes(site.output)
    path = site.root / "content/data/categories.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Hoạt động", "Hoạt động chung"))
    result = site.build_result()
    assert result.ok
    assert core(result.rendered) == set(before)
    assert "Hoạt động chung" in site.page("tin-tuc/b/").text


def test_failed_build_keeps_reusable_output(site: Site) -> None:
    three_stories(site)
    assert site.build() == 0
    site.add_story("c.vi.md", story("c", "vi", "C", "2022-07-01", extra="partners: [khong-co]"))
    assert site.build() == 1
    site.add_story("c.vi.md", story("c", "vi", "Hoạt động C mới", "2022-07-01"))
    result = site.build_result()
    assert result.ok
    assert "tin-tuc/a/index.html" not in result.rendered
    assert "Hoạt động C mới" in site.page("tin-tuc/c/").text


def test_markdown_is_rendered_once_per_content(site: Site, monkeypatch) -> None:
    from content_model import pelican_adapter

    three_stories(site)
    assert site.build() == 0
    calls: list[str] = []
    real = pelican_adapter.StoryRenderer.story

    def counting(self, f):
        calls.append(f.rel)
        return real(self, f)

    monkeypatch.setattr(pelican_adapter.StoryRenderer, "story", counting)
    site.add_story("c.vi.md", story("c", "vi", "Hoạt động C", "2022-07-01", body="Thân bài mới."))
    os.utime(site.root / "content/articles/a.vi.md", (0, 0))  # a checkout resets mtimes
    assert site.build() == 0
    assert calls == ["content/articles/c.vi.md"]


def test_other_settings_never_reuse_pages_of_another_build(site: Site) -> None:
    from site_build.cli import run_build

    three_stories(site)
    publish = site.root / "publish-test.py"
    publish.write_text(
        "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).parent))\n"
        "from pelicanconf import *  # noqa\nSITEURL = 'https://example.org'\n",
        encoding="utf-8",
    )
    assert run_build(site.root, site.output).ok
    assert run_build(site.root, site.output, "publish-test.py").ok
    assert 'href="https://example.org/tin-tuc/a/"' in site.page("").html
    assert run_build(site.root, site.output).ok
    assert "https://example.org" not in site.page("").html
    assert "https://example.org" not in site.page("tin-tuc/c/").html


def test_unchanged_bulletin_pdfs_are_not_laid_out_again(tmp_path: Path, monkeypatch) -> None:
    from bulletin import pdf
    from conftest import REPO
    from site_build.cli import build

    out = tmp_path / "out"
    assert build(REPO, out) == 0
    pdfs = sorted(out.glob("ban-tin/*/*.pdf")) + sorted(out.glob("en/bulletin/*/*.pdf"))
    assert pdfs
    before = {p: p.stat().st_ino for p in pdfs}
    laid_out: list[str] = []
    real = pdf.lay_out
    monkeypatch.setattr(pdf, "lay_out", lambda *a, **k: laid_out.append("x") or real(*a, **k))
    assert build(REPO, out) == 0
    assert laid_out == []
    assert {p: p.stat().st_ino for p in pdfs} == before


def test_a_manifest_is_trusted_only_for_its_own_output(site: Site, tmp_path: Path) -> None:
    from site_build.cli import run_build

    three_stories(site)
    other = tmp_path / "elsewhere" / "output"  # same folder name, another place
    assert run_build(site.root, site.output).ok
    site.add_story("c.vi.md", story("c", "vi", "Hoạt động C, bản hai", "2022-07-01"))
    assert run_build(site.root, other).ok
    assert run_build(site.root, site.output).ok  # must not trust `other`'s manifest
    assert "Hoạt động C, bản hai" in site.page("tin-tuc/c/").text
    # a folder put in place by hand is not the one the manifest describes either
    (site.root / "content/articles/c.vi.md").write_text(story("c", "vi", "Bản ba"), "utf-8")
    assert run_build(site.root, site.output).ok
    saved = site.root / "saved"
    site.output.rename(saved)
    saved.rename(site.output)  # same folder back: still trusted
    result = run_build(site.root, site.output)
    assert result.ok
    assert result.rendered == []
    import shutil

    shutil.copytree(site.output, site.root / "copy")
    shutil.rmtree(site.output)
    (site.root / "copy").rename(site.output)  # another folder: nothing reused
    result = run_build(site.root, site.output)
    assert result.ok
    assert "tin-tuc/a/index.html" in result.rendered


def test_a_partner_page_depends_only_on_the_stories_that_mention_it(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Với GNI", "2021-03-01", extra="partners: [gni]"))
    site.add_story(
        "b.vi.md", story("b", "vi", "Với Norad", "2022-05-01", extra="partners: [norad]")
    )
    assert site.build() == 0
    site.add_story("b.vi.md", story("b", "vi", "Với Norad, sửa", "2022-05-01",
                                    extra="partners: [norad]"))  # fmt: skip
    result = site.build_result()
    assert result.ok
    rendered = set(result.rendered)
    assert "doi-tac/norad/index.html" in rendered
    assert "doi-tac/gni/index.html" not in rendered
    # a story that starts naming a partner changes that partner's page
    site.add_story("b.vi.md", story("b", "vi", "Với Norad và GNI", "2022-05-01",
                                    extra="partners: [norad, gni]"))  # fmt: skip
    result = site.build_result()
    assert result.ok
    assert "doi-tac/gni/index.html" in result.rendered
    assert "Với Norad và GNI" in site.page("doi-tac/gni/").text


def test_statistics_and_calendar_depend_only_on_stories_with_figures_or_events(
    site: Site,
) -> None:
    figures = 'aid:\n  - period: "2022"\n    projects: 3'
    events = "events:\n  - date: 2022-05-01\n    title: Đại hội\n    kind: congress"
    site.add_story("a.vi.md", story("a", "vi", "Có số liệu", "2022-01-10", extra=figures))
    site.add_story("b.vi.md", story("b", "vi", "Có sự kiện", "2022-02-10", extra=events))
    site.add_story("c.vi.md", story("c", "vi", "Tin thường", "2022-03-10"))
    assert site.build() == 0
    site.add_story("c.vi.md", story("c", "vi", "Tin thường, sửa", "2022-03-10"))
    result = site.build_result()
    assert result.ok
    rendered = set(result.rendered)
    assert "tin-tuc/c/index.html" in rendered
    assert "vien-tro/index.html" not in rendered and "su-kien/index.html" not in rendered
    site.add_story("a.vi.md", story("a", "vi", "Có số liệu", "2022-01-10",
                                    extra=figures.replace("3", "4")))  # fmt: skip
    site.add_story("b.vi.md", story("b", "vi", "Có sự kiện, sửa", "2022-02-10", extra=events))
    result = site.build_result()
    assert result.ok
    rendered = set(result.rendered)
    assert {"vien-tro/index.html", "su-kien/index.html", "en/aid/index.html"} <= rendered
    assert "Có sự kiện, sửa" in site.page("su-kien/").text


def test_calendar_files_are_made_again_only_when_an_event_changes(site: Site) -> None:
    events = "events:\n  - date: 2022-05-01\n    title: Lễ ký\n    kind: signing"
    site.add_story("a.vi.md", story("a", "vi", "Có sự kiện", "2022-01-10", extra=events))
    site.add_story("b.vi.md", story("b", "vi", "Không có", "2022-02-10"))
    assert site.build() == 0
    ics = site.output / "data/events.ics"
    first = ics.stat().st_ino
    site.add_story("b.vi.md", story("b", "vi", "Không có, sửa", "2022-02-10"))
    assert site.build() == 0
    assert ics.stat().st_ino == first  # linked from the last build
    site.add_story("a.vi.md", story("a", "vi", "Có sự kiện", "2022-01-10",
                                    extra=events.replace("Lễ ký", "Lễ ký kết")))  # fmt: skip
    assert site.build() == 0
    assert ics.stat().st_ino != first
    assert "SUMMARY:Lễ ký kết" in ics.read_text(encoding="utf-8")


def _bundle(output: Path) -> dict[str, bytes]:
    folder = output / "pagefind"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_only_the_language_of_an_edited_story_is_indexed_again(
    site: Site, tmp_path: Path, monkeypatch
) -> None:
    """Each language has its own Pagefind run; an unchanged one comes from .cache/search/.
    The bundle is the one a cold build makes."""
    from search import pagefind_run
    from search import pelican_adapter as search_adapter

    three_stories(site)
    assert site.build() == 0
    indexed: list[list[str]] = []
    real_bundle, real_document = pagefind_run.bundle_documents, search_adapter.search_document

    def spy(folder: Path, docs: list, stop: pagefind_run.Stop | None = None) -> dict[str, bytes]:
        indexed.append([path for path, _ in docs])
        return real_bundle(folder, docs, stop)

    documents: list[str] = []

    def document_spy(html: str) -> str:
        documents.append(html)
        return real_document(html)

    monkeypatch.setattr(pagefind_run, "bundle_documents", spy)
    monkeypatch.setattr(search_adapter, "search_document", document_spy)
    text = story("a", "en", "Congress A", "2021-03-01", extra="tags: [Congress]")
    site.add_story("a.en.md", text + "\nThe delegates planted a walnut tree.\n")
    result = site.build_result()
    assert result.ok
    assert indexed == [["en/news/a/index.html"]]  # not the three Vietnamese stories
    # taken from the pages as they were rendered (the story's two), the others' from the
    # last build's, in .cache/search/: no page is read back from disk
    stories = [p for p in result.rendered if p.startswith(("tin-tuc/", "en/news/"))]
    assert sorted(stories) == ["en/news/a/index.html", "tin-tuc/a/index.html"]
    assert len(documents) == 2 and any("walnut" in d for d in documents)

    cold = make_site(tmp_path / "cold")
    for f in (site.root / "content/articles").iterdir():
        cold.add_story(f.name, f.read_text(encoding="utf-8"))
    assert cold.build() == 0
    assert _bundle(site.output) == _bundle(cold.output)
    entry = (site.output / "pagefind/pagefind-entry.json").read_text(encoding="utf-8")
    assert '"en"' in entry and '"vi"' in entry
    fragments = [
        name
        for name, data in _bundle(site.output).items()
        if name.startswith("fragment/en_") and b"walnut" in gzip.decompress(data)
    ]
    assert len(fragments) == 1  # the edit is searchable


def test_a_deleted_story_leaves_no_folder_behind(site: Site) -> None:
    """The next build's folders are made ahead from the last build's pages; those it no
    longer needs are removed."""
    three_stories(site)
    assert site.build() == 0
    assert (site.output / "tin-tuc/c/index.html").is_file()
    (site.root / "content/articles/c.vi.md").unlink()
    assert site.build() == 0
    assert not (site.output / "tin-tuc/c").exists()
    assert not [d for d in site.output.rglob("*") if d.is_dir() and not any(d.iterdir())]
    assert (site.output / "tin-tuc/b/index.html").is_file()


def test_damaged_caches_only_cost_the_work_they_would_save(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    """A damaged cache is said (which store, which file, why) and rebuilt, never used (each
    build gets a new session: nothing is kept in memory, as in a new process)."""
    three_stories(site)
    assert site.build() == 0
    caches = sorted(p for p in (site.root / ".cache").rglob("*.pickle"))
    names = {p.relative_to(site.root / ".cache").as_posix() for p in caches}
    assert {"stories.pickle", "search/documents.pickle", "search/bundle-vi.pickle"} <= names
    for path in caches:  # the store's header kept, the pickle after it broken
        header = path.read_bytes().partition(b"\n")[0]
        path.write_bytes(header + b"\n\x80\x05 not a pickle")
    [manifest] = (site.root / ".cache/build").glob("*.json")
    manifest.write_text('{"output": "cut short', encoding="utf-8")
    site.add_story("c.vi.md", story("c", "vi", "Hoạt động C đã sửa", "2022-07-01"))
    with caplog.at_level(logging.WARNING, logger="shared.cache"):
        result = site.build_result()
    assert result.ok
    said = [r.getMessage() for r in caplog.records if r.name == "shared.cache"]
    for path in [*caches, manifest]:
        assert any(str(path) in line and "is damaged" in line for line in said), path
    assert result.reused == 0  # the manifest was not trusted: every page rendered
    assert "Hoạt động C đã sửa" in site.page("tin-tuc/c/").text
    entry = (site.output / "pagefind/pagefind-entry.json").read_text(encoding="utf-8")
    assert '"vi"' in entry and '"en"' in entry
