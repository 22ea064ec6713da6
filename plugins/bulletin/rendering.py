"""The Jinja environment of the print and e-mail editions: the theme's bulletin templates, the
theme's gettext catalogs and the same filters as the site's templates (bilingual.templating)."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup

from aid import money
from aid.chart import STYLESHEET, Colors, Labels, palette, render_chart, year_bars
from aid.tables import Tables
from bilingual import catalogs, templating

from .email_edition import wrap
from .markup import nfc
from .print_css import PRINT_FAMILIES

# The print edition's font families: one per subset, see print_css.py why.
PRINT_FONTS = ", ".join(PRINT_FAMILIES.values())


def _plain(value: str) -> str:
    """Text as it reads: a <style> element shows no HTML escape."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def css_string(value: str) -> Markup:
    """A quoted CSS string, safe inside a <style> element."""
    text = _plain(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return Markup('"' + text.replace("<", "\\3C ") + '"')


def css_counters(text: str) -> Markup:
    """`Trang {page}/{pages}` -> `"Trang " counter(page) "/" counter(pages)` (CSS `content`)."""
    parts = re.split(r"\{(page|pages)\}", _plain(text))
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"counter({part})")
        elif part:
            out.append(css_string(part))
    return Markup(" ".join(out))


def print_chart(tables: Tables, lang: str, labels: dict[str, str], colors: Colors) -> Markup:
    """The aid core's chart of the period, with the print edition's fonts (WeasyPrint draws
    SVG text with the families the SVG names)."""
    bars = year_bars(tables)
    svg = render_chart(bars, Labels(**labels), lang, colors, chart_id=f"bulletin-chart-{lang}")
    return Markup(re.sub(r'font-family="[^"]*"', f'font-family="{PRINT_FONTS}"', svg, count=1))


# The bulletin's own filters, beside the theme's (bilingual.templating) and the aid ones.
FILTERS = {
    **money.FILTERS,
    "css_string": css_string,
    "css_counters": css_counters,
    "wrap": wrap,
}


@lru_cache(maxsize=4)
def environment(templates: Path) -> Environment:
    """Only the bulletin's templates, under the names the site's environment gives them
    (`bulletin/...`), so that both can include the same partials."""
    # aid/_words.html: the words of amounts (qualifiers, "a year"), shared with the site
    loader = PrefixLoader(
        {
            "bulletin": FileSystemLoader(str(templates / "bulletin")),
            "aid": FileSystemLoader(str(templates / "aid")),
        }
    )
    colors = palette(templates.parent / STYLESHEET)
    aid_chart = partial(print_chart, colors=colors)
    return templating.environment(loader, FILTERS, {"aid_chart": aid_chart})


def render(theme: Path, template: str, lang: str, context: dict[str, Any]) -> str:
    env = environment(theme / "templates")
    env.install_gettext_translations(
        catalogs.load_translations(theme / "translations", lang), newstyle=True
    )
    return nfc(env.get_template(template).render({**context, "lang": lang}))
