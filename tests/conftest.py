"""Fixtures that make real projects in temporary folders and build them."""

from __future__ import annotations

import fcntl
import os
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_build.cli import BuildResult, run_build
from site_build.cli import build as build_site

REPO = Path(__file__).resolve().parents[1]

SITE_YAML = """\
name:
  vi: "Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang"
  en: "Tuyen Quang Union of Friendship Organizations"
short_name: {vi: "Liên hiệp hữu nghị", en: "Friendship Union"}
province: tuyen-quang
address: "Số 2, đường 17/8, Tuyên Quang"
phone: "0207 3 822 111"
email: "lienhiep@example.vn"
bulletin: {vi: "Hợp tác - Hữu nghị", en: "Cooperation and Friendship"}
"""
CATEGORIES_YAML = """\
hoat-dong:
  name: {vi: "Hoạt động", en: "Activities"}
vien-tro:
  name: {vi: "Viện trợ phi chính phủ", en: "Foreign NGO aid"}
"""
PROVINCES_YAML = """\
tuyen-quang:
  name: {vi: "Tuyên Quang", en: "Tuyen Quang"}
yen-bai:
  name: {vi: "Yên Bái", en: "Yen Bai"}
  merged_into: lao-cai
  until: 2025-06-30
lao-cai:
  name: {vi: "Lào Cai", en: "Lao Cai"}
"""
PARTNERS_YAML = """\
- id: gni
  name: {vi: "Tổ chức GNI", en: "Good Neighbors International"}
  acronym: GNI
  country: KR
  type: ingo
- id: norad
  name: {vi: "Cơ quan Hợp tác Phát triển Na Uy", en: "Norad"}
  country: NO
  type: government
"""
RATES_YAML = """\
# test rates
USD:
  2019: 23050
  2022: 23271
EUR:
  2022: 24500
"""


def story(
    slug: str,
    lang: str = "vi",
    title: str | None = None,
    date: str = "2022-06-09",
    category: str = "hoat-dong",
    extra: str = "",
    body: str = "Nội dung bài viết.",
) -> str:
    """The text of a story file with valid front matter; `extra` adds YAML lines."""
    title = title or f"Bài {slug} ({lang})"
    extra = textwrap.dedent(extra).strip("\n")
    return (
        "---\n"
        f'title: "{title}"\n'
        f"date: {date}\n"
        f"lang: {lang}\n"
        f"slug: {slug}\n"
        f"category: {category}\n" + (extra + "\n" if extra else "") + "---\n" + body + "\n"
    )


@dataclass
class Site:
    root: Path

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def add_story(self, name: str, text: str) -> Path:
        return self.write(f"content/articles/{name}", text)

    def build(self) -> int:
        return build_site(self.root, self.output)

    def build_result(self) -> BuildResult:
        """Build as `make site` does, without printing: what it rendered and reused."""
        return run_build(self.root, self.output)

    def page(self, rel: str) -> Page:
        path = self.output / rel
        if path.is_dir() or rel.endswith("/") or rel == "":
            path = path / "index.html"
        return Page.parse(path.read_text(encoding="utf-8"))


def make_site(root: Path) -> Site:
    (root / "content" / "articles").mkdir(parents=True)
    for name in ("theme", "plugins", "pelicanconf.py"):
        (root / name).symlink_to(REPO / name)
    site = Site(root)
    site.write("content/data/site.yaml", SITE_YAML)
    site.write("content/data/categories.yaml", CATEGORIES_YAML)
    site.write("content/data/provinces.yaml", PROVINCES_YAML)
    site.write("content/data/partners.yaml", PARTNERS_YAML)
    site.write("content/data/exchange-rates.yaml", RATES_YAML)
    return site


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read editor messages in English (`MESSAGES=en`), as a developer would; the
    default, Vietnamese, and both catalogs are tested in test_messages.py."""
    monkeypatch.setenv("MESSAGES", "en")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path / "site")


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of the repository's own content (the example site), built once per test
    run into a temporary folder and shared by every test that only reads it. Under
    pytest-xdist the workers share one build: the first to need it builds it while holding a
    lock, the others wait for it (two builds would only share the same two cores)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above every worker's own
    folder = base / "example"
    # its own folder name: the build keeps one page manifest per output folder name
    out, done = folder / "example-site", folder / "built"
    with open(base / "example.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            folder.mkdir(exist_ok=True)
            assert build_site(REPO, out) == 0
            done.touch()
    return out


@dataclass
class Page:
    """What a reader or a crawler gets from one HTML page."""

    html: str
    lang: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, dict[str, str], str]] = field(default_factory=list)  # href, attrs, text
    ids: set[str] = field(default_factory=set)
    text: str = ""
    title: str = ""

    @classmethod
    def parse(cls, html: str) -> Page:
        parser = _Collector()
        parser.feed(html)
        return cls(
            html=html,
            lang=parser.lang,
            alternates=parser.alternates,
            links=parser.links,
            ids=parser.ids,
            text=" ".join(" ".join(parser.text).split()),
            title=" ".join("".join(parser.title).split()),
        )

    def hrefs(self) -> list[str]:
        return [h for h, _, _ in self.links]

    def link_by_text(self, text: str) -> str:
        for href, _, t in self.links:
            if t == text:
                return href
        raise AssertionError(f"no link with text {text!r}")

    def language_switch(self) -> tuple[str, dict[str, str], str]:
        for href, attrs, text in self.links:
            if text in ("English", "Tiếng Việt"):
                return href, attrs, text
        raise AssertionError("no language switch")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.links: list[tuple[str, dict[str, str], str]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.title: list[str] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "a" and "href" in attrs:
            self._open.append((attrs["href"], attrs, []))
        elif tag == "title":
            self._in_title = True
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, attrs, parts = self._open.pop()
            self.links.append((href, attrs, " ".join("".join(parts).split())))
        elif tag == "title":
            self._in_title = False
        elif tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self._skip:
            return
        self.text.append(data)
        for _, _, parts in self._open:
            parts.append(data)
