"""Aid projects (issue 19): a fixture site with a complete registry, built once; what readers
see in both languages, the open data (CSV, datapackage.json, IATI 2.03 valid against the XSD),
the 2025 merger, and every rule of aid-projects.yaml with its exact error line."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import frictionless
import pytest
from lxml import etree
from okfn_iati.iati_schema_validator import IatiValidator

from bilingual import urls
from conftest import Page, Site, make_site, story
from content_model.project import load_project
from content_model.schema import RESERVED_PROJECT_IDS

EPOCH = "1718409600"  # 2024-06-15 in Asia/Ho_Chi_Minh: the build day
PROJECTS_YAML = """\
# the complete test corpus: every field, three currencies, an approximate amount,
# a project without amounts, and one across the 2025 merger
- id: gni-nuoc-sach-lam-binh
  title: {vi: "Nước sạch cho các xã huyện Lâm Bình", en: "Clean water for Lam Binh communes"}
  partner: gni
  province: tuyen-quang
  kind: project
  sector: "14030"
  period: "2016-2019"
  status: completed
  committed: {value: 450000, currency: USD}
  disbursed: {value: 380000, currency: USD}
  location: {vi: "huyện Lâm Bình", en: "Lam Binh district"}
  description: {vi: "Hệ thống nước sạch cho 5 xã.", en: "Clean water systems for 5 communes."}
- id: norad-truong-hoc-vung-cao
  title: {vi: "Trường học vùng cao", en: "Highland schools"}
  partner: norad
  province: yen-bai
  kind: programme
  sector: "11220"
  period: "2023-2026"
  status: ongoing
  committed: {value: 23271000000, currency: VND}
  disbursed: {value: 100000, currency: EUR, approx: over}
  location: {vi: "huyện Mù Cang Chải", en: "Mu Cang Chai district"}
- id: gni-yen-bai-2019
  title: "GNI Yên Bái 2019"
  partner: gni
  province: yen-bai
  kind: non-project
  period: "2019"
  status: completed
- id: norad-ke-hoach-2024
  title: {vi: "Kế hoạch nước sạch 2024", en: "Clean water plan 2024"}
  partner: norad
  province: tuyen-quang
  kind: project
  sector: "14030"
  period: "2024-01/2024-09"
  status: planned
  committed: {value: 200000, currency: USD}
"""
RATES_YAML = """\
USD:
  2019: 23050
  2022: 23271
  2024: 24000
  2026: 23271
EUR:
  2022: 24500
  2026: 24500
"""
TQ_STORY = """\
province: tuyen-quang
aid_projects: [gni-nuoc-sach-lam-binh]
aid:
  - period: "2014-2019"
    projects: 84
    donors: 34
    committed: {value: 15200000, currency: USD}
    disbursed: {value: 9020000, currency: USD}
  - period: "2014-2019"
    partner: gni
    projects: 15
  - period: "2011-2019"
    per_year: true
    reported: {value: 2900000, currency: USD, approx: about}
