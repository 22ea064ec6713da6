"""What the editors' desk writes passes `make check` unchanged.

The files below are written exactly as Decap CMS 3.16 writes them (taken from its output in
tests/test_desk_browser.py and from the desk on the example site): block lists indented by
two spaces, dates unquoted, numbers plain, text quoted only where YAML 1.2 needs it (so
Norway's `NO` is not quoted), long text folded onto the next lines, empty optional fields
left out, fields in the configuration's order, no `lang` (the file name gives it), and the
data files as lists under one field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PIL import Image

from conftest import Site
from content_model.project import load_project

STORY_VI = """\
---
title: Tổ chức GNI bàn giao trường mầm non ở Lâm Bình
date: 2022-11-20
slug: gni-ban-giao-truong-mam-non-lam-binh
category: vien-tro
summary: "Trường mầm non mới: 120 trẻ em xã Thượng Lâm có chỗ học"
image:
  src: images/img_20221118_093512.jpg
  alt: Đại biểu cắt băng khánh thành
partners:
  - gni
  - norad
events:
  - date: 2022-11-18
    title:
      vi: Bàn giao trường mầm non Thượng Lâm
      en: Handover of the Thuong Lam kindergarten
    kind: handover
    partners:
      - gni
  - date: 2022-09
    title:
      vi: Khởi công trường mầm non
      en: Work starts on the kindergarten
    kind: other
  - date: "2016"
    end: "2017"
    title: Khảo sát
    kind: visit
aid:
  - period: "2022"
    partner: gni
    projects: 3
    committed:
      currency: VND
      value: 7531246000
  - period: 2022-01/2022-09
    reported:
      currency: USD
      value: 2900000
      approx: about
    per_year: true
---
Ngày 18/11/2022, tổ chức GNI bàn giao trường mầm non Thượng Lâm.

Trường có **6 phòng học**.
"""
STORY_EN = """\
---
title: GNI hands over a kindergarten in Lam Binh
date: 2022-11-20
slug: gni-ban-giao-truong-mam-non-lam-binh
category: vien-tro
image:
  src: images/img_20221118_093512.jpg
  alt: Delegates cut the ribbon
---
On 18 November 2022 GNI handed over the Thuong Lam kindergarten.
"""
PARTNERS = """\
partners:
  - id: gni
    name:
      vi: Tổ chức Láng giềng tốt (GNI)
      en: Good Neighbors International
    acronym: GNI
    country: KR
    type: ingo
    website: https://www.goodneighbors.org
    sectors:
      - "11220"
      - "12220"
    description:
      vi: Tổ chức nhân đạo và phát triển của Hàn Quốc, hỗ trợ trẻ em và cộng đồng
        nghèo.
      en: Korean humanitarian and development organisation working with children and
        poor communities.
  - id: norad
    name:
      vi: Cơ quan Hợp tác Phát triển Na Uy
      en: Norad
    country: NO
    type: government
    since: 2008
"""
CATEGORIES = """\
categories:
  - key: hoat-dong
    name:
      vi: Hoạt động
      en: Activities
  - key: vien-tro
    name:
      vi: Viện trợ phi chính phủ
      en: Foreign NGO aid
"""
PROVINCES = """\
provinces:
  - key: tuyen-quang
    name:
      vi: Tuyên Quang
      en: Tuyen Quang
  - key: ha-giang
    name:
      vi: Hà Giang
      en: Ha Giang
    merged_into: tuyen-quang
    until: 2025-06-30
"""
RATES = """\
rates:
  - currency: USD
    years:
      - year: 2022
        rate: 23271.2
      - year: 2023
        rate: 23787.3
  - currency: EUR
    years:
      - year: 2022
        rate: 24500
