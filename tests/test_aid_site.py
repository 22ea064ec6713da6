"""Aid statistics of a fixture site with known figures: pages, story boxes and open data."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import Site, make_site, story

TQ_AID = """\
province: tuyen-quang
aid:
  - period: "2014-2019"
    projects: 84
    donors: 34
    committed: {value: 15200000, currency: USD}
    disbursed: {value: 9020000, currency: USD}
  - period: "2014-2019"
    partner: gni
    projects: 15
"""
TV_AID = """\
province: yen-bai
aid:
  - period: "2022-01/2022-09"
    projects: 21
    donors: 8
    committed: {value: 16104216000, currency: VND}
    disbursed: {value: 16361292000, currency: VND}
    plan_rate: 81.8
"""
YB_AID = """\
province: yen-bai
aid:
  - period: "2022"
    projects: 21
    committed: {value: 1404155, currency: USD}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("aid") / "site")
    # the same figures stated in both versions: counted once
    site.add_story(
        "tq.vi.md", story("tq", "vi", "Tuyên Quang 2014-2019", "2019-10-15", extra=TQ_AID)
    )
    site.add_story(
        "tq.en.md", story("tq", "en", "Tuyen Quang 2014-2019", "2019-10-15", extra=TQ_AID)
    )
    site.add_story("tv.vi.md", story("tv", "vi", "Chín tháng 2022", "2022-10-20", extra=TV_AID))
    site.add_story("yb.vi.md", story("yb", "vi", "Cả năm 2022", "2022-12-08", extra=YB_AID))
    draft = YB_AID.replace("1404155", "999999999") + "status: draft\n"
    site.add_story("draft.vi.md", story("nhap", "vi", "Nháp", "2022-12-09", extra=draft))
    assert site.build() == 0
    return site


def test_open_data_has_one_row_per_figure(built: Site) -> None:
    with (built.output / "data/aid.csv").open(encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    assert [(r["story"], r["period"], r["partner"]) for r in rows] == [
        ("tq", "2014-2019", ""),
        ("tq", "2014-2019", "gni"),
        ("tv", "2022-01/2022-09", ""),
        ("yb", "2022", ""),
    ]
    tv = rows[2]
    assert tv["committed"] == "16104216000" and tv["committed_currency"] == "VND"
    assert tv["committed_usd"] == "692029.39"  # 16 104 216 000 / 23 271 (2022)
    assert tv["disbursed_usd"] == "703076.45"
    assert tv["disbursement_rate"] == "101.60"
    assert tv["plan_rate"] == "81.80"
    assert (tv["period_start"], tv["period_end"], tv["rate_year"]) == (
        "2022-01-01",
        "2022-09-30",
        "2022",
    )
    assert tv["story_url_vi"] == "http://localhost:8000/tin-tuc/tv/" and tv["story_url_en"] == ""
    assert rows[0]["story_url_en"] == "http://localhost:8000/en/news/tq/"
    data = json.loads((built.output / "data/aid.json").read_text(encoding="utf-8"))
    assert len(data) == 4 and data[2]["committed_usd"] == 692029.39
    assert data[0]["committed"] == 15200000 and data[0]["donors"] == 34


def test_datapackage_describes_the_files(built: Site) -> None:
    package = json.loads((built.output / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "data-package"
    for resource in package["resources"]:
        path = built.output / "data" / resource["path"]
        assert path.exists()
        # aid.json has aid.csv's columns; aid-projects.csv its own
        table = path if path.suffix == ".csv" else built.output / "data/aid.csv"
        header = table.read_text(encoding="utf-8").splitlines()[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == header.split(",")


def test_statistics_page_in_vietnamese(built: Site) -> None:
    page = built.page("vien-tro/")
    assert page.lang == "vi"
    assert page.alternates == {"vi": "/vien-tro/", "en": "/en/aid/"}
    text = page.text
    for expected in (
        "15,2 triệu USD",  # headline: the site's province, 2014-2019
        "9,02 triệu USD",
        "59,3%",
        "16.104.216.000 VNĐ ≈ 692.029 USD",
        "101,6%",
        "81,8% kế hoạch",
        "Yên Bái (nay là Lào Cai)",
        "tháng 1–9/2022",
    ):
        assert expected in text, expected
    assert "/data/aid.csv" in page.hrefs()
    assert "/tin-tuc/tv/" in page.hrefs()


def test_statistics_page_in_english(built: Site) -> None:
    text = built.page("en/aid/").text
    for expected in (
        "USD 15.2 million",
        "USD 9.02 million",
        "59.3%",
        "VND 16,104,216,000 ≈ USD 692,029",
        "81.8% of plan",
        "Jan–Sep 2022",
        "Yen Bai (now Lao Cai)",
    ):
        assert expected in text, expected
    assert "999" not in text  # the draft's figure is not published


def test_yearly_total_leaves_out_the_overlapping_figure(built: Site) -> None:
    html = built.page("en/aid/").html
    year_row = html[html.index('<th scope="row">2022</th>') :].split("</tr>")[0]
    assert "USD 1.4 million" in year_row  # Yên Bái 2022 only: the 9 months overlap it
    assert "Not added (overlapping period):" in year_row and "Jan–Sep 2022" in year_row


def test_chart_is_an_svg_with_a_text_alternative(built: Site) -> None:
    html = built.page("vien-tro/").html
    start = html.rindex("<svg", 0, html.index('class="aid-chart"'))
    svg = html[start : html.index("</svg>", start)]
    assert 'role="img"' in svg and "<title" in svg
    desc = svg[svg.index("<desc") : svg.index("</desc>")]
    assert "2022" in desc and "1,4 triệu USD" in desc
    assert svg.count("<rect") >= 3  # legend (2) and at least one bar


def test_story_box_in_the_storys_language(built: Site) -> None:
    vi = built.page("tin-tuc/tv/").text
    assert "16.104.216.000 VNĐ ≈ 692.029 USD" in vi and "81,8% kế hoạch" in vi
    en = built.page("en/news/tq/").text
    assert "USD 15,200,000" in en and "Good Neighbors International" in en
    assert "Aid figures in this story" in en
    plain = built.page("tin-tuc/yb/")
    assert "1.404.155 USD" in plain.text
