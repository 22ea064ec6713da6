"""Figures that say exactly what their sources say (contract v2): qualifiers, reported amounts,
yearly averages, the source's sector words and breakdowns that do not add up, as a reader sees
them in both languages (aid page, story box, partner page, bulletin editions), as a program
reads them (aid.csv, aid.json, datapackage.json) and as an editor is told (`make check`).

The figures are those of the seed articles (Thái Nguyên, Cao Bằng, Yên Bái), in a small site.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import Page, Site, make_site, story
from content_model.project import load_project

RATES = """\
USD:
  2010: 18612
  2016: 21935
  2019: 23050
  2022: 23271
"""
# Thái Nguyên: "giá trị viện trợ" amounts, two of them "trên/hơn"; an amount "khoảng" in VND
THAI_NGUYEN = """\
province: yen-bai
partners: [gni]
aid:
  - period: "1997-2002"
    reported: {value: 2100000, currency: USD}
  - period: "2010"
    reported: {value: 5100000, currency: USD, approx: over}
  - period: "2006-2013"
    reported: {value: 23000000, currency: USD, approx: over}
  - period: "2010"
    partner: gni
    committed: {value: 4000000000, currency: VND, approx: about}
    disbursed: {value: 1000000, currency: USD, approx: nearly}
    reported: {value: 300000, currency: USD, approx: under}
"""
# Cao Bằng: a yearly average, and a reported amount beside a committed and disbursed one
CAO_BANG = """\
aid:
  - period: "2011-2016"
    per_year: true
    reported: {value: 2900000, currency: USD}
  - period: "2016-01/2016-06"
    reported: {value: 3033296, currency: USD}
  - period: "2019"
    committed: {value: 1000000, currency: USD}
    disbursed: {value: 800000, currency: USD}
    reported: {value: 5000000, currency: USD}
"""
# Yên Bái 2022: five sectors in the source's words add up to 1,404,175 against 1,404,155
YEN_BAI = """\
province: yen-bai
events:
  - date: 2022-09
    title: {vi: "Ký Thỏa thuận khung với Mimasaka", en: "Framework agreement with Mimasaka"}
    kind: signing
    partners: [gni]
aid:
  - period: "2022"
    projects: 21
    committed: {value: 1404155, currency: USD}
  - period: "2022"
    projects: 6
    committed: {value: 457250, currency: USD}
    sector_label: {vi: "Phát triển kinh tế - xã hội", en: "Socio-economic development"}
  - period: "2022"
    projects: 4
    committed: {value: 81725, currency: USD}
    sector_label: {vi: "Giáo dục - Đào tạo", en: "Education and training"}
  - period: "2022"
    projects: 2
    committed: {value: 80466, currency: USD}
    sector_label: {vi: "Y tế", en: "Health"}
    sector: "12220"
  - period: "2022"
    projects: 2
    committed: {value: 41659, currency: USD}
    sector_label: {vi: "Tài nguyên môi trường", en: "Natural resources and environment"}
  - period: "2022"
    projects: 7
    committed: {value: 743075, currency: USD}
    sector_label: {vi: "Giải quyết các vấn đề xã hội", en: "Addressing social issues"}
"""
# another province's 2022 total, "trên": the 2022 sum is "over" too
TUYEN_QUANG = """\
aid:
  - period: "2022"
    committed: {value: 1000000, currency: USD, approx: over}
"""
BULLETIN = """\
number: 1/2022
period:
  from: 2022-01-01
  to: 2022-12-31
editorial:
  vi: "Năm 2022."
  en: "The year 2022."
"""


def fill(site: Site) -> Site:
    site.write("content/data/exchange-rates.yaml", RATES)
    site.add_story(
        "tn.vi.md", story("tn", "vi", "Bài Thái Nguyên", "2015-08-20", extra=THAI_NGUYEN)
    )
    site.add_story("tn.en.md", story("tn", "en", "Thai Nguyen story", "2015-08-20"))
    site.add_story("cb.vi.md", story("cb", "vi", "Bài Cao Bằng", "2016-08-10", extra=CAO_BANG))
    site.add_story("cb.en.md", story("cb", "en", "Cao Bang story", "2016-08-10"))
    site.add_story("yb.vi.md", story("yb", "vi", "Bài Yên Bái", "2022-12-08", extra=YEN_BAI))
    site.add_story("yb.en.md", story("yb", "en", "Yen Bai story", "2022-12-08"))
    site.add_story(
        "tq.vi.md", story("tq", "vi", "Bài Tuyên Quang", "2022-10-01", extra=TUYEN_QUANG)
    )
    site.write("content/bulletins/so-1-2022.yaml", BULLETIN)
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = fill(make_site(tmp_path_factory.mktemp("precision") / "site"))
    assert site.build() == 0
    return site


def section(page: Page, heading_id: str) -> str:
    """The text of the aid page's section whose heading has this id."""
    rest = page.html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return Page.parse(rest).text


