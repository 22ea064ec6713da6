"""Which yearly exchange rate converts an amount, and its USD equivalent.

An amount goes to USD at the yearly average rate of its period's last year
(`exchange-rates.yaml`: VND for one unit of a currency, per year). The yearly average of the
current year, and of the last one for a few months, is not published yet: a figure of such a
year uses the latest year that has a rate, and says so ("tỷ giá tạm tính (2025)" /
"provisional rate (2025)"); adding the real rate later replaces it. A year before the
latest one that has no rate is a gap in the file: an error, since that rate exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .values import Money

Rates = dict[str, dict[int, Decimal]]


@dataclass(frozen=True)
class RateYear:
    year: int  # the year whose rate is used
    provisional: bool  # True: the period's own year has no rate yet


def rate_year(rates: Rates, currency: str, year: int) -> RateYear | None:
    """The rate year for `currency` in `year`; None when the file lacks a rate it should
    have. VND needs no rate."""
    if currency == "VND":
        return RateYear(year, False)
    years = rates.get(currency) or {}
    if year in years:
        return RateYear(year, False)
    if years and year > max(years):
        return RateYear(max(years), True)
    return None


@dataclass(frozen=True)
class UsdEquivalent:
    usd: Decimal
    provisional_year: int | None  # the rate year used in place of a missing one, if any


def usd_equivalent(money: Money, year: int, rates: Rates) -> UsdEquivalent | None:
    """`money` in USD at the rates of `year`; None when a rate is missing."""
    if money.currency == "USD":
        return UsdEquivalent(money.value, None)
    own = rate_year(rates, money.currency, year)
    usd = rate_year(rates, "USD", year)
    if own is None or usd is None:
        return None
    vnd = money.value * (Decimal(1) if money.currency == "VND" else rates[money.currency][own.year])
    provisional = [r.year for r in (own, usd) if r.provisional]
    return UsdEquivalent(vnd / Decimal(rates["USD"][usd.year]), min(provisional, default=None))
