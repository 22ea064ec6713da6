"""A story pasted from a hostile page builds into inert pages.

Scripts, frames, event handlers, `javascript:`/`data:` links and inline styles in the body, in
the title, the summary, event titles and a partner's name: none of them reaches a reader
active, in any output (pages, feeds, calendar, JSON, bulletin editions); the site's
Content-Security-Policy is on every page; and a real browser opening the pages runs nothing.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PARTNERS_YAML, Site, make_site, story

PWN = "window.__pwned=1"
HOSTILE_TITLE = f'Hội nghị <script>{PWN}</script><img src=x onerror="{PWN}">'
HOSTILE_BODY = f"""\
Đoạn mở đầu <b onmouseover="{PWN}">in đậm</b>.

<script>{PWN}</script>
<iframe src="https://evil.example/"></iframe>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x">
<img src="x" onerror="{PWN}"> <img src="data:image/svg+xml;base64,PHN2Zz4=" alt="d">
<svg onload="{PWN}"><circle r="1"/></svg>
<a href="javascript:{PWN}">link js</a> <a href="JAVASCRIPT:{PWN}">upper</a>
<a href="java&#x09;script:{PWN}">tab</a> <a href="data:text/html,<script>{PWN}</script>">d</a>
<a href="vbscript:msgbox(1)">vb</a>
<p style="background:url(javascript:{PWN}); width: expression({PWN})">styled</p>
<form action="https://evil.example/"><input name="password"></form>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">
<style>body {{ display: none }}</style>
<div onclick="{PWN}">div</div>

