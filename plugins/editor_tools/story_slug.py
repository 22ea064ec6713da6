"""The slug a new story gets from its Vietnamese title.

The rule (docs/editor-guide.md, "Start a story"): every word of the title, without tone marks,
in lowercase, joined by hyphens. Over MAX_LENGTH characters, the small words that carry no
meaning on their own (`slug_fillers` in content_model/editor_words.yaml: của, và, các...) are
left out, from the end first, until the slug fits. A meaningful word is never left out nor cut:
the slug of a very long title stays longer than MAX_LENGTH, and `make new` says so.
"""

from __future__ import annotations

import re
import unicodedata

from bilingual.slugs import ascii_slug
from content_model.suggest import editor_words

MAX_LENGTH = 60  # a short web address, still readable as the title


def slug_from_title(title: str, max_length: int = MAX_LENGTH) -> str | None:
    """`Đại hội Đà Nẵng` -> `dai-hoi-da-nang`; None when the title has no letter or digit
    that folds to a-z/0-9."""
    words = [
        (word, folded)
        for word in re.split(r"[\W_]+", unicodedata.normalize("NFC", title).casefold())
        if word and (folded := ascii_slug(f"x {word}").removeprefix("x").strip("-"))
    ]
    if not words:
        return None
    fillers = {unicodedata.normalize("NFC", w).casefold() for w in editor_words("slug_fillers")}
    for i in reversed(range(len(words))):
        if len(_join(words)) <= max_length:
            break
        if words[i][0] in fillers:
            del words[i]
    return _join(words)


def _join(words: list[tuple[str, str]]) -> str:
    return "-".join(folded for _, folded in words)
