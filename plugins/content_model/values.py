"""Small value types of the content model: localized text, periods, money, keys."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from babel import Locale

from .messages import Message, msg

LANGS = ("vi", "en")


@cache
def babel_locale(lang: str) -> Locale:
    """The Babel locale of a language, parsed once: Babel's formatting functions parse a
    locale given by name at every call (about 40 % of a number's formatting time)."""
    return Locale.parse(lang)


KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTNER_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class LText:
    """Text that is the same in both languages, or given per language."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Period:
    """An inclusive period: "2019", "2014-2019" or "2022-01/2022-09"."""

    text: str
    start: date
    end: date

    @property
    def last_year(self) -> int:
        return self.end.year

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.text


_YEAR = re.compile(r"^(\d{4})$")
_YEARS = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")
_MONTHS = re.compile(r"^(\d{4})-(\d{2})\s*/\s*(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A period that cannot be read; `message` says what to write."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def _period_help() -> Message:
    return msg('write "2019", "2014-2019" or "2022-01/2022-09"')


def parse_period(text: str) -> Period:
    """Parse a period; raises PeriodError with an editor-facing message."""
    text = text.strip()
    if m := _YEAR.match(text):
        y = int(m[1])
        return Period(text, date(y, 1, 1), date(y, 12, 31))
    if m := _YEARS.match(text):
        y1, y2 = int(m[1]), int(m[2])
        if y1 > y2:
            raise PeriodError(
                msg('the period starts after it ends: write "%(hint)s"', hint=f"{y2}-{y1}")
            )
        return Period(f"{y1}-{y2}", date(y1, 1, 1), date(y2, 12, 31))
    if m := _MONTHS.match(text):
        y1, m1, y2, m2 = (int(g) for g in m.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            raise PeriodError(msg("a month must be 01 to 12: %(help)s", help=_period_help()))
        start = date(y1, m1, 1)
        end = date(y2, m2, calendar.monthrange(y2, m2)[1])
        if start > end:
            raise PeriodError(
                msg(
                    'the period starts after it ends: write "%(hint)s"',
                    hint=f"{y2}-{m2:02d}/{y1}-{m1:02d}",
                )
            )
        return Period(f"{y1}-{m1:02d}/{y2}-{m2:02d}", start, end)
    raise PeriodError(msg("not a period: %(help)s", help=_period_help()))


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str


def number_suggestion(text: str) -> str | None:
    """What an editor most likely meant by a number typed as text.

    "16.104.216.000" -> "16104216000", "15,2" -> "15.2", "1 404 155 USD" -> "1404155".
    """
    s = re.sub(r"[^\d.,\-]", "", text)
    if not s or not re.search(r"\d", s):
        return None
    groups_dot = re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?", s)
    groups_comma = re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", s)
    if groups_dot:  # Vietnamese grouping: 16.104.216.000 or 1.404,5
        s = s.replace(".", "").replace(",", ".")
    elif groups_comma:  # English grouping: 16,104,216,000
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        d = Decimal(s)
    except ArithmeticError:
        return None
    return format(d.normalize(), "f") if d == d.to_integral() else format(d, "f")
