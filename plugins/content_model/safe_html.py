"""The HTML a story may contain, whatever an editor typed or pasted.

Markdown lets raw HTML through, and text copied from other websites brings scripts, frames,
event handlers and inline styles with it. Every story body and summary goes through this
allowlist (nh3, a binding of the Rust sanitiser ammonia) after Markdown: what is not listed
is dropped, so a new trick is inert by default. Inline `style` is never kept: the site's
Content-Security-Policy would block it anyway (tables align with the `align` attribute).
"""

from __future__ import annotations

import re

import nh3

TAGS = (set(nh3.ALLOWED_TAGS) - {"map", "area", "center", "strike", "tt", "acronym"}) | {
    "picture",
    "source",
}
# Their content goes too: a script's text shown as text would only confuse readers.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "noscript", "template"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "type", "media", "sizes"},
    "time": {"datetime"},
    "abbr": {"title"},
}
ATTRIBUTES["a"] = {"href", "hreflang"}
# `target` only to open a new tab, which then gets rel="noopener" like any external link
ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # never javascript:, data:, vbscript:

_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=CLEAN_CONTENT_TAGS,
    attributes=ATTRIBUTES,
    tag_attribute_values=ATTRIBUTE_VALUES,
    url_schemes=URL_SCHEMES,
    link_rel=None,  # set below on external links only
    strip_comments=True,
)

# nh3 serialises attributes double-quoted with `"` escaped, so a quoted value never holds `"`.
_LINK = re.compile(r'<a\b((?:[^>"]|"[^"]*")*)>')
_EXTERNAL = re.compile(r'\s(?:href="(?:https?:)?//|target="_blank")', re.I)


def clean(html: str) -> str:
    """Sanitised HTML: allowed tags and attributes only, external links with rel=noopener."""
    return _LINK.sub(_add_rel, _cleaner.clean(html))


def _add_rel(match: re.Match[str]) -> str:
    attrs = match.group(1)
    if _EXTERNAL.search(attrs):
        return f'<a{attrs} rel="noopener">'
    return match.group(0)
