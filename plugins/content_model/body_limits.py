"""Markdown text that would hang or crash the renderer, or that a page cannot hold, found
before it is rendered."""

from __future__ import annotations

import re

from .limits import MAX_BODY_INDENT, MAX_OPEN_BRACKETS
from .messages import Message, msg

# characters XML 1.0 (the feeds) cannot hold: text pasted from a word processor brings
# them (a vertical tab for a manual line break, a form feed for a page break)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# a line whose leading blanks may pass the limit (a tab counts up to 4 columns)
_DEEP = re.compile(rf"^[ \t]{{{MAX_BODY_INDENT // 4 + 1},}}", re.M)


def body_problem(body: str) -> tuple[int, Message] | None:
    """(line in the body, message) of the first line the renderer could not cope with.
    Real stories pass both checks without a loop over their characters."""
    checks = (_control_character(body), _deep_line(body), _open_brackets(body))
    problems = [p for p in checks if p is not None]
    return min(problems) if problems else None


def _control_character(body: str) -> tuple[int, Message] | None:
    match = _CONTROL.search(body)
    if match is None:
        return None
    return body.count("\n", 0, match.start()) + 1, msg(
        "an invisible control character (%(code)s) that a page cannot "
        "hold, often pasted from a word processor: delete it",
        code=f"U+{ord(match.group()):04X}",
    )


def _deep_line(body: str) -> tuple[int, Message] | None:
    for match in _DEEP.finditer(body):
        start = match.start()
        end = body.find("\n", start)
        if not body[start : len(body) if end < 0 else end].strip():
            continue
        indent = len(match.group().expandtabs(4))
        if indent > MAX_BODY_INDENT:
            return body.count("\n", 0, start) + 1, msg(
                "this line is indented by %(indent)s spaces (at most %(limit)s): "
                "lists nested this deep cannot be shown; indent less",
                indent=indent,
                limit=MAX_BODY_INDENT,
            )
    return None


def _open_brackets(body: str) -> tuple[int, Message] | None:
    if body.count("[") <= MAX_OPEN_BRACKETS:
        return None
    open_brackets = 0
    for number, line in enumerate(body.split("\n"), 1):
        if not line.strip():
            open_brackets = 0  # a paragraph ends: Markdown never matches across it
            continue
        for char in line:
            if char == "[":
                open_brackets += 1
                if open_brackets > MAX_OPEN_BRACKETS:
                    return number, msg(
                        "more than %(limit)s '[' without their ']' in one "
                        "paragraph: close each link's brackets, or write the text otherwise",
                        limit=MAX_OPEN_BRACKETS,
                    )
            elif char == "]" and open_brackets:
                open_brackets -= 1
    return None
