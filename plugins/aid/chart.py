"""Commitments and disbursements by year as an SVG bar chart, made at build time.

Readable without JavaScript, with a text alternative (`<title>` and `<desc>` naming every
value), and plain enough for WeasyPrint to draw it in the printed bulletin.

Two layouts of the same figures: `render_chart` (columns, a fixed viewBox that scales with
the page: wide screens and print) and `render_narrow_chart` (horizontal bars for phones: no
viewBox, so its text keeps its size in CSS pixels at any width, and one row per year, so the
chart grows downwards instead of shrinking). The page shows one or the other by a media
query (main.css). Axis ticks are round values (1, 2 or 5 times a power of ten).

Contract v2: a third series, "reported" (amounts the sources call neither committed nor
disbursed), appears when a year has one; a sum that includes an approximate amount carries
the source's qualifier ("over", "about"...) in the text alternative, above its bar (wide) and
before its value (narrow). The words come from the template (`Labels.qualify`, a macro of
aid/_words.html), never from this module; the colours from the theme's stylesheet (`palette`:
the custom properties `--chart-committed`... of main.css), never from this module either.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from xml.sax.saxutils import escape

from babel.numbers import format_compact_decimal

from content_model.values import babel_locale

from .money import money_short
from .tables import Tables

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 36, 40
# Narrow layout, in CSS pixels (text) and percentages of the width (bars, grid)
NARROW_FONT = 13  # px: 12 px or more is readable on a phone
NARROW_LABELS = 16  # % of the width for the year labels; the bars share the rest
NARROW_ROW, NARROW_BAR = 46, 15  # px: one year (two bars and a gap), one bar
SERIES = ("committed", "disbursed", "reported")
STYLESHEET = Path("static") / "css" / "main.css"  # in the theme: where the colours are
Colors = Mapping[str, str]  # series -> its colour (`palette`)


def palette(stylesheet: Path) -> Colors:
    """The colour of each series as the theme's stylesheet declares it: the custom property
    `--chart-<series>` of `:root` (main.css), so that a brand colour is written once, in CSS.
    A value `var(--brand)` is the value of `--brand`."""
    css = stylesheet.read_text(encoding="utf-8")
    root = re.search(r":root\s*\{([^}]*)\}", css)
    declared = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+?)\s*;", root.group(1) if root else ""))

    def value(name: str) -> str:
        found = declared.get(name)
        if found is None:
            raise ValueError(f"{stylesheet}: no custom property {name} in :root")
        ref = re.fullmatch(r"var\((--[\w-]+)\)", found)
        return value(ref.group(1)) if ref else found

    return MappingProxyType({series: value(f"--chart-{series}") for series in SERIES})


@dataclass(frozen=True)
class Bar:
    year: int
    committed: Decimal | None  # USD
    disbursed: Decimal | None  # USD
    reported: Decimal | None = None  # USD: neither committed nor disbursed, per the source
    approx: tuple[tuple[str, str], ...] = ()  # (series, qualifier) of approximate sums

    def value(self, series: str) -> Decimal | None:
        return getattr(self, series)

    def qualifier(self, series: str) -> str | None:
        return dict(self.approx).get(series)


@dataclass(frozen=True)
class Labels:
    title: str
    committed: str
    disbursed: str
    not_reported: str
    reported: str = ""
    # (qualifier or None, amount) -> the amount as the source says it: "trên 5,1 triệu USD"
    qualify: Callable[[str | None, str], str] | None = None

    def amount(self, qualifier: str | None, text: str) -> str:
        if not qualifier or self.qualify is None:
            return text
        return str(self.qualify(qualifier, text)).strip()

    def word(self, qualifier: str | None) -> str:
        """The qualifier alone ("trên", "over"), shown above an approximate bar."""
        return self.amount(qualifier, "") if qualifier else ""


def year_bars(tables: Tables) -> list[Bar]:
    """The sums by year as the chart draws them, each approximate sum with its qualifier."""
    bars = []
    for y in tables.by_year:
        approx = (
            ("committed", y.sum.committed_approx),
            ("disbursed", y.sum.disbursed_approx),
            ("reported", y.sum.reported_approx),
        )
        bars.append(
            Bar(
                y.year,
                y.sum.committed_usd,
                y.sum.disbursed_usd,
                y.sum.reported_usd,
                tuple((name, q) for name, q in approx if q),
            )
        )
    return bars


def series(bars: list[Bar]) -> list[str]:
    """Committed and disbursed; reported too when a year has such an amount."""
    names = ["committed", "disbursed"]
    return [*names, "reported"] if any(b.reported is not None for b in bars) else names


def _name(labels: Labels, name: str) -> str:
    return getattr(labels, name)


def ticks(value: Decimal, max_intervals: int = 5) -> list[Decimal]:
    """Round axis values from 0 to at least `value`: steps of 1, 2 or 5 times a power of ten,
    at most `max_intervals` of them (`5 / 3,8 / 2,5 / 1,2 triệu` never happens)."""
    if value <= 0:
        return [Decimal(0), Decimal(1)]
    rough = value / max_intervals
    magnitude = Decimal(10) ** rough.adjusted()  # the power of ten at or below `rough`
    for multiple in (1, 2, 5, 10):
        step = multiple * magnitude
        count = math.ceil(value / step)
        if count <= max_intervals:
            return [step * i for i in range(int(count) + 1)]
    raise AssertionError("unreachable: 10 times the magnitude always fits")


def tick_label(value: Decimal, lang: str) -> str:
    """`5 triệu`, `2,5 triệu`, `5 million`: short, with at most one decimal."""
    return format_compact_decimal(
        value, format_type="long", locale=babel_locale(lang), fraction_digits=1
    )


def shown(bar: Bar, name: str, labels: Labels, lang: str) -> str:
    """A bar's value as the text says it: qualified as its sum is, or "not reported"."""
    value = bar.value(name)
    if value is None:
        return labels.not_reported
    return labels.amount(bar.qualifier(name), money_short(value, "USD", lang))


