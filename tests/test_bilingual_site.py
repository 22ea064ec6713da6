"""Build a bilingual site in a temporary folder and check what readers and crawlers get."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import Page, Site, make_site, story

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("bilingual") / "site")
    for i in range(1, 13):
        slug = f"s{i:02d}"
        cat = "vien-tro" if i % 3 == 0 else "hoat-dong"
        vi_tags = '["Đại hội"]' if i % 2 == 0 else '["Viện trợ"]'
        en_tags = '["Congress"]' if i % 2 == 0 else '["Aid"]'
        date = f"2021-{i:02d}-15"
        site.add_story(
            f"{slug}.vi.md", story(slug, "vi", f"Tin số {i}", date, cat, extra=f"tags: {vi_tags}")
        )
        site.add_story(
            f"{slug}.en.md",
            story(slug, "en", f"Story number {i}", date, cat, extra=f"tags: {en_tags}"),
        )
    site.add_story(
        "chi-tieng-viet.vi.md",
        story(
            "chi-tieng-viet",
            "vi",
            "Đại hội Hội hữu nghị",
            "2022-06-09",
            extra='tags: ["Đà", "đá"]\nauthor: "Trúc Giang"',
        ),
    )
    site.add_story(
        "english-only.en.md", story("english-only", "en", "English only story", "2022-03-01")
    )
    site.add_story(
        "nhap.vi.md",
        story("ban-nhap", "vi", "Bản nháp bí mật", "2022-07-01", extra="status: draft"),
    )
    assert site.build() == 0
    return site


def test_each_home_is_in_its_language(built: Site) -> None:
    vi, en = built.page(""), built.page("en/")
    assert vi.lang == "vi" and en.lang == "en"
    assert "Trang chủ" in vi.text and "Tin mới nhất" in vi.text
    assert "Home" in en.text and "Latest news" in en.text
    assert vi.alternates == {"vi": "/", "en": "/en/"}
    assert en.alternates == {"vi": "/", "en": "/en/"}


def test_home_lists_newest_first_and_paginates(built: Site) -> None:
    vi = built.page("")
    titles = [t for h, _, t in vi.links if h.startswith("/tin-tuc/")]
    assert titles[:3] == ["Đại hội Hội hữu nghị", "Tin số 12", "Tin số 11"]
    assert len(titles) == 10
    assert "/page/2/" in vi.hrefs()
    page2 = built.page("page/2/")
    rest = [t for h, _, t in page2.links if h.startswith("/tin-tuc/")]
    assert rest == ["Tin số 3", "Tin số 2", "Tin số 1"]
    assert "Trang 2/2" in page2.text
    en2 = built.page("en/page/2/")
    assert [t for h, _, t in en2.links if h.startswith("/en/news/")] == [
        "Story number 3",
        "Story number 2",
        "Story number 1",
    ]
    assert not (built.output / "page" / "1").exists()


def test_translations_link_each_other_both_ways(built: Site) -> None:
    vi = built.page("tin-tuc/s05/")
    en = built.page("en/news/s05/")
    expected = {"vi": "/tin-tuc/s05/", "en": "/en/news/s05/"}
    assert vi.alternates == expected and en.alternates == expected
    assert vi.language_switch()[0] == "/en/news/s05/"
    assert en.language_switch()[0] == "/tin-tuc/s05/"
    assert vi.language_switch()[1]["hreflang"] == "en"


def test_untranslated_story_stays_in_its_language(built: Site) -> None:
    vi = built.page("tin-tuc/chi-tieng-viet/")
    assert vi.alternates == {}
    href, _, _ = vi.language_switch()
    assert href == "/en/#no-translation"
    assert "chưa dịch" in vi.text
    en_home = built.page("en/")
    assert "no-translation" in en_home.ids
    assert "The page you came from has no English version." in en_home.text
    assert not (built.output / "en" / "news" / "chi-tieng-viet").exists()
    for rel in ("en/", "en/page/2/", "en/category/hoat-dong/", "en/archive/2022/"):
        assert "/tin-tuc/chi-tieng-viet/" not in built.page(rel).hrefs()
    assert "/tin-tuc/chi-tieng-viet/" in built.page("").hrefs()
    en_only = built.page("en/news/english-only/")
    assert en_only.language_switch()[0] == "/#no-translation"
    assert "Trang bạn vừa xem chưa có bản tiếng Việt." in built.page("").text


def test_category_pages_in_both_languages(built: Site) -> None:
    vi = built.page("chuyen-muc/vien-tro/")
    en = built.page("en/category/vien-tro/")
    assert [t for h, _, t in vi.links if h.startswith("/tin-tuc/")] == [
        "Tin số 12",
        "Tin số 9",
        "Tin số 6",
        "Tin số 3",
    ]
    assert [t for h, _, t in en.links if h.startswith("/en/news/")] == [
        "Story number 12",
        "Story number 9",
        "Story number 6",
        "Story number 3",
    ]
    assert vi.alternates == {"vi": "/chuyen-muc/vien-tro/", "en": "/en/category/vien-tro/"}
    assert "Viện trợ phi chính phủ" in vi.title and "Foreign NGO aid" in en.title
    assert vi.link_by_text("Viện trợ phi chính phủ") == "/chuyen-muc/vien-tro/"


def test_tag_pages_and_colliding_slugs(built: Site) -> None:
    dai_hoi = built.page("the/dai-hoi/")
    assert {t for h, _, t in dai_hoi.links if h.startswith("/tin-tuc/")} == {
        "Tin số 2",
        "Tin số 4",
        "Tin số 6",
        "Tin số 8",
        "Tin số 10",
        "Tin số 12",
    }
    congress = built.page("en/tag/congress/")
    assert len([h for h in congress.hrefs() if h.startswith("/en/news/")]) == 6
    # "Đà" and "đá" fold to the same ASCII slug: both get a page of their own
    article = built.page("tin-tuc/chi-tieng-viet/")
    da = article.link_by_text("Đà")
    da2 = article.link_by_text("đá")
    assert {da, da2} == {"/the/da/", "/the/da-2/"}
    for href in (da, da2):
        assert "/tin-tuc/chi-tieng-viet/" in built.page(href.strip("/") + "/").hrefs()


def test_yearly_archives(built: Site) -> None:
    vi_2021 = built.page("luu-tru/2021/")
    assert len([h for h in vi_2021.hrefs() if h.startswith("/tin-tuc/")]) == 12
    assert vi_2021.alternates == {"vi": "/luu-tru/2021/", "en": "/en/archive/2021/"}
    index = built.page("luu-tru/")
    assert "/luu-tru/2022/" in index.hrefs() and "/luu-tru/2021/" in index.hrefs()
    assert "15 tháng 12, 2021" in index.text
    assert "December 15, 2021" in built.page("en/archive/").text


def test_dates_are_formatted_per_language(built: Site) -> None:
    assert "9 tháng 6, 2022" in built.page("tin-tuc/chi-tieng-viet/").text
    assert "Tác giả: Trúc Giang" in built.page("tin-tuc/chi-tieng-viet/").text
    assert "May 15, 2021" in built.page("en/news/s05/").text


def test_atom_feed_per_language(built: Site) -> None:
    for path, lang, count, prefix in (
        ("feeds/all.atom.xml", "vi", 13, "http://localhost:8000/tin-tuc/"),
        ("en/feeds/all.atom.xml", "en", 13, "http://localhost:8000/en/news/"),
    ):
        root = ET.parse(built.output / path).getroot()
        assert root.tag == f"{ATOM}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == count
        for entry in entries:
            assert entry.find(f"{ATOM}link").get("href").startswith(prefix)
    vi_titles = [
        e.findtext(f"{ATOM}title")
        for e in ET.parse(built.output / "feeds/all.atom.xml").getroot().findall(f"{ATOM}entry")
    ]
    assert vi_titles[0] == "Đại hội Hội hữu nghị"
    assert "English only story" not in vi_titles


def test_sitemap_lists_every_page_with_alternates(built: Site) -> None:
    root = ET.parse(built.output / "sitemap.xml").getroot()
    urls = {u.findtext(f"{SM}loc"): u for u in root.findall(f"{SM}url")}
    base = "http://localhost:8000/"
    html_pages = {
        base + p.relative_to(built.output).parent.as_posix().removeprefix(".") + "/"
        for p in built.output.rglob("index.html")
    }
    html_pages = {u.replace(base + "/", base) for u in html_pages}
    html_pages.discard(base + "admin/")  # the editors' desk (plugins/desk) is not for readers
    assert set(urls) == html_pages
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls[base + "tin-tuc/s05/"].findall(f"{XHTML}link")
    }
    assert alternates == {"vi": base + "tin-tuc/s05/", "en": base + "en/news/s05/"}
    assert urls[base + "tin-tuc/chi-tieng-viet/"].findall(f"{XHTML}link") == []


def test_drafts_are_never_published(built: Site) -> None:
    for path in built.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "Bản nháp bí mật" not in text and "ban-nhap" not in text, path


def test_every_internal_link_resolves(built: Site) -> None:
    for path in built.output.rglob("*.html"):
        page = Page.parse(path.read_text(encoding="utf-8"))
        for href in page.hrefs() + list(page.alternates.values()):
            if href.startswith(("http", "mailto:", "tel:")):
                continue
            target = href.split("#")[0]
            file = built.output / target.lstrip("/")
            if target.endswith("/"):
                file = file / "index.html"
            assert file.exists(), f"{path}: broken link {href}"


def test_theme_ships_a_vietnamese_font(built: Site) -> None:
    css = (built.output / "theme/css/main.css").read_text(encoding="utf-8")
    for url in re.findall(r"url\(\.\./fonts/([^)]+)\)", css):
        assert (built.output / "theme/fonts" / url).stat().st_size > 1000
    assert "U+1EA0-1EF9" in css  # the Vietnamese subset is there