"""
YB_STORY = """\
province: yen-bai
aid_projects: [norad-truong-hoc-vung-cao, gni-yen-bai-2019]
"""


def fill(site: Site, org_id: bool = True) -> Site:
    site_yaml = (site.root / "content/data/site.yaml").read_text(encoding="utf-8")
    if org_id:
        site.write("content/data/site.yaml", site_yaml + "iati_org_id: XI-IATI-TQ2019\n")
    site.write("content/data/aid-projects.yaml", PROJECTS_YAML)
    site.write("content/data/exchange-rates.yaml", RATES_YAML)
    # the same story data written in one version only: counted once, linked in each language
    site.add_story(
        "tq.vi.md", story("tq", "vi", "Tuyên Quang 2014-2019", "2019-10-15", extra=TQ_STORY)
    )
    site.add_story("tq.en.md", story("tq", "en", "Tuyen Quang 2014-2019", "2019-10-15"))
    site.add_story(
        "yb.vi.md", story("yb", "vi", "Trường vùng cao Yên Bái", "2024-03-01", extra=YB_STORY)
    )
    draft = "aid_projects: [gni-nuoc-sach-lam-binh]\nstatus: draft"
    site.add_story("nhap.vi.md", story("nhap", "vi", "Bản nháp dự án", "2024-04-01", extra=draft))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = fill(make_site(tmp_path_factory.mktemp("projects") / "site"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert site.build() == 0
    return site


def test_every_project_has_a_page_in_both_languages_linked_to_its_translation(built: Site) -> None:
    vi = built.page("du-an/gni-nuoc-sach-lam-binh/")
    en = built.page("en/projects/gni-nuoc-sach-lam-binh/")
    assert vi.lang == "vi" and en.lang == "en"
    assert vi.alternates["en"] == "/en/projects/gni-nuoc-sach-lam-binh/"
    assert en.alternates["vi"] == "/du-an/gni-nuoc-sach-lam-binh/"
    assert "Nước sạch cho các xã huyện Lâm Bình" in vi.title
    assert "Clean water for Lam Binh communes" in en.title
    for text in ("Good Neighbors International", "Lam Binh district", "2016–2019", "Completed",
                 "USD 450,000", "USD 380,000", "Clean water systems for 5 communes."):  # fmt: skip
        assert text in en.text, text
    for text in ("Nhà tài trợ", "huyện Lâm Bình", "Đã hoàn thành", "450.000 USD"):
        assert text in vi.text, text
    assert en.link_by_text("Good Neighbors International") == "/en/partners/gni/"
    assert vi.link_by_text("Tổ chức GNI") == "/doi-tac/gni/"


def test_a_project_page_lists_its_stories_once_in_the_readers_language_never_drafts(
    built: Site,
) -> None:
    vi = built.page("du-an/gni-nuoc-sach-lam-binh/")
    en = built.page("en/projects/gni-nuoc-sach-lam-binh/")
    assert vi.hrefs().count("/tin-tuc/tq/") >= 1 and "/en/news/tq/" not in vi.hrefs()
    assert "/en/news/tq/" in en.hrefs()
    assert "/tin-tuc/nhap/" not in vi.hrefs() and "Bản nháp" not in vi.text
    # a story only in Vietnamese is linked from the English page, marked
    yb = built.page("en/projects/norad-truong-hoc-vung-cao/")
    assert ("/tin-tuc/yb/", "Trường vùng cao Yên Bái") in [(h, t) for h, _, t in yb.links]
    assert "in Vietnamese" in yb.text


def test_a_project_page_says_which_reported_totals_already_include_it(built: Site) -> None:
    en = built.page("en/projects/gni-nuoc-sach-lam-binh/")
    assert "Part of these reported totals" in en.text
    assert "Tuyen Quang, 2014–2019: 84 programmes and projects" in en.text
    assert "Good Neighbors International: 15 programmes and projects" in en.text
    assert "2011–2019" not in en.text  # a yearly average includes no project
    assert "never added" in en.text
    vi = built.page("du-an/norad-ke-hoach-2024/")
    assert "Chưa có bài viết nào báo cáo tổng số" in vi.text


def test_story_figures_are_never_mixed_with_project_amounts(built: Site) -> None:
    with (built.output / "data/aid.csv").open(encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    assert [(r["story"], r["projects"]) for r in rows] == [("tq", "84"), ("tq", "15"), ("tq", "")]
    aid = built.page("en/aid/")
    assert "USD 15.2 million" in aid.text and "Highland schools" not in aid.text
    # the statistics page says how the two relate, and leads to the projects
    assert "their amounts are part of the totals above and are never added to them" in aid.text
    assert aid.link_by_text("Aid projects →") == "/en/projects/"


def test_the_listing_totals_every_project_once_in_usd(built: Site) -> None:
    en = built.page("en/projects/")
    assert en.alternates["vi"] == "/du-an/"
    # 450 000 + 23 271 000 000 VND / 23 271 (2026) + 200 000 = USD 1.65 million
    assert "USD 1.65 million" in en.text
    assert "3 of 4 projects state it" in en.text
    # disbursed: 380 000 + 100 000 EUR x 24 500 / 23 271 = 485 281.26
    assert "USD 485,281" in en.text
    vi = built.page("du-an/")
    assert "1,65 triệu USD" in vi.text and "3/4 dự án có nêu" in vi.text
    for pid in ("gni-nuoc-sach-lam-binh", "norad-truong-hoc-vung-cao", "gni-yen-bai-2019"):
        assert f"/du-an/{pid}/" in vi.hrefs()
    assert "/data/aid-projects.csv" in en.hrefs() and "/data/iati-activities.xml" in en.hrefs()


@pytest.mark.parametrize(
    ("url", "listed", "total"),
    [
        ("en/projects/donor/gni/", ["gni-nuoc-sach-lam-binh", "gni-yen-bai-2019"], "USD 450,000"),
        ("en/projects/sector/14030/", ["gni-nuoc-sach-lam-binh", "norad-ke-hoach-2024"],
         "USD 650,000"),
        ("en/projects/status/ongoing/", ["norad-truong-hoc-vung-cao"], "USD 1 million"),
        ("en/projects/year/2019/", ["gni-nuoc-sach-lam-binh", "gni-yen-bai-2019"], "USD 450,000"),
        ("du-an/nam/2024/", ["norad-truong-hoc-vung-cao", "norad-ke-hoach-2024"], "1,2 triệu USD"),
    ],
)  # fmt: skip
def test_each_filter_page_lists_its_projects_with_their_total(
    built: Site, url: str, listed: list[str], total: str
) -> None:
    page = built.page(url)
    prefix = "/du-an/" if url.startswith("du-an") else "/en/projects/"
    shown = [
        h.removeprefix(prefix).strip("/")
        for h in page.hrefs()
        if h.startswith(prefix) and h.count("/") == prefix.count("/") + 1
    ]
    assert shown == listed
    assert total in totals(page)
    assert page.alternates  # the other language's filter page


def totals(page: Page) -> str:
    """The text of a listing's totals, without its table."""
    part = page.html.split('id="project-totals"')[1].split('id="project-list"')[0]
    return Page.parse(part).text


