"""Every validation rule: bad content in, the exact error line out (PATH:LINE: FIELD: MESSAGE)."""

from __future__ import annotations

import pytest

from conftest import Site, story
from content_model.project import load_project


def errors_of(site: Site) -> list[str]:
    return load_project(site.root)[1].lines()


A = "content/articles/a.vi.md"

# (front matter lines after `category:` on line 6, expected error lines)
STORY_CASES = {
    "unknown field with hint": (
        "tag: [x]",
        [f"{A}:7: tag: unknown field 'tag' (did you mean tags?)"],
    ),
    "colon in unquoted title": (
        None,  # whole file below
        [
            f"{A}:2: yaml: a colon followed by a space inside a value: put the value in "
            'double quotes, e.g. title: "Hội nghị: kết quả"'
        ],
    ),
    "number as text": (
        'aid:\n  - period: "2022"\n    committed: {value: "16.104.216.000", currency: VND}',
        [
            f"{A}:9: aid[0].committed.value: must be a plain number without quotes or "
            "separators: write 16104216000"
        ],
    ),
    "negative amount": (
        'aid:\n  - period: "2022"\n    disbursed: {value: -5, currency: USD}',
        [f"{A}:9: aid[0].disbursed.value: must not be negative (0 or more)"],
    ),
    "unknown currency": (
        'aid:\n  - period: "2022"\n    committed: {value: 5, currency: VNĐ}',
        [
            f"{A}:9: aid[0].committed.currency: unknown currency 'VNĐ' (did you mean VND, "
            "VNN, VED?): write an ISO 4217 code such as VND, USD, EUR"
        ],
    ),
    "reversed period": (
        'aid:\n  - period: "2019-2014"\n    projects: 84',
        [f'{A}:8: aid[0].period: the period starts after it ends: write "2014-2019"'],
    ),
    "reversed month period": (
        'aid:\n  - period: "2022-09/2022-01"\n    projects: 8',
        [f'{A}:8: aid[0].period: the period starts after it ends: write "2022-01/2022-09"'],
    ),
    "bad period": (
        'aid:\n  - period: "Q3 2022"\n    projects: 8',
        [f'{A}:8: aid[0].period: not a period: write "2019", "2014-2019" or "2022-01/2022-09"'],
    ),
    "negative plan rate": (
        'aid:\n  - period: "2022"\n    projects: 21\n    plan_rate: -81.8',
        [f"{A}:10: aid[0].plan_rate: a percentage must not be negative (write e.g. 81.8)"],
    ),
    "empty figure": (
        'aid:\n  - period: "2022"\n    donors: 8',
        [f"{A}:8: aid[0]: give at least one of projects, committed, disbursed, reported"],
    ),
    "unknown approx word": (
        'aid:\n  - period: "2010"\n    reported: {value: 5100000, currency: USD, approx: tren}',
        [
            f"{A}:9: aid[0].reported.approx: unknown approx qualifier 'tren'; use one of: "
            "over, about, nearly, under"
        ],
    ),
    "per_year written yes": (
        'aid:\n  - period: "2011-2016"\n    per_year: yes\n'
        "    reported: {value: 2900000, currency: USD}",
        [f"{A}:9: aid[0].per_year: write true, or remove the line"],
    ),
    "reported alone is a figure": (
        'aid:\n  - period: "2016-01/2016-06"\n    reported: {value: 3033296, currency: USD}',
        [],
    ),
    "reported amount needs its rate": (
        'aid:\n  - period: "2016"\n    reported: {value: 4000000000, currency: VND, approx: over}',
        [
            f"{A}:9: aid[0].reported: no exchange rate for USD in 2016: add it to "
            "content/data/exchange-rates.yaml (USD: 2016: VND for one unit)"
        ],
    ),
    "sector label half-translated": (
        'aid:\n  - period: "2022"\n    projects: 2\n    sector_label: {vi: Y tế}',
        [f"{A}:10: aid[0].sector_label: give both vi and en (missing en), or one plain text"],
    ),
    "event known to the month and year": (
        "events:\n  - date: 2022-09\n    title: Ký kết\n    kind: signing\n"
        "  - date: 2016\n    end: 2017\n    title: Hội nghị\n    kind: conference",
        [],
    ),
    "event month written the Vietnamese way": (
        'events:\n  - date: "9/2022"\n    title: Ký kết\n    kind: signing',
        [f"{A}:8: events[0].date: '9/2022' is not a date: write 2022-09"],
    ),
    "event day written the Vietnamese way": (
        'events:\n  - date: "12/5/2024"\n    title: Ký kết\n    kind: signing',
        [f"{A}:8: events[0].date: '12/5/2024' is not a date: write 2024-05-12"],
    ),
    "event month 13": (
        "events:\n  - date: 2022-13\n    title: Ký kết\n    kind: signing",
        [
            f"{A}:8: events[0].date: '2022-13' is not a date: write 2019-09-20, or 2019-09 "
            "when the source gives only the month, or 2019 when it gives only the year"
        ],
    ),
    "partial end before a partial date": (
        "events:\n  - date: 2022-09\n    end: 2022-08\n    title: Ký kết\n    kind: signing",
        [f"{A}:8: events[0]: end (2022-08) is before date (2022-09)"],
    ),
    "donors on a partner figure": (
        'aid:\n  - period: "2022"\n    partner: gni\n    projects: 3\n    donors: 1',
        [f"{A}:8: aid[0]: donors is for totals only: remove donors, or remove partner"],
    ),
    "plan and plan_rate": (
        'aid:\n  - period: "2022"\n    projects: 3\n    plan: {value: 5, currency: USD}\n'
        "    plan_rate: 80",
        [f"{A}:8: aid[0]: give plan or plan_rate, not both"],
    ),
    "projects as text": (
        'aid:\n  - period: "2022"\n    projects: "21"',
        [f"{A}:9: aid[0].projects: must be a plain number, not text: write 21"],
    ),
    "sector without quotes": (
        'aid:\n  - period: "2022"\n    projects: 2\n    sector: 12220',
        [f'{A}:10: aid[0].sector: write the code in quotes: "12220"'],
    ),
    "unknown aid kind": (
        'aid:\n  - period: "2022"\n    projects: 2\n    kind: grant',
        [
            f"{A}:10: aid[0].kind: unknown aid kind 'grant'; use one of: programme, project, "
            "non-project"
        ],
    ),
    "missing exchange rate": (
        'aid:\n  - period: "2016"\n    committed: {value: 4000000000, currency: VND}',
        [
            f"{A}:9: aid[0].committed: no exchange rate for USD in 2016: add it to "
            "content/data/exchange-rates.yaml (USD: 2016: VND for one unit)"
        ],
    ),
    "missing rate of a third currency": (
        'aid:\n  - period: "2019"\n    committed: {value: 10, currency: EUR}',
        [
            f"{A}:9: aid[0].committed: no exchange rate for EUR in 2019: add it to "
            "content/data/exchange-rates.yaml (EUR: 2019: VND for one unit)"
        ],
    ),
    "unknown partner": (
        "partners: [gnii]",
        [
            f"{A}:7: partners[0]: unknown partner 'gnii' (did you mean gni?); "
            "see content/data/partners.yaml"
        ],
    ),
    "unknown partner in aid": (
        'aid:\n  - period: "2022"\n    partner: norrad\n    projects: 1',
        [
            f"{A}:9: aid[0].partner: unknown partner 'norrad' (did you mean norad?); "
            "see content/data/partners.yaml"
        ],
    ),
    "unknown partner in event": (
        "events:\n  - date: 2022-06-09\n    title: Đại hội\n    kind: congress\n"
        "    partners: [gni, wvi]",
        [f"{A}:11: events[0].partners[1]: unknown partner 'wvi'; see content/data/partners.yaml"],
    ),
    "event ends before it starts": (
        "events:\n  - date: 2019-09-20\n    end: 2019-09-19\n    title: Đại hội\n"
        "    kind: congress",
        [f"{A}:8: events[0]: end (2019-09-19) is before date (2019-09-20)"],
    ),
    "unknown event kind": (
        "events:\n  - date: 2019-09-20\n    title: Họp\n    kind: meeting",
        [
            f"{A}:10: events[0].kind: unknown event kind 'meeting'; use one of: delegation, "
            "visit, conference, congress, exchange, training, handover, signing, medical, "
            "volunteer, other"
        ],
    ),
    "half-translated title": (
        "events:\n  - date: 2019-09-20\n    title: {vi: Đại hội}\n    kind: congress",
        [f"{A}:9: events[0].title: give both vi and en (missing en), or one plain text"],
    ),
    "image without alt": (
        "image:\n  src: images/x.jpg",
        [f"{A}:7: image.alt: required field is missing"],
    ),
    "image file missing": (
        "image:\n  src: images/nope.jpg\n  alt: Ảnh",
        [f"{A}:8: image.src: no file content/images/nope.jpg: the path is relative to content/"],
    ),
    "unknown category": (
        None,
        [
            f"{A}:6: category: unknown category 'hoatdong' (did you mean hoat-dong?); "
            "see content/data/categories.yaml"
        ],
    ),
    "unknown province": (
        "province: yen-bay",
        [
            f"{A}:7: province: unknown province 'yen-bay' (did you mean yen-bai?); "
            "see content/data/provinces.yaml"
        ],
    ),
    "bad status": (
        "status: hidden",
        [f"{A}:7: status: unknown status 'hidden'; use one of: published, draft"],
    ),
    "tags not a list": (
        "tags: 5",
        [f"{A}:7: tags: must be a list (lines starting with '- ')"],
    ),
    "duplicate key": (
        "author: A\nauthor: B",
        [f"{A}:8: author: this key is given twice; keep one"],
    ),
    "NO stays text": (
        "author: NO",
        [],
    ),
}


