"""Currency conversion at the yearly average rate of the period's last year.

`exchange-rates.yaml` gives VND for one unit of a currency per year, so any amount goes to
VND with its own rate, and from VND to USD with the USD rate of the same year.
"""

from __future__ import annotations

from decimal import Decimal

from content_model.values import Money

Rates = dict[str, dict[int, Decimal]]


class MissingRate(KeyError):
    """The content check reports missing rates first; this only guards direct callers."""


def rate(rates: Rates, currency: str, year: int) -> Decimal:
    if currency == "VND":
        return Decimal(1)
    try:
        return Decimal(rates[currency][year])
    except KeyError:
        raise MissingRate(f"no exchange rate for {currency} in {year}") from None


def to_vnd(money: Money, year: int, rates: Rates) -> Decimal:
    return money.value * rate(rates, money.currency, year)


def to_usd(money: Money, year: int, rates: Rates) -> Decimal:
    if money.currency == "USD":
        return money.value
    return to_vnd(money, year, rates) / rate(rates, "USD", year)
