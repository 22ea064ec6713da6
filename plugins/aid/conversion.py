"""Currency conversion at the yearly average rate of the period's last year.

`exchange-rates.yaml` gives VND for one unit of a currency per year, so any amount goes to
VND with its own rate, and from VND to USD with the USD rate of the same year. Which year's
rate stands in for a year not published yet is decided once, in content_model/rates.py
(the check warns about it; pages and open data say "provisional rate (YEAR)").
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from content_model.rates import Rates, rate_year, usd_equivalent
from content_model.values import Money

__all__ = ["MissingRate", "Rates", "provisional_year", "rate", "to_usd", "to_vnd"]


class MissingRate(KeyError):
    """The content check reports missing rates first; this only guards direct callers."""


def rate(rates: Rates, currency: str, year: int) -> Decimal:
    """VND for one unit of `currency` in `year` (or the provisional year's)."""
    if currency == "VND":
        return Decimal(1)
    chosen = rate_year(rates, currency, year)
    if chosen is None:
        raise MissingRate(f"no exchange rate for {currency} in {year}")
    return Decimal(rates[currency][chosen.year])


def to_vnd(money: Money, year: int, rates: Rates) -> Decimal:
    return money.value * rate(rates, money.currency, year)


def to_usd(money: Money, year: int, rates: Rates) -> Decimal:
    found = usd_equivalent(money, year, rates)
    if found is None:
        raise MissingRate(f"no exchange rate for {money.currency} in {year}")
    return found.usd


def provisional_year(amounts: Iterable[Money | None], year: int, rates: Rates) -> int | None:
    """The year whose rate stands in for `year`'s, not published yet, in the USD equivalent of
    any of `amounts` (the oldest, when several); None when every rate is the year's own."""
    found = [usd_equivalent(m, year, rates) for m in amounts if m is not None]
    years = [f.provisional_year for f in found if f is not None and f.provisional_year]
    return min(years, default=None)
