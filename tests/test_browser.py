"""The example site in a real browser: Playwright driving Debian's chromium (installed by
`make test`; never a downloaded browser), the site served on a loopback port.

What readers do: switch language, search without diacritics, use the menu with the keyboard,
load the photos (the right size for the screen); and axe-core finds no accessibility problem on
any kind of page in either language.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from test_readers_example_site import page_types

from conftest import REPO
from tools.screenshots import CHROMIUM, CHROMIUM_FLAGS  # one launch recipe for both

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A built site on a loopback port, as a static host serves it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base_url(example: Path) -> Iterator[str]:
    with serve(example) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) "
            "or `sudo apt-get install chromium`",
            pytrace=False,
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    yield page
    context.close()
    # no script error and nothing the Content-Security-Policy had to block, on any page visited
    assert errors == [], errors


# --- language switch --------------------------------------------------------------------


def test_language_switch_goes_to_the_translation(page: Page, base_url: str) -> None:
    slug = "thuc-day-doi-ngoai-nhan-dan-tuyen-quang"
    page.goto(f"{base_url}/tin-tuc/{slug}/")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{base_url}/en/news/{slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Tiếng Việt", exact=True).click()
    expect(page).to_have_url(f"{base_url}/tin-tuc/{slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")


# --- search -----------------------------------------------------------------------------


def _stories_with(output: Path, lang_glob: str, phrase: str) -> set[str]:
    """Slugs of the stories whose text has `phrase` (with its diacritics: "đại hội")."""
    found = set()
    for path in output.glob(lang_glob):
        text = path.read_text(encoding="utf-8")
        story = re.sub(r"<[^>]+>", " ", text[text.index("<article") : text.index("</article>")])
        if phrase in " ".join(story.lower().split()):
            found.add(path.parent.name)
    return found


def _search(page: Page, query: str) -> list[str]:
    box = page.get_by_label("Từ khóa cần tìm").or_(page.get_by_label("Words to search for"))
    box.fill(query)
    box.press("Enter")
    status = page.locator("[data-search-status]")
    expect(status).to_contain_text(query, timeout=10_000)
    return [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator(".search-result a").evaluate_all("as => as.map(a => a.href)")
    ]


def test_search_finds_stories_typed_without_diacritics(
    page: Page, base_url: str, example: Path
) -> None:
    output = example
    with_duong = _stories_with(output, "tin-tuc/*/index.html", "đường")
    with_dai = _stories_with(output, "tin-tuc/*/index.html", "đại hội")
    assert with_duong and with_dai
    page.goto(f"{base_url}/tim-kiem/")
    assert with_duong <= set(_search(page, "duong"))  # "đường" found by "duong"
    dai_hoi = set(_search(page, "dai hoi"))
    assert with_dai <= dai_hoi  # "Đại hội" found by "dai hoi"
    assert dai_hoi == set(_search(page, "Đại hội"))  # typed with diacritics: the same
    status = page.locator("[data-search-status]").inner_text()
    assert "bài viết" in status  # the messages are in the page's language


def test_search_in_english_finds_english_stories(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/search/?q=congress")
    expect(page.locator("[data-search-status]")).to_contain_text("congress", timeout=10_000)
    hrefs = page.locator(".search-result a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all("/en/news/" in h for h in hrefs)
    expect(page.locator("[data-search-status]")).to_contain_text("stories match")
    # listings are never results: only stories are indexed
    page.get_by_label("Words to search for").fill("zzzqqq")
    page.get_by_label("Words to search for").press("Enter")
    expect(page.locator("[data-search-status]")).to_contain_text("No story matches")


# --- keyboard ---------------------------------------------------------------------------


def _focused(page: Page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        return {text: e.textContent.trim(), href: e.getAttribute('href') || '',
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight}; }"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_menu_and_language_switch_work_by_keyboard(
    browser: Browser, base_url: str, viewport: dict
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["href"] == "#main" and skip["visible"] and skip["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.goto(f"{base_url}/")
    menu = page.locator("nav.nav a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    seen = []
    for _ in range(len(menu) + 8):
        page.keyboard.press("Tab")
        f = _focused(page)
        assert f["visible"] and f["outline"] != "none" and f["width"] >= 2, f
        seen.append(f["href"])
        if f["href"] == menu[-1]:
            break
    assert seen[-len(menu) :] == menu  # every menu entry, in order
    assert "/en/" in seen  # the language switch came first, in the masthead

    # Shift+Tab back to "Events", Enter: the events calendar, marked as the current section
    while _focused(page)["href"] != "/su-kien/":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/su-kien/")
    expect(page.locator('nav.nav a[aria-current="page"]')).to_have_text("Sự kiện")

    while _focused(page)["href"] != "/en/events/":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/en/events/")
    context.close()


# --- photos -----------------------------------------------------------------------------


def _load_all_images(page: Page) -> list[dict]:
    page.evaluate(
        """async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {
            scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); } }"""
    )
    # on a busy machine a lazy photo passed in 30 ms may not have started loading: every
    # poll brings the ones not loaded yet into view again
    page.wait_for_function(
        "[...document.images].filter(i => !i.complete).map(i => i.scrollIntoView()).length == 0",
        timeout=30_000,
    )
    return page.evaluate(
        """() => [...document.images].map(i => ({src: i.currentSrc, ok: i.naturalWidth > 0,
            shown: i.getBoundingClientRect().width}))"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "url", ["/", "/en/", "/tin-tuc/tra-vinh-giu-nhip-van-dong-vien-tro-phi-chinh-phu/"]
)
def test_images_load_in_webp_at_a_fitting_size(
    browser: Browser, base_url: str, url: str, viewport: dict
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base_url + url)
    images = _load_all_images(page)
    assert images
    for img in images:
        assert img["ok"], img
        assert img["src"].endswith(".webp"), img
        width = int(re.search(r"-(\d+)w-", img["src"]).group(1))  # type: ignore[union-attr]
        assert width >= img["shown"]  # sharp enough
        assert width <= max(2 * img["shown"], 480), img  # and never the desktop file on a phone
    context.close()