def text_alternative(bars: list[Bar], labels: Labels, lang: str) -> str:
    names = series(bars)
    return " ".join(
        f"{b.year}: "
        + "; ".join(f"{_name(labels, n)} {shown(b, n, labels, lang)}" for n in names)
        + "."
        for b in bars
    )


def _largest(bars: list[Bar]) -> Decimal:
    return max((v for b in bars for n in series(bars) if (v := b.value(n))), default=Decimal(0))


def _head(chart_id: str, labels: Labels, alternative: str, attributes: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" {attributes} '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="Be Vietnam Pro, Noto Sans, Arial, sans-serif">',
        f'<title id="{chart_id}-title">{escape(labels.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(alternative)}</desc>',
    ]


def render_chart(
    bars: list[Bar], labels: Labels, lang: str, colors: Colors, chart_id: str = "aid-chart"
) -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    axis = ticks(_largest(bars))
    top_value = axis[-1]
    scale = Decimal(plot_h) / top_value
    out = _head(
        chart_id,
        labels,
        text_alternative(bars, labels, lang),
        f'viewBox="0 0 {WIDTH} {HEIGHT}" class="aid-chart" font-size="12"',
    )
    for value in axis:  # horizontal grid and axis labels
        y = TOP + plot_h - float(value * scale)
        tick = tick_label(value, lang)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dde3ea" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4f5863" class="tick">'
            f"{escape(tick)}</text>"
        )
    names = series(bars)
    slot = plot_w / max(len(bars), 1)
    bar_w = min(36.0, slot / (len(names) + 1))
    for i, bar in enumerate(bars):
        x0 = LEFT + slot * i + slot / 2 - bar_w * len(names) / 2
        for j, name in enumerate(names):
            value = bar.value(name)
            if value is None:
                continue
            h = float(value * scale)
            x = x0 + j * bar_w
            out.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{h:.1f}" fill="{colors[name]}"/>'
            )
            if word := labels.word(bar.qualifier(name)):  # "over": the sum is approximate
                out.append(
                    f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{TOP + plot_h - h - 4:.1f}" '
                    f'text-anchor="middle" fill="#1a1d21" font-size="11">{escape(word)}</text>'
                )
        out.append(
            f'<text x="{LEFT + slot * i + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle" fill="#1a1d21">{bar.year}</text>'
        )
    legend_x = LEFT
    for name in names:
        out.append(
            f'<rect x="{legend_x}" y="10" width="12" height="12" fill="{colors[name]}"/>'
            f'<text x="{legend_x + 18}" y="20" fill="#1a1d21">'
            f"{escape(_name(labels, name))} (USD)</text>"
        )
        legend_x += 180
    out.append("</svg>")
    return "\n".join(out)


