"""The URL scheme of both languages, localized where natural (`/chuyen-muc/` vs `/en/category/`).

Every URL is relative to the site root and ends with `/` (written as `.../index.html`);
pagination is always `<listing>/page/N/` so that no page can overwrite another.
"""

from __future__ import annotations

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

PATTERNS: dict[str, dict[str, str]] = {
    "vi": {
        "home": "",
        "article": "tin-tuc/{slug}/",
        "category": "chuyen-muc/{key}/",
        "tag": "the/{slug}/",
        "archives": "luu-tru/",
        "archive": "luu-tru/{year}/",
        "feed": "feeds/all.atom.xml",
    },
    "en": {
        "home": "en/",
        "article": "en/news/{slug}/",
        "category": "en/category/{key}/",
        "tag": "en/tag/{slug}/",
        "archives": "en/archive/",
        "archive": "en/archive/{year}/",
        "feed": "en/feeds/all.atom.xml",
    },
}


def url(lang: str, kind: str, page: int = 1, **params: object) -> str:
    base = PATTERNS[lang][kind].format(**params)
    return base if page <= 1 else f"{base}page/{page}/"


def save_as(page_url: str) -> str:
    """Output file of a page URL: directories get an index.html."""
    return page_url + "index.html" if page_url == "" or page_url.endswith("/") else page_url


def other_lang(lang: str) -> str:
    return "en" if lang == "vi" else "vi"
