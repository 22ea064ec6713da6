"""What the checks print for an editor in a terminal: errors, warnings and notes, each line
located (`PATH:LINE: FIELD: ...`), under a header in the editor's language. Every command that
checks content prints through here: `make check` and `make site` (site_build), the preview,
`make check-changed` and the commit hook (editor_tools), `make bulletin`."""

from __future__ import annotations

import sys

from .errors import ContentError, nothing_built
from .messages import msg, msg_plural, render


def note_lines(notes: list[ContentError], lang: str) -> list[str]:
    return [n.render(lang) for n in sorted(notes)]


def print_notes(lines: list[str], lang: str) -> None:
    """What the build removes from stories: not errors (the site builds), but an editor
    should know why an embedded video is missing."""
    if not lines:
        return
    header = msg_plural(
        "%(n)s note: HTML that the site does not show (%(guide)s, section 15):",
        "%(n)s notes: HTML that the site does not show (%(guide)s, section 15):",
        len(lines),
        guide=msg("docs/editor-guide.md"),
    )
    print(render(header, lang), file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)


def print_warnings(lines: list[str], lang: str) -> None:
    """What does not stop the build but an editor should know: a provisional rate, a
    story held back (content_model), a photo to shrink (images/originals.py)."""
    if not lines:
        return
    header = msg_plural("%(n)s warning:", "%(n)s warnings:", len(lines))
    print(render(header, lang), file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)


def warning_lines(warnings: list[ContentError], lang: str) -> list[str]:
    return [w.render(lang) for w in warnings]


def print_errors(lines: list[str], lang: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)
    print(render(nothing_built(len(lines)), lang), file=sys.stderr)
