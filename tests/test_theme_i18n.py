"""Theme strings come from gettext catalogs; numbers and dates from Babel's locales."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bilingual.catalogs import load_translations
from bilingual.formatting import format_day, format_number
from conftest import REPO

THEME = REPO / "theme"


def template_msgids() -> set[str]:
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n"}}
    return {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(
            str(THEME / "templates"), method_map=method_map, options_map=options
        )
    }


def test_every_theme_string_is_translated_in_both_catalogs() -> None:
    ids = template_msgids()
    assert "Skip to content" in ids and len(ids) > 10
    for lang in ("vi", "en"):
        po = Path(THEME / "translations" / lang / "LC_MESSAGES" / "messages.po")
        catalog = read_po(po.open("rb"))
        missing = [i for i in ids if i not in catalog or not catalog[i].string]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        assert missing == [] and fuzzy == [], (lang, missing, fuzzy)


def test_catalogs_compile_and_translate() -> None:
    vi = load_translations(THEME / "translations", "vi")
    en = load_translations(THEME / "translations", "en")
    assert vi.gettext("Archives") == "Lưu trữ"
    assert en.gettext("Archives") == "Archives"
    assert vi.gettext("Page %(number)s of %(count)s") % {"number": 3, "count": 12} == "Trang 3/12"


def test_numbers_and_dates_follow_each_locale() -> None:
    assert format_number(16104216000, "vi") == "16.104.216.000"
    assert format_number(16104216000, "en") == "16,104,216,000"
    assert format_number(81.8, "vi") == "81,8"
    assert format_day(date(2022, 6, 9), "vi") == "9 tháng 6, 2022"
    assert format_day(date(2022, 6, 9), "en") == "June 9, 2022"
