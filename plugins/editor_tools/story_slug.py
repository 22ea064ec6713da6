"""The slug a new story gets from its Vietnamese title."""

from __future__ import annotations

from bilingual.slugs import ascii_slug

MAX_LENGTH = 60  # a short web address, still readable as the title


def slug_from_title(title: str, max_length: int = MAX_LENGTH) -> str | None:
    """`Đại hội Đà Nẵng` -> `dai-hoi-da-nang`; None when the title has no letter or digit
    that folds to a-z/0-9.

    Long slugs are cut at the last hyphen that fits, so that no word is cut in half (a
    single word longer than the limit is cut at the limit).
    """
    # ascii_slug answers "tag" for text without any a-z/0-9; a prefix tells that case apart
    if ascii_slug(f"x {title}") == "x":
        return None
    slug = ascii_slug(title)
    if len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]  # one more: a hyphen right after the limit is a boundary
    if "-" in head:
        return head[: head.rindex("-")]
    return slug[:max_length]
