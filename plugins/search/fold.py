"""Vietnamese search without diacritics: "duong" must find "đường", "dai hoi" "Đại hội".

Pagefind drops tone and vowel marks itself (they are combining marks after Unicode NFD), but
`đ` is a letter of its own, not `d` plus a mark, so "duong" never matches "đường". Each story
page therefore carries, hidden, its words with `đ` written the folded way, and the search page
folds the query the same way (theme/static/js/search.js has the JavaScript twin of `fold`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """đ→d, Đ→D, then every combining mark dropped: "Đại hội đường" → "Dai hoi duong"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def extra_index_words(texts: Iterable[str]) -> str:
    """The folded form of every word with `đ` in `texts`, in order and with repeats (so
    that ranking by frequency stays fair): the only words Pagefind cannot fold itself."""
    return " ".join(
        fold(word) for text in texts for word in _WORD.findall(text) if "đ" in word or "Đ" in word
    )
