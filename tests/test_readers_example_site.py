"""The example site as readers, crawlers and sharing previews get it: page budget, photos and
their renditions, head tags for sharing and indexing, robots.txt, 404 pages, the search index.

The `example` fixture (conftest.py) builds the repository's own content once per test
session; the HTML validity, browser, partner and build command tests use the same build.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from bilingual.urls import LANGS, PATTERNS
from conftest import REPO

ARTICLE_BUDGET = 50_000  # bytes of HTML + CSS before compression
# Kinds of pages that are not HTML, or data files
NOT_PAGES = {"feed", "events-ics", "projects-csv", "projects-iati"}


def page_types(output: Path) -> dict[tuple[str, str], str]:
    """(lang, kind) -> URL of one page of every kind the URL scheme has, in both languages
    (the first in name order where there are many: a story, a tag, a year, a partner...)."""
    found = {}
    for lang in LANGS:
        for kind, pattern in PATTERNS[lang].items():
            if kind in NOT_PAGES:
                continue
            glob = re.sub(r"\{\w+\}", "*", pattern)
            glob = glob + "index.html" if glob.endswith("/") or glob == "" else glob
            matches = sorted(output.glob(glob))
            if matches:
                rel = matches[0].relative_to(output).as_posix()
                found[(lang, kind)] = "/" + rel.removesuffix("index.html")
    return found


def html_of(output: Path, url: str) -> str:
    path = output / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def test_every_page_kind_exists_in_both_languages(example: Path) -> None:
    types = page_types(example)
    expected = {"home", "article", "category", "tag", "archives", "archive", "partners",
                "partner", "events", "aid", "projects", "project", "projects-donor",
                "projects-year", "search", "404"}  # fmt: skip
    for lang in LANGS:
        assert expected <= {kind for (lg, kind) in types if lg == lang}, lang


# --- page budget ---------------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.blocking: list[dict[str, str | None]] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body":
            self.in_head = False
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.stylesheets.append(a["href"] or "")
        deferred = (
            "defer" in a or "async" in a or a.get("type") in ("module", "application/ld+json")
        )
        if tag == "script" and self.in_head and not deferred:
            self.blocking.append(a)


def test_article_page_fits_the_budget(example: Path) -> None:
    for article in sorted(example.glob("tin-tuc/*/index.html")) + sorted(
        example.glob("en/news/*/index.html")
    ):
        html = article.read_text(encoding="utf-8")
        head = _Head()
        head.feed(html)
        css = sum((example / href.lstrip("/")).stat().st_size for href in head.stylesheets)
        size = len(html.encode()) + css
        assert size < ARTICLE_BUDGET, f"{article}: {size} bytes of HTML and CSS"


def test_no_script_blocks_rendering(example: Path) -> None:
    for path in example.rglob("*.html"):
        head = _Head()
        head.feed(path.read_text(encoding="utf-8"))
        assert head.blocking == [], path


def test_articles_have_a_print_stylesheet(example: Path) -> None:
    css = (example / "theme/css/main.css").read_text(encoding="utf-8")
    print_css = css[css.index("@media print") :]
    for hidden in (".masthead", ".nav", ".site-footer"):
        assert hidden in print_css.split("}")[0]


# --- photos ---------------------------------------------------------------------------------


def _attrs(html: str, tag: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []

    class P(HTMLParser):
        def handle_starttag(self, t: str, attrs: list[tuple[str, str | None]]) -> None:
            if t == tag:
                found.append({k: v or "" for k, v in attrs})

    P().feed(html)
    return found


def _srcset_urls(srcset: str) -> list[tuple[str, int]]:
    out = []
    for part in srcset.split(","):
        url, width = part.split()
        out.append((url, int(width.removesuffix("w"))))
    return out


def test_article_photo_has_renditions_size_and_caption(example: Path) -> None:
    html = html_of(example, "/tin-tuc/thuc-day-doi-ngoai-nhan-dan-tuyen-quang/")
    figure = html[html.index('<figure class="story-figure">') : html.index("</figure>")]
    assert "<figcaption>Hình minh họa" in figure
    (img,) = _attrs(figure, "img")
    (source,) = _attrs(figure, "source")
    assert img["width"] == "1600" and img["height"] == "1000"
    assert "loading" not in img  # above the fold: loaded at once
    assert img["alt"].startswith("Hình vẽ minh họa một ngôi trường")
    assert source["type"] == "image/webp"
    for srcset, ext in ((img["srcset"], ".jpg"), (source["srcset"], ".webp")):
        urls = _srcset_urls(srcset)
        assert [w for _, w in urls] == [480, 800, 1200, 1600]
        for url, width in urls:
            assert url.endswith(ext) and (example / url.lstrip("/")).stat().st_size > 5_000
            assert f"-{width}w-" in url
    assert img["sizes"] == source["sizes"]


def test_cards_below_the_fold_load_lazily(example: Path) -> None:
    imgs = _attrs(html_of(example, "/"), "img")
    assert "loading" not in imgs[0]
    assert all(i["loading"] == "lazy" for i in imgs[1:]) and len(imgs) >= 4
    assert all(i["width"] and i["height"] and i["srcset"] for i in imgs)


def test_only_referenced_photos_get_renditions(example: Path) -> None:
    referenced = {
        m.group(1)
        for path in (REPO / "content/articles").glob("*.md")
        if (m := re.search(r"^  src: images/(.+)\.\w+$", path.read_text(), re.M))
    }
    renditions = {
        re.sub(r"-\d+w-[0-9a-f]{8}$", "", p.stem)
        for p in (example / "images").iterdir()
        if re.search(r"-\d+w-[0-9a-f]{8}$", p.stem)
    }
    assert renditions == referenced


# --- sharing and search engines ---------------------------------------------------------


def _meta(html: str) -> dict[str, str]:
    return {
        m.get("property") or m.get("name") or "": m.get("content", "")
        for m in _attrs(html, "meta")
        if m.get("property") or m.get("name")
    }


def _jsonld(html: str) -> list[dict]:
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_article_has_canonical_open_graph_and_news_article(example: Path) -> None:
    slug = "tra-vinh-giu-nhip-van-dong-vien-tro-phi-chinh-phu"
    html = html_of(example, f"/en/news/{slug}/")
    base = "http://localhost:8000"
    (canonical,) = [link["href"] for link in _attrs(html, "link") if link["rel"] == "canonical"]
    assert canonical == f"{base}/en/news/{slug}/"
    meta = _meta(html)
    assert meta["og:type"] == "article" and meta["og:url"] == canonical
    assert meta["og:title"] == "Tra Vinh keeps foreign NGO aid on track in 2022"
    assert meta["og:locale"] == "en_US" and meta["og:locale:alternate"] == "vi_VN"
    assert meta["og:image"].startswith(f"{base}/images/{slug}-1200w-")
    assert meta["og:image:width"] == "1200" and meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:description"] == meta["description"] and len(meta["description"]) > 50
    assert meta["article:published_time"].startswith("2022-10-20")
    (ld,) = _jsonld(html)
    assert ld["@type"] == "NewsArticle" and ld["inLanguage"] == "en"
    assert ld["headline"] == meta["og:title"] and ld["datePublished"].startswith("2022-10-20")
    assert ld["image"]["url"] == meta["og:image"]
    assert ld["publisher"]["name"] == "Tuyen Quang Union of Friendship Organizations"
    assert (example / meta["og:image"].removeprefix(base + "/")).exists()


def test_every_page_of_the_sitemap_is_its_own_canonical_url(example: Path) -> None:
    sitemap = (example / "sitemap.xml").read_text(encoding="utf-8")
    base = "http://localhost:8000/"
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert len(locs) > 100
    for loc in locs:
        html = html_of(example, "/" + loc.removeprefix(base))
        links = [link["href"] for link in _attrs(html, "link") if link["rel"] == "canonical"]
        assert links == [loc]
    for lang_404 in ("/404.html", "/en/404.html"):
        html = html_of(example, lang_404)
        assert _meta(html)["robots"] == "noindex"
        assert not [link for link in _attrs(html, "link") if link["rel"] == "canonical"]


def test_robots_txt_names_the_sitemap(example: Path) -> None:
    robots = (example / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert "Sitemap: http://localhost:8000/sitemap.xml" in robots.splitlines()


def test_not_found_pages_in_each_language(example: Path) -> None:
    vi, en = html_of(example, "/404.html"), html_of(example, "/en/404.html")
    assert '<html lang="vi">' in vi and "Không tìm thấy trang" in vi
    assert '<html lang="en">' in en and "Page not found" in en
    # served for any missing address: every link must work from any folder
    for href in re.findall(r'(?:href|src|action)="([^"]+)"', vi + en):
        assert href.startswith(("/", "http", "mailto:", "tel:", "#")), href
    assert "404.html" not in (example / "sitemap.xml").read_text()


# --- search --------------------------------------------------------------------------------


def test_search_index_per_language_holds_only_stories(example: Path) -> None:
    entry = json.loads((example / "pagefind/pagefind-entry.json").read_text())
    stories = {
        lang: len(list(example.glob(PATTERNS[lang]["article"].format(slug="*") + "index.html")))
        for lang in LANGS
    }
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == stories


def test_story_carries_its_words_with_d_folded(example: Path) -> None:
    html = html_of(example, "/tin-tuc/thuc-day-doi-ngoai-nhan-dan-tuyen-quang/")
    hidden = re.search(r"<p hidden>(.*?)</p>", html, re.S)
    assert hidden is not None
    words = hidden.group(1).split()
    assert "Dai" in words and "doan" in words and all("đ" not in w.lower() for w in words)


def test_search_page_in_each_language(example: Path) -> None:
    vi, en = html_of(example, "/tim-kiem/"), html_of(example, "/en/search/")
    assert 'role="search"' in vi and "Tìm kiếm" in vi and "data-msg-none" in vi
    assert "Search" in en and 'lang="en"' in en
    for html in (vi, en):
        assert 'type="module"' in html and "data-pagefind-body" not in html
