"""Small value types of the content model: localized text, periods, money, keys."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import pairwise

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


class CutNumber(str):
    """`1,250,000,000` as typed inside `{ }`, where YAML cut it at the commas
    (yaml_loader.py joins the pieces again): a number written as text, said so."""


class GroupedNumber(str):
    """`457.250` unquoted, which YAML reads as 457.25 and a Vietnamese editor may mean as
    457250: kept as the text typed (yaml_loader.py), read by the field that holds it."""


APPROX = ("over", "about", "nearly", "under")  # trên/hơn, khoảng, gần, dưới


@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str
    approx: str | None = None  # one of APPROX: the source's qualifier ("trên 5,1 triệu USD")


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: what the source says, no more.

    "năm 2016" is `2016`, "tháng 9 năm 2022" is `2022-09`. `first` and `last` are the first
    and last days it may be; pages show only the parts that are given.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        if self.day:
            return self.first
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()

    @property
    def span(self) -> tuple[date, date]:
        """Orders partial dates: by first day, then the shorter first (22 Sep, Sep, 2022)."""
        return (self.first, self.last)

    def __lt__(self, other: PartialDate) -> bool:
        return self.span < other.span

    def __le__(self, other: PartialDate) -> bool:
        return self.span <= other.span

    def __gt__(self, other: PartialDate) -> bool:
        return self.span > other.span

    def __ge__(self, other: PartialDate) -> bool:
        return self.span >= other.span

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)


def parse_partial_date(text: str) -> PartialDate:
    """`2022`, `2022-09` or `2022-09-22`; ValueError otherwise (the schema says what to write)."""
    m = _PARTIAL.match(text.strip())
    if not m:
        raise ValueError(text)
    year = int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    date(year, month or 1, day or 1)  # ValueError for month 00 or 13, or 30 February
    if month == 0 or day == 0:
        raise ValueError(text)
    return PartialDate(year, month, day)


def date_suggestion(text: str) -> str | None:
    """What an editor most likely meant by a date written the Vietnamese way.

    "12/5/2024" -> "2024-05-12", "9/2022" -> "2022-09", "tháng 9/2022" -> "2022-09".
    """
    s = re.sub(r"^\s*(?:ngày|tháng|năm)\s*", "", text.strip(), flags=re.I)
    if m := re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", s):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{4})", s):
        mo, y = int(m[1]), int(m[2])
        return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
    return None


# Words of magnitude in amounts as editors type them ("1,25 tỷ", "2,5 triệu", "USD 15.2
# million"), with and without tone marks: the power of ten they multiply by.
MAGNITUDES = {
    "nghìn": 3, "nghin": 3, "ngàn": 3, "ngan": 3, "k": 3, "thousand": 3,
    "triệu": 6, "trieu": 6, "tr": 6, "million": 6, "millions": 6, "mn": 6, "m": 6,
    "tỷ": 9, "tỉ": 9, "ty": 9, "ti": 9, "billion": 9, "billions": 9, "bn": 9,
}  # fmt: skip
# Words that name a unit, not a quantity: skipped when a number is read
_UNIT_WORDS = frozenset(
    {"đồng", "dong", "đ", "vnđ", "usd", "vnd", "us", "euro", "euros", "dollars"}
)
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*(?: \d{3}(?![\d.,]))*)"  # 1.250.000 / 1,25 / 1 250 000
    r"|(?P<word>[^\W\d_]+)\.?"  # tỷ, triệu, USD (an abbreviation may end with a dot)
    r"|(?P<sym>[$€%])|(?P<space>\s+)|(?P<other>.)"
)


def number_readings(text: str) -> tuple[Decimal, ...]:
    """Every number an editor may have meant by `text`, smallest first; () when the text is
    not a number as people write one.

    `16.104.216.000` and `16,104,216,000` are 16104216000; `1,25 tỷ` is 1250000000,
    `2,5 triệu` 2500000, `3 tỷ 200 triệu` 3200000000, `15,2 triệu USD` 15200000. A single
    separator before three digits (`1,250`, `1.250`) can be a thousands separator or a
    decimal one: both readings are returned, and the caller keeps the plausible one or
    suggests nothing. Three zeros (`26.000`) are never decimals.
    """
    text = unicodedata.normalize("NFC", text).casefold().replace("\u00a0", " ").strip()
    negative = text.startswith("-")
    parts: list[tuple[tuple[Decimal, ...], int | None]] = []  # (readings, magnitude)
    for token in _TOKEN.finditer(text.removeprefix("-")):
        kind, value = token.lastgroup, token.group()
        if kind == "num":
            if parts and parts[-1][1] is None:
                return ()  # two numbers in a row: "3 tỷ 200" or a date
            readings = _separated(value.replace(" ", "") if " " in value else value)
            if not readings:
                return ()
            parts.append((readings, None))
        elif kind == "word" and value in MAGNITUDES:
            if not parts or parts[-1][1] is not None:
                return ()
            parts[-1] = (parts[-1][0], MAGNITUDES[value])
        elif kind == "word" and (value in _UNIT_WORDS or (len(value) == 3 and value.isascii())):
            continue  # a currency: VND, USD, EUR...
        elif kind in ("space", "sym"):
            continue
        else:
            return ()  # any other word: not only a number
    if not parts or (len(parts) > 1 and not _decreasing([m for _, m in parts])):
        return ()
    totals = {Decimal(0)}
    for readings, magnitude in parts:
        scale = Decimal(10) ** (magnitude or 0)
        totals = {t + r * scale for t in totals for r in readings}
    return tuple(sorted(-t if negative else t for t in totals))


def _decreasing(magnitudes: list[int | None]) -> bool:
    """`3 tỷ 200 triệu`: every part has a magnitude, each smaller than the one before."""
    if None in magnitudes:
        return False
    return all(a > b for a, b in pairwise(magnitudes))  # type: ignore[operator]


def _separated(digits: str) -> tuple[Decimal, ...]:
    """Readings of digits with `.` and `,` (no spaces)."""
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:  # both: the last one is the decimal separator
        decimal, group = (",", ".") if digits.rindex(",") > digits.rindex(".") else (".", ",")
        pattern = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})*{re.escape(decimal)}\d+"
        if not re.fullmatch(pattern, digits):
            return ()
        return (Decimal(digits.replace(group, "").replace(decimal, ".")),)
    if not dots and not commas:
        return (Decimal(digits),)
    sep = "." if dots else ","
    head, *groups = digits.split(sep)
    if len(groups) > 1:  # several: thousands separators, every group of three digits
        if len(head) > 3 or any(len(g) != 3 for g in groups):
            return ()
        return (Decimal(digits.replace(sep, "")),)
    tail = groups[0]
    fraction = Decimal(f"{head}.{tail}")
    if len(tail) != 3 or len(head) > 3 or head == "0":
        return (fraction,)  # 15,2 / 1.25 / 0,250: a decimal separator
    if tail == "000":
        return (Decimal(head + tail),)
    return tuple(sorted({fraction, Decimal(head + tail)}))


def plain_number(value: Decimal) -> str:
    """A number as an editor writes it in YAML: digits, a dot before decimals."""
    if value == value.to_integral():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


def number_suggestion(text: str, plausible: Callable[[Decimal], bool] | None = None) -> str | None:
    """The number to write for `text`, only when exactly one reading is left (after those
    `plausible` refuses); None rather than a guess.

    "16.104.216.000" -> "16104216000", "15,2" -> "15.2", "1,25 tỷ" -> "1250000000".
    """
    readings = number_readings(text)
    if plausible is not None and len(readings) > 1:
        readings = tuple(r for r in readings if plausible(r))
    return plain_number(readings[0]) if len(readings) == 1 else None
