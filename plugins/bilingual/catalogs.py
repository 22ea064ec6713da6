"""gettext catalogs of the theme, compiled from the `.po` files with Babel at build time.

Compiling in memory means a changed `.po` is always in effect and no `.mo` can go stale.
The compiler is the content model's (`content_model.messages.load_po`), which also
compiles the catalog of editor messages: one way to read a catalog.
"""

from __future__ import annotations

from pathlib import Path

from babel.support import Translations

from content_model.messages import load_po


def load_translations(translations_dir: Path, lang: str, domain: str = "messages") -> Translations:
    # a missing catalog: the msgids (English) are shown as they are
    return load_po(translations_dir / lang / "LC_MESSAGES" / f"{domain}.po")
