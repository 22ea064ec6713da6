"""The print edition's stylesheet: `bulletin-print.css` of the theme, with @font-face rules
made from the site's (main.css), so that the fonts are declared once.

The site declares each face of Be Vietnam Pro once per subset (latin, vietnamese) under one
family, with a `unicode-range` that tells browsers which file has which letters. WeasyPrint 70
embeds fonts by family, weight and style: two files under one family name would become one
PDF font with the wrong glyphs. So the print edition gives each subset its own family
(`PRINT_FAMILIES`), and its text asks for both, latin first. The rules take the place of the
marker line in bulletin-print.css; the build writes the result to the output folder too.
"""

from __future__ import annotations

import re
from pathlib import Path

SITE_CSS = Path("static") / "css" / "main.css"  # in the theme: the one @font-face declaration
PRINT_CSS = Path("static") / "css" / "bulletin-print.css"  # in the theme
MARKER = "/* @font-face rules of main.css go here, one family per subset: bulletin/print_css.py */"
# subset (in the font file's name, be-vietnam-pro-<subset>-<weight>-<style>.woff2) -> the
# print family, in the order text asks for them
PRINT_FAMILIES = {"latin": "Be Vietnam Pro", "vietnamese": "Be Vietnam Pro Vi"}
_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_DESCRIPTOR = re.compile(r"([\w-]+)\s*:\s*([^;]+?)\s*;")


def print_font_faces(site_css: str) -> str:
    """One line per face of the site's @font-face rules, under its subset's print family,
    subsets in PRINT_FAMILIES order (no unicode-range, no font-display: print needs neither)."""
    lines: dict[str, list[str]] = {subset: [] for subset in PRINT_FAMILIES}
    for body in _FACE.findall(site_css):
        face = dict(_DESCRIPTOR.findall(body))
        subset = re.search(r"-(latin|vietnamese)-\d+-\w+\.woff2", face["src"])
        if subset is None:
            raise ValueError(f"a font file of no known subset: {face['src']}")
        lines[subset.group(1)].append(
            f'@font-face {{ font-family: "{PRINT_FAMILIES[subset.group(1)]}"; '
            f"font-weight: {face['font-weight']}; font-style: {face['font-style']}; "
            f"src: {face['src']}; }}"
        )
    return "\n".join(line for subset in PRINT_FAMILIES for line in lines[subset])


def print_stylesheet(theme: Path) -> str:
    """bulletin-print.css with the print edition's @font-face rules in place of its marker."""
    source = (theme / PRINT_CSS).read_text(encoding="utf-8")
    if MARKER not in source:
        raise ValueError(f"{PRINT_CSS}: the line {MARKER} is missing")
    faces = print_font_faces((theme / SITE_CSS).read_text(encoding="utf-8"))
    return source.replace(MARKER, faces, 1)
