"""Is an amount plausible for aid, or the trace of a slip?

An editor who types `value: 1.25` for "1,25 tỷ", `15.2` for "15,2 triệu USD", or a VND
amount with `currency: USD` gets a figure a thousand or a million times off, and nothing in
its type says so. Aid figures of a province are between about a thousand and a few hundred
million USD: an amount far outside that names the likely slip, and an editor whose figure is
right says so with `confirmed: true` on the amount.

The same bounds decide, when a number written as text can be read two ways (`1.250`), which
reading is suggested (schema.py): never one the check below would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .messages import Message, msg

MIN_VND = Decimal(1_000_000)  # a million VND, about 40 USD
MIN_USD = Decimal(100)
MAX_USD = Decimal(1_000_000_000)
# VND for one USD: bounds wide enough for every year since 1990 (about 9 000 to 27 000),
# used only when the year's rate is not known
_VND_PER_USD = (Decimal(5_000), Decimal(40_000))


def plausible_reading(currency: str | None) -> Callable[[Decimal], bool] | None:
    """For a number with several readings: which readings an amount in `currency` may have
    (None: no opinion, every reading stays)."""
    if currency == "VND":
        return lambda v: MIN_VND <= v <= MAX_USD * _VND_PER_USD[0]
    if currency == "USD":
        return lambda v: MIN_USD <= v <= MAX_USD
    return None


def amount_slip(value: Decimal, currency: str, usd: Decimal | None) -> Message | None:
    """Why `value` in `currency` (worth `usd`, when the rates give it) looks like a slip."""
    shown = _plain(value)
    confirm = msg("if the amount is right, add confirmed: true to it")
    if currency == "VND" and value < MIN_VND:
        slip = (
            msg("written in millions (triệu) or billions (tỷ)?")
            if value < 1000 or value != value.to_integral()
            else msg("written in thousands (nghìn)?")
        )
        return msg(
            "%(value)s VND is less than 1,000,000 VND, too small for aid: was it %(slip)s "
            "Write the amount in VND with all its digits; %(confirm)s",
            value=shown,
            slip=slip,
            confirm=confirm,
        )
    if usd is None:
        return None
    if usd < MIN_USD:
        return msg(
            "%(value)s %(currency)s is less than 100 USD, too small for aid: was it written "
            "in thousands or millions? Write the amount with all its digits; %(confirm)s",
            value=shown,
            currency=currency,
            confirm=confirm,
        )
    if usd > MAX_USD:
        slip = (
            msg("is it an amount in VND? Then write currency: VND")
            if currency != "VND"
            else msg("is a digit typed twice, or a group of three zeros too many?")
        )
        return msg(
            "%(value)s %(currency)s is more than 1 billion USD, too large for aid: %(slip)s; "
            "%(confirm)s",
            value=shown,
            currency=currency,
            slip=slip,
            confirm=confirm,
        )
    return None


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral() else f"{value:f}"
