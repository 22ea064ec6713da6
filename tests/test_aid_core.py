"""The aid core against hand-computed values, and properties of every total it makes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from aid.conversion import to_usd, to_vnd
from aid.figures import Figure
from aid.money import money_full, money_short, percent, period_label
from aid.tables import addable, build_tables, by_kind, by_partner, by_sector, by_year
from content_model.values import Money, Period, parse_period

RATES = {"USD": {2019: Decimal(23050), 2022: Decimal(23271)}, "EUR": {2022: Decimal(24500)}}


def fig(
    period: str,
    province: str = "tuyen-quang",
    partner: str | None = None,
    committed: int | None = None,
    disbursed: int | None = None,
    projects: int | None = None,
    sector: str | None = None,
    kind: str | None = None,
    story: str = "s",
    index: int = 0,
) -> Figure:
    p = parse_period(period)
    c = Decimal(committed) if committed is not None else None
    d = Decimal(disbursed) if disbursed is not None else None
    return Figure(
        story=story, index=index, period=p, province=province, partner=partner,
        projects=projects, donors=None,
        committed=Money(c, "USD") if c is not None else None,
        disbursed=Money(d, "USD") if d is not None else None,
        plan=None, plan_rate=None, kind=kind, sector=sector,
        committed_usd=c, disbursed_usd=d, plan_usd=None,
    )  # fmt: skip


def test_conversions_use_the_rate_of_the_year() -> None:
    vnd = Money(Decimal(16104216000), "VND")
    assert to_usd(vnd, 2022, RATES).quantize(Decimal("0.01")) == Decimal("692029.39")
    assert to_usd(Money(Decimal(1000), "EUR"), 2022, RATES).quantize(Decimal("0.01")) == (
        Decimal("1052.81")
    )
    assert to_vnd(Money(Decimal(9020000), "USD"), 2019, RATES) == Decimal(207911000000)
    assert to_usd(Money(Decimal(15200000), "USD"), 2019, RATES) == Decimal(15200000)


def test_rates_of_a_figure() -> None:
    f = fig("2014-2019", committed=15200000, disbursed=9020000)
    assert f.disbursement_rate.quantize(Decimal("0.01")) == Decimal("59.34")
    assert fig("2022", committed=100).disbursement_rate is None


def test_money_as_people_read_it() -> None:
    assert money_short(Decimal(15200000), "USD", "vi") == "15,2 triệu USD"
    assert money_short(Decimal(15200000), "USD", "en") == "USD 15.2 million"
    assert money_short(Decimal(9020000), "USD", "vi") == "9,02 triệu USD"
    assert money_full(Decimal(16104216000), "VND", "vi") == "16.104.216.000 VNĐ"
    assert money_full(Decimal(16104216000), "VND", "en") == "VND 16,104,216,000"
    assert money_short(Decimal(207000000000), "VND", "vi") == "207 tỷ đồng"
    assert money_short(Decimal(16104216000), "VND", "en") == "VND 16.1 billion"
    assert money_short(Decimal("692029.39"), "USD", "vi") == "692.029 USD"
    assert percent(Decimal("81.8"), "vi") == "81,8%"
    assert percent(Decimal("81.8"), "en") == "81.8%"


def test_period_labels() -> None:
    assert period_label(parse_period("2014-2019"), "vi") == "2014–2019"
    assert period_label(parse_period("2022-01/2022-09"), "vi") == "tháng 1–9/2022"
    assert period_label(parse_period("2022-01/2022-09"), "en") == "Jan–Sep 2022"
    assert period_label(parse_period("2021-10/2022-03"), "en") == "Oct 2021–Mar 2022"
    assert period_label(parse_period("2022"), "en") == "2022"
    assert period_label(parse_period("2023-01/2023-01"), "vi") == "tháng 1/2023"
    assert period_label(parse_period("2023-01/2023-01"), "en") == "Jan 2023"


def test_overlapping_periods_of_one_scope_are_not_added() -> None:
    long = fig("2006-2013", province="thai-nguyen", committed=23000000, story="tn", index=2)
    year = fig("2010", province="thai-nguyen", committed=5100000, story="tn", index=1)
    early = fig("1997-2002", province="thai-nguyen", committed=2100000, story="tn", index=0)
    total = addable([year, long, early], key=lambda f: f.scope)
    assert total.parts == (early, long)
    assert total.excluded == (year,)
    assert total.committed_usd == Decimal(25100000)


def test_by_year_adds_provinces_but_not_overlaps() -> None:
    figures = [
        fig("2022", province="yen-bai", committed=1404155, projects=21),
        fig("2022-01/2022-09", province="yen-bai", committed=500000, index=1),
        fig("2022-01/2022-09", province="tra-vinh", committed=692029, disbursed=703076,
            projects=21),
        fig("2014-2019", committed=15200000),  # longer than a year: not in the yearly table
        fig("2022", province="yen-bai", partner="gni", committed=1000),  # a partner share
        fig("2022", province="yen-bai", sector="12220", committed=80466),  # a breakdown
    ]  # fmt: skip
    (year,) = by_year(figures)
    assert year.year == 2022
    assert year.sum.committed_usd == Decimal(1404155 + 692029)
    assert year.sum.projects == 42
    assert [f.province for f in year.sum.excluded] == ["yen-bai"]
    assert year.sum.disbursed_usd == Decimal(703076)
    assert year.sum.disbursement_rate == Decimal(703076) / Decimal(692029) * 100


def test_partner_kind_and_sector_tables() -> None:
    figures = [
        fig("2014-2019", partner="gni", projects=15),
        fig("2020", partner="gni", projects=3, index=1),
        fig("2014-2019", partner="prcf", projects=5, index=2),
        fig("2022", province="yen-bai", sector="12220", committed=80466, projects=2),
        fig("2010-2015", province="thai-nguyen", sector="12220", kind="non-project",
            disbursed=184352),
    ]  # fmt: skip
    gni, prcf = by_partner(figures)
    assert (gni.partner, gni.total.projects, prcf.total.projects) == ("gni", 18, 5)
    (health,) = by_sector(figures)
    assert health.key == "12220"
    assert health.sum.committed_usd == Decimal(80466)
    assert health.sum.disbursed_usd == Decimal(184352)
    (non_project,) = by_kind(figures)
    assert non_project.key == "non-project" and len(non_project.rows) == 1


def test_headline_prefers_the_sites_province() -> None:
    figures = [
        fig("2014-2019", committed=15200000, story="tq"),
        fig("2022", province="yen-bai", committed=1404155, story="yb"),
    ]
    assert build_tables(figures, "tuyen-quang").headline.story == "tq"
    assert build_tables(figures, "cao-bang").headline.story == "yb"


def test_the_same_figure_in_two_stories_is_one_row() -> None:
    a = fig("2014-2019", committed=15200000, story="a")
    b = fig("2014-2019", committed=15200000, story="b")
    c = fig("2014-2019", committed=15000000, story="c")
    rows = build_tables([a, b, c], "tuyen-quang").by_period_and_province
    assert [(r.stories, r.overlaps) for r in rows] == [(["a", "b"], True), (["c"], True)]


# --- properties -----------------------------------------------------------------------------


@st.composite
def figures(draw: st.DrawFn) -> list[Figure]:
    out = []
    for i in range(draw(st.integers(0, 25))):
        y1 = draw(st.integers(2000, 2010))
        y2 = draw(st.integers(y1, 2011))
        if draw(st.booleans()):
            m1, m2 = draw(st.integers(1, 12)), draw(st.integers(1, 12))
            if y1 == y2 and m1 > m2:
                m1, m2 = m2, m1
            period = f"{y1}-{m1:02d}/{y2}-{m2:02d}"
        else:
            period = f"{y1}-{y2}" if y2 > y1 else str(y1)
        amount = st.none() | st.integers(0, 10**12)
        out.append(
            fig(
                period,
                province=draw(st.sampled_from(["a", "b", "c"])),
                partner=draw(st.sampled_from([None, None, "p1", "p2"])),
                committed=draw(amount),
                disbursed=draw(amount),
                projects=draw(st.none() | st.integers(0, 50)),
                sector=draw(st.sampled_from([None, None, "12220", "11110"])),
                kind=draw(st.sampled_from([None, None, "project"])),
                story=f"s{i % 5}",
                index=i,
            )
        )
    return out


def _check_sum(total, key, source: list[Figure]) -> None:
    parts, excluded = list(total.parts), list(total.excluded)
    assert sorted(f.id for f in parts + excluded) == sorted(f.id for f in source)
    for measure in ("committed_usd", "disbursed_usd"):
        values = [getattr(f, measure) for f in parts if getattr(f, measure) is not None]
        assert getattr(total, measure) == (sum(values, Decimal(0)) if values else None)
    counted = [f.projects for f in parts if f.projects is not None]
    assert total.projects == (sum(counted) if counted else None)
    for i, f in enumerate(parts):  # never two overlapping periods of one scope added
        for g in parts[i + 1 :]:
            assert not (key(f) == key(g) and f.period.overlaps(g.period))
    for f in excluded:  # and nothing left out without a reason
        assert any(key(f) == key(g) and f.period.overlaps(g.period) for g in parts)


@settings(max_examples=200, deadline=None)
@given(figures())
def test_every_total_is_the_sum_of_what_it_contains(figs: list[Figure]) -> None:
    tables = build_tables(figs, "a")
    for year in tables.by_year:
        source = [
            f for f in figs
            if f.partner is None and f.is_total
            and f.period.start.year == f.period.end.year == year.year
        ]  # fmt: skip
        _check_sum(year.sum, lambda f: f.scope, source)
    for table in tables.by_partner:
        source = [f for f in figs if f.partner == table.partner]
        _check_sum(table.total, lambda f: (f.scope, f.sector, f.kind), source)
        assert {r.figure.id for r in table.rows} <= {f.id for f in source}
    for group in tables.by_sector:
        _check_sum(group.sum, lambda f: f.scope, [f for f in figs if f.sector == group.key])
    for group in tables.by_kind:
        _check_sum(group.sum, lambda f: f.scope, [f for f in figs if f.kind == group.key])
    shown = [f.id for r in tables.by_period_and_province for f in (r.figure, *r.same)]
    assert sorted(shown) == sorted(f.id for f in figs if f.partner is None and f.is_total)


def test_period_overlap_is_symmetric_and_inclusive() -> None:
    a = Period("2010", date(2010, 1, 1), date(2010, 12, 31))
    b = Period("2010-2013", date(2010, 1, 1), date(2013, 12, 31))
    c = Period("2011", date(2011, 1, 1), date(2011, 12, 31))
    assert a.overlaps(b) and b.overlaps(a) and b.overlaps(c)
    assert not a.overlaps(c) and not c.overlaps(a)


PERIODS = ["2019", "2020", "2019-2021", "2021-2022", "2022-01/2022-06", "2022-07/2022-12"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PERIODS), st.sampled_from([None, "edu", "health"]))))
def test_a_row_is_marked_overlapping_when_another_row_of_its_kind_overlaps_it(cases) -> None:
    figures = [
        fig(period, partner="gni", committed=100 + i, sector=sector, story=f"s{i}")
        for i, (period, sector) in enumerate(cases)
    ]
    rows = by_partner(figures)[0].rows if figures else []
    for row in rows:  # against every pair compared, as the tables once did
        f = row.figure
        expected = any(
            o.figure is not f
            and (o.figure.scope, o.figure.sector, o.figure.sector_label, o.figure.kind)
            == (f.scope, f.sector, f.sector_label, f.kind)
            and o.figure.period.overlaps(f.period)
            for o in rows
        )
        assert row.overlaps == expected
