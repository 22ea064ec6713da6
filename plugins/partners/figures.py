"""A partner's aid figures as its page shows them: each figure with the story it comes from.

Amounts are written the way readers of each language write them (`aid.money`): rounded in
words (`15,2 triệu USD` / `USD 15.2 million`) with every digit beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aid.money import money_full, money_short, percent, period_label
from aid.sectors import Sector, sector
from bilingual.formatting import format_number
from bilingual.story_links import StoryLink
from content_model.schema import Province
from content_model.values import Money
from shared.text import localized

from .references import FigureRef


@dataclass(frozen=True)
class Amount:
    """Numbers only: the template says them with the source's qualifier and "a year"
    (aid/_words.html), so that no word of a label lives here."""

    short: str
    full: str
    usd: str | None  # the USD equivalent, for amounts in another currency
    approx: str | None = None  # over | about | nearly | under, as the source says


@dataclass(frozen=True)
class FigureView:
    period: str
    province: str
    projects: str | None
    committed: Amount | None
    disbursed: Amount | None
    reported: Amount | None  # neither committed nor disbursed, as the source states it
    per_year: bool  # the amounts are yearly averages
    plan: Amount | None
    plan_rate: str | None
    kind: str | None
    sector: Sector | None
    sector_label: str | None  # the sector in the source's own words: shown before the code's
    story: StoryLink


def amount(money: Money | None, usd: Decimal | None, lang: str) -> Amount | None:
    if money is None:
        return None
    return Amount(
        money_short(money.value, money.currency, lang),
        money_full(money.value, money.currency, lang),
        money_short(usd, "USD", lang) if usd is not None and money.currency != "USD" else None,
        money.approx,
    )


def figure_view(ref: FigureRef, lang: str, provinces: dict[str, Province]) -> FigureView:
    fig = ref.figure
    province = provinces.get(fig.province)
    return FigureView(
        period=period_label(fig.period, lang),
        province=localized(province.name, lang) if province else fig.province,
        projects=format_number(fig.projects, lang) if fig.projects is not None else None,
        committed=amount(fig.committed, fig.committed_usd, lang),
        disbursed=amount(fig.disbursed, fig.disbursed_usd, lang),
        reported=amount(fig.reported, fig.reported_usd, lang),
        per_year=fig.per_year,
        plan=amount(fig.plan, fig.plan_usd, lang),
        plan_rate=percent(fig.plan_rate, lang) if fig.plan_rate is not None else None,
        kind=fig.kind,
        sector=sector(fig.sector, lang) if fig.sector else None,
        sector_label=localized(fig.sector_label, lang) if fig.sector_label else None,
        story=ref.story,
    )
