"""A figure of a year whose yearly average rate is not published yet uses the latest year that
has one, says so on pages and in the open data ("tỷ giá tạm tính (2022)" / "provisional rate
(2022)"), with a warning; adding the real rate replaces it. A gap in past years stays an error.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from conftest import RATES_YAML, Site, story
from content_model.project import load_project
from site_build.cli import build

A = "content/articles/a.vi.md"
FIGURE = 'aid:\n  - period: "2024"\n    committed: {value: 46542000000, currency: VND}'


def _rows(site: Site) -> list[dict[str, str]]:
    text = (site.output / "data/aid.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_year_without_its_rate_uses_the_latest_one_and_says_so(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.add_story("a.vi.md", story("a", extra=FIGURE))  # rates: USD 2019 and 2022 only
    assert build(site.root, site.output, lang="en") == 0
    assert capsys.readouterr().err.splitlines() == [
        "1 warning:",
        f"{A}:9: aid[0].committed: no yearly rate for USD in 2024 yet: the USD equivalent uses "
        "the 2022 rate, marked provisional; add USD: 2024 to content/data/exchange-rates.yaml "
        "when it is published",
    ]
    (row,) = _rows(site)
    assert (row["rate_year"], row["rate_provisional"]) == ("2022", "true")
    assert Decimal(row["committed_usd"]) == Decimal("2000000.00")  # 46542000000 / 23271
    (item,) = json.loads((site.output / "data/aid.json").read_text(encoding="utf-8"))
    assert (item["rate_year"], item["rate_provisional"]) == (2022, True)
    assert "provisional rate (2022)" in site.page("en/aid/").text
    assert "tỷ giá tạm tính (2022)" in site.page("vien-tro/").text
    assert "tỷ giá tạm tính (2022)" in site.page("tin-tuc/a/").text  # the story's aid box

    assert build(site.root, site.output, lang="vi") == 0
    assert capsys.readouterr().err.splitlines()[1] == (
        f"{A}:9: aid[0].committed: chưa có tỷ giá bình quân năm 2024 của USD: giá trị quy đổi ra "
        "USD tạm dùng tỷ giá năm 2022, ghi là tỷ giá tạm tính; thêm USD: 2024 vào "
        "content/data/exchange-rates.yaml khi tỷ giá được công bố"
    )


def test_adding_the_real_rate_replaces_the_provisional_one(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.add_story("a.vi.md", story("a", extra=FIGURE))
    site.write(
        "content/data/exchange-rates.yaml", RATES_YAML.replace("EUR:", "  2024: 23271\nEUR:")
    )
    assert build(site.root, site.output, lang="en") == 0
    assert capsys.readouterr().err == ""
    (row,) = _rows(site)
    assert (row["rate_year"], row["rate_provisional"]) == ("2024", "false")
    assert "provisional rate (20" not in site.page("en/aid/").text  # no figure marked
    assert "tỷ giá tạm tính (20" not in site.page("vien-tro/").text


def test_a_year_missing_between_two_rates_is_still_an_error(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra=FIGURE.replace("2024", "2020")))
    assert load_project(site.root)[1].lines() == [
        f"{A}:9: aid[0].committed: no exchange rate for USD in 2020: add it to "
        "content/data/exchange-rates.yaml (USD: 2020: VND for one unit)"
    ]


def test_another_currency_uses_its_own_latest_rate_and_usds(site: Site) -> None:
    extra = 'aid:\n  - period: "2023"\n    committed: {value: 1000000, currency: EUR}'
    site.add_story("a.vi.md", story("a", extra=extra))
    project, report = load_project(site.root)
    assert report.lines() == []
    assert [w.render("en") for w in project.warnings] == [
        f"{A}:9: aid[0].committed: no yearly rate for {c} in 2023 yet: the USD equivalent uses "
        f"the 2022 rate, marked provisional; add {c}: 2023 to content/data/exchange-rates.yaml "
        "when it is published"
        for c in ("EUR", "USD")
    ]


def test_the_bulletin_marks_the_provisional_rate_too(site: Site) -> None:
    site.add_story("a.vi.md", story("a", date="2024-03-01", extra=FIGURE))
    site.write(
        "content/bulletins/so-1-2024.yaml",
        "number: 1/2024\nperiod:\n  from: 2024-01-01\n  to: 2024-12-31\neditorial: Lời ngỏ.\n",
    )
    assert build(site.root, site.output, lang="en") == 0
    web = site.page("ban-tin/so-1-2024/").text
    assert "tỷ giá tạm tính (2022)" in web
    assert "provisional rate (2022)" in site.page("en/bulletin/so-1-2024/").text
    # the e-mail edition's yearly totals too, in its HTML and its plain-text part
    for lang, folder, mark in (
        ("vi", "ban-tin", "tỷ giá tạm tính (2022)"),
        ("en", "en/bulletin", "provisional rate (2022)"),
    ):
        for part in ("html", "txt"):
            email = site.output / folder / "so-1-2024" / f"email-{lang}.{part}"
            assert mark in email.read_text(encoding="utf-8"), email
