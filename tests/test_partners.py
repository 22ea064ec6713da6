"""The partner directory, partner pages, story chips and partners.json, as readers get them.

A fixture site with known references: partner `kfhi` is named by a story's `partners` (story
`a`, translated), by an event (story `b`) and by an aid figure (story `c`); a draft and a story
about another partner must not show on its page; partner `lonely` is named by no story.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aid.figures import collect_figures
from aid.money import money_full, money_short
from bilingual.story_links import StoryLink
from conftest import PARTNERS_YAML, REPO, Page, Site, make_site, story
from content_model.project import load_project
from partners.references import FigureRef, projects_total

EXTRA_PARTNERS = """\
- id: kfhi
  name: {vi: "Tổ chức KFHI", en: "Korea Food for the Hungry International"}
  acronym: KFHI
  country: "KR"
  type: ingo
  website: "https://www.kfhi.or.kr"
  since: 2010
  sectors: ["11220", "99999"]
  description: {vi: "Tổ chức cứu trợ Hàn Quốc.", en: "Korean relief organisation </script>."}
- id: anseong
  name: {vi: "Thành phố Anseong", en: "Anseong City"}
  country: "KR"
  type: locality
- id: xieng-khouang
  name: {vi: "Tỉnh Xiêng Khoảng", en: "Xieng Khouang Province"}
  country: "LA"
  type: locality
- id: lonely
  name: {vi: "Đại sứ quán Đức", en: "Embassy of Germany"}
  country: "DE"
  type: embassy
"""

EVENT_B = """\
events:
  - date: 2022-09-20
    end: 2022-09-21
    title: {vi: "Ký biên bản hợp tác với KFHI", en: "Cooperation minutes signed with KFHI"}
    kind: signing
    place: "Tuyên Quang"
    partners: [kfhi, xieng-khouang]
"""
AID_C = """\
aid:
  - period: "2022"
    partner: kfhi
    projects: 3
    committed: {value: 1404155, currency: USD}
    disbursed: {value: 16104216000, currency: VND}
  - period: "2022"
    projects: 21
    committed: {value: 9999999, currency: USD}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("partners") / "site")
    site.write("content/data/partners.yaml", PARTNERS_YAML + EXTRA_PARTNERS)
    refs_a = "partners: [kfhi, anseong]"
    site.add_story("a.vi.md", story("a", "vi", "Bài A về KFHI", "2022-06-09", extra=refs_a))
    site.add_story("a.en.md", story("a", "en", "Story A about KFHI", "2022-06-09"))
    site.add_story("b.vi.md", story("b", "vi", "Bài B có sự kiện", "2022-10-01", extra=EVENT_B))
    site.add_story("c.vi.md", story("c", "vi", "Bài C có số liệu", "2022-12-08", extra=AID_C))
    site.add_story(
        "d.vi.md",
        story("d", "vi", "Bản nháp về KFHI", "2022-12-09", extra="partners: [kfhi]\nstatus: draft"),
    )
    site.add_story(
        "e.vi.md", story("e", "vi", "Bài E về GNI", "2021-01-05", extra="partners: [gni]")
    )
    assert site.build() == 0
    return site


def section(page: Page, anchor: str) -> Page:
    """The part of a page inside `<section ... id="anchor">` (sections here are not nested)."""
    match = re.search(rf'<section[^>]*\bid="{anchor}"[^>]*>(.*?)</section>', page.html, re.S)
    assert match, f"no section #{anchor}"
    return Page.parse(match.group(1))


def partner_links(page: Page, prefix: str = "/doi-tac/") -> list[str]:
    """Ids of the partner pages a page (or section) links to, in order."""
    ids = []
    for href in page.hrefs():
        m = re.fullmatch(rf"{re.escape(prefix)}([a-z0-9-]+)/", href)
        if m:
            ids.append(m.group(1))
    return ids


def story_titles(page: Page) -> list[str]:
    return [t for h, _, t in page.links if h.startswith(("/tin-tuc/", "/en/news/"))]


def json_ld(page: Page) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


# --- partner pages ------------------------------------------------------------------------


