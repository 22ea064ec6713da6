"""The project registry as pages need it: each project with the aid core's view of it (the
province it counts under, USD equivalents), the stories that name it, the story figures that
already include it, and the filters of the project listing (donor, sector, status, province,
year), each with its projects and their total (`aid.tables.project_totals`).

The 2025 merger: a project in a province that merged into another counts under the new
province when its period runs past the old one's last day (`until`); it is listed under both
provinces, and added into the new one's total only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from aid.figures import Figure, collect_figures
from aid.project_figures import project_figures
from aid.tables import Sum, project_totals, reports_including
from content_model.project import Project
from content_model.schema import AidProject

FILTERS = ("donor", "sector", "status", "province", "year")


@dataclass(frozen=True)
class Record:
    project: AidProject
    figure: Figure  # the aid core's: province counted under, USD equivalents
    stories: tuple[str, ...]  # published stories naming it (aid_projects), newest first
    included_in: tuple[Figure, ...]  # story figures that already include its amounts
    merged_into: str | None  # the province its own merged into (2025), if any
    merger_day: date | None  # first day as part of that province

    @property
    def id(self) -> str:
        return self.project.id

    @property
    def provinces(self) -> tuple[str, ...]:
        """Where it is listed: its province, and the new one when it counts there."""
        return tuple(dict.fromkeys((self.project.province, self.figure.province)))

    @property
    def counted_in_new_province(self) -> bool:
        return self.figure.province != self.project.province

    @property
    def years(self) -> tuple[int, ...]:
        p = self.project.period
        return tuple(range(p.start.year, p.end.year + 1))

    def values(self, facet: str) -> tuple[str, ...]:
        """Its values for one filter (none for a sector it does not state)."""
        p = self.project
        if facet == "donor":
            return (p.partner,)
        if facet == "sector":
            return (p.sector,) if p.sector else ()
        if facet == "status":
            return (p.status,)
        if facet == "province":
            return self.provinces
        if facet == "year":
            return tuple(str(y) for y in self.years)
        raise ValueError(facet)


@dataclass(frozen=True)
class Group:
    """The projects of one filter value, and their total (`counted`: those added into it)."""

    facet: str
    value: str
    records: tuple[Record, ...]
    total: Sum

    @property
    def not_counted(self) -> tuple[Record, ...]:
        """Listed here, but added into another province's total (after the merger)."""
        counted = {f.project for f in self.total.parts}
        return tuple(r for r in self.records if r.id not in counted)


def stories_naming(project: Project) -> dict[str, list[str]]:
    """Project id -> slugs of the published stories naming it, newest first; a story counts
    once whatever its number of language versions, drafts never."""
    dated: dict[str, list[tuple[object, str]]] = defaultdict(list)
    for slug, story in project.stories.items():
        versions = story.published_versions()
        if not versions:
            continue
        first = min(v.front.date for v in versions)
        for pid in dict.fromkeys(story.aid_projects):
            dated[pid].append((first, slug))
    return {pid: [s for _, s in sorted(v, reverse=True)] for pid, v in dated.items()}


def records(project: Project) -> list[Record]:
    """Every project of the registry, in the file's order."""
    named = stories_naming(project)
    reported = collect_figures(project)
    provinces = project.data.provinces
    out = []
    for p, fig in zip(project.data.projects, project_figures(project), strict=True):
        province = provinces.get(p.province)
        merged = province.merged_into if province else None
        until = province.until if province and merged else None
        out.append(
            Record(
                project=p,
                figure=fig,
                stories=tuple(named.get(p.id, ())),
                included_in=tuple(reports_including(fig, reported, {p.province, fig.province})),
                merged_into=merged,
                merger_day=until + timedelta(days=1) if until else None,
            )
        )
    return out


def total(recs: list[Record] | tuple[Record, ...], province: str | None = None) -> Sum:
    """The aid core's total of some projects; for a province, only those counted under it."""
    figures = [r.figure for r in recs if province is None or r.figure.province == province]
    return project_totals(figures)


def groups(recs: list[Record], facet: str) -> list[Group]:
    """The values of one filter, each with its projects (file order) and their total."""
    by_value: dict[str, list[Record]] = defaultdict(list)
    for r in recs:
        for v in r.values(facet):
            by_value[v].append(r)
    return [
        Group(facet, v, tuple(rs), total(rs, province=v if facet == "province" else None))
        for v, rs in sorted(by_value.items())
    ]
