"""Every text an editor reads about their content, in their language.

A content error, warning or hint is made as `msg("English text %(name)s", name=value)`: a
`Message` that keeps its gettext msgid and its values, and is translated only when it is
shown, in the language the person asked for (`MESSAGES=en`, Vietnamese by default). The
catalogs are `theme/translations/<lang>/LC_MESSAGES/checks.po`, next to the theme's own;
`make messages` extracts every `msg(...)` of `plugins/` into them (docs/dev/messages.md).

Values may be messages themselves (a "did you mean" hint inside an error): they are shown in
the same language. Field names, keys and the values an editor wrote are never translated.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from shared import cache as shared_cache

MESSAGE_LANGS = ("vi", "en")
DEFAULT_LANG = "vi"  # the site's language: editors are Vietnamese staff
DOMAIN = "checks"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "theme" / "translations"


@dataclass(frozen=True, order=True)
class Message:
    """A message not yet translated: its msgid (English, python-format `%(name)s`) and the
    values that fill it. Plural messages carry `plural` and the count in `n`."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str = ""

    def render(self, lang: str) -> str:
        return render(self, lang)

    def __str__(self) -> str:  # logs, developers and tests: the English form
        return render(self, "en")


def msg(msgid: str, /, **params: Any) -> Message:
    """A message for editors; `make messages` extracts the first argument of every call."""
    return Message(msgid, tuple(sorted(params.items())))


def msg_plural(singular: str, plural: str, n: int, /, **params: Any) -> Message:
    """A message whose words depend on a count `n` (also a value: `%(n)s`)."""
    return Message(singular, tuple(sorted({**params, "n": n}.items())), plural)


def render(text: Message | str, lang: str) -> str:
    """The message in `lang` (a plain string is shown as it is)."""
    if not isinstance(text, Message):
        return text
    translations = catalog(lang)
    params = {k: render(v, lang) if isinstance(v, Message) else v for k, v in text.params}
    if text.plural:
        template = translations.ngettext(text.msgid, text.plural, int(params["n"]))
    else:
        template = translations.gettext(text.msgid)
    return template % params if params else template


def messages_language(environ: Mapping[str, str] | None = None) -> str:
    """The language asked for with `MESSAGES=vi|en` (default Vietnamese); an unknown value
    falls back to the default rather than stopping a build."""
    value = (os.environ if environ is None else environ).get("MESSAGES", "").strip().lower()
    return value if value in MESSAGE_LANGS else DEFAULT_LANG


def catalog(lang: str) -> Translations:
    po = TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return load_po(po)


def load_po(po: Path) -> Translations:
    """A `.po` catalog compiled in memory (no `.mo` can go stale); none: the msgids."""
    try:
        mtime = po.stat().st_mtime_ns
    except FileNotFoundError:
        return Translations()
    return _compile(str(po), mtime)


@cache
def _compile(po_path: str, mtime_ns: int) -> Translations:
    with open(po_path, "rb") as fp:
        po = read_po(fp)
    buf = BytesIO()
    write_mo(buf, po, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf)


class CacheWarnings(logging.Filter):
    """The warnings of the cache module (shared/cache.py: a damaged store, a store that
    could not be saved), which knows no catalogs, shown in the language of the messages
    (`MESSAGES`) like every message people read. Installed on its logger below."""

    def filter(self, record: logging.LogRecord) -> bool:
        made = _CACHE_MESSAGES.get(str(record.msg))
        if made is not None and isinstance(record.args, Mapping):
            values = dict(record.args)
            if values.get("reason") == shared_cache.CUT_SHORT:
                values["reason"] = msg("not a cache file, or cut short")
            record.msg, record.args = render(made(values), messages_language()), None
        return True


_CACHE_MESSAGES: dict[str, Callable[[dict[str, Any]], Message]] = {
    shared_cache.DAMAGED: lambda v: msg(
        "cache store %(store)s: %(file)s is damaged (%(reason)s); it is rebuilt", **v
    ),
    shared_cache.NOT_SAVED: lambda v: msg(
        "cache store %(store)s: %(file)s could not be saved (%(reason)s)", **v
    ),
}
logging.getLogger(shared_cache.__name__).addFilter(CacheWarnings())