def test_an_approximate_amount_says_so_on_pages_and_in_totals(built: Site) -> None:
    en = built.page("en/projects/norad-truong-hoc-vung-cao/")
    assert "over EUR 100,000" in en.text
    vi = built.page("du-an/norad-truong-hoc-vung-cao/")
    assert "trên 100.000 EUR" in vi.text
    assert "over over" not in en.text
    # a total that adds an approximate amount says so (the aid core's qualifier)
    assert "over USD 485,281" in totals(built.page("en/projects/"))
    assert "over" not in totals(built.page("en/projects/donor/gni/"))


def test_a_project_across_the_2025_merger_names_both_provinces_and_counts_under_the_new_one(
    built: Site,
) -> None:
    en = built.page("en/projects/norad-truong-hoc-vung-cao/")
    assert "Yen Bai (Lao Cai from July 1, 2025: counted there)" in en.text
    vi = built.page("du-an/norad-truong-hoc-vung-cao/")
    assert "Yên Bái (thuộc Lào Cai từ 1 tháng 7, 2025: tính vào tỉnh này)" in vi.text
    # listed under both provinces, added into the new one's total only
    old = built.page("en/projects/province/yen-bai/")
    assert "/en/projects/norad-truong-hoc-vung-cao/" in old.hrefs()
    assert "counted under the province it became part of in 2025" in old.text
    assert "USD 1 million" not in totals(old)
    new = built.page("en/projects/province/lao-cai/")
    assert "/en/projects/norad-truong-hoc-vung-cao/" in new.hrefs()
    assert "USD 1 million" in totals(new)
    # a project that ended before the merger keeps its province, with today's name beside it
    done = built.page("en/projects/gni-yen-bai-2019/")
    assert "Yen Bai (now Lao Cai)" in done.text


def test_partner_pages_list_their_projects_with_the_aid_cores_total(built: Site) -> None:
    en = built.page("en/partners/gni/")
    assert "/en/projects/gni-nuoc-sach-lam-binh/" in en.hrefs()
    assert "/en/projects/gni-yen-bai-2019/" in en.hrefs()
    assert "USD 450,000" in en.text and "1 of 2 projects state it" in en.text
    assert en.link_by_text("These projects, with filters →") == "/en/projects/donor/gni/"
    vi = built.page("doi-tac/norad/")
    assert "/du-an/norad-truong-hoc-vung-cao/" in vi.hrefs()