def _file_for(case: str, extra: str | None) -> str:
    if case == "colon in unquoted title":
        return story("a").replace('title: "Bài a (vi)"', "title: Hội nghị: kết quả")
    if case == "unknown category":
        return story("a", category="hoatdong")
    return story("a", extra=extra or "")


@pytest.mark.parametrize("case", list(STORY_CASES))
def test_story_rule(site: Site, case: str) -> None:
    extra, expected = STORY_CASES[case]
    site.write("content/images/x.jpg", "not really a photo")
    site.add_story("a.vi.md", _file_for(case, extra))
    assert errors_of(site) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "no front matter\n",
            f"{A}:1: front matter: the file must start with a line '---', "
            "then the fields, then a line '---'",
        ),
        ("---\ntitle: x\n", f"{A}:1: front matter: the front matter has no closing line '---'"),
        (
            "---\n- a\n- b\n---\n",
            f"{A}:2: front matter: the front matter must be fields (key: value lines)",
        ),
        (
            "---\ntitle: [a\n---\n",
            f"{A}:2: yaml: not valid YAML: expected ',' or ']', but got "
            "'<stream end>' (while parsing a flow sequence)",
        ),
    ],
)
def test_broken_files(site: Site, text: str, expected: str) -> None:
    site.add_story("a.vi.md", text)
    assert expected in errors_of(site)


