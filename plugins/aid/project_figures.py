"""The projects of `content/data/aid-projects.yaml` as the aid core sees them: one `Figure` per
project, its own scope (`Figure.project`), with USD equivalents at the rate of its period's last
year, counted under the province it belongs to after the 2025 merger.

Project figures are kept apart from the figures stories report (`collect_figures`): a province
total reported in a story already includes the projects of that province and period, so the
two are never added together (`tables.project_totals`, `tables.reports_including`).
"""

from __future__ import annotations

from decimal import Decimal

from content_model.project import Project
from content_model.rates import usd_equivalent
from content_model.schema import AidProject, Province
from content_model.values import Money

from .conversion import Rates, provisional_year
from .figures import Figure


def counts_under(project: AidProject, provinces: dict[str, Province]) -> str:
    """The province a project counts under: its own, or the one its province merged into
    when the project runs past the merger (`until`, the old province's last day)."""
    province = provinces.get(project.province)
    until = province.until if province else None
    if province and province.merged_into and until and project.period.end > until:
        return province.merged_into
    return project.province


def _usd(money: Money | None, year: int, rates: Rates) -> Decimal | None:
    """At the rate of `year`, or the provisional one of a year not published yet (the content
    check has refused a rate missing otherwise)."""
    found = None if money is None else usd_equivalent(money, year, rates)
    return None if found is None else found.usd


def project_figure(project: AidProject, provinces: dict[str, Province], rates: Rates) -> Figure:
    year = project.period.last_year
    committed = project.committed.money() if project.committed else None
    disbursed = project.disbursed.money() if project.disbursed else None
    return Figure(
        story="",
        index=0,
        period=project.period,
        province=counts_under(project, provinces),
        partner=project.partner,
        projects=1,
        donors=None,
        committed=committed,
        disbursed=disbursed,
        plan=None,
        plan_rate=None,
        kind=project.kind,
        sector=project.sector,
        committed_usd=_usd(committed, year, rates),
        disbursed_usd=_usd(disbursed, year, rates),
        plan_usd=None,
        project=project.id,
        provisional_rate=provisional_year((committed, disbursed), year, rates),
    )


def project_figures(project: Project) -> list[Figure]:
    """One figure per project of the registry, in the file's order."""
    data = project.data
    return [project_figure(p, data.provinces, data.rates) for p in data.projects]
