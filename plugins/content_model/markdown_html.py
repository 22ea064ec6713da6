"""Story Markdown to HTML, the same for the site and the bulletin, always sanitised."""

from __future__ import annotations

from typing import Any

import markdown

from .safe_html import clean

# pelicanconf.MARKDOWN uses these; the bulletin prints a story as the site shows it.
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # `align` rather than inline style, which the Content-Security-Policy would block
    "markdown.extensions.extra": {"tables": {"use_align_attribute": True}},
    "markdown.extensions.sane_lists": {},
}


class MarkdownRenderer:
    """One converter reused (building one costs more than a short story); its HTML always
    goes through the allowlist of safe_html. Not thread-safe: one per thread or process."""

    def __init__(self, extension_configs: dict[str, dict[str, Any]] | None = None):
        configs = EXTENSION_CONFIGS if extension_configs is None else extension_configs
        self._md = markdown.Markdown(
            extensions=list(configs), extension_configs=configs, output_format="html"
        )

    def html(self, text: str) -> str:
        self._md.reset()
        return clean(self._md.convert(text))