def test_partner_page_lists_exactly_the_stories_that_name_it(built: Site) -> None:
    vi = section(built.page("doi-tac/kfhi/"), "stories")
    assert story_titles(vi) == ["Bài C có số liệu", "Bài B có sự kiện", "Bài A về KFHI"]
    en = section(built.page("en/partners/kfhi/"), "stories")
    # the English version of A; B and C exist in Vietnamese only, marked as such
    assert story_titles(en) == ["Bài C có số liệu", "Bài B có sự kiện", "Story A about KFHI"]
    assert en.hrefs() == ["/tin-tuc/c/", "/tin-tuc/b/", "/en/news/a/"]
    assert [a.get("hreflang") for _, a, _ in en.links] == ["vi", "vi", None]
    assert en.text.count("in Vietnamese") == 2
    assert "December 8, 2022" in en.text and "8 tháng 12, 2022" in vi.text


def test_partner_page_lists_exactly_its_events(built: Site) -> None:
    vi = section(built.page("doi-tac/kfhi/"), "events")
    assert "Ký biên bản hợp tác với KFHI" in vi.text
    assert "20–21 tháng 9, 2022" in vi.text and "Ký kết" in vi.text
    assert vi.text.count("Địa điểm:") == 1
    assert "/doi-tac/xieng-khouang/" in vi.hrefs() and "/tin-tuc/b/" in vi.hrefs()
    en = section(built.page("en/partners/kfhi/"), "events")
    assert "Cooperation minutes signed with KFHI" in en.text
    assert "September 20–21, 2022" in en.text
    assert "/en/partners/xieng-khouang/" in en.hrefs()
    # the event's other partner lists it too; a partner named by a story only has none
    assert "Ký biên bản" in section(built.page("doi-tac/xieng-khouang/"), "events").text
    anseong = section(built.page("doi-tac/anseong/"), "events")
    assert "Chưa có sự kiện nào với đối tác này." in anseong.text


def test_partner_page_lists_its_aid_figures_formatted_per_language(built: Site) -> None:
    vi = section(built.page("doi-tac/kfhi/"), "aid")
    assert vi.text.count("Nguồn:") == 1  # one figure: the total of story C is not the partner's
    for expected in (
        "2022 · Tuyên Quang",
        "Số dự án 3",
        money_short(1404155, "USD", "vi"),
        money_full(1404155, "USD", "vi"),
        "1,4 triệu USD",
        "16.104.216.000 VNĐ",
        money_short(16104216000, "VND", "vi"),
    ):
        assert expected in vi.text, expected
    assert "9.999.999" not in vi.text
    assert vi.link_by_text("Bài C có số liệu") == "/tin-tuc/c/"
    en = section(built.page("en/partners/kfhi/"), "aid")
    for expected in (
        "2022 · Tuyen Quang",
        "Projects 3",
        money_short(1404155, "USD", "en"),
        "USD 1,404,155",
        "VND 16,104,216,000",
        money_short(16104216000, "VND", "en"),
    ):
        assert expected in en.text, expected


def test_partner_page_facts_in_each_language(built: Site) -> None:
    vi, en = built.page("doi-tac/kfhi/"), built.page("en/partners/kfhi/")
    assert vi.lang == "vi" and en.lang == "en"
    assert "Tổ chức KFHI" in vi.title and "Korea Food for the Hungry International" in en.title
    assert "Quốc gia Hàn Quốc" in vi.text and "Country South Korea" in en.text
    assert "Loại hình Tổ chức phi chính phủ nước ngoài" in vi.text
    assert "Type Foreign NGO" in en.text
    assert "Tên viết tắt KFHI" in vi.text and "Quan hệ từ năm 2010" in vi.text
    assert en.link_by_text("www.kfhi.or.kr") == "https://www.kfhi.or.kr"
    assert "Tổ chức cứu trợ Hàn Quốc." in vi.text
    # DAC codes by name in each language; an unknown code is shown as the code
    assert "Giáo dục tiểu học" in section(vi, "sectors").text
    assert "Primary education" in section(en, "sectors").text
    assert "99999" in section(en, "sectors").text
    assert vi.link_by_text("Hàn Quốc") == "/doi-tac/quoc-gia/kr/"
    assert en.link_by_text("South Korea") == "/en/partners/country/kr/"


