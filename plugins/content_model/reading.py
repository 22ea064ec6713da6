"""Reading one content file, as every loader does (data files, stories, aid projects,
bulletin issues): its bytes, its YAML and its model, every problem reported, never raised.

Also the small lookups they share: a path as the report shows it (`rel`), a value at a path
of raw YAML (`value_at`, `items_of`) and a photo's path (`image_src_problem`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from .errors import ErrorReport, format_field
from .limits import MAX_DATA_BYTES, MAX_ENTRIES
from .messages import Message, msg
from .source import SourceError, read_text
from .validation import validate
from .yaml_loader import LineMap, YamlSyntaxError, load_yaml

T = TypeVar("T")


def rel(root: Path, path: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        pass
    try:  # through symbolic links
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_yaml_file(root: Path, path: Path, report: ErrorReport) -> tuple[Any, LineMap] | None:
    r = rel(root, path)
    if not path.exists():
        report.add(r, 1, "file", msg("missing file: see docs/ for what it contains"))
        return None
    text = read_source(r, lambda: read_text(path, MAX_DATA_BYTES, msg("a data file")), report)
    return None if text is None else parse_yaml(r, text, 1, report, MAX_ENTRIES)


def read_source(r: str, read: Callable[[], T], report: ErrorReport) -> T | None:
    """Read a file; an encoding or front matter problem is reported, not raised."""
    try:
        return read()
    except SourceError as exc:
        report.add(r, exc.line, exc.field, exc.message)
        return None


def parse_yaml(
    r: str, text: str, first_line: int, report: ErrorReport, max_entries: int | None = None
) -> tuple[Any, LineMap] | None:
    """Parse YAML that starts at `first_line` of the file, reporting every problem."""
    try:
        value, lines, problems = load_yaml(text, first_line, max_entries)
    except YamlSyntaxError as exc:
        for line, message in exc.problems:
            report.add(r, line, "yaml", message)
        return None
    for p in problems:
        report.add(r, p.line, format_field(p.field), p.message)
    return value, lines


def validate_into(
    model: type[BaseModel], value: Any, r: str, lines: LineMap, report: ErrorReport, prefix=()
) -> Any:
    result, errors = validate(model, value, r, lines, prefix)
    report.extend(errors)
    return result


def value_at(d: Any, *loc: str | int) -> Any:
    """The raw value at path `loc` (keys and list positions), None where there is none."""
    for part in loc:
        if isinstance(part, int):
            d = d[part] if isinstance(d, list) and part < len(d) else None
        else:
            d = d.get(part) if isinstance(d, dict) else None
    return d


def items_of(d: Any, key: str) -> list[tuple[int, Any]]:
    """(position, item) of the list under `key`; none when it is not a list."""
    value = d.get(key) if isinstance(d, dict) else None
    return list(enumerate(value)) if isinstance(value, list) else []


def image_src_problem(root: Path, src: str) -> Message | None:
    """What is wrong with a photo path written in a content file, if anything."""
    src = src.strip()
    if not src:
        return None  # an empty value: the schema says what to write
    if not src.startswith("images/"):  # only content/images/ is copied to the site
        return msg("photos go in content/images/: move the file there, write images/...")
    if not (root / "content" / src).is_file():
        return msg("no file %(path)s: the path is relative to content/", path=f"content/{src}")
    return None
