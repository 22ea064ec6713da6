"""Aid figures as the aid core sees them: one per figure stated in a story, each translation
group counted once, with the scope (province, partner) resolved and USD equivalents computed.

A figure with neither `sector` (code or the source's own words) nor `kind` is the scope's
*total* for its period; one with a sector or kind is a *breakdown* of that total (Yên Bái
2022: one total and five sector figures). Totals and breakdowns are never added to each other.

Contract v2: an amount may carry the source's qualifier (`Money.approx`: over, about, nearly,
under); `reported` is an amount the source calls neither committed nor disbursed, never added
to either and never in a rate; a `per_year` figure states yearly averages and is never added
to any total (tables.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from content_model.consistency import breakdown_mismatches
from content_model.project import Project
from content_model.schema import AidFigure
from content_model.values import LText, Money, Period

from .conversion import Rates, provisional_year, to_usd


@dataclass(frozen=True)
class Figure:
    story: str  # slug of the story (translation group) it comes from
    index: int  # position in the story's `aid` list
    period: Period
    province: str
    partner: str | None
    projects: int | None
    donors: int | None
    committed: Money | None
    disbursed: Money | None
    plan: Money | None
    plan_rate: Decimal | None
    kind: str | None
    sector: str | None
    committed_usd: Decimal | None
    disbursed_usd: Decimal | None
    plan_usd: Decimal | None
    # set for a project of aid-projects.yaml (aid/project_figures.py): its id; story is empty
    project: str | None = None
    # the year whose rate stands in for the period's last year, not published yet
    # (content_model/rates.py): "provisional rate (2025)" beside its USD equivalents
    provisional_rate: int | None = None

    @property
    def rate_year(self) -> int:
        """The year of the exchange rates its USD equivalents use."""
        return self.provisional_rate or self.period.last_year

    # "giá trị viện trợ": neither committed nor disbursed; in its own column, never added to them
    reported: Money | None = None
    reported_usd: Decimal | None = None
    per_year: bool = False  # yearly averages over the period: never added to any total
    sector_label: LText | None = None  # the sector in the source's own words

    @property
    def has_sector(self) -> bool:
        return self.sector is not None or self.sector_label is not None

    @property
    def id(self) -> str:
        return f"project:{self.project}" if self.project else f"{self.story}#{self.index}"

    @property
    def is_total(self) -> bool:
        return not self.has_sector and self.kind is None

    @property
    def scope(self) -> tuple[str, str | None]:
        return (self.province, self.partner)

    @property
    def disbursement_rate(self) -> Decimal | None:
        """Disbursed as a percent of committed (compared in USD when currencies differ)."""
        if self.committed is None or self.disbursed is None:
            return None
        if self.committed.currency == self.disbursed.currency:
            base, part = self.committed.value, self.disbursed.value
        else:
            base, part = self.committed_usd, self.disbursed_usd
        if not base:
            return None
        return part / base * 100

    @property
    def plan_percent(self) -> Decimal | None:
        """Disbursed as a percent of plan: computed from `plan`, else as stated."""
        if self.plan is not None and self.disbursed is not None:
            if self.plan.currency == self.disbursed.currency:
                base, part = self.plan.value, self.disbursed.value
            else:
                base, part = self.plan_usd, self.disbursed_usd
            return part / base * 100 if base else None
        return self.plan_rate


def _usd(money: Money | None, year: int, rates: Rates) -> Decimal | None:
    return None if money is None else to_usd(money, year, rates)


def make_figure(slug: str, index: int, fig: AidFigure, province: str, rates: Rates) -> Figure:
    year = fig.period.last_year
    committed = fig.committed.money() if fig.committed else None
    disbursed = fig.disbursed.money() if fig.disbursed else None
    reported = fig.reported.money() if fig.reported else None
    plan = fig.plan.money() if fig.plan else None
    return Figure(
        story=slug,
        index=index,
        period=fig.period,
        province=fig.province or province,
        partner=fig.partner,
        projects=fig.projects,
        donors=fig.donors,
        committed=committed,
        disbursed=disbursed,
        plan=plan,
        plan_rate=fig.plan_rate,
        kind=fig.kind,
        sector=fig.sector,
        committed_usd=_usd(committed, year, rates),
        disbursed_usd=_usd(disbursed, year, rates),
        plan_usd=_usd(plan, year, rates),
        provisional_rate=provisional_year((committed, disbursed, reported, plan), year, rates),
        reported=reported,
        reported_usd=_usd(reported, year, rates),
        per_year=fig.per_year,
        sector_label=fig.sector_label,
    )


def collect_figures(project: Project) -> list[Figure]:
    """Every figure of every published story, once per translation group, in stable order.
    Made once per checked project (kept in `project.derived`): the aid pages, the partner
    pages (each language) and every bulletin edition ask for the same one."""
    figures: list[Figure] | None = project.derived.get(DERIVED_KEY)
    if figures is None:
        figures = project.derived[DERIVED_KEY] = _collect(project)
    return list(figures)


DERIVED_KEY = "aid.figures"


def _collect(project: Project) -> list[Figure]:
    figures: list[Figure] = []
    for slug, story in sorted(project.stories.items()):
        if not story.published_versions():
            continue  # a draft's figures are not published either
        for i, fig in enumerate(story.aid):
            figures.append(make_figure(slug, i, fig, story.province, project.data.rates))
    return figures


@dataclass(frozen=True)
class Mismatch:
    """A total whose breakdown in the same story adds up to something else
    (content_model.consistency): the page names both sums."""

    figure: Figure  # the total
    dimension: str  # sector | kind | partner
    field: str  # projects | committed | disbursed | reported
    parts_sum: Decimal
    stated: Decimal
    currency: str | None


def collect_mismatches(project: Project, figures: list[Figure]) -> list[Mismatch]:
    by_id = {(f.story, f.index): f for f in figures}
    out = []
    for slug, story in sorted(project.stories.items()):
        if not story.published_versions():
            continue
        for m in breakdown_mismatches(story.aid, story.province):
            total = by_id.get((slug, m.total))
            if total is not None:
                out.append(Mismatch(total, m.dimension, m.field, m.parts_sum, m.stated, m.currency))
    return out