def test_partner_pages_are_translations_of_each_other(built: Site) -> None:
    expected = {"vi": "/doi-tac/kfhi/", "en": "/en/partners/kfhi/"}
    vi, en = built.page("doi-tac/kfhi/"), built.page("en/partners/kfhi/")
    assert vi.alternates == expected and en.alternates == expected
    assert vi.language_switch()[0] == "/en/partners/kfhi/"
    assert en.language_switch()[0] == "/doi-tac/kfhi/"
    assert built.page("doi-tac/").alternates == {"vi": "/doi-tac/", "en": "/en/partners/"}
    assert built.page("doi-tac/quoc-gia/kr/").alternates == {
        "vi": "/doi-tac/quoc-gia/kr/",
        "en": "/en/partners/country/kr/",
    }


def test_partner_json_ld_is_an_organization_and_cannot_close_its_script(built: Site) -> None:
    page = built.page("en/partners/kfhi/")
    # `</` in the content is written `<\/`: the text cannot end the script element
    assert "organisation <\\/script>." in page.html
    graph = json_ld(page)["@graph"]
    org = graph[0]
    assert org["@type"] == "NGO"
    assert org["name"] == "Korea Food for the Hungry International"
    assert org["url"] == "https://www.kfhi.or.kr"
    assert org["address"]["addressCountry"] == "KR"
    assert org["description"] == "Korean relief organisation </script>."
    assert [g["@type"] for g in graph[1:]] == ["Event"]
    assert json_ld(built.page("doi-tac/lonely/"))["@graph"][0]["@type"] == (
        "GovernmentOrganization"
    )


def test_unreferenced_partner_is_listed_and_has_a_page(built: Site) -> None:
    assert "lonely" in partner_links(built.page("doi-tac/"))
    assert "lonely" in partner_links(built.page("en/partners/"), "/en/partners/")
    page = built.page("doi-tac/lonely/")
    assert "Chưa có bài viết nào nhắc đến đối tác này." in page.text
    assert story_titles(page) == []


def test_drafts_never_reference_a_partner(built: Site) -> None:
    for rel in ("doi-tac/kfhi/", "en/partners/kfhi/", "doi-tac/"):
        assert "Bản nháp" not in built.page(rel).text
    assert "/tin-tuc/d/" not in built.page("doi-tac/kfhi/").hrefs()


# --- directory ----------------------------------------------------------------------------


def test_directory_groups_by_type_then_country(built: Site) -> None:
    vi = built.page("doi-tac/")
    assert vi.title.startswith("Đối tác")
    order = re.findall(r'<section class="partner-group" id="type-([a-z-]+)"', vi.html)
    assert order == ["ingo", "locality", "embassy", "government"]  # the contract's order
    assert partner_links(section(vi, "type-ingo")) == ["gni", "kfhi"]
    locality = section(vi, "type-locality")
    assert partner_links(locality) == ["anseong", "xieng-khouang"]
    headings = re.findall(r'<h3 class="subgroup-title" id="([^"]+)"><a[^>]*>([^<]+)<', vi.html)
    assert ("type-locality-kr", "Hàn Quốc") in headings
    assert ("type-locality-la", "Lào") in headings
    assert "Đại sứ quán" in section(vi, "type-embassy").text
    en = built.page("en/partners/")
    en_locality = section(en, "type-locality")
    # countries sorted by their name in the page's language
    assert en_locality.text.index("Laos") < en_locality.text.index("South Korea")
    assert "Twinned and partner localities" in en_locality.text
    assert set(partner_links(en, "/en/partners/")) == {
        "gni",
        "norad",
        "kfhi",
        "anseong",
        "xieng-khouang",
        "lonely",
    }


def test_filter_pages_list_exactly_their_partners(built: Site) -> None:
    kr = built.page("doi-tac/quoc-gia/kr/")
    assert "Hàn Quốc" in kr.title
    main = Page.parse(kr.html.split("</nav>", 2)[2])  # after the menu and the filters
    assert sorted(partner_links(main)) == ["anseong", "gni", "kfhi"]
    en_kr = built.page("en/partners/country/kr/")
    assert "South Korea" in en_kr.title
    locality = Page.parse(built.page("doi-tac/loai/locality/").html.split("</nav>", 2)[2])
    assert partner_links(locality) == ["anseong", "xieng-khouang"]
    norway = Page.parse(built.page("en/partners/country/no/").html.split("</nav>", 2)[2])
    assert partner_links(norway, "/en/partners/") == ["norad"]
    # a filter exists for every type and country in use, and only for those
    directory = built.page("doi-tac/")
    for href in ("/doi-tac/loai/ingo/", "/doi-tac/loai/embassy/", "/doi-tac/quoc-gia/la/"):
        assert href in directory.hrefs()
    assert not (built.output / "doi-tac/loai/company").exists()
    assert not (built.output / "doi-tac/quoc-gia/us").exists()


