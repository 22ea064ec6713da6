"""`make serve`: live reload, errors shown over the page, the last good site kept."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest

from conftest import Site, story
from site_build.preview import Preview


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


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
    assert first_event(base + "/__preview/events") == {"build": 3, "ok": True, "errors": []}
    assert "Bản sửa" in get(base + "/tin-tuc/a/")


def test_watcher_rebuilds_on_save(preview: Preview, site: Site) -> None:
    threading.Thread(target=preview.watch, daemon=True).start()
    time.sleep(0.5)  # let the watcher start
    site.add_story("a.vi.md", story("a", "vi", "Bản lưu mới"))
    deadline = time.monotonic() + 30
    while preview.state["build"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
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
        assert box.evaluate("b => getComputedStyle(b).position") == "fixed"
        site.add_story("a.vi.md", story("a", "vi", "Bản sửa"))
        with page.expect_navigation(timeout=10_000):
            preview.rebuild("test")
        assert "Bản sửa" in page.locator("h1").inner_text()
        browser.close()
    assert blocked == []
