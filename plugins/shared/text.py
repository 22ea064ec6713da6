"""Text helpers for pages in either language.

`localized` picks the text of a page's language from a value that may be one text for both
(`str`) or one per language (the content model's `LText`); it lives here, not in the
loader, so that a template helper does not import the whole content model.
"""

from __future__ import annotations

from typing import Protocol


class PerLanguage(Protocol):
    """A text given per language (`content_model.values.LText`)."""

    def get(self, lang: str) -> str: ...


def localized(text: PerLanguage | str | None, lang: str) -> str:
    """The text for `lang`: `""` for none, a plain string as is."""
    if text is None:
        return ""
    return text if isinstance(text, str) else text.get(lang)
