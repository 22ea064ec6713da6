"""What the sanitiser will remove from a story, told to the editor before it is published.

The site keeps only safe HTML (safe_html.py), silently: a story pasted with a video embed or
a script still builds. An editor would not guess why the video is missing, so the check
names every element whose whole content disappears, and every link that stops being one.
These are notes, not errors: the story builds without them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .messages import Message, msg

WHAT = {
    "iframe": msg(
        "an embedded video, map or post (<iframe>) is removed from the page: "
        "write a link to it instead"
    ),
    "object": msg("embedded content (<object>) is removed from the page: write a link to it"),
    "embed": msg("embedded content (<embed>) is removed from the page: write a link to it"),
    "script": msg("a script (<script>) is removed from the page: stories cannot run programs"),
    "style": msg("a style sheet (<style>) is removed from the page: the site's design applies"),
    "form": msg("a form (<form>) is removed from the page, with its fields"),
    "noscript": msg("a <noscript> block is removed from the page, with its text"),
    "template": msg("a <template> block is removed from the page, with its text"),
}  # the tags safe_html removes with their content (CLEAN_CONTENT_TAGS), and forms
_TAGS = "|".join(sorted(WHAT))
_SCHEMES = "javascript|data|vbscript"  # addresses safe_html drops (not in its URL_SCHEMES)

# code is shown as text, never as HTML: blocks fenced with ``` or ~~~, and `spans`
_FENCED = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.M | re.S)
_SPAN = re.compile(r"(`+)[^`\n]+?\1")
_ELEMENT = re.compile(rf"<({_TAGS})\b", re.I)
_BAD_LINK = re.compile(
    rf"""(?:href|src)\s*=\s*["']?\s*({_SCHEMES}):"""  # HTML
    rf"|\]\(\s*({_SCHEMES}):",  # Markdown: [text](javascript:...)
    re.I,
)
# any candidate at all, in the lower-cased text (most stories have none: one quick search)
_ANY = re.compile(rf"<(?:{_TAGS})\b|(?:{_SCHEMES}):")


@lru_cache(maxsize=16_384)  # the preview asks again for every unchanged story at each save
def html_notes(body: str) -> tuple[tuple[int, Message], ...]:
    """(line in the body, note) for each element or link the sanitiser removes."""
    if not _ANY.search(body.lower()):
        return ()
    code_free = _SPAN.sub(_blank, _FENCED.sub(_blank, body))
    notes = [
        (_line(code_free, m.start()), WHAT[m.group(1).lower()])
        for m in _ELEMENT.finditer(code_free)
    ]
    notes += [
        (
            _line(code_free, m.start()),
            msg(
                "an address starting with '%(scheme)s:' is removed "
                "(only web, e-mail and telephone addresses are kept): its text stays",
                scheme=(m.group(1) or m.group(2)).lower(),
            ),
        )
        for m in _BAD_LINK.finditer(code_free)
    ]
    return tuple(sorted(notes))


def _blank(match: re.Match[str]) -> str:
    """The code replaced by spaces, its line breaks kept: lines stay where they were."""
    return re.sub(r"[^\n]", " ", match.group())


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
