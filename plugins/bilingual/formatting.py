"""Numbers and dates as readers of each language expect them, through Babel's locales."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from content_model.values import babel_locale


def format_day(value: date | datetime, lang: str, style: str = "long") -> str:
    """vi: `9 tháng 6, 2022`; en: `June 9, 2022`."""
    if isinstance(value, datetime):
        value = value.date()
    return _format_day(value, lang, style)


@lru_cache(maxsize=8192)
def _format_day(value: date, lang: str, style: str) -> str:
    # the same dates are shown on many listing pages; Babel's formatting is not cheap
    return _babel_date(value, format=style, locale=babel_locale(lang))


def format_number(value: int | float | Decimal, lang: str) -> str:
    """vi: `16.104.216.000`; en: `16,104,216,000`."""
    return format_decimal(value, locale=babel_locale(lang))