def test_images_have_no_layout_shift(page: Page, base_url: str) -> None:
    """`width`/`height` give each photo its box before it loads."""
    page.route(re.compile(r".*\.(webp|jpg)$"), lambda route: route.abort())  # no photo arrives
    page.goto(f"{base_url}/tin-tuc/tra-vinh-giu-nhip-van-dong-vien-tro-phi-chinh-phu/",
              wait_until="domcontentloaded")  # fmt: skip
    box = page.locator(".story-figure img").bounding_box()
    assert box is not None and box["height"] > 0.55 * box["width"]


# --- without JavaScript -------------------------------------------------------------------


def test_story_reads_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base_url}/en/news/tra-vinh-giu-nhip-van-dong-vien-tro-phi-chinh-phu/")
    expect(page.locator("h1")).to_have_text("Tra Vinh keeps foreign NGO aid on track in 2022")
    assert len(page.locator(".story-body").inner_text()) > 1000
    page.goto(f"{base_url}/en/search/")
    expect(page.locator(".notice-static")).to_contain_text("Search needs JavaScript")
    context.close()


# --- axe-core -----------------------------------------------------------------------------


def _axe_pages() -> list[str]:
    return ["home", "article", "category", "tag", "archives", "archive", "partners",
            "partners-type", "partners-country", "partner", "events", "events-kind", "aid",
            "search", "404", "bulletins", "bulletin"]  # fmt: skip


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violation_on_any_page_kind(
    browser: Browser, base_url: str, example: Path, viewport: dict
) -> None:
    assert AXE.exists(), "axe-core is missing: run `make test` (it runs `npm ci`)"
    types = page_types(example)
    # axe is injected as an inline script, which the pages' policy rightly refuses
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    problems = []
    checked = 0
    for (lang, kind), url in sorted(types.items()):
        if kind not in _axe_pages():
            continue
        page.goto(base_url + url)
        page.add_script_tag(path=str(AXE))
        if kind == "search":  # with results on screen
            page.get_by_role("searchbox").fill("hoi" if lang == "vi" else "aid")
            page.get_by_role("searchbox").press("Enter")
            page.locator(".search-result").first.wait_for(timeout=10_000)
        result = page.evaluate("async () => await axe.run(document)")
        checked += 1
        for v in result["violations"]:
            targets = [" ".join(n["target"]) for n in v["nodes"]][:5]
            problems.append(f"{lang} {kind} {url}: {v['id']} ({v['impact']}): {targets}")
    context.close()
    assert checked >= 28
    assert problems == [], "\n".join(problems)


# --- Content-Security-Policy --------------------------------------------------------------


def test_every_page_kind_works_under_the_content_security_policy(
    page: Page, base_url: str, example: Path
) -> None:
    """The `page` fixture fails on anything the policy blocked (a style, a font, a script)."""
    violations: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    types = page_types(example)
    for (lang, kind), url in sorted(types.items()):
        page.goto(base_url + url)
        if kind == "search":
            page.get_by_role("searchbox").fill("hoi" if lang == "vi" else "aid")
            page.get_by_role("searchbox").press("Enter")
            page.locator(".search-result").first.wait_for(timeout=10_000)
        fonts_ok = page.evaluate("async () => (await document.fonts.ready).status === 'loaded'")
        assert fonts_ok, url
        violations += [f"{url}: {v}" for v in page.evaluate("() => window.__csp || []")]
    assert len(types) >= 30
    assert violations == []


# --- phones: the aid chart, wide tables, the menu; icons ----------------------------------