def test_filter_chips_show_the_current_choice(built: Site) -> None:
    page = built.page("doi-tac/loai/locality/")
    current = [(h, t) for h, a, t in page.links if a.get("aria-current") == "page"]
    assert ("/doi-tac/loai/locality/", "Địa phương kết nghĩa, hợp tác 2") in current
    assert ("/doi-tac/", "Tất cả") in current  # no country chosen
    directory = built.page("en/partners/")
    assert directory.link_by_text("South Korea 3") == "/en/partners/country/kr/"
    assert directory.link_by_text("Foreign NGOs 2") == "/en/partners/type/ingo/"


def test_every_directory_link_resolves(built: Site) -> None:
    for path in [
        *built.output.glob("doi-tac/**/index.html"),
        *built.output.glob("en/partners/**/index.html"),
    ]:
        page = Page.parse(path.read_text(encoding="utf-8"))
        for href in page.hrefs():
            if href.startswith(("http", "mailto:", "tel:", "#")):
                continue
            target = built.output / href.split("#")[0].lstrip("/")
            assert (target / "index.html" if href.endswith("/") else target).exists(), href


# --- stories and home ---------------------------------------------------------------------


def chips(page: Page) -> Page:
    """The story's partner chips (the page also lists its events, with their partners)."""
    return Page.parse(page.html.split('<aside class="story-partners"')[1].split("</aside>")[0])


def test_story_chips_link_its_partners(built: Site) -> None:
    a = built.page("tin-tuc/a/")
    assert partner_links(chips(a)) == ["kfhi", "anseong"]
    assert a.link_by_text("Tổ chức KFHI") == "/doi-tac/kfhi/"
    assert "Đối tác được nhắc đến trong bài" in a.text
    # the English version of the same story: the story data is shared
    en = built.page("en/news/a/")
    assert en.link_by_text("Korea Food for the Hungry International") == "/en/partners/kfhi/"
    # partners of events and aid figures are the story's partners too
    assert partner_links(chips(built.page("tin-tuc/b/"))) == ["kfhi", "xieng-khouang"]
    assert partner_links(chips(built.page("tin-tuc/c/"))) == ["kfhi"]


def test_home_shows_a_few_partners(built: Site) -> None:
    home = built.page("")
    assert home.link_by_text("Tất cả đối tác →") == "/doi-tac/"
    featured = partner_links(Page.parse(home.html.split('id="home-partners"')[1]))
    assert featured[0] == "kfhi"  # the partner most stories name comes first
    assert "lonely" not in featured  # no story names it
    assert built.page("en/").link_by_text("All partners →") == "/en/partners/"


def test_nav_leads_to_the_directory(built: Site) -> None:
    page = built.page("doi-tac/kfhi/")
    assert page.link_by_text("Đối tác") == "/doi-tac/"
    assert ("/doi-tac/", "page") in [(h, a.get("aria-current")) for h, a, _ in page.links]


# --- partners.json ------------------------------------------------------------------------


def test_partners_json(built: Site) -> None:
    data = json.loads((built.output / "data/partners.json").read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["partners"]]
    assert ids == ["gni", "norad", "kfhi", "anseong", "xieng-khouang", "lonely"]
    assert data["count"] == 6
    kfhi = data["partners"][2]
    assert kfhi["name"] == {"vi": "Tổ chức KFHI", "en": "Korea Food for the Hungry International"}
    assert kfhi["country"] == "KR" and kfhi["type"] == "ingo"
    assert kfhi["country_name"] == {"vi": "Hàn Quốc", "en": "South Korea"}
    assert kfhi["website"] == "https://www.kfhi.or.kr"
    assert kfhi["url"] == {
        "vi": "http://localhost:8000/doi-tac/kfhi/",
        "en": "http://localhost:8000/en/partners/kfhi/",
    }
    assert kfhi["counts"] == {"stories": 3, "events": 1, "aid_figures": 1, "projects": 3}
    by_id = {p["id"]: p for p in data["partners"]}
    assert by_id["lonely"]["counts"] == {"stories": 0, "events": 0, "aid_figures": 0, "projects": 0}
    assert by_id["gni"]["counts"]["stories"] == 1
    assert by_id["xieng-khouang"]["counts"] == {
        "stories": 1,
        "events": 1,
        "aid_figures": 0,
        "projects": 0,
    }


