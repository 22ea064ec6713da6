"""Checks of the aid projects file (`content/data/aid-projects.yaml`) beyond its model: the
donor and province of every project, the 2025 merger of provinces, and its amounts (the
exchange rates they need, plausibility; amounts.py). The file itself is loaded as every data
file is (data_files.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema
from .amounts import AmountPlace, check_amount
from .errors import ContentError, ErrorReport
from .messages import msg
from .reading import rel, value_at
from .schema import did_you_mean
from .site_data import SiteData, data_path
from .yaml_loader import LineMap


def check_project_refs(
    root: Path, data: SiteData, raw: Any, lines: LineMap, report: ErrorReport, prefix: tuple = ()
) -> None:
    """Donor and province of every project, on the raw values (as for stories); the 2025
    merger (a project that starts after its province merged belongs to the new one); and the
    exchange rates its USD equivalents need."""
    r = rel(root, root / data_path("projects"))
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        for key, file, kind in (
            ("partner", "partners", msg("partner")),
            ("province", "provinces", msg("province")),
        ):
            value = value_at(item, key)
            known = data.declared.get(file)
            if isinstance(value, str) and known is not None and value not in known:
                report.add(
                    r,
                    lines.line((*prefix, i, key)),
                    f"projects[{i}].{key}",
                    msg(
                        "unknown %(kind)s '%(key)s'%(hint)s; see %(file)s",
                        kind=kind,
                        key=value,
                        hint=did_you_mean(value, known),
                        file=data_path(file),
                    ),
                )
    valid = valid_projects(data, raw)
    data.project_positions = {project.id: (*prefix, i) for i, project in valid}
    for i, project in valid:
        province = data.provinces.get(project.province)
        until = province.until if province and province.merged_into else None
        if province and province.merged_into and until and project.period.start > until:
            new = province.merged_into
            report.add(
                r,
                lines.line((*prefix, i, "province")),
                f"projects[{i}].province",
                msg(
                    "%(old)s merged into %(new)s after %(until)s: a project that starts in "
                    "%(year)s is in %(new)s: write province: %(new)s",
                    old=project.province,
                    new=new,
                    until=until.isoformat(),
                    year=project.period.start.year,
                ),
            )


def valid_projects(data: SiteData, raw: Any) -> list[tuple[int, schema.AidProject]]:
    """(position in the file, project) of the projects that passed validation."""
    by_id = data.projects_by_id
    out = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        pid = value_at(item, "id")
        if isinstance(pid, str) and pid in by_id:
            out.append((i, by_id[pid]))
    return out


def check_project_amounts(
    root: Path,
    data: SiteData,
    lines: LineMap | None,
    report: ErrorReport,
    warnings: list[ContentError],
) -> None:
    """The amounts of aid-projects.yaml, as those of aid figures (`check_amount`)."""
    if lines is None:
        return
    r = rel(root, root / data_path("projects"))
    told: set[tuple[str, int]] = set()
    for project in data.projects:
        loc = data.project_positions.get(project.id)
        if loc is None:
            continue  # an entry whose id the file repeats: reported as a duplicate
        for name in ("committed", "disbursed"):
            money = getattr(project, name)
            if money is not None:
                where = AmountPlace(r, lines, (*loc, name), f"projects[{loc[-1]}].{name}")
                check_amount(where, money, project.period.last_year, data, report, warnings, told)
