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
        "partners": "doi-tac/",
        "partner": "doi-tac/{id}/",
        "partners-type": "doi-tac/loai/{type}/",
        "partners-country": "doi-tac/quoc-gia/{country}/",
        "events": "su-kien/",
        "events-kind": "su-kien/loai/{event_kind}/",
        "events-ics": "data/events.ics",
        "aid": "vien-tro/",
        "projects": "du-an/",
        "project": "du-an/{id}/",
        "projects-donor": "du-an/nha-tai-tro/{partner}/",
        "projects-sector": "du-an/linh-vuc/{sector}/",
        "projects-status": "du-an/trang-thai/{status}/",
        "projects-province": "du-an/tinh/{province}/",
        "projects-year": "du-an/nam/{year}/",
        "projects-csv": "data/aid-projects.csv",
        "projects-iati": "data/iati-activities.xml",
        "bulletins": "ban-tin/",
        "bulletin": "ban-tin/{id}/",
        "search": "tim-kiem/",
        "404": "404.html",
    },
    "en": {
        "home": "en/",
        "article": "en/news/{slug}/",
        "category": "en/category/{key}/",
        "tag": "en/tag/{slug}/",
        "archives": "en/archive/",
        "archive": "en/archive/{year}/",
        "feed": "en/feeds/all.atom.xml",
        "partners": "en/partners/",
        "partner": "en/partners/{id}/",
        "partners-type": "en/partners/type/{type}/",
        "partners-country": "en/partners/country/{country}/",
        "events": "en/events/",
        "events-kind": "en/events/kind/{event_kind}/",
        "events-ics": "en/data/events.ics",
        "aid": "en/aid/",
        "projects": "en/projects/",
        "project": "en/projects/{id}/",
        "projects-donor": "en/projects/donor/{partner}/",
        "projects-sector": "en/projects/sector/{sector}/",
        "projects-status": "en/projects/status/{status}/",
        "projects-province": "en/projects/province/{province}/",
        "projects-year": "en/projects/year/{year}/",
        "projects-csv": "data/aid-projects.csv",  # one file for both languages
        "projects-iati": "data/iati-activities.xml",
        "bulletins": "en/bulletin/",
        "bulletin": "en/bulletin/{id}/",
        "search": "en/search/",
        "404": "en/404.html",
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