def rows(page: Page, heading_id: str) -> list[str]:
    """Each row of a section's table, as text."""
    rest = page.html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return [Page.parse(r).text for r in re.findall(r"<tr>(.*?)</tr>", rest, re.S)]


def row_with(page: Page, heading_id: str, *words: str) -> str:
    found = [r for r in rows(page, heading_id) if all(w in r for w in words)]
    assert len(found) == 1, (words, rows(page, heading_id))
    return found[0]


# --- qualifiers ----------------------------------------------------------------------------


def test_qualified_amounts_say_the_sources_word_in_each_language(built: Site) -> None:
    vi, en = built.page("vien-tro/"), built.page("en/aid/")
    assert "trên 5.100.000 USD" in row_with(vi, "aid-by-province", "Yên Bái", "2010")
    assert "over USD 5,100,000" in row_with(en, "aid-by-province", "Yen Bai", "2010")
    assert "trên 23.000.000 USD" in section(vi, "aid-by-province")
    # the partner's figure: about, nearly, under; the USD equivalent keeps the qualifier
    gni_vi = row_with(vi, "aid-by-partner", "2010")
    assert "khoảng 4.000.000.000 VNĐ" in gni_vi and "≈ khoảng 214.915 USD" in gni_vi
    assert "gần 1.000.000 USD" in gni_vi and "dưới 300.000 USD" in gni_vi
    gni_en = row_with(en, "aid-by-partner", "2010")
    assert "about VND 4,000,000,000" in gni_en and "≈ about USD 214,915" in gni_en
    assert "nearly USD 1,000,000" in gni_en and "under USD 300,000" in gni_en


def test_a_total_that_includes_an_approximate_amount_says_so(built: Site) -> None:
    vi, en = built.page("vien-tro/"), built.page("en/aid/")
    # 2022: Yên Bái 1,404,155 exact + Tuyên Quang "trên" 1,000,000
    assert "trên 2,4 triệu USD" in row_with(vi, "aid-by-year", "2022")
    assert "over USD 2.4 million" in row_with(en, "aid-by-year", "2022")
    # 2019: exact amounts only, no word
    assert "1 triệu USD" in row_with(vi, "aid-by-year", "2019")
    assert "trên" not in row_with(vi, "aid-by-year", "2019")
    # the chart: its text alternative and the word above the bar
    for page, amount, word in (
        (vi, "trên 2,4 triệu USD", "trên"),
        (en, "over USD 2.4 million", "over"),
    ):
        wide, narrow = (
            page.html.split(f'id="aid-chart-{page.lang}{suffix}"', 1)[1].split("</svg>", 1)[0]
            for suffix in ("-title", "-narrow-title")
        )
        assert amount in wide and f">{word}</text>" in wide
        assert amount in narrow  # the narrow layout writes the value after its bar


# --- reported amounts ------------------------------------------------------------------------


def test_reported_amounts_have_their_own_column_and_are_never_added_to_commitments(
    built: Site,
) -> None:
    vi, en = built.page("vien-tro/"), built.page("en/aid/")
    head = Page.parse(vi.html.split('id="aid-by-province"', 1)[1].split("</thead>", 1)[0]).text
    assert "Vốn cam kết Đã giải ngân Giá trị viện trợ" in head
    assert (
        "Committed Disbursed Aid value"
        in Page.parse(en.html.split('id="aid-by-province"', 1)[1].split("</thead>", 1)[0]).text
    )
    # 2019: committed 1,000,000, disbursed 800,000, reported 5,000,000 (Cao Bằng)
    year = row_with(vi, "aid-by-year", "2019")
    assert year.split()[:4] == ["2019", "–", "1", "triệu"]  # committed: 1 million, not 6
    assert "800.000 USD" in year and "5 triệu USD" in year
    # the rate compares disbursed with committed only: 80%, never 800,000 / 6,000,000
    assert "80,0%" in row_with(vi, "aid-by-province", "2019")
    assert "80.0%" in row_with(en, "aid-by-province", "2019")
    # 2010: only reported amounts: nothing committed that year
    assert row_with(vi, "aid-by-year", "2010").split()[1:3] == ["–", "–"]


