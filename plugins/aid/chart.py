"""Commitments and disbursements by year as an SVG bar chart, made at build time.

Readable without JavaScript, with a text alternative (`<title>` and `<desc>` naming every
value), and plain enough for WeasyPrint to draw it in the printed bulletin.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from babel.numbers import format_compact_decimal

from content_model.values import babel_locale

from .money import money_short

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 36, 40
COLORS = {"committed": "#0b4a82", "disbursed": "#b3122a"}


@dataclass(frozen=True)
class Bar:
    year: int
    committed: Decimal | None  # USD
    disbursed: Decimal | None  # USD


@dataclass(frozen=True)
class Labels:
    title: str
    committed: str
    disbursed: str
    not_reported: str


def _nice_max(value: Decimal) -> Decimal:
    """A round axis maximum above `value`: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def text_alternative(bars: list[Bar], labels: Labels, lang: str) -> str:
    def amount(v: Decimal | None) -> str:
        return money_short(v, "USD", lang) if v is not None else labels.not_reported

    return " ".join(
        f"{b.year}: {labels.committed} {amount(b.committed)}; "
        f"{labels.disbursed} {amount(b.disbursed)}."
        for b in bars
    )


def render_chart(bars: list[Bar], labels: Labels, lang: str, chart_id: str = "aid-chart") -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = _nice_max(
        max((v for b in bars for v in (b.committed, b.disbursed) if v), default=0)
    )
    scale = Decimal(plot_h) / top_value
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="aid-chart" '
        f'font-family="Be Vietnam Pro, Noto Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(labels.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(text_alternative(bars, labels, lang))}</desc>',
    ]
    for i in range(5):  # horizontal grid and axis labels
        value = top_value * i / 4
        y = TOP + plot_h - float(value * scale)
        tick = format_compact_decimal(
            value, format_type="long", locale=babel_locale(lang), fraction_digits=1
        )
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#dde3ea" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4f5863">'
            f"{escape(tick)}</text>"
        )
    slot = plot_w / max(len(bars), 1)
    bar_w = min(36.0, slot / 3)
    for i, bar in enumerate(bars):
        x0 = LEFT + slot * i + slot / 2 - bar_w
        for j, (name, value) in enumerate(
            (("committed", bar.committed), ("disbursed", bar.disbursed))
        ):
            if value is None:
                continue
            h = float(value * scale)
            x = x0 + j * bar_w
            out.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{h:.1f}" fill="{COLORS[name]}"/>'
            )
        out.append(
            f'<text x="{LEFT + slot * i + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle" fill="#1a1d21">{bar.year}</text>'
        )
    legend_x = LEFT
    for name, text in (("committed", labels.committed), ("disbursed", labels.disbursed)):
        out.append(
            f'<rect x="{legend_x}" y="10" width="12" height="12" fill="{COLORS[name]}"/>'
            f'<text x="{legend_x + 18}" y="20" fill="#1a1d21">{escape(text)} (USD)</text>'
        )
        legend_x += 180
    out.append("</svg>")
    return "\n".join(out)
