"""The build session (bilingual/session.py): what a build knows is its session's, so two
builds, or two previews, in one process never see each other's state."""

from __future__ import annotations

from pathlib import Path

from bilingual.session import BuildSession
from conftest import Site, make_site, story
from site_build.cli import run_build
from site_build.preview import Preview


def two_sites(tmp_path: Path) -> tuple[Site, Site]:
    a, b = make_site(tmp_path / "a"), make_site(tmp_path / "b")
    a.add_story("hop-mat-ban-be.vi.md", story("hop-mat-ban-be", "vi", "Hội nghị hữu nghị"))
    b.add_story("nuoc-sach-gni.vi.md", story("nuoc-sach-gni", "vi", "Viện trợ nước sạch"))
    b.add_story("nuoc-sach-gni.en.md", story("nuoc-sach-gni", "en", "Clean water aid"))
    return a, b


def test_two_builds_in_one_process_keep_their_own_state(tmp_path: Path) -> None:
    a, b = two_sites(tmp_path)
    first, second = BuildSession(a.root.resolve()), BuildSession(b.root.resolve())
    assert run_build(a.root, a.output, session=first).ok
    assert run_build(b.root, b.output, session=second).ok
    # what the first build did is still its own, after the second one
    assert first.checked_project().root == a.root.resolve()
    assert set(first.checked_project().stories) == {"hop-mat-ban-be"}
    assert "tin-tuc/hop-mat-ban-be/index.html" in first.record.rendered
    assert not any("nuoc-sach-gni" in page for page in first.record.manifest)
    assert "en/news/nuoc-sach-gni/index.html" in second.record.manifest
    assert not any("hop-mat-ban-be" in page for page in second.record.manifest)
    # each build registered the extensions once, with its own hooks
    assert first.hooks is not second.hooks
    assert first.hooks.page_providers == second.hooks.page_providers
    providers = len(first.hooks.page_providers)
    assert run_build(a.root, a.output, session=first).ok  # the same session again
    assert len(first.hooks.page_providers) == providers
    # the second build's pages were never linked from the first build's folder
    assert (b.output / "tin-tuc/nuoc-sach-gni/index.html").stat().st_nlink == 1


def test_is_this_page_reused_is_one_question(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Bài a"))
    site.add_story("b.vi.md", story("b", "vi", "Bài b", date="2021-01-01"))
    session = BuildSession(site.root.resolve())
    assert run_build(site.root, site.output, session=session).ok
    assert not session.is_reused("tin-tuc/a/index.html")  # a first build renders all
    site.add_story("a.vi.md", story("a", "vi", "Bài a đã sửa"))
    assert run_build(site.root, site.output, session=session).ok
    assert not session.is_reused("tin-tuc/a/index.html")
    assert session.is_reused("tin-tuc/b/index.html")
    assert "tin-tuc/b/index.html" not in session.record.rendered


def test_the_preview_keeps_pelicans_stories_in_its_session(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Bài a"))
    site.add_story("b.vi.md", story("b", "vi", "Bài b", date="2021-01-01"))
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    kept = {path: article for path, (_, article) in p.session.articles.items()}
    assert len(kept) == 2
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", date="2022-06-10"))  # a build
    assert p.rebuild("edit", [path]).ok
    now = {path: article for path, (_, article) in p.session.articles.items()}
    b = str((site.root / "content/articles/b.vi.md").resolve())
    assert now[b] is kept[b]  # unchanged: the very same object
    assert now[str(path.resolve())] is not kept[str(path.resolve())]
    # a build of its own session keeps nothing for the next one
    session = BuildSession(site.root.resolve())
    assert run_build(site.root, tmp_output(site), session=session).ok
    assert session.articles == {} and session.file_hashes == {}


def tmp_output(site: Site) -> Path:
    return site.root / "other-output"


def test_two_previews_in_one_process_update_their_own_sites(tmp_path: Path) -> None:
    """A quick update continues from its own preview's last build, whatever another preview
    of the same process built since."""
    a, b = two_sites(tmp_path)
    first = Preview(a.root, a.output, port=0)
    second = Preview(b.root, b.output, port=0)
    assert first.rebuild("start").ok
    assert second.rebuild("start").ok
    b_home = (b.output / "index.html").read_bytes()
    path = a.add_story("hop-mat-ban-be.vi.md", story("hop-mat-ban-be", "vi", "Hội nghị hữu nghị",
                                               body="Câu mới của bài."))  # fmt: skip
    result = first.rebuild("edit", [path])
    assert result.ok
    # the quick update of the first preview: planned from its own last build only
    assert first.session.record.planned == ["tin-tuc/hop-mat-ban-be/index.html"]
    assert result.rendered == ["tin-tuc/hop-mat-ban-be/index.html"]
    assert "Câu mới của bài." in a.page("tin-tuc/hop-mat-ban-be/").html
    assert second.session.record.planned == []
    assert (b.output / "index.html").read_bytes() == b_home
    assert not (b.output / "tin-tuc/hop-mat-ban-be").exists()


def test_the_session_never_travels_in_the_settings(site: Site) -> None:
    """Pelican pickles its settings: the session reaches the handlers through the Pelican
    object and Pelican's context of the build, never through settings."""
    import pickle

    site.add_story("a.vi.md", story("a", "vi", "Bài a"))
    session = BuildSession(site.root.resolve())
    assert run_build(site.root, site.output, session=session).ok
    generator = session.record.generator
    assert generator.context["build_session"] is session
    settings = generator.settings
    assert not any(isinstance(v, BuildSession) for v in settings.values())
    assert not {"PREVIOUS_OUTPUT", "PAGE_MANIFEST", "REUSE_ARTICLES"} & set(settings)
    pickle.loads(pickle.dumps(settings))