def test_missing_required_fields(site: Site) -> None:
    site.add_story("a.vi.md", "---\ntitle: x\n---\n")
    assert errors_of(site) == [
        f"{A}:2: category: required field is missing",
        f"{A}:2: date: required field is missing",
        # no lang: the file name a.vi.md gives it (the editors' desk writes no lang field)
        f"{A}:2: slug: required field is missing",
    ]


def test_bad_slug_lang_and_date(site: Site) -> None:
    site.add_story(
        "a.vi.md",
        '---\ntitle: x\ndate: 2022-13-01\nlang: fr\nslug: "Đà Lạt"\ncategory: hoat-dong\n---\n',
    )
    assert errors_of(site) == [
        f"{A}:3: date: '2022-13-01' is not a date: write YYYY-MM-DD or 2019-09-20T08:30",
        f"{A}:4: lang: unknown language 'fr'; use one of: vi, en",
        f"{A}:5: slug: 'Đà Lạt' is not a slug: use lowercase a-z, 0-9 and single hyphens, "
        "e.g. dai-hoi-hoi-huu-nghi-viet-lao",
    ]


def test_not_utf8(site: Site) -> None:
    path = site.root / "content/articles/a.vi.md"
    path.write_bytes(story("a").encode("utf-8") + "Hà Nội".encode("latin-1", "replace"))
    assert errors_of(site) == [f"{A}:9: encoding: not UTF-8 text: save the file as UTF-8"]