def render_narrow_chart(
    bars: list[Bar], labels: Labels, lang: str, colors: Colors, chart_id: str = "aid-chart-narrow"
) -> str:
    """Horizontal bars, one row per year, for narrow screens: a legend of two lines, round
    ticks above the bars (at most three intervals: their labels need room), values after the
    bars. x positions are percentages of the chart's width; sizes of text are CSS pixels."""
    axis = ticks(_largest(bars), max_intervals=3)
    top_value = axis[-1]
    span = 100 - NARROW_LABELS - 2  # % of the width for a bar of `top_value`

    def x(value: Decimal) -> str:
        return f"{NARROW_LABELS + float(value / top_value) * span:.2f}%"

    names = series(bars)
    legend_h, axis_h = len(names) * (NARROW_FONT + 8), NARROW_FONT + 10
    first_row = legend_h + axis_h + 4
    row = NARROW_ROW + (NARROW_BAR + 2) * (len(names) - 2)
    height = first_row + row * len(bars)
    out = _head(
        chart_id,
        labels,
        text_alternative(bars, labels, lang),
        f'width="100%" height="{height}" class="aid-chart aid-chart-narrow" '
        f'font-size="{NARROW_FONT}"',
    )
    for i, name in enumerate(names):
        y = 4 + i * (NARROW_FONT + 8)
        out.append(
            f'<rect x="0" y="{y}" width="12" height="12" fill="{colors[name]}"/>'
            f'<text x="18" y="{y + 11}" fill="#1a1d21">{escape(_name(labels, name))} (USD)</text>'
        )
    for n, value in enumerate(axis):
        anchor = "start" if n == 0 else "end" if n == len(axis) - 1 else "middle"
        out.append(
            f'<line x1="{x(value)}" x2="{x(value)}" y1="{first_row - 4}" y2="{height}" '
            f'stroke="#dde3ea" stroke-width="1"/>'
            f'<text x="{x(value)}" y="{legend_h + NARROW_FONT + 2}" text-anchor="{anchor}" '
            f'fill="#4f5863" class="tick">{escape(tick_label(value, lang))}</text>'
        )
    for i, bar in enumerate(bars):
        top = first_row + i * row
        out.append(
            f'<text x="0" y="{top + NARROW_BAR + NARROW_FONT // 2}" fill="#1a1d21" '
            f'font-weight="600">{bar.year}</text>'
        )
        for j, name in enumerate(names):
            value = bar.value(name)
            y = top + j * (NARROW_BAR + 2)
            text = shown(bar, name, labels, lang)
            if value is not None:
                width = float(value / top_value) * span
                out.append(
                    f'<rect x="{x(Decimal(0))}" y="{y}" width="{width:.2f}%" '
                    f'height="{NARROW_BAR}" fill="{colors[name]}"/>'
                )
            # the amount after the bar, or inside it (in white) when the bar is long
            inside = value is not None and value / top_value > Decimal("0.6")
            at = x(value if value is not None else Decimal(0))
            out.append(
                f'<text x="{at}" dx="{-4 if inside else 4}" y="{y + NARROW_BAR - 3}" '
                f'text-anchor="{"end" if inside else "start"}" '
                f'fill="{"#fff" if inside else "#1a1d21"}">{escape(text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)
