"""Slugs for tag pages, unique within a language.

Tags are free text per language; two tags may fold to the same ASCII slug ("Đà" and "đá"),
in which case the later ones (in sorted order, so stable across builds) get "-2", "-3".
"""

from __future__ import annotations

import re
import unicodedata


def ascii_slug(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "tag"


def unique_slugs(names: list[str]) -> dict[str, str]:
    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        base = ascii_slug(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[name] = slug
    return out
