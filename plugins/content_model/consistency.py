"""Breakdowns that do not add up to the total the same story states.

A story may state a scope's total for a period and its breakdown: by sector, by kind, or the
partners' shares (Yên Bái 2022: 21 projects, 1,404,155 USD, then five sectors). Sources make
slips: the five sectors add up to 1,404,175 USD. The figures stay as the source states them
(never corrected); the check warns the editor, and the aid page tells the reader.

A breakdown is often partial ("tiêu biểu như", the main sectors only), so parts that add up
to less are fine, except when the breakdown is complete: its project counts add up to the
total's. Then its amounts must add up too. Parts that add up to more than the total are
always a mismatch. Only exact amounts in one currency are compared: a total or a part with a
qualifier (`approx`) cannot be checked, and yearly averages are compared with yearly ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .schema import AidFigure

AMOUNTS = ("committed", "disbursed", "reported")


@dataclass(frozen=True)
class Mismatch:
    total: int  # index of the total in the story's `aid`
    parts: tuple[int, ...]  # indexes of its breakdown
    dimension: str  # sector | kind | partner
    field: str  # projects | committed | disbursed | reported
    parts_sum: Decimal
    stated: Decimal
    currency: str | None  # None for project counts


def _scope(fig: AidFigure, province: str) -> tuple:
    return (fig.province or province, fig.period.start, fig.period.end, fig.per_year)


def _has_sector(fig: AidFigure) -> bool:
    return fig.sector is not None or fig.sector_label is not None


def _is_total(fig: AidFigure) -> bool:
    return not _has_sector(fig) and fig.kind is None


def breakdowns(aid: Sequence[AidFigure], province: str) -> list[tuple[int, str, list[int]]]:
    """(total, dimension, parts) for every total of the story that has a breakdown."""
    out = []
    for t, total in enumerate(aid):
        if not _is_total(total):
            continue
        same = [
            i
            for i, f in enumerate(aid)
            if i != t and _scope(f, province) == _scope(total, province)
        ]
        by_dimension = {
            "sector": [i for i in same if aid[i].partner == total.partner and _has_sector(aid[i])],
            "kind": [
                i
                for i in same
                if aid[i].partner == total.partner and aid[i].kind and not _has_sector(aid[i])
            ],
            "partner": [
                i
                for i in same
                if total.partner is None and aid[i].partner is not None and _is_total(aid[i])
            ],
        }
        out += [(t, dim, parts) for dim, parts in by_dimension.items() if parts]
    return out


def breakdown_mismatches(aid: Sequence[AidFigure], province: str) -> list[Mismatch]:
    """Every breakdown of the story whose parts do not add up to the total it states."""
    found: list[Mismatch] = []
    for t, dimension, parts in breakdowns(aid, province):
        total = aid[t]
        counts = [aid[i].projects for i in parts]
        complete = (
            total.projects is not None
            and None not in counts
            and sum(c for c in counts if c is not None) == total.projects
        )
        if total.projects is not None and None not in counts:
            n = sum(c for c in counts if c is not None)
            if n > total.projects:
                found.append(
                    Mismatch(
                        t,
                        tuple(parts),
                        dimension,
                        "projects",
                        Decimal(n),
                        Decimal(total.projects),
                        None,
                    )
                )
        for name in AMOUNTS:
            stated = getattr(total, name)
            amounts = [getattr(aid[i], name) for i in parts]
            present = [m for m in amounts if m is not None]
            if stated is None or stated.approx or not present:
                continue
            if any(m.approx or m.currency != stated.currency for m in present):
                continue
            added = sum((m.value for m in present), Decimal(0))
            whole = complete and len(present) == len(amounts)
            if added > stated.value or (whole and added != stated.value):
                found.append(
                    Mismatch(t, tuple(parts), dimension, name, added, stated.value, stated.currency)
                )
    return found
