"""Markdown text that would hang or crash the renderer, found before it is rendered."""

from __future__ import annotations

from .limits import MAX_BODY_INDENT, MAX_OPEN_BRACKETS


def body_problem(body: str) -> tuple[int, str] | None:
    """(line in the body, message) of the first line the renderer could not cope with."""
    open_brackets = 0
    for number, line in enumerate(body.split("\n"), 1):
        if not line.strip():
            open_brackets = 0  # a paragraph ends: Markdown never matches across it
            continue
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > MAX_BODY_INDENT:
            return number, (
                f"this line is indented by {indent} spaces (at most {MAX_BODY_INDENT}): "
                "lists nested this deep cannot be shown; indent less"
            )
        for char in stripped:
            if char == "[":
                open_brackets += 1
                if open_brackets > MAX_OPEN_BRACKETS:
                    return number, (
                        f"more than {MAX_OPEN_BRACKETS} '[' without their ']' in one "
                        "paragraph: close each link's brackets, or write the text otherwise"
                    )
            elif char == "]" and open_brackets:
                open_brackets -= 1
    return None
