"""URLs made absolute in rendered HTML: a mail program and a PDF reader have no page to
resolve a relative URL against (css-inline leaves URLs as they are)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

ALL_ATTRIBUTES = ("href", "src", "background", "poster", "action")
_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*)(?P=q)\s*\)""")


def _attribute_re(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"""(?P<before>\s(?:{"|".join(names)})\s*=\s*)(?P<q>["'])(?P<url>.*?)(?P=q)""",
        re.IGNORECASE | re.DOTALL,
    )


def absolute_urls(
    html: str,
    page_url: str,
    attributes: tuple[str, ...] = ALL_ATTRIBUTES,
    keep_fragments: bool = False,
) -> str:
    """Resolve URLs of `attributes` (and CSS `url()` in style attributes, with every
    attribute) against `page_url`; other schemes (mailto:, file:) stay as they are.
    `keep_fragments`: `#id` links stay within the document (a PDF's contents)."""

    def resolve(url: str) -> str:
        url = url.strip()
        return url if keep_fragments and url.startswith("#") else urljoin(page_url, url)

    def attr(m: re.Match[str]) -> str:
        return f"{m['before']}{m['q']}{resolve(m['url'])}{m['q']}"

    def css(m: re.Match[str]) -> str:
        return f"url({m['q']}{resolve(m['url'])}{m['q']})"

    html = _attribute_re(attributes).sub(attr, html)
    return _CSS_URL.sub(css, html) if attributes == ALL_ATTRIBUTES else html
