"""Every amount an editor writes (aid figures of stories, committed and disbursed amounts of
aid projects) needs the exchange rates of its period (rates.py) and must be plausible for aid
(plausibility.py) unless confirmed: one check for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema
from .errors import ContentError, ErrorReport
from .messages import msg
from .plausibility import amount_slip
from .rates import rate_year, usd_equivalent
from .site_data import SiteData
from .yaml_loader import LineMap


@dataclass(frozen=True)
class AmountPlace:
    """Where an amount is written: its file, lines, path in the file and field name."""

    rel: str
    lines: LineMap
    loc: tuple[str | int, ...]
    field: str


def check_amount(
    where: AmountPlace,
    money: schema.MoneyModel,
    year: int,
    data: SiteData,
    report: ErrorReport,
    warnings: list[ContentError],
    provisional_told: set[tuple[str, int]],
) -> None:
    """An amount needs the rate of its period's last year `year` (and USD's, to get to USD),
    or a provisional one for a year not published yet (rates.py); and must be plausible for
    aid (plausibility.py) unless `confirmed: true`. Aid figures and aid projects alike."""
    line = where.lines.line((*where.loc, "currency"))
    # USD needs no rate; VND needs USD's; any other currency its own and USD's
    needed = [c for c in (money.currency, "USD") if money.currency != "USD" and c != "VND"]
    for currency in needed:
        chosen = rate_year(data.rates, currency, year)
        if chosen is None:
            report.add(
                where.rel,
                line,
                where.field,
                msg(
                    "no exchange rate for %(currency)s in %(year)s: add it to "
                    "content/data/exchange-rates.yaml (%(currency)s: %(year)s: VND for "
                    "one unit)",
                    currency=currency,
                    year=year,
                ),
            )
        elif chosen.provisional and (currency, year) not in provisional_told:
            provisional_told.add((currency, year))
            warnings.append(
                ContentError(
                    where.rel,
                    line,
                    where.field,
                    msg(
                        "no yearly rate for %(currency)s in %(year)s yet: the USD "
                        "equivalent uses the %(used)s rate, marked provisional; add "
                        "%(currency)s: %(year)s to content/data/exchange-rates.yaml "
                        "when it is published",
                        currency=currency,
                        year=year,
                        used=chosen.year,
                    ),
                )
            )
    if money.confirmed:
        return
    usd = usd_equivalent(money.money(), year, data.rates)
    slip = amount_slip(money.value, money.currency, usd.usd if usd else None)
    if slip is not None:
        report.add(where.rel, where.lines.line((*where.loc, "value")), f"{where.field}.value", slip)