[markdown js](javascript:{PWN}) and [an external site](https://example.org/trang)
and <a href="https://example.org/new" target="_blank">a new tab</a>
and [a page of ours](/en/).

| Cột | Số |
|:---:|---:|
| a | 1 |
"""
HOSTILE_SUMMARY = f'Tóm tắt <script>{PWN}</script> [x](javascript:{PWN}) <i onclick="{PWN}">i</i>'
HOSTILE_EVENTS = f"""\
events:
  - date: 2022-05-01
    title: {{vi: "<script>{PWN}</script> Lễ ký", en: "<script>{PWN}</script> Signing"}}
    kind: signing
    place: "<img src=x onerror='{PWN}'>"
partners: [evil]
tags: ["<script>{PWN}</script>"]
"""
HOSTILE_PARTNER = f"""\
- id: evil
  name: {{vi: "<script>{PWN}</script>Tổ chức X", en: "<b onclick='{PWN}'>Org X</b>"}}
  country: FR
  type: ingo
"""


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("hostile") / "site")
    site.write("content/data/partners.yaml", PARTNERS_YAML + HOSTILE_PARTNER)
    for lang in ("vi", "en"):
        extra = f"summary: {_yaml(HOSTILE_SUMMARY)}\n" + (HOSTILE_EVENTS if lang == "vi" else "")
        text = story("tan-cong", lang, title="TITLE", extra=extra, body=HOSTILE_BODY)
        site.add_story(f"tan-cong.{lang}.md", text.replace('"TITLE"', _yaml(HOSTILE_TITLE)))
    site.write(
        "content/bulletins/so-1-2022.yaml",
        "number: 1/2022\nperiod: {from: 2022-01-01, to: 2022-12-31}\n"
        f"editorial: {{vi: {_yaml(HOSTILE_BODY)}, en: {_yaml(HOSTILE_BODY)}}}\n",
    )
    assert site.build() == 0
    return site


class _Audit(HTMLParser):
    """Everything in an HTML page that could run or leave the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.external_links: list[dict[str, str]] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.problems.append(f"<{tag}>")
        if tag == "form" and not attrs.get("action", "").startswith("/"):  # ours: search
            self.problems.append(f"<form {attrs}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.problems.append("meta refresh")
        if tag == "script":
            kind = attrs.get("type", "")
            src = attrs.get("src", "")
            if kind != "application/ld+json" and not src.startswith("/theme/js/"):
                self.problems.append(f"script {attrs}")
            self._script = kind
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style" and re.search(r"expression|javascript:|url\(", value, re.I):
                self.problems.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "srcset", "data", "formaction"):
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "a" and attrs.get("href", "").startswith(("http://", "https://", "//")):
            self.external_links.append(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script == "application/ld+json":
            json.loads(data)  # a data block that is still JSON: nothing broke out of it


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit


def _html_files(output: Path) -> list[Path]:
    """Every page a reader sees; the editors' desk (admin/) runs Decap CMS under its own,
    looser policy (tests/test_desk_config.py checks it)."""
    return sorted(p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "admin")


def test_no_page_carries_anything_active(hostile: Site) -> None:
    problems = []
    for path in _html_files(hostile.output):
        found = _audit(path.read_text(encoding="utf-8")).problems
        problems += [f"{path.relative_to(hostile.output)}: {p}" for p in found]
    assert problems == []


def test_the_hostile_story_is_still_readable(hostile: Site) -> None:
    page = hostile.page("tin-tuc/tan-cong/")
    # the title shows as text, tags and all, and the harmless content stays
    assert "Hội nghị <script>window.__pwned=1</script>" in page.title
    assert "<script>" not in re.sub(r"<script[^>]*>[^<]*</script>", "", page.html).replace(
        "&lt;script&gt;", ""
    )
    for kept in ("in đậm", "link js", "styled", "div", "markdown js", "an external site"):
        assert kept in page.text
    assert 'align="center"' in page.html  # table alignment without inline style
    assert "<p>styled</p>" in page.html  # its style is gone
    assert "<svg" not in page.html.split('class="story-body"')[-1]


def test_external_links_open_without_opener(hostile: Site) -> None:
    links = _audit(hostile.page("tin-tuc/tan-cong/").html).external_links
    body_links = {a["href"]: a for a in links if "example.org" in a["href"]}
    assert set(body_links) == {"https://example.org/trang", "https://example.org/new"}
    for attrs in body_links.values():
        assert "noopener" in attrs.get("rel", "").split()
    assert body_links["https://example.org/new"]["target"] == "_blank"
    internal = [h for h, attrs, _ in hostile.page("tin-tuc/tan-cong/").links if h == "/en/"]
    assert internal  # our own links are left as they are


def test_every_page_has_the_content_security_policy(hostile: Site) -> None:
    policy = re.compile(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', re.IGNORECASE
    )
    missing = []
    for path in _html_files(hostile.output):
        match = policy.search(path.read_text(encoding="utf-8"))
        if not match:
            missing.append(str(path.relative_to(hostile.output)))
            continue
        value = html.unescape(match.group(1))
        directives = dict(d.strip().split(" ", 1) for d in value.split(";"))
        assert "'unsafe-inline'" not in directives.get("script-src", "'none'"), path
        assert "'unsafe-eval'" not in directives.get("script-src", "'none'"), path
    assert missing == []


def test_feeds_calendar_and_data_stay_text(hostile: Site) -> None:
    out = hostile.output
    for feed in (out / "feeds" / "all.atom.xml", out / "en" / "feeds" / "all.atom.xml"):
        ns = {"a": "http://www.w3.org/2005/Atom"}
        root = ET.parse(feed).getroot()
        entry = next(
            e for e in root.findall("a:entry", ns) if "tan-cong" in e.find("a:id", ns).text
        )
        assert entry.find("a:title", ns).text.startswith("Hội nghị <script>")  # text, escaped
        for content in (e.text or "" for e in entry.iter() if e.get("type") == "html"):
            assert _audit(content).problems == []
    ics = (out / "data" / "events.ics").read_text(encoding="utf-8")
    assert "SUMMARY:<script>window.__pwned=1</script> Lễ ký" in ics  # plain text, as typed
    partners = json.loads((out / "data" / "partners.json").read_text(encoding="utf-8"))
    names = json.dumps(partners, ensure_ascii=False)
    assert "<script>window.__pwned=1</script>Tổ chức X" in names  # data, for programs


def test_bulletin_editions_are_sanitised(hostile: Site) -> None:
    for rel in ("ban-tin/so-1-2022/index.html", "ban-tin/so-1-2022/email-vi.html"):
        html = (hostile.output / rel).read_text(encoding="utf-8")
        assert "in đậm" in html  # the story is in the issue
        assert _audit(html).problems == [], rel


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["sanitiser-alone", "with-csp"])
def test_a_browser_runs_nothing_from_the_story(hostile: Site, bypass_csp: bool) -> None:
    """With the policy switched off, the sanitiser alone must hold; with it, both."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_FLAGS, serve

    pages = ["/tin-tuc/tan-cong/", "/en/news/tan-cong/", "/", "/en/", "/doi-tac/evil/",
             "/su-kien/", "/ban-tin/so-1-2022/", "/ban-tin/so-1-2022/email-vi.html"]  # fmt: skip
    poke = """() => { for (const el of document.querySelectorAll('body *:not(a)')) {
        for (const kind of ['mouseover', 'click', 'focus', 'load', 'error'])
            el.dispatchEvent(new Event(kind)); } return window.__pwned; }"""
    with serve(hostile.output) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_context(bypass_csp=bypass_csp).new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in pages:
            response = page.goto(base + url)
            assert response is not None and response.ok, url
            assert page.url == base + url  # no redirect (meta refresh) and no <base> trick
            assert page.evaluate(poke) is None, url
        # what the policy lets through still works: the table keeps its column alignment
        page.goto(base + "/tin-tuc/tan-cong/")
        cell = "getComputedStyle(document.querySelector('.story-body td[align=center]'))"
        assert page.evaluate(f"() => {cell}.textAlign") == "center"
        browser.close()
    assert dialogs == []


def test_the_print_edition_fetches_nothing_a_story_points_to(tmp_path: Path) -> None:
    """No network during a build, and no file of the machine in print: only the theme's and
    content/'s files reach WeasyPrint."""
    import functools
    import http.server
    import threading

    from bulletin import pdf
    from conftest import REPO

    requests: list[str] = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.png"
    secret.write_bytes((REPO / "theme/static/fonts/OFL.txt").read_bytes())
    content = tmp_path / "content"
    content.mkdir()
    html = (
        f'<p>x</p><img src="http://127.0.0.1:{server.server_address[1]}/x.png">'
        f'<img src="{secret.as_uri()}"><img src="../secret.png">'
    )
    try:
        printed = pdf.lay_out(html, REPO / "theme", content.as_uri() + "/")
        assert printed.page_count == 1
    finally:
        server.shutdown()
    assert requests == []


def test_the_check_tells_what_the_site_will_not_show(site: Site) -> None:
    """Notes, not errors: the story builds, and the editor learns why the video is missing."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    body = (
        "Mở đầu.\n\n"
        '<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n'
        "Trong mã thì không sao: `<script>` và\n\n"
        "```\n<script>alert(1)</script>\n```\n\n"
        "[bấm](javascript:alert(1))\n"
    )
    site.add_story("a.vi.md", story("a", body=body))
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    run = [sys.executable, "-m", "site_build"]
    check = subprocess.run(
        [*run, "check", "--root", str(site.root)], env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert check.stderr.splitlines() == [
        "2 notes: HTML that the site does not show (docs/editor-guide.md, section 15):",
        "content/articles/a.vi.md:10: text: an embedded video, map or post (<iframe>) is "
        "removed from the page: write a link to it instead",
        "content/articles/a.vi.md:18: text: an address starting with 'javascript:' is removed "
        "(only web, e-mail and telephone addresses are kept): its text stays",
    ]
    build = subprocess.run(
        [*run, "build", "--root", str(site.root)], env=env, capture_output=True, text=True
    )
    assert build.returncode == 0
    assert "2 notes" in build.stderr
    assert "<iframe" not in site.page("tin-tuc/a/").html
    assert "bấm" in site.page("tin-tuc/a/").text


def test_the_notes_name_every_tag_the_sanitiser_empties() -> None:
    """html_notes and safe_html keep one list: a tag added to one is noted by the other."""
    from content_model.html_notes import WHAT
    from content_model.safe_html import CLEAN_CONTENT_TAGS, URL_SCHEMES

    assert set(WHAT) == CLEAN_CONTENT_TAGS | {"form"}
    assert {"javascript", "data", "vbscript"}.isdisjoint(URL_SCHEMES)