def test_decomposed_text_is_normalised(site: Site) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Hội hữu nghị")
    site.add_story("a.vi.md", story("a", title=decomposed, body=decomposed))
    project, report = load_project(site.root)
    assert not report
    f = project.files[0]
    assert f.front.title == "Hội hữu nghị" == unicodedata.normalize("NFC", f.front.title)
    assert f.body.strip() == "Hội hữu nghị"


def test_two_versions_in_one_language(site: Site) -> None:
    site.add_story("a.vi.md", story("a"))
    site.add_story("b.vi.md", story("a"))
    assert errors_of(site) == [
        "content/articles/b.vi.md:5: slug: content/articles/a.vi.md is already the vi version "
        "of story 'a': give this story another slug, or change lang if it is the other "
        "language version"
    ]


def test_translations_that_disagree_name_both_files(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra='aid:\n  - period: "2022"\n    projects: 21'))
    site.add_story("a.en.md", story("a", "en", extra='aid:\n  - period: "2022"\n    projects: 12'))
    assert errors_of(site) == [
        "content/articles/a.vi.md:7: aid: differs from content/articles/a.en.md:7; "
        "story data must be equal in every version: write it in one version only"
    ]


def test_translations_may_repeat_equal_data(site: Site) -> None:
    data = 'partners: [gni]\naid:\n  - period: "2022"\n    projects: 21'
    site.add_story("a.vi.md", story("a", extra=data))
    site.add_story("a.en.md", story("a", "en", extra=data))
    project, report = load_project(site.root)
    assert not report
    assert project.stories["a"].partners == ["gni"]
    assert project.stories["a"].aid[0].projects == 21


def test_story_data_in_one_version_is_shared(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra="partners: [gni]\nprovince: yen-bai"))
    site.add_story("a.en.md", story("a", "en"))
    project, report = load_project(site.root)
    assert not report
    assert project.stories["a"].partners == ["gni"]
    assert project.stories["a"].province == "yen-bai"


# --- data files ---------------------------------------------------------------------------

