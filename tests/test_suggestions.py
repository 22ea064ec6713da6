"""Suggestions from names: a field named in Vietnamese, a partner, province or category by
its name or acronym, a country by its name in either language get the value to write."""

from __future__ import annotations

import pytest

from conftest import PARTNERS_YAML, Site, story
from content_model.project import load_project

A = "content/articles/a.vi.md"
P = "content/data/partners.yaml"


def errors(site: Site, lang: str) -> list[str]:
    return load_project(site.root)[1].lines(lang)


# (front matter line added to a valid story, field, what is suggested)
FIELD_NAMES = [
    ('tiêu đề: "Đại hội"', "tiêu đề", "title"),
    ('Tieu de: "Đại hội"', "Tieu de", "title"),  # no tone marks, capitals
    ('tác giả: "Ban Đối ngoại"', "tác giả", "author"),
    ("chuyên mục: hoat-dong", "chuyên mục", "category"),
    ("thẻ: [hội hữu nghị]", "thẻ", "tags"),
    ('tóm tắt: "Một câu."', "tóm tắt", "summary"),
    ("ảnh: images/x.jpg", "ảnh", "image"),
    ("đối tác: [gni]", "đối tác", "partners"),
    ("sự kiện: []", "sự kiện", "events"),
    ("viện trợ: []", "viện trợ", "aid"),
    ("ngày đăng: 2022-06-09", "ngày đăng", "date"),
]


@pytest.mark.parametrize(("line", "name", "field"), FIELD_NAMES, ids=[f[1] for f in FIELD_NAMES])
def test_a_field_named_in_vietnamese_gets_its_name(
    site: Site, line: str, name: str, field: str
) -> None:
    site.add_story("a.vi.md", story("a", extra=line))
    assert errors(site, "en") == [f"{A}:7: {name}: unknown field '{name}' (did you mean {field}?)"]
    assert errors(site, "vi") == [f"{A}:7: {name}: không có trường '{name}' (có phải là {field}?)"]


def test_a_word_for_two_fields_suggests_the_one_of_that_group(site: Site) -> None:
    extra = 'events:\n  - date: 2022-06-09\n    title: "Đoàn thăm"\n    loại: visit'
    site.add_story("a.vi.md", story("a", extra=extra))
    assert errors(site, "en") == [
        f"{A}:8: events[0].kind: required field is missing",
        f"{A}:10: events[0].loại: unknown field 'loại' (did you mean kind?)",
    ]
    site.write(P, PARTNERS_YAML + "- id: x\n  name: X\n  country: KR\n  loại: ingo\n")
    site.add_story("a.vi.md", story("a"))
    assert errors(site, "en") == [
        f"{P}:10: partners[2].type: required field is missing",
        f"{P}:13: partners[2].loại: unknown field 'loại' (did you mean type?)",
    ]


@pytest.mark.parametrize(
    "written",
    ["Good Neighbors International", "Good Neighbors", "Tổ chức GNI", "to chuc gni"],
)
def test_a_partner_by_its_name_gets_its_id(site: Site, written: str) -> None:
    site.add_story("a.vi.md", story("a", extra=f'partners: ["{written}"]'))
    assert f"{A}:7: partners[0]: unknown partner '{written}' (did you mean gni?); see {P}" in (
        errors(site, "en")
    )
    assert f"{A}:7: partners[0]: không có đối tác '{written}' (có phải là gni?); xem {P}" in errors(
        site, "vi"
    )


def test_a_partner_by_its_acronym_gets_its_id(site: Site) -> None:
    extra = 'aid:\n  - period: "2019"\n    partner: Norad\n    projects: 2'
    site.add_story("a.vi.md", story("a", extra=extra))
    assert f"{A}:9: aid[0].partner: unknown partner 'Norad' (did you mean norad?); see {P}" in (
        errors(site, "en")
    )


def test_a_province_and_a_category_by_their_names(site: Site) -> None:
    site.add_story("a.vi.md", story("a", category="Hoạt động", extra='province: "Tuyên Quang"'))
    found = errors(site, "en")
    assert (
        f"{A}:6: category: unknown category 'Hoạt động' (did you mean hoat-dong?); "
        "see content/data/categories.yaml"
    ) in found
    assert (
        f"{A}:7: province: unknown province 'Tuyên Quang' (did you mean tuyen-quang?); "
        "see content/data/provinces.yaml"
    ) in found


@pytest.mark.parametrize(
    ("written", "code"),
    [("Lào", "LA"), ("Laos", "LA"), ("Hàn Quốc", "KR"), ("Mỹ", "US"), ("Thai Lan", "TH"),
     ("Germany", "DE"), ("Na Uy", "NO"), ("Norwey", "NO")],
)  # fmt: skip
def test_a_country_by_its_name_gets_its_code(site: Site, written: str, code: str) -> None:
    site.write(P, PARTNERS_YAML.replace("country: KR", f'country: "{written}"'))
    assert errors(site, "en") == [
        f"{P}:4: partners[0].country: '{written}' is not an ISO 3166-1 alpha-2 country code "
        f'(did you mean {code}?): write two capital letters in quotes, e.g. "KR"'
    ]
    assert errors(site, "vi") == [
        f"{P}:4: partners[0].country: '{written}' không phải mã quốc gia ISO 3166-1 alpha-2 "
        f'(có phải là {code}?): viết hai chữ in hoa trong dấu nháy, ví dụ "KR"'
    ]
