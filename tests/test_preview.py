"""`make serve`: live reload, errors shown over the page, the last good site kept."""

from __future__ import annotations

import gc
import hashlib
import json
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import Site, story
from site_build.preview import Preview


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def first_event(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        for raw in response:
            line = raw.decode().strip()
            if line.startswith("data: "):
                return json.loads(line.removeprefix("data: "))
    raise AssertionError("no event")


@pytest.fixture
def preview(site: Site):
    site.add_story("a.vi.md", story("a", "vi", "Bản đầu"))
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    server = p.serve_in_background()
    p.base = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield p
    p.stop.set()
    server.shutdown()


def test_pages_get_the_live_reload_script(preview: Preview) -> None:
    html = get(preview.base + "/tin-tuc/a/")  # type: ignore[attr-defined]
    assert "Bản đầu" in html and '<script src="/__preview/live.js" defer></script>' in html
    assert "EventSource" in get(preview.base + "/__preview/live.js")  # type: ignore[attr-defined]
    # the built site itself has no preview script
    assert "__preview" not in (preview.output / "tin-tuc/a/index.html").read_text("utf-8")


def test_errors_reach_the_browser_and_the_last_good_site_stays(
    preview: Preview, site: Site
) -> None:
    base = preview.base  # type: ignore[attr-defined]
    site.add_story("a.vi.md", story("a", "vi", "Bản lỗi", extra="partners: [khong-co]"))
    result = preview.rebuild("edit")
    assert not result.ok
    state = first_event(base + "/__preview/events")
    assert state["ok"] is False
    assert state["errors"] == [
        "content/articles/a.vi.md:7: partners[0]: unknown partner 'khong-co'; "
        "see content/data/partners.yaml"
    ]
    assert "Bản đầu" in get(base + "/tin-tuc/a/")  # still served
    site.add_story("a.vi.md", story("a", "vi", "Bản sửa"))
    assert preview.rebuild("fix").ok
    heading = "Content errors: the site below is the last good build."  # MESSAGES=en
    assert state["heading"] == heading
    assert first_event(base + "/__preview/events") == {
        "build": 3,
        "ok": True,
        "errors": [],
        "heading": heading,
    }
    assert "Bản sửa" in get(base + "/tin-tuc/a/")


def wait_for_build(preview: Preview, number: int, timeout: float) -> bool:
    """Until the preview has made build `number` (its condition is notified at each)."""
    with preview.changed:
        return preview.changed.wait_for(lambda: preview.state["build"] >= number, timeout)


def test_watcher_rebuilds_on_save(preview: Preview, site: Site) -> None:
    threading.Thread(target=preview.watch, daemon=True).start()
    # a save made before the watcher watches goes unseen: save until one is seen (no guessed
    # start-up time), each time waiting for the build it starts
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        site.add_story("a.vi.md", story("a", "vi", "Bản lưu mới"))
        if wait_for_build(preview, 2, timeout=2):
            break
    assert preview.state["build"] >= 2 and preview.state["ok"]
    assert "Bản lưu mới" in get(preview.base + "/tin-tuc/a/")  # type: ignore[attr-defined]


def test_a_browser_shows_the_errors_and_reloads_under_the_page_policy(
    preview: Preview, site: Site
) -> None:
    """The live-reload script and the error box pass the Content-Security-Policy."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_FLAGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        blocked: list[str] = []
        page.on(
            "console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None
        )
        page.goto(preview.base + "/tin-tuc/a/")  # type: ignore[attr-defined]
        page.wait_for_timeout(500)  # the event stream is open
        site.add_story("a.vi.md", story("a", "vi", "Bản đầu", extra="partners: [khong-co]"))
        preview.rebuild("test")
        box = page.locator("#preview-errors")
        box.wait_for(timeout=10_000)
        assert "khong-co" in box.inner_text()
        assert box.inner_text().startswith("Content errors: the site below is the last good")
        assert box.evaluate("b => getComputedStyle(b).position") == "fixed"
        site.add_story("a.vi.md", story("a", "vi", "Bản sửa"))
        with page.expect_navigation(timeout=10_000):
            preview.rebuild("test")
        assert "Bản sửa" in page.locator("h1").inner_text()
        browser.close()
    assert blocked == []


def pages_keyed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose fingerprint the preview computes from now on (save_as, in order):
    the pages it plans."""
    from bilingual import fingerprints

    keyed: list[str] = []
    page_key = fingerprints.page_key

    def spy(page, shared, keys):  # type: ignore[no-untyped-def]
        keyed.append(page.save_as)
        return page_key(page, shared, keys)

    monkeypatch.setattr(fingerprints, "page_key", spy)
    return keyed


def test_a_text_edit_plans_and_renders_only_the_pages_that_print_it(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "partners: [gni]\nevents:\n  - {date: 2022-06-01, title: Hội nghị, kind: conference}"
    for slug in ("a", "b"):
        site.add_story(f"{slug}.vi.md", story(slug, "vi", f"Bài {slug}", extra=data))
        site.add_story(f"{slug}.en.md", story(slug, "en", f"Story {slug}"))
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    home = site.output / "index.html"
    home_before = home.stat().st_mtime_ns
    keyed = pages_keyed(monkeypatch)
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", extra=data, body="Câu mới viết."))
    result = p.rebuild("edit", [path])
    assert result.ok
    own = ["en/news/a/index.html", "tin-tuc/a/index.html"]
    assert sorted(keyed) == own and sorted(p.session.record.planned) == own  # nothing else
    assert sorted(result.rendered) == own and result.reused > 20
    assert "Câu mới viết." in site.page("tin-tuc/a/").html
    assert home.stat().st_mtime_ns == home_before  # lists show no text: untouched
    # both versions saved at once (the watcher's batch): the same pages, planned once each
    keyed.clear()
    paths = [
        site.add_story("b.vi.md", story("b", "vi", "Bài b", extra=data, body="Một.")),
        site.add_story("b.en.md", story("b", "en", "Story b", body="One.")),
    ]
    result = p.rebuild("edit", paths)
    own_b = ["en/news/b/index.html", "tin-tuc/b/index.html"]
    assert sorted(result.rendered) == own_b and sorted(set(keyed)) == own_b
    assert "One." in site.page("en/news/b/").html
    # a placeholder holds the version back: a whole build takes it off the site
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", extra=data, body="TODO: viết"))
    result = p.rebuild("edit", [path])
    assert result.ok and "index.html" in result.rendered
    assert not (site.output / "tin-tuc/a/index.html").exists()
    # a title is shown by lists: they are rendered again
    keyed.clear()
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a mới", extra=data, body="Câu mới."))
    result = p.rebuild("edit", [path])
    assert result.ok and "index.html" in result.rendered and len(keyed) > 20
    assert "Bài a mới" in site.page("").html
    # and a whole build after quick ones keeps the text
    site.write("content/data/site.yaml", (site.root / "content/data/site.yaml").read_text() + "\n")
    assert p.rebuild("data").ok and "Câu mới." in site.page("tin-tuc/a/").html


TITLE_DATA = """\
partners: [gni]
events:
  - {date: 2022-06-01, title: Hội nghị, kind: conference}
aid:
  - period: "2022"
    partner: gni
    projects: 3
    committed: {value: 100000, currency: USD}
"""


def test_a_title_edit_plans_and_renders_only_the_pages_that_list_the_story(
    site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from site_build.cli import run_build

    site.add_story("a.vi.md", story("a", "vi", "Bài a", extra=TITLE_DATA))
    site.add_story("a.en.md", story("a", "en", "Story a"))
    site.add_story("b.vi.md", story("b", "vi", "Bài b", extra="partners: [norad]"))
    # in another category, later, and the only story of the bulletin of 2023: none of its
    # pages nor the bulletin's show story a
    later = story("c", "vi", "Bài c", date="2023-03-01", category="vien-tro")
    site.add_story("c.vi.md", later)
    site.write(
        "content/bulletins/so-1-2023.yaml",
        "number: 1/2023\nperiod:\n  from: 2023-01-01\n  to: 2023-12-31\neditorial: Lời ngỏ.\n",
    )
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    keyed = pages_keyed(monkeypatch)
    pdf = site.output / "ban-tin/so-1-2023/so-1-2023-vi.pdf"
    pdf_before = pdf.stat().st_mtime_ns
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a đã sửa", extra=TITLE_DATA))
    result = p.rebuild("edit", [path])
    assert result.ok
    # the pages whose fingerprint reads story a: its own pages, the lists that show it in
    # either language, its partner's pages, its events' and figures' pages, and the partner
    # directory (story counts); nothing of b's or c's, nor the bulletin's, 404 or search
    shown = [
        *("index.html", "chuyen-muc/hoat-dong/index.html", "tin-tuc/a/index.html"),
        *("luu-tru/index.html", "luu-tru/2022/index.html"),
        *("su-kien/index.html", "su-kien/loai/conference/index.html", "vien-tro/index.html"),
        *("doi-tac/index.html", "doi-tac/gni/index.html"),
        *("doi-tac/loai/government/index.html", "doi-tac/loai/ingo/index.html"),
        *("doi-tac/quoc-gia/kr/index.html", "doi-tac/quoc-gia/no/index.html"),
        *("en/index.html", "en/category/hoat-dong/index.html", "en/news/a/index.html"),
        *("en/archive/index.html", "en/archive/2022/index.html"),
        *("en/events/index.html", "en/events/kind/conference/index.html", "en/aid/index.html"),
        *("en/partners/index.html", "en/partners/gni/index.html"),
        *("en/partners/type/government/index.html", "en/partners/type/ingo/index.html"),
        *("en/partners/country/kr/index.html", "en/partners/country/no/index.html"),
    ]
    assert sorted(set(keyed)) == sorted(p.session.record.planned) == sorted(shown)
    assert sorted(result.rendered) == sorted(shown)
    for listing in ("", "chuyen-muc/hoat-dong/", "su-kien/", "doi-tac/gni/", "tin-tuc/a/"):
        assert "Bài a đã sửa" in site.page(listing).html
    assert "Bài a đã sửa" in site.page("vien-tro/").html
    assert result.reused == 45 - len(shown) and pdf.stat().st_mtime_ns == pdf_before
    # what a cold build of the same files makes
    cold = tmp_path / "cold"
    assert run_build(site.root, cold, overrides={"SEARCH_INDEX": False}).ok
    assert snapshot(site.output) == snapshot(cold)
    # the title put back while no preview runs: a build of the folder the preview wrote in
    # place takes none of its pages made from the edited title (the manifest says what they are)
    site.add_story("a.vi.md", story("a", "vi", "Bài a", extra=TITLE_DATA))
    assert run_build(site.root, site.output, overrides={"SEARCH_INDEX": False}).ok
    for listing in ("", "chuyen-muc/hoat-dong/", "su-kien/", "doi-tac/gni/"):
        assert "Bài a đã sửa" not in site.page(listing).html


def test_a_text_edit_with_an_error_keeps_the_last_good_site(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Bài a"))
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    bad = "Dòng\n" + "    " * 60 + "- quá sâu\n"  # deeper than Markdown can be trusted with
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", body=bad))
    result = p.rebuild("edit", [path])
    assert not result.ok and result.errors[0].startswith("content/articles/a.vi.md:")
    assert "Nội dung bài viết." in site.page("tin-tuc/a/").html
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", body="Đã sửa."))
    assert p.rebuild("fix", [path]).ok and "Đã sửa." in site.page("tin-tuc/a/").html


def test_a_text_edit_of_a_story_in_a_bulletin_rebuilds_its_editions(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Bài a"))
    site.write(
        "content/bulletins/so-1-2022.yaml",
        "number: 1/2022\nperiod:\n  from: 2022-01-01\n  to: 2022-12-31\neditorial: Lời ngỏ.\n",
    )
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    pdf = site.output / "ban-tin/so-1-2022/so-1-2022-vi.pdf"
    before = pdf.read_bytes()
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a", body="Đoạn văn mới in ra."))
    result = p.rebuild("edit", [path])
    assert result.ok and "ban-tin/so-1-2022/index.html" in result.rendered
    assert pdf.read_bytes() != before  # the print edition has the new text


def test_a_whole_build_is_frozen_for_the_garbage_collector_until_the_next(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The objects of a whole build are left out of the collector's full collections while
    quick updates run (gc.freeze), and given back to it before the next whole build."""
    from site_build import preview

    frozen_at_start: list[int] = []
    run_build = preview.run_build

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        frozen_at_start.append(gc.get_freeze_count())
        return run_build(*args, **kwargs)

    monkeypatch.setattr(preview, "run_build", spy)
    site.add_story("a.vi.md", story("a", "vi", "Bài a"))
    p = Preview(site.root, site.output, port=0)
    try:
        gc.freeze()  # what a test before may have left
        assert p.rebuild("start").ok and gc.get_freeze_count() > 0
        site.add_story("a.vi.md", story("a", "vi", "Bài a", extra="partners: [gni]"))
        assert p.rebuild("edit").ok and gc.get_freeze_count() > 0
        assert frozen_at_start == [0, 0]
    finally:
        gc.unfreeze()


def test_a_title_edit_after_a_preview_started_on_a_built_site_serialises_one_event(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview started on the folder of a `make site` (its events.ics unchanged, so the
    build may link it) still serialises its events in its own process: a title edit then
    serialises the edited story's event only (in the calendar of each language: the story
    has no English version, the English calendar links the Vietnamese one), not the whole
    calendar again."""
    import icalendar
    from test_build_command import run_cli

    site.add_story("a.vi.md", story("a", "vi", "Bài a", extra=TITLE_DATA))
    site.add_story("b.vi.md", story("b", "vi", "Bài b", extra=TITLE_DATA))
    site.write("nosearch.py", "from pelicanconf import *  # noqa: F403\nSEARCH_INDEX = False\n")
    assert run_cli(site.root, "build", "--settings", "nosearch.py").returncode == 0  # make site
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    serialised: list[str] = []
    to_ical = icalendar.Event.to_ical

    def spy(event, *args, **kwargs):  # type: ignore[no-untyped-def]
        serialised.append(str(event.get("description")))
        return to_ical(event, *args, **kwargs)

    monkeypatch.setattr(icalendar.Event, "to_ical", spy)
    # a title no other test uses: ical's cache lives as long as the test process
    title = "Bài a tên mới trong lịch"
    path = site.add_story("a.vi.md", story("a", "vi", title, extra=TITLE_DATA))
    assert p.rebuild("edit", [path]).ok
    assert len(serialised) == 2 and all(d.startswith(title) for d in serialised)
    ics = (site.output / "data/events.ics").read_text(encoding="utf-8")
    assert title in ics.replace("\r\n ", "").replace("\n ", "")  # lines unfolded
