"""Aggregations of aid figures for the statistics pages, the open data and the bulletin.

Every total is a `Sum` that names exactly the figures it adds (`parts`) and those it had to
leave out (`excluded`): figures of the same scope whose periods overlap are never added
together, so when two of them meet, the longer period is kept and the other is shown as
reported, with a note. Partner shares and breakdowns (sector, kind) are never added to totals.

Contract v2: a `per_year` figure (yearly averages) is never part of a sum; `reported` amounts
are added only to other reported amounts, never to committed or disbursed, and never enter a
rate; a sum that includes an approximate amount carries a qualifier (`combined_approx`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from content_model.values import LText

from .figures import Figure, Mismatch


def combined_approx(qualifiers: Iterable[str | None]) -> str | None:
    """The qualifier of a sum of amounts, some of them qualified: exact + "over" is over;
    "nearly" and "under" only is under (nearly when every one is nearly); any "about", or
    "over" with "under"/"nearly", is about. None when every amount is exact."""
    given = {q for q in qualifiers if q}
    if not given:
        return None
    if given == {"over"}:
        return "over"
    if given == {"nearly"}:
        return "nearly"
    if given <= {"nearly", "under"}:
        return "under"
    return "about"


@dataclass(frozen=True)
class Sum:
    parts: tuple[Figure, ...]
    excluded: tuple[Figure, ...] = ()

    def _usd(self, name: str) -> Decimal | None:
        counted = [v for f in self.parts if (v := getattr(f, f"{name}_usd")) is not None]
        return sum(counted, Decimal(0)) if counted else None

    def _approx(self, name: str) -> str | None:
        return combined_approx(m.approx for f in self.parts if (m := getattr(f, name)) is not None)

    @property
    def reported_usd(self) -> Decimal | None:
        """Amounts the sources call neither committed nor disbursed, added to each other only."""
        return self._usd("reported")

    @property
    def committed_approx(self) -> str | None:
        return self._approx("committed")

    @property
    def disbursed_approx(self) -> str | None:
        return self._approx("disbursed")

    @property
    def reported_approx(self) -> str | None:
        return self._approx("reported")

    @property
    def projects(self) -> int | None:
        counted = [f.projects for f in self.parts if f.projects is not None]
        return sum(counted) if counted else None

    @property
    def committed_usd(self) -> Decimal | None:
        counted = [f.committed_usd for f in self.parts if f.committed_usd is not None]
        return sum(counted, Decimal(0)) if counted else None

    @property
    def disbursed_usd(self) -> Decimal | None:
        counted = [f.disbursed_usd for f in self.parts if f.disbursed_usd is not None]
        return sum(counted, Decimal(0)) if counted else None

    @property
    def disbursement_rate(self) -> Decimal | None:
        """Over the parts that state both amounts, so that the rate compares like with like."""
        both = [f for f in self.parts if f.committed_usd and f.disbursed_usd is not None]
        committed = sum((f.committed_usd for f in both), Decimal(0))
        disbursed = sum((f.disbursed_usd for f in both), Decimal(0))
        return disbursed / committed * 100 if committed else None

    @property
    def stories(self) -> list[str]:
        return sorted({f.story for f in self.parts})

    @property
    def provisional_rate(self) -> int | None:
        """A total that adds an amount at a provisional rate says so (its oldest year)."""
        return min((f.provisional_rate for f in self.parts if f.provisional_rate), default=None)


def _span(f: Figure) -> int:
    return (f.period.end - f.period.start).days


def addable(figures: Iterable[Figure], key: Callable[[Figure], Hashable]) -> Sum:
    """Keep figures that can be added: within one `key` (a scope), no two periods overlap.

    Longer periods first: a report for 2006-2013 wins over one for 2010 in the same scope,
    which is then excluded (shown as reported, not added). Yearly averages (`per_year`) are
    never added to anything: they are left out of the sum altogether.
    """
    kept: dict[Hashable, list[Figure]] = defaultdict(list)
    parts: list[Figure] = []
    excluded: list[Figure] = []
    ordered = sorted(
        (f for f in figures if not f.per_year), key=lambda f: (-_span(f), f.period.start, f.id)
    )
    for f in ordered:
        same_scope = kept[key(f)]
        if any(f.period.overlaps(g.period) for g in same_scope):
            excluded.append(f)
        else:
            same_scope.append(f)
            parts.append(f)
    by_order = lambda f: (f.period.start, f.province, f.partner or "", f.id)  # noqa: E731
    return Sum(tuple(sorted(parts, key=by_order)), tuple(sorted(excluded, key=by_order)))


def totals(figures: Iterable[Figure]) -> list[Figure]:
    """Province totals: no partner, no breakdown."""
    return [f for f in figures if f.partner is None and f.is_total]


# --- the tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of a table: a figure as reported, and the other stories that report it too."""

    figure: Figure
    same: tuple[Figure, ...] = ()  # the same figure stated again (in other stories)
    overlaps: bool = False  # another row of the same scope covers part of this period

    @property
    def stories(self) -> list[str]:
        return list(dict.fromkeys(f.story for f in (self.figure, *self.same)))