# text of every visible chart: rendered size (font size times the SVG's scale), box, class
_CHART_TEXT = """() => [...document.querySelectorAll('svg.aid-chart')]
    .filter(svg => svg.getClientRects().length)
    .map(svg => { const box = svg.getBoundingClientRect();
      return {narrow: svg.classList.contains('aid-chart-narrow'),
        left: box.left, right: box.right,
        texts: [...svg.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
          return {text: t.textContent, tick: t.classList.contains('tick'),
            px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
            left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })}; })"""
_UNITS = {"": 1, "nghìn": 10**3, "thousand": 10**3, "triệu": 10**6, "million": 10**6,
          "tỷ": 10**9, "billion": 10**9}  # fmt: skip


def _tick_value(label: str) -> float:
    number, _, unit = label.partition(" ")
    return float(number.replace(",", ".") if "," in number else number) * _UNITS[unit]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("url", ["/vien-tro/", "/en/aid/"])
def test_aid_chart_text_reads_at_12_px_or_more_with_round_ticks(
    browser: Browser, base_url: str, viewport: dict, url: str
) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(base_url + url)
    charts = page.evaluate(_CHART_TEXT)
    page.close()
    assert len(charts) == 1  # one layout at a time
    chart = charts[0]
    assert chart["narrow"] == (viewport is PHONE)
    texts = chart["texts"]
    assert len(texts) >= 8
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 12]
    assert small == [], f"text under 12 px at {viewport['width']} px: {small}"
    for t in texts:  # nothing cut off at the sides
        assert chart["left"] - 0.5 <= t["left"] and t["right"] <= chart["right"] + 0.5, t
    for i, a in enumerate(texts):  # no label over another
        for b in texts[i + 1 :]:
            apart = (
                a["right"] <= b["left"] + 0.5
                or b["right"] <= a["left"] + 0.5
                or a["bottom"] <= b["top"] + 0.5
                or b["bottom"] <= a["top"] + 0.5
            )
            assert apart, (a["text"], b["text"])
    ticks = sorted(_tick_value(t["text"]) for t in texts if t["tick"])
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert ticks[0] == 0 and len(steps) == 1, ticks  # evenly spaced from 0
    step = steps.pop()
    assert f"{step:e}"[0] in "125" and float(f"{step:e}".split("e")[0]) in (1, 2, 5), ticks


def _edge_shade(png: bytes) -> tuple[float, float]:
    """Median lightness (0-255) of the leftmost and rightmost 4 px of a screenshot."""
    import io
    import statistics

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    strip = lambda box: statistics.median(image.crop(box).tobytes())  # noqa: E731
    return strip((0, 0, 4, height)), strip((width - 4, 0, width, height))


def test_wide_tables_show_that_they_scroll_on_a_phone(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{base_url}/vien-tro/")
    wrap = page.locator(".table-wrap").first
    wrap.scroll_into_view_if_needed()
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth + 100")  # more columns than fit
    left, right = _edge_shade(wrap.screenshot())
    assert left > 250 and right < 235, (left, right)  # a shadow where the hidden columns are
    wrap.evaluate("e => e.scrollLeft = e.scrollWidth")
    left, right = _edge_shade(wrap.screenshot())
    assert left < 235 and right > 250, (left, right)  # at the end: the shadow changed sides
    page.close()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_phone_menu_is_one_row_that_scrolls(
    browser: Browser, base_url: str, javascript: bool
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{base_url}/")
    nav = page.locator("nav.nav ul")
    box = nav.bounding_box()
    assert box is not None and box["height"] <= 56, box  # was three rows, about 120-180 px
    tops = nav.locator("li").evaluate_all("ls => ls.map(l => l.getBoundingClientRect().top)")
    assert len(set(tops)) == 1 and len(tops) >= 8  # every entry, in one row
    assert nav.evaluate("e => e.scrollWidth > e.clientWidth")
    last = nav.locator("a").last
    last.focus()  # as Tab does: the row scrolls the entry into view
    entry = last.bounding_box()
    assert entry is not None and entry["x"] >= 0 and entry["x"] + entry["width"] <= 390 + 0.5
    # the current section is in sight on arrival, even at the row's far end
    page.goto(f"{base_url}/luu-tru/")
    current = page.locator('nav.nav a[aria-current="page"]').bounding_box()
    assert current is not None and current["x"] + current["width"] <= 390 + 0.5, current
    context.close()


def test_icons_load_and_nothing_is_missing(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for url in ("/", "/en/aid/"):
        page.goto(base_url + url, wait_until="networkidle")
    for icon, mime in (("/favicon.ico", "image/"), ("/apple-touch-icon.png", "image/png")):
        response = page.request.get(base_url + icon)
        assert response.status == 200 and response.headers["content-type"].startswith(mime)
    for link in page.locator("link[rel~='icon'], link[rel='apple-touch-icon']").all():
        response = page.request.get(base_url + str(link.get_attribute("href")))
        assert response.status == 200, link.get_attribute("href")
    page.close()
    assert missing == []
