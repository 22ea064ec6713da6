"""Markdown of stories and editorials, turned into HTML as the site does it."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup

from content_model.markdown_html import MarkdownRenderer


def to_html(text: str) -> Markup:
    """Sanitised like the site's pages: an issue prints a story as the site shows it."""
    if not text.strip():
        return Markup("")
    return Markup(nfc(MarkdownRenderer().html(text)))


def nfc(text: str) -> str:
    """Composed Vietnamese letters: one code point per letter, in text and in PDF fonts."""
    return unicodedata.normalize("NFC", text)