DATA_CASES = {
    "partners: duplicate id, bad type, bad country": (
        "content/data/partners.yaml",
        "- id: gni\n  name: GNI\n  country: KR\n  type: ingo\n"
        "- id: gni\n  name: Other\n  country: XX\n  type: goverment\n",
        [
            "content/data/partners.yaml:5: partners[1].id: duplicate partner id 'gni' "
            "(first at line 1)",
            "content/data/partners.yaml:7: partners[1].country: 'XX' is not an ISO 3166-1 "
            'alpha-2 country code: write two capital letters in quotes, e.g. "KR"',
            "content/data/partners.yaml:8: partners[1].type: unknown partner type 'goverment' "
            "(did you mean government?); use one of: ingo, friendship-association, locality, "
            "embassy, company, university, government, multilateral, other",
        ],
    ),
    "partners: bad website, year and sector": (
        "content/data/partners.yaml",
        "- id: gni\n  name: GNI\n  country: KR\n  type: ingo\n  website: www.gni.org\n"
        "  since: 208\n  sectors: [12220]\n",
        [
            "content/data/partners.yaml:5: partners[0].website: a web address starting with "
            "https://",
            "content/data/partners.yaml:6: partners[0].since: a year such as 2008",
            "content/data/partners.yaml:7: partners[0].sectors[0]: write the code in quotes: "
            '"12220"',
        ],
    ),
    "site: missing field": (
        "content/data/site.yaml",
        "name: X\nshort_name: X\nprovince: tuyen-quang\naddress: A\nphone: P\nbulletin: B\n",
        ["content/data/site.yaml:1: email: required field is missing"],
    ),
    "site: unknown province": (
        "content/data/site.yaml",
        "name: X\nshort_name: X\nprovince: tuyen-quan\naddress: A\nphone: P\nemail: E\n"
        "bulletin: B\n",
        [
            "content/data/site.yaml:3: province: unknown province 'tuyen-quan': add it to "
            "provinces.yaml (did you mean tuyen-quang?)"
        ],
    ),
    "categories: bad key and half name": (
        "content/data/categories.yaml",
        "hoat-dong:\n  name: {vi: Hoạt động, en: Activities}\nTin Tức:\n  name: {en: News}\n",
        [
            "content/data/categories.yaml:3: Tin Tức: 'Tin Tức' is not a key: use lowercase "
            "a-z, 0-9 and hyphens, e.g. hoat-dong",
            "content/data/categories.yaml:4: Tin Tức.name: give both vi and en (missing vi), "
            "or one plain text",
        ],
    ),
    "provinces: unknown merged_into, bad until": (
        "content/data/provinces.yaml",
        "tuyen-quang:\n  name: Tuyên Quang\nyen-bai:\n  name: Yên Bái\n  merged_into: lao-kai\n"
        "  until: 30/06/2025\n",
        [
            # a Vietnamese day/month/year date: the day it means, in the form to write
            "content/data/provinces.yaml:6: yen-bai.until: '30/06/2025' is not a date: write "
            "2025-06-30",
        ],
    ),
    "provinces: merged into an unknown province": (
        "content/data/provinces.yaml",
        "tuyen-quang:\n  name: Tuyên Quang\nyen-bai:\n  name: Yên Bái\n  merged_into: lao-kai\n",
        [
            "content/data/provinces.yaml:5: yen-bai.merged_into: unknown province 'lao-kai'",
        ],
    ),
    "rates: unknown currency, zero and text": (
        "content/data/exchange-rates.yaml",
        'USD:\n  2019: 23050\n  2022: 0\nUSDT:\n  2022: 1\nEUR:\n  2022: "26.000"\n',
        [
            "content/data/exchange-rates.yaml:3: USD.2022: a rate must be more than 0: VND for "
            "one unit, e.g. 23050",
            "content/data/exchange-rates.yaml:4: USDT: unknown currency 'USDT' (did you mean "
            "USD?): write an ISO 4217 code such as VND, USD, EUR",
            "content/data/exchange-rates.yaml:7: EUR.2022: must be a plain number without "
            "quotes or separators: write 26000",
        ],
    ),
    "missing data file": (
        "content/data/categories.yaml",
        None,
        ["content/data/categories.yaml:1: file: missing file: see docs/ for what it contains"],
    ),
}


@pytest.mark.parametrize("case", list(DATA_CASES))
def test_data_file_rule(site: Site, case: str) -> None:
    rel, text, expected = DATA_CASES[case]
    if text is None:
        (site.root / rel).unlink()
    else:
        site.write(rel, text)
    assert errors_of(site) == expected


def test_country_no_is_norway(site: Site) -> None:
    project, report = load_project(site.root)
    assert not report
    assert project.data.partners_by_id["norad"].country == "NO"


def test_all_errors_of_a_build_at_once(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra="partners: [x1]"))
    site.add_story("b.vi.md", story("b", extra="status: secret"))
    site.write("content/data/partners.yaml", "- id: gni\n  name: G\n  country: ZZ\n  type: ingo\n")
    lines = errors_of(site)
    assert len(lines) == 3
    assert [line.split(":")[0] for line in lines] == [
        "content/articles/a.vi.md",
        "content/articles/b.vi.md",
        "content/data/partners.yaml",
    ]


