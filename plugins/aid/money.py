"""Money and rates as readers of each language write them, through Babel's locales.

vi: `15,2 triệu USD`, `16.104.216.000 VNĐ`, `207 tỷ đồng`, `81,8%`
en: `USD 15.2 million`, `VND 16,104,216,000`, `VND 16.1 billion`, `81.8%`
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from content_model.values import Period, babel_locale
from shared.labels import load_labels

CURRENCIES_FILE = Path(__file__).with_name("currencies.yaml")  # names other than the code


def currency_name(currency: str, lang: str, form: str) -> str:
    """How `lang` names `currency` beside an amount (`form`: "full" or "short", see
    currencies.yaml): `VNĐ`, `đồng`; the ISO code when the file names it no other way."""
    names = load_labels(CURRENCIES_FILE).get(currency)
    return names[form][lang] if names else currency


def money_full(value: Decimal | int | float, currency: str, lang: str) -> str:
    """Every digit: `16.104.216.000 VNĐ` / `VND 16,104,216,000`."""
    number = format_decimal(value, locale=babel_locale(lang))
    name = currency_name(currency, lang, "full")
    return f"{number} {name}" if lang == "vi" else f"{name} {number}"


def money_short(value: Decimal | int | float, currency: str, lang: str) -> str:
    """Rounded in words: `15,2 triệu USD`, `207 tỷ đồng` / `USD 15.2 million`; below a
    million, whole units read better: `692.023 USD` / `USD 692,023`."""
    if abs(value) < 1_000_000:
        number = format_decimal(round(Decimal(str(value))), locale=babel_locale(lang))
    else:
        number = format_compact_decimal(
            value, format_type="long", locale=babel_locale(lang), fraction_digits=2
        )
    name = currency_name(currency, lang, "short")
    return f"{number} {name}" if lang == "vi" else f"{name} {number}"


def percent(value: Decimal | int | float, lang: str) -> str:
    """A percentage given as a number of percent (81.8): `81,8%` / `81.8%`."""
    return format_percent(Decimal(str(value)) / 100, "#,##0.0%", locale=babel_locale(lang))


def period_label(period: Period, lang: str) -> str:
    """`2014–2019`; months: vi `tháng 1–9/2022`, en `Jan–Sep 2022`."""
    start, end = period.start, period.end
    whole_years = start.month == 1 and end.month == 12
    if whole_years:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if (start.year, start.month) == (end.year, end.month):  # one month
        if lang == "vi":
            return f"tháng {start.month}/{start.year}"
        return format_date(start, "MMM y", locale=babel_locale(lang))
    if lang == "vi":
        if start.year == end.year:
            return f"tháng {start.month}–{end.month}/{end.year}"
        return f"{start.month:02d}/{start.year}–{end.month:02d}/{end.year}"
    loc = babel_locale(lang)
    if start.year == end.year:
        return f"{format_date(start, 'MMM', locale=loc)}–{format_date(end, 'MMM y', locale=loc)}"
    return f"{format_date(start, 'MMM y', locale=loc)}–{format_date(end, 'MMM y', locale=loc)}"


# The aid filters of the theme's templates (bilingual.templating), site and bulletin alike.
FILTERS = {
    "money_full": money_full,
    "money_short": money_short,
    "aid_percent": percent,
    "period_label": period_label,
}
