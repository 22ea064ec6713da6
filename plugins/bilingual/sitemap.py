"""sitemap.xml with hreflang alternates (xhtml:link) for every HTML page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import quoteattr

from .plan import Page


def base_url(settings: dict[str, Any]) -> str:
    """Absolute base for feeds and the sitemap (local preview when SITEURL is empty)."""
    return settings.get("SITEURL") or settings.get("PREVIEW_URL", "http://localhost:8000")


def absolute(base: str, url: str) -> str:
    return f"{base.rstrip('/')}/{url}"


def render_sitemap(pages: Iterable[Page], base_url: str) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in sorted(pages, key=lambda p: p.url):
        if page.params.get("noindex"):  # e.g. the 404 pages: never a page to crawl
            continue
        out.append(f"  <url><loc>{absolute(base_url, page.url)}</loc>")
        for lang, url in sorted(page.alternates.items()):
            href = quoteattr(absolute(base_url, url))
            out.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>')
        out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"