def test_yearly_averages_are_shown_a_year_and_never_added(built: Site) -> None:
    vi, en = built.page("vien-tro/"), built.page("en/aid/")
    assert "2.900.000 USD/năm" in row_with(vi, "aid-by-province", "2011–2016")
    assert "USD 2,900,000 a year" in row_with(en, "aid-by-province", "2011–2016")
    # 2016 by year: the six months only (3,033,296), never plus 2,900,000
    assert "3,03 triệu USD" in row_with(vi, "aid-by-year", "2016")
    assert "5,93" not in section(vi, "aid-by-year")


# --- the source's sector words, and breakdowns that do not add up --------------------------


def test_sectors_are_named_in_the_sources_words(built: Site) -> None:
    vi, en = built.page("vien-tro/"), built.page("en/aid/")
    sectors_vi, sectors_en = section(vi, "aid-by-sector"), section(en, "aid-by-sector")
    for words in ("Phát triển kinh tế - xã hội", "Giáo dục - Đào tạo", "Y tế (DAC 12220)"):
        assert words in sectors_vi
    for words in ("Socio-economic development", "Education and training", "Health (DAC 12220)"):
        assert words in sectors_en
    # never a DAC name the source did not give
    assert "Y tế cơ bản" not in sectors_vi and "Basic health care" not in sectors_en
    box = built.page("en/news/yb/").text
    assert "Addressing social issues" in box


def test_a_breakdown_that_does_not_add_up_is_told_to_editors_and_readers(built: Site) -> None:
    project, report = load_project(built.root)
    assert report.lines() == []
    warnings = [str(w) for w in project.warnings]
    assert warnings == [
        "content/articles/yb.vi.md:16: aid[0].committed: the sector figures (aid[1], aid[2], "
        "aid[3], aid[4], aid[5]) add up to 1404175 USD; this total states 1404155 USD: check "
        "both against the source (the site shows both)"
    ]
    vi, en = built.page("vien-tro/"), built.page("en/aid/")
    assert "Các phần cộng lại được 1.404.175 USD; nguồn ghi 1.404.155 USD." in vi.text
    assert "The parts add up to USD 1,404,175; the source states USD 1,404,155." in en.text
    # the story's own box says it too, and the figures stay as the source states them
    assert "The parts add up to USD 1,404,175" in built.page("en/news/yb/").text
    assert "1.404.155 USD" in row_with(vi, "aid-by-province", "Yên Bái", "2022")


def test_the_check_warns_in_vietnamese_by_default(built: Site) -> None:
    result = subprocess.run(
        [
            str(Path(__file__).resolve().parents[1] / ".venv/bin/python"),
            "-m",
            "site_build",
            "check",
        ],
        cwd=built.root,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "plugins")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "aid[0].committed: các số liệu theo lĩnh vực (aid[1], aid[2], aid[3], aid[4], aid[5]) "
        "cộng lại được 1404175 USD; số tổng này ghi 1404155 USD" in result.stderr
    )


# --- open data -----------------------------------------------------------------------------


def test_aid_csv_and_json_carry_the_v2_columns(built: Site) -> None:
    table = list(csv.DictReader(io.StringIO((built.output / "data/aid.csv").read_text())))
    data = json.loads((built.output / "data/aid.json").read_text())
    assert len(table) == len(data) == 14
    for name in (
        "committed_approx",
        "disbursed_approx",
        "reported",
        "reported_currency",
        "reported_usd",
        "reported_approx",
        "per_year",
        "plan_approx",
        "sector_label_vi",
        "sector_label_en",
    ):
        assert name in table[0] and name in data[0], name
    by_key = {
        (r["story"], r["period"], r["partner"]): (r, j) for r, j in zip(table, data, strict=True)
    }
    over, j_over = by_key[("tn", "2010", "")]
    assert (over["reported"], over["reported_approx"], over["committed"]) == ("5100000", "over", "")
    assert j_over["reported"] == 5100000 and j_over["reported_approx"] == "over"
    gni, j_gni = by_key[("tn", "2010", "gni")]
    approx = ("committed_approx", "disbursed_approx", "reported_approx")
    assert [gni[n] for n in approx] == [j_gni[n] for n in approx] == ["about", "nearly", "under"]
    average, j_average = by_key[("cb", "2011-2016", "")]
    assert average["per_year"] == "true" and j_average["per_year"] is True
    assert by_key[("cb", "2019", "")][0]["per_year"] == "false"
    assert by_key[("cb", "2019", "")][0]["disbursement_rate"] == "80.00"
    health = [r for r in data if r["sector_label_vi"] == "Y tế"]
    assert health[0]["sector_label_en"] == "Health" and health[0]["sector"] == "12220"


