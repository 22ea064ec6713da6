"""The aid chart's core (plugins/aid/chart.py): round axis ticks for any amount, and the
narrow layout that phones get (text in CSS pixels, one row per year)."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aid.chart import (
    NARROW_FONT,
    STYLESHEET,
    Bar,
    Labels,
    palette,
    render_chart,
    render_narrow_chart,
    tick_label,
    ticks,
)

LABELS = Labels("Aid by year", "Committed", "Disbursed", "not reported")
THEME = Path(__file__).parent.parent / "theme"
COLORS = palette(THEME / STYLESHEET)


def test_the_series_colours_are_the_stylesheets_custom_properties(tmp_path: Path) -> None:
    """The brand colours are written once, in main.css; the chart reads them from there."""
    assert COLORS == {"committed": "#0b4a82", "disbursed": "#b3122a", "reported": "#5b6470"}
    css = tmp_path / "main.css"
    css.write_text(
        "body { --chart-committed: red; }\n:root {\n  --brand: #123456;\n"
        "  --chart-committed: var(--brand);\n  --chart-disbursed: #fff;\n"
        "  --chart-reported: rgb(1, 2, 3);\n}\n",
        encoding="utf-8",
    )
    assert dict(palette(css)) == {
        "committed": "#123456",
        "disbursed": "#fff",
        "reported": "rgb(1, 2, 3)",
    }
    svg = render_chart(BARS, LABELS, "vi", palette(css), chart_id="c")
    assert 'fill="#123456"' in svg and 'fill="#0b4a82"' not in svg
    css.write_text(":root { --chart-committed: red; }\n", encoding="utf-8")
    with pytest.raises(ValueError, match="--chart-disbursed"):
        palette(css)


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2),
    st.sampled_from([3, 4, 5]),
)
def test_ticks_are_round_even_steps_from_zero_that_cover_the_value(
    value: Decimal, most: int
) -> None:
    axis = ticks(value, most)
    steps = {b - a for a, b in itertools.pairwise(axis)}
    assert axis[0] == 0 and len(steps) == 1
    step = steps.pop()
    assert step.normalize().as_tuple().digits in ((1,), (2,), (5,))  # 1, 2 or 5 x 10^k
    assert axis[-1] >= value > axis[-2]  # covers the value, with no empty interval on top
    assert len(axis) - 1 <= most


def test_ticks_of_the_issue_example_read_as_round_millions() -> None:
    # "5 / 3,8 / 2,5 / 1,2 triệu" was a 5 million top split in four
    assert [tick_label(t, "vi") for t in ticks(Decimal(5_100_000))] == [
        "0",
        "2 triệu",
        "4 triệu",
        "6 triệu",
    ]
    assert [tick_label(t, "en") for t in ticks(Decimal(9_020_000), 3)] == [
        "0",
        "5 million",
        "10 million",
    ]


BARS = [
    Bar(year, Decimal(1_000_000 + 250_000 * i), Decimal(400_000 + 90_000 * i) if i % 3 else None)
    for i, year in enumerate(range(2010, 2024))
]


def test_narrow_chart_grows_downwards_with_text_in_css_pixels() -> None:
    svg = render_narrow_chart(BARS, LABELS, "vi", COLORS, chart_id="c")
    root = svg[: svg.index(">")]
    assert "viewBox" not in root  # nothing scales its text down
    assert 'width="100%"' in root and f'font-size="{NARROW_FONT}"' in root
    assert NARROW_FONT >= 12
    assert not re.search(r'font-size="(\d+)"', svg[len(root) :])  # no smaller text inside
    height = int(re.search(r'height="(\d+)"', root).group(1))
    assert height >= 14 * 40  # one row per year
    assert svg.count(">2023</text>") == 1 and svg.count(">2010</text>") == 1
    # every bar starts and ends inside the chart
    for x, width in re.findall(r'<rect x="([\d.]+)%" y="\d+" width="([\d.]+)%"', svg):
        assert float(x) >= 0 and float(x) + float(width) <= 100
    # the text alternative names every value, as the wide chart's does
    wide = render_chart(BARS, LABELS, "vi", COLORS, chart_id="c")
    desc = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)
    assert desc.search(svg).group(1) == desc.search(wide).group(1)
    assert svg.count("not reported") == sum(b.disbursed is None for b in BARS) * 2  # bar, desc