"""


@pytest.fixture
def desk_site(site: Site) -> Site:
    site.write("content/data/partners.yaml", PARTNERS)
    site.write("content/data/categories.yaml", CATEGORIES)
    site.write("content/data/provinces.yaml", PROVINCES)
    site.write("content/data/exchange-rates.yaml", RATES)
    photo = site.root / "content" / "images" / "img_20221118_093512.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (2400, 1800), (40, 120, 200)).save(photo)  # as the desk stores it
    site.add_story("gni-ban-giao-truong-mam-non-lam-binh.vi.md", STORY_VI)
    site.add_story("gni-ban-giao-truong-mam-non-lam-binh.en.md", STORY_EN)
    return site


def test_files_written_by_the_desk_pass_the_check_unchanged(desk_site: Site) -> None:
    project, report = load_project(desk_site.root)
    assert report.lines() == []
    story = project.stories["gni-ban-giao-truong-mam-non-lam-binh"]
    assert set(story.versions) == {"vi", "en"}  # lang from the file names
    assert story.partners == ["gni", "norad"]
    assert [str(e.date) for e in story.events] == ["2022-11-18", "2022-09", "2016"]
    first, second = story.aid
    assert first.committed.value == Decimal(7531246000) and first.committed.currency == "VND"
    assert str(second.period) == "2022-01/2022-09"
    assert second.reported.approx == "about" and second.per_year is True


def test_data_files_in_the_desks_form_are_read_as_the_contracts(desk_site: Site) -> None:
    data = load_project(desk_site.root)[0].data
    norad = data.partners_by_id["norad"]
    assert norad.country == "NO"  # Norway, not false
    assert norad.since == 2008
    assert data.partners_by_id["gni"].sectors == ["11220", "12220"]
    assert data.partners_by_id["gni"].name.vi == "Tổ chức Láng giềng tốt (GNI)"
    assert list(data.categories) == ["hoat-dong", "vien-tro"]  # order kept
    assert data.provinces["ha-giang"].merged_into == "tuyen-quang"
    assert data.provinces["ha-giang"].until == date(2025, 6, 30)
    assert data.rates == {
        "USD": {2022: Decimal("23271.2"), 2023: Decimal("23787.3")},
        "EUR": {2022: Decimal(24500)},
    }


def test_the_built_site_shows_what_the_desk_wrote(desk_site: Site) -> None:
    assert desk_site.build() == 0
    partner = desk_site.page("doi-tac/norad/").text
    assert "Cơ quan Hợp tác Phát triển Na Uy" in partner


def test_errors_in_the_desks_form_name_the_line_and_the_field(site: Site) -> None:
    site.write(
        "content/data/partners.yaml",
        PARTNERS.replace("country: NO", "country: Norway").replace("id: norad", "id: gni"),
    )
    site.write(
        "content/data/categories.yaml", CATEGORIES.replace("key: vien-tro", "key: hoat-dong")
    )
    site.write(
        "content/data/provinces.yaml",
        PROVINCES.replace("merged_into: tuyen-quang", "merged_into: x"),
    )
    lines = load_project(site.root)[1].lines()
    assert (
        "content/data/partners.yaml:18: partners[1].id: duplicate partner id 'gni' "
        "(first at line 2)" in lines
    )
    assert any(
        line.startswith("content/data/partners.yaml:22: partners[1].country: 'Norway' is not")
        for line in lines
    ), lines
    assert (
        "content/data/categories.yaml:6: categories[1].key: duplicate category key "
        "'hoat-dong' (first at line 2)" in lines
    )
    assert any(
        line.startswith("content/data/provinces.yaml:10: provinces[1].merged_into: unknown")
        for line in lines
    ), lines


def test_a_story_file_without_lang_needs_a_language_in_its_name(site: Site) -> None:
    site.add_story("khong-ro.md", STORY_EN.replace("gni-ban-giao", "khong-ro"))
    site.write("content/images/img_20221118_093512.jpg", "")
    lines = load_project(site.root)[1].lines()
    assert any(
        line.startswith("content/articles/khong-ro.md:") and " lang: " in line for line in lines
    )