def _same_values(a: Figure, b: Figure) -> bool:
    fields = (
        "projects",
        "donors",
        "committed",
        "disbursed",
        "reported",
        "per_year",
        "plan",
        "plan_rate",
        "sector_label",
    )
    return all(getattr(a, n) == getattr(b, n) for n in fields)


def _rows(figures: list[Figure]) -> list[Row]:
    """Figures as reported; one row for a figure stated identically in several stories."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        groups[(f.scope, f.period.start, f.period.end, f.sector, f.sector_label, f.kind)].append(f)
    rows: list[Row] = []
    for group in groups.values():
        while group:
            first, rest = group[0], group[1:]
            same = [g for g in rest if _same_values(first, g)]
            rows.append(Row(first, tuple(same)))
            group = [g for g in rest if g not in same]
    overlapping = _overlapping(rows)
    out = [Row(row.figure, row.same, i in overlapping) for i, row in enumerate(rows)]
    return sorted(out, key=lambda r: (r.figure.province, r.figure.period.start, r.figure.id))


def _overlapping(rows: list[Row]) -> set[int]:
    """The rows whose period overlaps another row's of the same scope, sector and kind.
    Sorted by start within each group, a row overlaps an earlier one when the latest end
    before it reaches its start, and a later one when the next start is within it: linear
    after the sort (comparing every pair grew with the square of the figures)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        f = row.figure
        groups[(f.scope, f.sector, f.sector_label, f.kind)].append(i)
    out: set[int] = set()
    for members in groups.values():
        members.sort(key=lambda i: rows[i].figure.period.start)
        latest_end = None
        for n, i in enumerate(members):
            period = rows[i].figure.period
            before = latest_end is not None and latest_end >= period.start
            after = n + 1 < len(members) and rows[members[n + 1]].figure.period.start <= period.end
            if before or after:
                out.add(i)
            latest_end = period.end if latest_end is None else max(latest_end, period.end)
    return out


def by_period_and_province(figures: Iterable[Figure]) -> list[Row]:
    """Province totals as reported, by province then period (never added across periods)."""
    return _rows(totals(figures))


@dataclass(frozen=True)
class PartnerTable:
    partner: str
    rows: list[Row]
    total: Sum  # over the partner's figures whose periods do not overlap


def by_partner(figures: Iterable[Figure]) -> list[PartnerTable]:
    mine: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.partner is not None:
            mine[f.partner].append(f)
    return [
        PartnerTable(
            partner,
            _rows(figs),
            addable(figs, key=lambda f: (f.scope, f.sector, f.sector_label, f.kind)),
        )
        for partner, figs in sorted(mine.items())
    ]


@dataclass(frozen=True)
class YearTotal:
    year: int
    sum: Sum


def by_year(figures: Iterable[Figure]) -> list[YearTotal]:
    """Province totals of one calendar year or shorter, added across provinces per year
    (yearly averages are not totals of a year: never here)."""
    years: dict[int, list[Figure]] = defaultdict(list)
    for f in totals(figures):
        if f.period.start.year == f.period.end.year and not f.per_year:
            years[f.period.start.year].append(f)
    return [
        YearTotal(year, addable(figs, key=lambda f: f.scope))
        for year, figs in sorted(years.items())
    ]