def test_stories_link_their_projects_in_both_languages(built: Site) -> None:
    vi = built.page("tin-tuc/tq/")
    en = built.page("en/news/tq/")  # the English version states no story data: shares it
    assert (
        vi.link_by_text("Nước sạch cho các xã huyện Lâm Bình") == "/du-an/gni-nuoc-sach-lam-binh/"
    )
    assert (
        en.link_by_text("Clean water for Lam Binh communes")
        == "/en/projects/gni-nuoc-sach-lam-binh/"
    )
    assert "Projects in this story" in en.text


def test_the_csv_has_one_row_per_project_as_stated(built: Site) -> None:
    with (built.output / "data/aid-projects.csv").open(encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    assert [r["id"] for r in rows] == [
        "gni-nuoc-sach-lam-binh",
        "norad-truong-hoc-vung-cao",
        "gni-yen-bai-2019",
        "norad-ke-hoach-2024",
    ]
    gni, norad, bare, _ = rows
    assert (gni["committed"], gni["committed_currency"], gni["committed_usd"]) == (
        "450000",
        "USD",
        "450000.00",
    )
    assert gni["stories"] == "tq"  # never the draft
    assert gni["url_en"].endswith("/en/projects/gni-nuoc-sach-lam-binh/")
    assert (norad["province"], norad["province_counted"]) == ("yen-bai", "lao-cai")
    assert (norad["committed"], norad["committed_usd"]) == ("23271000000", "1000000.00")
    assert (norad["disbursed"], norad["disbursed_currency"], norad["disbursed_approx"]) == (
        "100000",
        "EUR",
        "over",
    )
    assert norad["disbursed_usd"] == "105281.25"  # 100 000 x 24 500 / 23 271
    assert bare["committed"] == bare["disbursed"] == bare["rate_year"] == ""
    assert (gni["rate_year"], norad["rate_year"]) == ("2019", "2026")
    assert (gni["rate_provisional"], bare["rate_provisional"]) == ("false", "")
    assert bare["title_vi"] == bare["title_en"] == "GNI Yên Bái 2019"


def test_datapackage_describes_the_projects_csv(built: Site) -> None:
    package = json.loads((built.output / "data/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "aid-projects.csv")
    names = [f["name"] for f in resource["schema"]["fields"]]
    header = (built.output / "data/aid-projects.csv").read_text(encoding="utf-8").splitlines()[0]
    assert names == header.split(",")
    assert resource["profile"] == "tabular-data-resource"


def test_the_projects_csv_passes_frictionless_validate_with_every_kind_of_value(
    built: Site,
) -> None:
    report = frictionless.validate(str(built.output / "data/datapackage.json"))
    problems = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, problems
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["aid-projects-csv"] == 4
    # and it does check the data: a text where a number belongs is caught
    csv_path = built.output / "data/aid-projects.csv"
    copy = built.root / "copy"
    shutil.copytree(built.output / "data", copy)
    text = csv_path.read_text(encoding="utf-8").replace(",450000,USD,", ",450.000 USD,USD,", 1)
    (copy / "aid-projects.csv").write_text(text, encoding="utf-8")
    assert not frictionless.validate(str(copy / "datapackage.json")).valid


def _iati(built: Site) -> etree._ElementTree:
    return etree.parse(str(built.output / "data/iati-activities.xml"))


def test_iati_activities_are_valid_against_the_iati_203_schema(built: Site) -> None:
    xml = (built.output / "data/iati-activities.xml").read_text(encoding="utf-8")
    valid, errors = IatiValidator("2.03").validate_xml(xml)
    assert valid, errors
    # and the schema does reject what is wrong: a check that can fail
    broken = xml.replace("<activity-status", "<activity-state", 1)
    assert not IatiValidator("2.03").validate_xml(broken)[0]


def test_iati_activity_says_what_the_registry_says(built: Site) -> None:
    doc = _iati(built)
    assert doc.getroot().get("version") == "2.03"
    acts = {a.findtext("iati-identifier"): a for a in doc.getroot()}
    assert list(acts) == [
        "XI-IATI-TQ2019-gni-nuoc-sach-lam-binh",
        "XI-IATI-TQ2019-norad-truong-hoc-vung-cao",
        "XI-IATI-TQ2019-gni-yen-bai-2019",
        "XI-IATI-TQ2019-norad-ke-hoach-2024",
    ]
    gni = acts["XI-IATI-TQ2019-gni-nuoc-sach-lam-binh"]
    reporting = gni.find("reporting-org")
    assert reporting.get("ref") == "XI-IATI-TQ2019" and reporting.get("secondary-reporter") == "1"
    assert reporting.findtext("narrative") == "Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang"
    donor = gni.find("participating-org")
    assert (donor.get("role"), donor.get("type")) == ("1", "21")
    assert [n.text for n in donor.findall("narrative")] == [
        "Tổ chức GNI",
        "Good Neighbors International",
    ]
    assert gni.find("activity-status").get("code") == "3"
    dates = [(d.get("type"), d.get("iso-date")) for d in gni.findall("activity-date")]
    assert dates == [("2", "2016-01-01"), ("4", "2019-12-31")]
    assert gni.find("recipient-country").get("code") == "VN"
    sector = gni.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "14030")
    place = [n.text for n in gni.find("location/name").findall("narrative")]
    assert place == ["huyện Lâm Bình, Tuyên Quang", "Lam Binh district, Tuyen Quang"]
    budget = gni.find("budget/value")
    assert (budget.text, budget.get("currency"), budget.get("value-date")) == (
        "450000",
        "USD",
        "2016-01-01",
    )
    tx = [
        (t.find("transaction-type").get("code"), t.find("transaction-date").get("iso-date"),
         t.findtext("value"), t.find("value").get("currency"))
        for t in gni.findall("transaction")
    ]  # fmt: skip
    assert tx == [("2", "2016-01-01", "450000", "USD"), ("3", "2019-12-31", "380000", "USD")]


def test_iati_dates_follow_status_and_never_lie_about_the_future(built: Site) -> None:
    acts = {a.findtext("iati-identifier"): a for a in _iati(built).getroot()}
    ongoing = acts["XI-IATI-TQ2019-norad-truong-hoc-vung-cao"]
    assert ongoing.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in ongoing.findall("activity-date")]
    assert dates == [("2", "2023-01-01"), ("3", "2026-12-31")]  # actual start, planned end
    # disbursed so far: dated the build day, not the period's future end
    disbursement = next(
        t for t in ongoing.findall("transaction") if t.find("transaction-type").get("code") == "3"
    )
    assert disbursement.find("transaction-date").get("iso-date") == "2024-06-15"
    assert disbursement.find("value").get("currency") == "EUR"
    # the source's "over" travels with the amount, in both languages
    assert [n.text for n in disbursement.find("description").findall("narrative")] == [
        "trên 100.000 EUR",
        "over EUR 100,000",
    ]
    commitment = ongoing.find("transaction")
    assert commitment.find("description") is None  # an exact amount needs no words
    # the merger: the place names both provinces
    place = ongoing.find("location/name").findtext("narrative")
    assert place == "huyện Mù Cang Chải, Yên Bái (Lào Cai)"
    planned = acts["XI-IATI-TQ2019-norad-ke-hoach-2024"]
    assert planned.find("activity-status").get("code") == "1"
    dates = [(d.get("type"), d.get("iso-date")) for d in planned.findall("activity-date")]
    assert dates == [("1", "2024-01-01"), ("3", "2024-09-30")]
    bare = acts["XI-IATI-TQ2019-gni-yen-bai-2019"]
    assert bare.find("budget") is None and bare.findall("transaction") == []
    assert bare.find("sector") is None


def test_without_an_iati_org_id_the_site_has_no_iati_file_and_no_link(tmp_path: Path) -> None:
    site = fill(make_site(tmp_path / "site"), org_id=False)
    assert site.build() == 0
    assert not (site.output / "data/iati-activities.xml").exists()
    assert (site.output / "data/aid-projects.csv").exists()
    assert "iati-activities.xml" not in site.page("du-an/").html


def test_a_site_without_aid_projects_yaml_builds_with_an_empty_registry(site: Site) -> None:
    site.add_story("a.vi.md", story("a"))
    assert site.build() == 0
    assert "Chưa có dự án nào." in site.page("du-an/").text
    header = (site.output / "data/aid-projects.csv").read_text(encoding="utf-8")
    assert header.startswith("id,title_vi,title_en,partner") and header.count("\n") == 1


def test_reserved_ids_are_the_filter_folders_of_both_languages() -> None:
    folders = set()
    for lang in urls.LANGS:
        for kind, pattern in urls.PATTERNS[lang].items():
            if kind.startswith("projects-") and "{" in pattern:
                folders.add(pattern.split("/")[-3])
    assert folders and folders <= RESERVED_PROJECT_IDS


# --- rules of aid-projects.yaml ---------------------------------------------------------------

P = "content/data/aid-projects.yaml"
GOOD = """\
- id: gni-nuoc-sach
  title: "Nước sạch"
  partner: gni
  province: tuyen-quang
  kind: project
  period: "2016-2019"
  status: completed
"""
RULES = {
    "unknown donor and province, with suggestions": (
        GOOD.replace("partner: gni", "partner: gnii").replace("tuyen-quang", "tuyen-qang"),
        [
            f"{P}:3: projects[0].partner: unknown partner 'gnii' (did you mean gni?); "
            "see content/data/partners.yaml",
            f"{P}:4: projects[0].province: unknown province 'tuyen-qang' (did you mean "
            "tuyen-quang?); see content/data/provinces.yaml",
        ],
    ),
    "duplicate id": (
        GOOD + GOOD,
        [f"{P}:8: projects[1].id: duplicate project id 'gni-nuoc-sach' (first at line 1)"],
    ),
    "reserved id": (
        GOOD.replace("gni-nuoc-sach", "nam"),
        [
            f"{P}:1: projects[0].id: 'nam' is a folder of the project pages: give the project "
            "a longer id"
        ],
    ),
    "status and kind typos": (
        GOOD.replace("completed", "complete").replace("kind: project", "kind: projet"),
        [
            f"{P}:5: projects[0].kind: unknown aid kind 'projet' (did you mean project, "
            "non-project?); use one of: programme, project, non-project",
            f"{P}:7: projects[0].status: unknown project status 'complete' (did you mean "
            "completed?); use one of: planned, ongoing, completed",
        ],
    ),
    "amount written as text": (
        GOOD + '  committed: {value: "16.104.216.000", currency: VND}\n',
        [
            f"{P}:8: projects[0].committed.value: must be a plain number without quotes or "
            "separators: write 16104216000"
        ],
    ),
    "missing exchange rate": (
        GOOD.replace("2016-2019", "2016-2018") + "  committed: {value: 100, currency: EUR}\n",
        [
            f"{P}:8: projects[0].committed: no exchange rate for EUR in 2018: add it to "
            "content/data/exchange-rates.yaml (EUR: 2018: VND for one unit)",
            f"{P}:8: projects[0].committed: no exchange rate for USD in 2018: add it to "
            "content/data/exchange-rates.yaml (USD: 2018: VND for one unit)",
        ],
    ),
    "a project that starts after its province merged": (
        GOOD.replace("tuyen-quang", "yen-bai").replace("2016-2019", "2026"),
        [
            f"{P}:4: projects[0].province: yen-bai merged into lao-cai after 2025-06-30: a project "
            "that starts in 2026 is in lao-cai: write province: lao-cai"
        ],
    ),
    "required fields": (
        "- id: x1\n  title: T\n",
        [
            f"{P}:1: projects[0].{name}: required field is missing"
            for name in ("partner", "province", "kind", "period", "status")
        ],
    ),
    "an amount far too small for aid (a slip), unless confirmed": (
        GOOD
        + "  committed: {value: 15.2, currency: USD}\n"
        + "  disbursed: {value: 15.2, currency: USD, confirmed: true}\n",
        [
            f"{P}:8: projects[0].committed.value: 15.2 USD is less than 100 USD, too small for "
            "aid: was it written in thousands or millions? Write the amount with all its digits; "
            "if the amount is right, add confirmed: true to it"
        ],
    ),
    "not a list": (
        "gni-nuoc-sach:\n  title: T\n",
        [f"{P}:1: file: must be a list of projects, each starting with a line '- id: ...'"],
    ),
}


@pytest.mark.parametrize("name", list(RULES))
def test_each_rule_of_aid_projects_yaml_reports_its_line(site: Site, name: str) -> None:
    text, expected = RULES[name]
    site.write(P, text)
    assert sorted(load_project(site.root)[1].lines()) == sorted(expected)


def test_a_project_running_past_the_last_published_rate_gets_a_provisional_one(
    site: Site,
) -> None:
    site.write(
        P,
        GOOD.replace("2016-2019", "2024-2030")
        + "  committed: {value: 23271000000, currency: VND}\n",
    )
    project, report = load_project(site.root)
    assert report.lines() == []
    assert [str(w) for w in project.warnings] == [
        f"{P}:8: projects[0].committed: no yearly rate for USD in 2030 yet: the USD equivalent "
        "uses the 2022 rate, marked provisional; add USD: 2030 to "
        "content/data/exchange-rates.yaml when it is published"
    ]
    assert site.build() == 0  # the USD equivalent at the 2022 rate, which the CSV names
    with (site.output / "data/aid-projects.csv").open(encoding="utf-8") as fp:
        row = next(csv.DictReader(fp))
    assert (row["committed_usd"], row["rate_year"], row["rate_provisional"]) == (
        "1000000.00",
        "2022",
        "true",
    )
    page = site.page("en/projects/gni-nuoc-sach/")
    assert "USD 1 million" in page.text and "provisional rate (2022)" in page.text
    assert "provisional rate (2022)" in totals(site.page("en/projects/"))


def test_the_desks_form_of_the_file_gets_the_same_checks_at_its_own_lines(site: Site) -> None:
    """The editors' desk writes the entries under one field, `projects:`."""
    entries = GOOD.replace("tuyen-quang", "yen-bai").replace("2016-2019", "2026")
    entries += "  committed: {value: 15.2, currency: USD}\n"
    site.write(P, "projects:\n" + entries)
    assert sorted(load_project(site.root)[1].lines()) == [
        f"{P}:5: projects[0].province: yen-bai merged into lao-cai after 2025-06-30: a project "
        "that starts in 2026 is in lao-cai: write province: lao-cai",
        f"{P}:9: projects[0].committed.value: 15.2 USD is less than 100 USD, too small for aid: "
        "was it written in thousands or millions? Write the amount with all its digits; if the "
        "amount is right, add confirmed: true to it",
    ]


def test_a_story_naming_an_unknown_project_gets_a_suggestion(site: Site) -> None:
    site.write(P, GOOD)
    site.add_story("a.vi.md", story("a", extra="aid_projects: [gni-nuoc-sach, gni-nuoc-sac]"))
    assert load_project(site.root)[1].lines() == [
        "content/articles/a.vi.md:7: aid_projects[1]: unknown project 'gni-nuoc-sac' (did you "
        "mean gni-nuoc-sach?); see content/data/aid-projects.yaml"
    ]


def test_iati_org_id_must_look_like_one(site: Site) -> None:
    site_yaml = (site.root / "content/data/site.yaml").read_text(encoding="utf-8")
    site.write("content/data/site.yaml", site_yaml + "iati_org_id: Liên hiệp Tuyên Quang\n")
    assert load_project(site.root)[1].lines() == [
        "content/data/site.yaml:10: iati_org_id: 'Liên hiệp Tuyên Quang' is not an IATI "
        "organisation identifier: write the registration agency code (org-id.guide), a hyphen "
        "and the number it gave, e.g. XI-IATI-12345"
    ]


# --- rebuilds ---------------------------------------------------------------------------------


def test_retitling_a_story_rerenders_the_pages_of_its_projects_only(site: Site) -> None:
    """A project page shows the titles of the stories naming it (`Page.depends_on`)."""
    site.write(P, GOOD + GOOD.replace("gni-nuoc-sach", "gni-truong-hoc"))
    site.add_story("a.vi.md", story("a", "vi", "Bài A", extra="aid_projects: [gni-nuoc-sach]"))
    site.add_story("b.vi.md", story("b", "vi", "Bài B", extra="aid_projects: [gni-truong-hoc]"))
    assert site.build() == 0
    site.add_story("a.vi.md", story("a", "vi", "Bài A sửa", extra="aid_projects: [gni-nuoc-sach]"))
    result = site.build_result()
    assert result.ok
    rendered = {p for p in result.rendered if p.startswith(("du-an/", "en/projects/"))}
    assert rendered == {"du-an/gni-nuoc-sach/index.html", "en/projects/gni-nuoc-sach/index.html"}
    assert "Bài A sửa" in site.page("du-an/gni-nuoc-sach/").text
