"""gettext catalogs of the theme, compiled from the `.po` files with Babel at build time.

Compiling in memory means a changed `.po` is always in effect and no `.mo` can go stale.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations


@lru_cache(maxsize=8)
def _compile(po_path: str, mtime_ns: int) -> bytes:
    with open(po_path, "rb") as fp:
        catalog = read_po(fp)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def load_translations(translations_dir: Path, lang: str, domain: str = "messages") -> Translations:
    po = translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.exists():
        return Translations()  # msgids (English) are shown as they are
    return Translations(BytesIO(_compile(str(po), po.stat().st_mtime_ns)))