@dataclass(frozen=True)
class GroupTotal:
    key: str  # the kind; for a sector: its DAC code and/or the source's words (vi)
    rows: list[Row]
    sum: Sum
    label: LText | None = None  # a sector in the source's own words: what pages show
    code: str | None = None  # a sector's OECD DAC code, when the figure gives one


def _grouped(figures: Iterable[Figure], key: Callable[[Figure], Hashable]) -> dict:
    groups: dict[Hashable, list[Figure]] = defaultdict(list)
    for f in figures:
        if (k := key(f)) is not None:
            groups[k].append(f)
    return groups


def by_kind(figures: Iterable[Figure]) -> list[GroupTotal]:
    """Programme / project / non-project (Decree 80/2020/NĐ-CP), where a figure states it."""
    groups = _grouped(figures, lambda f: f.kind)
    return [
        GroupTotal(k, _rows(figs), addable(figs, key=lambda f: f.scope))
        for k, figs in sorted(groups.items())
    ]


def by_sector(figures: Iterable[Figure]) -> list[GroupTotal]:
    """By sector as each source names it (its own words, else the OECD DAC code it gives):
    figures with the same words and code are one group."""
    groups = _grouped(figures, lambda f: (f.sector_label, f.sector) if f.has_sector else None)
    out = [
        GroupTotal(
            " ".join(k for k in (code, label.vi if label else None) if k),
            _rows(figs),
            addable(figs, key=lambda f: f.scope),
            label=label,
            code=code,
        )
        for (label, code), figs in groups.items()
    ]
    return sorted(out, key=lambda g: (g.key, g.code or "", g.label.vi if g.label else ""))


def headline(figures: Iterable[Figure], province: str) -> Figure | None:
    """The latest province total of the site's province, else the latest of any province
    (yearly averages are not a period's total)."""
    candidates = [f for f in totals(figures) if not f.per_year]
    own = [f for f in candidates if f.province == province] or candidates
    if not own:
        return None
    return max(own, key=lambda f: (f.period.end, _span(f), f.id))


@dataclass
class Tables:
    """Everything the statistics pages show, computed once per build."""

    figures: list[Figure]
    headline: Figure | None
    by_period_and_province: list[Row]
    by_partner: list[PartnerTable]
    by_year: list[YearTotal]
    by_kind: list[GroupTotal]
    by_sector: list[GroupTotal]
    notes: list[str] = field(default_factory=list)
    # totals whose breakdown in the same story adds up to something else
    mismatches: list[Mismatch] = field(default_factory=list)

    @cached_property  # asked on every row of the tables: once, not once per row
    def has_reported(self) -> bool:
        """Some figure states an amount its source calls neither committed nor disbursed:
        the tables get a column for it."""
        return any(f.reported is not None for f in self.figures)


def build_tables(
    figures: list[Figure], site_province: str, mismatches: list[Mismatch] | None = None
) -> Tables:
    return Tables(
        figures=figures,
        headline=headline(figures, site_province),
        by_period_and_province=by_period_and_province(figures),
        by_partner=by_partner(figures),
        by_year=by_year(figures),
        by_kind=by_kind(figures),
        by_sector=by_sector(figures),
        mismatches=list(mismatches or []),
    )


# --- the project registry (aid-projects.yaml) ------------------------------------------------


def project_totals(projects: Iterable[Figure]) -> Sum:
    """Projects of the registry added together: each project is its own scope, so every one is
    added once (a project listed twice would not be). Never mixed with story figures: those
    already include the projects of their province and period (`reports_including`)."""
    return addable([f for f in projects if f.project], key=lambda f: f.project)


def reports_including(
    project: Figure, figures: Iterable[Figure], provinces: Iterable[str]
) -> list[Figure]:
    """Figures reported in stories that already include this project's amounts: province
    totals, and the donor's own share, of the project's `provinces` (as written, and as
    counted after the merger) for a period that contains the project's whole period. They
    and the project are never added together."""
    provinces = set(provinces)
    return sorted(
        (
            f
            for f in figures
            if not f.project
            and f.is_total
            and not f.per_year  # a yearly average includes nothing
            and f.province in provinces
            and f.partner in (None, project.partner)
            and f.period.start <= project.period.start
            and project.period.end <= f.period.end
        ),
        key=lambda f: (f.partner is not None, f.period.start, f.id),
    )