def test_projects_of_overlapping_periods_are_not_added(site: Site) -> None:
    aid = """\
aid:
  - period: "2014-2019"
    partner: gni
    projects: 15
  - period: "2019"
    partner: gni
    projects: 4
  - period: "2020"
    partner: gni
    projects: 2
  - period: "2020"
    partner: gni
    province: yen-bai
    projects: 1
"""
    site.add_story("a.vi.md", story("a", extra=aid))
    project, report = load_project(site.root)
    assert not report
    link = StoryLink("a", "vi", "A", "tin-tuc/a/", project.files[0].front.date)
    refs = [FigureRef(link, f) for f in collect_figures(project)]
    # 2019 lies inside 2014-2019: 15 + 2 in Tuyên Quang, 1 in Yên Bái
    assert projects_total(refs) == 18


# --- the example content ------------------------------------------------------------------


def test_every_example_partner_has_a_page_in_both_languages(example: Path) -> None:
    project, report = load_project(REPO)
    assert not report and len(project.data.partners) > 20
    data = json.loads((example / "data/partners.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["partners"]] == [p.id for p in project.data.partners]
    for p in project.data.partners:
        vi = Page.parse((example / f"doi-tac/{p.id}/index.html").read_text(encoding="utf-8"))
        en = Page.parse((example / f"en/partners/{p.id}/index.html").read_text(encoding="utf-8"))
        assert vi.title.startswith(p.name.vi), p.id
        assert en.title.startswith(p.name.en), p.id
        assert vi.alternates == {"vi": f"/doi-tac/{p.id}/", "en": f"/en/partners/{p.id}/"}
    directory = Page.parse((example / "doi-tac/index.html").read_text(encoding="utf-8"))
    assert set(partner_links(directory)) == {p.id for p in project.data.partners}
    gni = Page.parse((example / "en/partners/gni/index.html").read_text(encoding="utf-8"))
    assert "Country South Korea" in gni.text
    assert "Promoting people-to-people diplomacy in Tuyen Quang" in section(gni, "aid").text


# --- bad input ----------------------------------------------------------------------------


def errors_of(site: Site) -> list[str]:
    return load_project(site.root)[1].lines()


def test_unknown_partner_in_an_event_suggests_the_closest_id(site: Site) -> None:
    site.write("content/data/partners.yaml", PARTNERS_YAML + EXTRA_PARTNERS)
    events = "events:\n  - date: 2022-06-09\n    title: Họp\n    kind: visit\n    partners: [kfih]"
    site.add_story("a.vi.md", story("a", extra=events))
    assert errors_of(site) == [
        "content/articles/a.vi.md:11: events[0].partners[0]: unknown partner 'kfih' "
        "(did you mean kfhi?); see content/data/partners.yaml"
    ]
    assert site.build() == 1
    assert not site.output.exists()


def test_country_code_in_lowercase_or_three_letters(site: Site) -> None:
    site.write(
        "content/data/partners.yaml",
        '- id: a\n  name: A\n  country: "kr"\n  type: ingo\n'
        '- id: b\n  name: B\n  country: "KOR"\n  type: ingo\n',
    )
    lines = errors_of(site)
    assert lines[0] == (
        "content/data/partners.yaml:3: partners[0].country: 'kr' is not an ISO 3166-1 alpha-2 "
        'country code (did you mean KR?): write two capital letters in quotes, e.g. "KR"'
    )
    assert lines[1].startswith(
        "content/data/partners.yaml:7: partners[1].country: 'KOR' is not an ISO 3166-1 alpha-2"
    )
    assert len(lines) == 2


def test_a_broken_partner_entry_is_reported_once(site: Site) -> None:
    """References to a declared partner with errors are not errors of their own."""
    site.write(
        "content/data/partners.yaml",
        PARTNERS_YAML + "- id: kfhi\n  name: KFHI\n  country: KR\n  type: charity\n",
    )
    site.add_story("a.vi.md", story("a", extra="partners: [kfhi]"))
    lines = errors_of(site)
    assert len(lines) == 1
    assert lines[0].startswith(
        "content/data/partners.yaml:13: partners[2].type: unknown partner type 'charity'"
    )