def test_datapackage_describes_the_new_columns(built: Site) -> None:
    package = json.loads((built.output / "data/datapackage.json").read_text())
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    csv_header = (built.output / "data/aid.csv").read_text().splitlines()[0].split(",")
    assert list(fields)[: len(csv_header)] == csv_header
    assert fields["committed_approx"]["constraints"] == {
        "enum": ["over", "about", "nearly", "under"]
    }
    assert fields["per_year"]["type"] == "boolean"
    assert "never added" in fields["reported"]["description"]


# --- partner page and bulletin -------------------------------------------------------------


def test_partner_page_says_the_qualifiers(built: Site) -> None:
    vi, en = built.page("doi-tac/gni/"), built.page("en/partners/gni/")
    assert "khoảng 4 tỷ đồng" in vi.text and "gần 1.000.000 USD" in vi.text
    assert "Giá trị viện trợ" in vi.text and "dưới 300.000 USD" in vi.text
    assert "about VND 4 billion" in en.text and "under USD 300,000" in en.text


def test_bulletin_editions_say_the_qualifiers_and_the_mismatch(built: Site) -> None:
    web_vi = built.page("ban-tin/so-1-2022/")
    assert "trên 2,4 triệu USD" in web_vi.text
    assert "Các phần cộng lại được 1.404.175 USD; nguồn ghi 1.404.155 USD." in web_vi.text
    text_en = (built.output / "en/bulletin/so-1-2022/email-en.txt").read_text()
    assert "over USD 2.4 million" in text_en
    email_vi = (built.output / "ban-tin/so-1-2022/email-vi.html").read_text()
    assert "trên 1.000.000 USD" in email_vi or "trên 1 triệu USD" in email_vi
    pdf = built.output / "ban-tin/so-1-2022/so-1-2022-vi.pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "trên 2,4 triệu USD" in " ".join(text.split())


# --- dates ---------------------------------------------------------------------------------

DAY_OF_SEPTEMBER_2022 = re.compile(
    r"\b\d{1,2} tháng 9,? 2022|September \d{1,2},? 2022|\b\d{1,2} September 2022|2022-09-\d\d"
    r"|\d{1,2}/9/2022|\d{1,2}/09/2022|VALUE=DATE:202209"
)


def test_no_page_shows_a_day_for_a_month_precision_event(built: Site) -> None:
    """Every page, feed, calendar file and edition of the site: the signing is "tháng 9 năm
    2022" / "September 2022" wherever it appears, never a day of September."""
    shown = 0
    for path in built.output.rglob("*"):
        if (
            path.suffix not in (".html", ".txt", ".xml", ".ics", ".json")
            or "pagefind" in path.parts
        ):
            continue
        text = path.read_text(encoding="utf-8")
        if "Mimasaka" not in text:
            continue
        shown += 1
        assert not DAY_OF_SEPTEMBER_2022.search(text), path
    assert shown >= 6  # calendar, kind page, partner page, story page, bulletin: both languages
    for page, words in (
        ("su-kien/", "tháng 9 năm 2022"),
        ("en/events/", "September 2022"),
        ("doi-tac/gni/", "tháng 9 năm 2022"),
        ("en/partners/gni/", "September 2022"),
        ("tin-tuc/yb/", "tháng 9 năm 2022"),
        ("en/news/yb/", "September 2022"),
        ("ban-tin/so-1-2022/", "tháng 9 năm 2022"),
    ):
        assert words in built.page(page).text, page
    pdf = built.output / "ban-tin/so-1-2022/so-1-2022-vi.pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "tháng 9 năm 2022" in " ".join(text.split())
    assert not DAY_OF_SEPTEMBER_2022.search(text)
