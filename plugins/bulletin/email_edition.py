"""The e-mail edition: one self-contained HTML file (CSS inlined, every URL absolute) and its
plain-text alternative.

Mail programs ignore <link> stylesheets and most <style> rules, and resolve no relative URL:
css-inline moves the rules into style attributes (media queries stay in a <style> for the
programs that read them), and every href and src is resolved here against the web edition's
published address, which css-inline does not do.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import css_inline

from .links import absolute_urls

EMAIL_CSS = Path("static") / "css" / "bulletin-email.css"  # in the theme
MAX_BYTES = 102 * 1024  # Gmail clips a message whose HTML is larger


def inline_css(html: str, theme: Path) -> str:
    inliner = css_inline.CSSInliner(
        keep_at_rules=True,  # @media for narrow screens, where mail programs support it
        load_remote_stylesheets=False,
        extra_css=(theme / EMAIL_CSS).read_text(encoding="utf-8"),
    )
    return inliner.inline(html)


def email_html(html: str, theme: Path, page_url: str) -> str:
    return absolute_urls(inline_css(html, theme), page_url)


def wrap(text: str, width: int = 72, indent: str = "") -> str:
    """Plain text as mail programs show it best: paragraphs wrapped at 72 characters."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        textwrap.fill(
            " ".join(p.split()),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,  # a long URL stays whole and clickable
            break_on_hyphens=False,
        )
        for p in paragraphs
        if p.strip()
    )