def test_time_without_seconds_is_a_date(site: Site) -> None:
    site.add_story("a.vi.md", story("a", date="2019-09-20T08:30"))
    project, report = load_project(site.root)
    assert report.lines() == []
    assert project.files[0].front.date.isoformat() == "2019-09-20T08:30:00+07:00"


def test_grouped_number_read_as_fraction(site: Site) -> None:
    site.add_story(
        "a.vi.md", story("a", extra='aid:\n  - period: "2022"\n    committed: {value: 457.250, '
                                   "currency: USD}"),
    )  # fmt: skip
    assert errors_of(site) == [  # 457.25 USD and 457250 USD are both plausible: no number
        f"{A}:9: aid[0].committed.value: '457.250' can be read as 457250 or as 457.25: write "
        "the number meant without separators, with a dot before decimals"
    ]


def test_photos_live_in_content_images(site: Site) -> None:
    site.write("content/photos/x.jpg", "not really a photo")
    site.add_story("a.vi.md", story("a", extra="image:\n  src: photos/x.jpg\n  alt: Ảnh"))
    assert errors_of(site) == [
        f"{A}:8: image.src: photos go in content/images/: move the file there, write images/..."
    ]


def test_suggestions_ignore_case(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra="partners: [GNI]"))
    assert errors_of(site) == [
        f"{A}:7: partners[0]: 'GNI' is not a partner id: use lowercase a-z, 0-9 and hyphens",
        f"{A}:7: partners[0]: unknown partner 'GNI' (did you mean gni?); "
        "see content/data/partners.yaml",
    ]


def test_summary_is_markdown(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra='summary: "Hội nghị **lần thứ II**"'))
    assert site.build() == 0
    html = site.page("tin-tuc/a/").html
    assert "<strong>lần thứ II</strong>" in html and "**" not in html


def test_number_with_commas_in_a_flow_mapping(site: Site) -> None:
    site.add_story(
        "a.vi.md",
        story("a", extra='aid:\n  - period: "2022"\n    committed: {value: 16,104,216,000, '
                         "currency: VND}"),
    )  # fmt: skip
    assert errors_of(site) == [
        f"{A}:9: aid[0].committed.value: a number with commas inside {{ }} was cut at the "
        "commas: write 16104216000 (no separators)"
    ]


def test_a_new_process_parses_only_the_stories_that_changed(site: Site, monkeypatch) -> None:
    """Parsed stories are kept in .cache/ by the hash of their bytes: `make check` and
    `make site` validate again only what changed. References to data files are checked
    every time, and a story with errors is reported every time."""
    from content_model import parsed_cache, reading

    site.add_story("a.vi.md", story("a", extra="partners: [gni]"))
    site.add_story("b.vi.md", story("b"))
    site.add_story("c.vi.md", story("c", extra="tags: 3"))  # an error
    first = load_project(site.root, save_parsed=True)[1].lines()
    assert len(first) == 1 and "c.vi.md" in first[0]

    parsed: list[str] = []
    real = reading.load_yaml

    def spy(text: str, *args, **kwargs):
        parsed.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(reading, "load_yaml", spy)
    site.add_story("b.vi.md", story("b", title="Bài b đã sửa"))
    site.write("content/data/partners.yaml", "[]\n")  # gni is gone
    _, report = load_project(site.root)
    stories = [t for t in parsed if "slug:" in t]
    assert len(stories) == 2 and "Bài b đã sửa" in stories[0] and "tags: 3" in stories[1]
    lines = report.lines()
    assert any("a.vi.md" in line and "unknown partner 'gni'" in line for line in lines)
    assert any("c.vi.md" in line for line in lines)

    monkeypatch.setattr(parsed_cache, "code_version", lambda: "another version of the code")
    parsed.clear()
    load_project(site.root)
    assert len([t for t in parsed if "slug:" in t]) == 3  # new code parses everything again
