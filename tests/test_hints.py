"""A hint never changes a value's meaning: each slip editors make with amounts is fed to the
checker, the hint is followed literally (the value replaced by what it says to write), and
the figure that results must be the one the editor meant. When the meaning cannot be known,
no number is suggested at all; an implausible amount names the likely slip."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import Site, story
from content_model.project import load_project

A = "content/articles/a.vi.md"
HINT = {"en": re.compile(r"\bwrite (-?\d[\d.]*)"), "vi": re.compile(r"\bviết (-?\d[\d.]*)")}
APPROX = re.compile(r"\bapprox: (\w+)$")  # "... and add approx: over", in either language

# (what the editor typed as the amount, its currency, the amount they meant)
SLIPS = [
    ("1,250,000,000", "VND", "1250000000"),  # English grouping
    ("1.250.000.000", "VND", "1250000000"),  # Vietnamese grouping
    ('"16.104.216.000"', "VND", "16104216000"),  # quoted, as pasted from a report
    ("1 250 000 000 đồng", "VND", "1250000000"),
    ("250.000.000 đ", "VND", "250000000"),
    ("1,25 tỷ", "VND", "1250000000"),  # words of magnitude: tỷ, triệu, nghìn/ngàn
    ("1,25 tỉ đồng", "VND", "1250000000"),
    ("2,5 triệu", "VND", "2500000"),
    ("2,5 tr", "VND", "2500000"),
    ("3 tỷ 200 triệu", "VND", "3200000000"),
    ("750 nghìn USD", "USD", "750000"),
    ("750 ngàn", "USD", "750000"),
    ("15,2 triệu USD", "USD", "15200000"),
    ("USD 15.2 million", "USD", "15200000"),
    ("1 404 155 USD", "USD", "1404155"),
    ("1.404.155,5", "USD", "1404155.5"),
    ("1,404,155.5", "USD", "1404155.5"),
    ("1.250", "USD", "1250"),  # 1.25 USD is not aid: only 1250 is plausible
    ("26.000", "EUR", "26000"),  # three zeros are never decimals
]


def _story(value: str, currency: str, flow: bool, approx: str | None = None) -> str:
    if flow:
        more = f", approx: {approx}" if approx else ""
        amount = f"    committed: {{value: {value}, currency: {currency}{more}}}"
    else:
        more = f"\n      approx: {approx}" if approx else ""
        amount = f"    committed:\n      value: {value}\n      currency: {currency}{more}"
    return story("a", extra=f'aid:\n  - period: "2022"\n{amount}')


def _errors(site: Site, lang: str) -> list[str]:
    return load_project(site.root)[1].lines(lang)


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
@pytest.mark.parametrize(("typed", "currency", "meant"), SLIPS, ids=[s[0] for s in SLIPS])
def test_following_the_hint_gives_the_figure_meant(
    site: Site, typed: str, currency: str, meant: str, flow: bool
) -> None:
    site.add_story("a.vi.md", _story(typed, currency, flow))
    hints = {}
    for lang in ("en", "vi"):
        errors = _errors(site, lang)
        assert len(errors) == 1, errors
        assert errors[0].startswith(f"{A}:{9 if flow else 10}: aid[0].committed.value: ")
        hints[lang] = HINT[lang].findall(errors[0])
    assert hints["en"] == hints["vi"] and len(hints["en"]) == 1, hints
    assert not APPROX.search(errors[0])  # no qualifier typed: none suggested

    site.add_story("a.vi.md", _story(hints["en"][0], currency, flow))  # literally
    project, report = load_project(site.root)
    assert report.lines() == []
    assert project.files[0].front.aid[0].committed.value == Decimal(meant)


# (typed with the source's qualifier, currency, the amount meant, its approx)
QUALIFIED = [
    ("trên 5,1 triệu USD", "USD", "5100000", "over"),  # "trên/hơn 5,1 triệu USD"
    ("hơn 200 triệu đồng", "VND", "200000000", "over"),
    ("khoảng 2,5 tỷ", "VND", "2500000000", "about"),
    ("gần 3 tỷ 200 triệu", "VND", "3200000000", "nearly"),
    ("dưới 1.000.000.000 đ", "VND", "1000000000", "under"),
    ("about USD 2.9 million", "USD", "2900000", "about"),
]


@pytest.mark.parametrize(("typed", "currency", "meant", "approx"), QUALIFIED)
def test_a_qualified_amount_gets_its_number_and_its_approx(
    site: Site, typed: str, currency: str, meant: str, approx: str
) -> None:
    site.add_story("a.vi.md", _story(typed, currency, flow=True))
    (en,) = _errors(site, "en")
    (vi,) = _errors(site, "vi")
    assert en == (
        f"{A}:9: aid[0].committed.value: must be a plain number, and the source's qualifier "
        f"goes in approx: write {meant} and add approx: {approx}"
    )
    assert HINT["vi"].findall(vi) == [meant] and APPROX.findall(vi) == [approx]
    # followed literally: the number as value, the qualifier as approx
    site.add_story("a.vi.md", _story(meant, currency, flow=True, approx=approx))
    project, report = load_project(site.root)
    assert report.lines() == []
    amount = project.files[0].front.aid[0].committed
    assert (amount.value, amount.approx) == (Decimal(meant), approx)


# (typed, currency, the two readings named): no single number can be suggested
AMBIGUOUS = [
    ("1,250", "EUR", "1250", "1.25"),  # English grouping, or a Vietnamese decimal comma
    ("1.250", "EUR", "1250", "1.25"),
    ("1.250 tỷ", "VND", "1250000000000", "1250000000"),
]


@pytest.mark.parametrize(("typed", "currency", "big", "small"), AMBIGUOUS)
def test_a_number_read_two_ways_gets_no_number_but_both_readings(
    site: Site, typed: str, currency: str, big: str, small: str
) -> None:
    site.add_story("a.vi.md", _story(typed, currency, flow=True))
    assert _errors(site, "en") == [
        f"{A}:9: aid[0].committed.value: '{typed}' can be read as {big} or as {small}: write "
        "the number meant without separators, with a dot before decimals"
    ]
    assert _errors(site, "vi") == [
        f"{A}:9: aid[0].committed.value: '{typed}' có thể hiểu là {big} hoặc {small}: viết "
        "đúng số muốn ghi, không có dấu phân cách, dùng dấu chấm trước phần thập phân"
    ]


def test_a_count_is_never_read_with_decimals(site: Site) -> None:
    site.add_story("a.vi.md", story("a", extra='aid:\n  - period: "2022"\n    projects: "1,200"'))
    assert _errors(site, "en") == [
        f"{A}:9: aid[0].projects: must be a plain number, not text: write 1200"
    ]


def test_text_that_is_not_only_a_number_gets_no_number(site: Site) -> None:
    site.add_story("a.vi.md", _story("3 tỷ 200", "VND", flow=True))
    assert _errors(site, "en") == [
        f"{A}:9: aid[0].committed.value: must be a plain number such as 15200000"
    ]


# --- plausibility ------------------------------------------------------------------------

# (typed, currency, the message in en, in vi): no hint, the likely slip named
IMPLAUSIBLE = [
    (
        "1.25",  # meant as 1,25 tỷ
        "VND",
        "1.25 VND is less than 1,000,000 VND, too small for aid: was it written in millions "
        "(triệu) or billions (tỷ)? Write the amount in VND with all its digits; if the "
        "amount is right, add confirmed: true to it",
        "1.25 VND chưa tới 1.000.000 VND, quá nhỏ cho một khoản viện trợ: có phải số đã viết "
        "theo đơn vị triệu hay tỷ? Viết số tiền VND đủ mọi chữ số; nếu số tiền đúng như vậy, "
        "thêm confirmed: true vào số tiền đó",
    ),
    (
        "250000",  # 250 nghìn: in thousands?
        "VND",
        "250000 VND is less than 1,000,000 VND, too small for aid: was it written in "
        "thousands (nghìn)? Write the amount in VND with all its digits; if the amount is "
        "right, add confirmed: true to it",
        "250000 VND chưa tới 1.000.000 VND, quá nhỏ cho một khoản viện trợ: có phải số đã viết "
        "theo đơn vị nghìn? Viết số tiền VND đủ mọi chữ số; nếu số tiền đúng như vậy, thêm "
        "confirmed: true vào số tiền đó",
    ),
    (
        "15.2",  # 15,2 triệu USD
        "USD",
        "15.2 USD is less than 100 USD, too small for aid: was it written in thousands or "
        "millions? Write the amount with all its digits; if the amount is right, add "
        "confirmed: true to it",
        "15.2 USD chưa tới 100 USD, quá nhỏ cho một khoản viện trợ: có phải số đã viết theo "
        "đơn vị nghìn hay triệu? Viết số tiền đủ mọi chữ số; nếu số tiền đúng như vậy, thêm "
        "confirmed: true vào số tiền đó",
    ),
    (
        "16104216000",  # a VND amount with currency USD
        "USD",
        "16104216000 USD is more than 1 billion USD, too large for aid: is it an amount in "
        "VND? Then write currency: VND; if the amount is right, add confirmed: true to it",
        "16104216000 USD hơn 1 tỷ USD, quá lớn cho một khoản viện trợ: có phải đây là số tiền "
        "VND? Nếu vậy, viết currency: VND; nếu số tiền đúng như vậy, thêm confirmed: true vào "
        "số tiền đó",
    ),
    (
        "161042160000000",  # three zeros too many
        "VND",
        "161042160000000 VND is more than 1 billion USD, too large for aid: is a digit typed "
        "twice, or a group of three zeros too many?; if the amount is right, add confirmed: "
        "true to it",
        "161042160000000 VND hơn 1 tỷ USD, quá lớn cho một khoản viện trợ: có chữ số nào bị gõ "
        "hai lần, hay thừa một nhóm ba số 0?; nếu số tiền đúng như vậy, thêm confirmed: true "
        "vào số tiền đó",
    ),
]


@pytest.mark.parametrize(
    ("typed", "currency", "en", "vi"), IMPLAUSIBLE, ids=[i[0] for i in IMPLAUSIBLE]
)
def test_an_implausible_amount_names_the_likely_slip(
    site: Site, typed: str, currency: str, en: str, vi: str
) -> None:
    site.add_story("a.vi.md", _story(typed, currency, flow=True))
    assert _errors(site, "en") == [f"{A}:9: aid[0].committed.value: {en}"]
    assert _errors(site, "vi") == [f"{A}:9: aid[0].committed.value: {vi}"]


def test_confirmed_says_an_unusual_amount_is_meant(site: Site) -> None:
    extra = (
        'aid:\n  - period: "2022"\n    committed: {value: 500000, currency: VND, confirmed: true}'
    )
    site.add_story("a.vi.md", story("a", extra=extra))
    project, report = load_project(site.root)
    assert report.lines() == []
    assert project.files[0].front.aid[0].committed.value == 500000


def test_confirmed_is_true_or_absent(site: Site) -> None:
    extra = 'aid:\n  - period: "2022"\n    committed: {value: 5, currency: USD, confirmed: yes}'
    site.add_story("a.vi.md", story("a", extra=extra))
    assert _errors(site, "en") == [
        f"{A}:9: aid[0].committed.confirmed: write true, or remove the line"
    ]


def test_text_whose_only_reading_is_not_aid_gets_no_number(site: Site) -> None:
    """`1,25` in VND is 1.25 VND: never suggested; the slip is named instead."""
    site.add_story("a.vi.md", _story('"1,25"', "VND", flow=True))
    assert _errors(site, "en") == [
        f"{A}:9: aid[0].committed.value: 1.25 VND is less than 1,000,000 VND, too small for "
        "aid: was it written in millions (triệu) or billions (tỷ)? Write the amount in VND with "
        "all its digits; if the amount is right, add confirmed: true to it"
    ]
    site.add_story("a.vi.md", _story("khoảng 5", "USD", flow=True))
    (line,) = _errors(site, "en")
    assert "5 USD is less than 100 USD" in line and not HINT["en"].search(line)


@pytest.mark.parametrize(
    ("typed", "meant"), [("12/5/2024", "2024-05-12"), ("3.9.2022", "2022-09-03")]
)
def test_a_date_written_the_vietnamese_way_gets_the_day_meant(
    site: Site, typed: str, meant: str
) -> None:
    site.add_story("a.vi.md", story("a", date=typed))
    assert _errors(site, "en") == [f"{A}:3: date: '{typed}' is not a date: write {meant}"]
    assert _errors(site, "vi") == [f"{A}:3: date: '{typed}' không phải ngày: viết {meant}"]
    site.add_story("a.vi.md", story("a", date=meant))  # literally
    project, report = load_project(site.root)
    assert report.lines() == [] and project.files[0].front.date.date().isoformat() == meant
