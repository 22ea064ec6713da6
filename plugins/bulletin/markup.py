"""Markdown of stories and editorials, turned into HTML as the site does it."""

from __future__ import annotations

import unicodedata

import markdown
from markupsafe import Markup

# The extensions of pelicanconf.MARKDOWN: an issue prints a story as the site shows it.
EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]


def to_html(text: str) -> Markup:
    if not text.strip():
        return Markup("")
    html = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    return Markup(nfc(html))


def nfc(text: str) -> str:
    """Composed Vietnamese letters: one code point per letter, in text and in PDF fonts."""
    return unicodedata.normalize("NFC", text)
