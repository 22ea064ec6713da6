"""Reading editor files: UTF-8 text, NFC, Unix newlines, front matter split."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    def __init__(self, line: int, field: str, message: str):
        self.line, self.field, self.message = line, field, message
        super().__init__(message)


def read_text(path: Path) -> str:
    """Decode as UTF-8 (BOM allowed), normalise newlines and Unicode (NFC)."""
    return decode(path.read_bytes())


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(line, "encoding", "not UTF-8 text: save the file as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


@dataclass
class Split:
    front: str
    front_first_line: int  # file line where the YAML starts
    body: str


def split_front_matter(text: str) -> Split:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            1,
            "front matter",
            "the file must start with a line '---', then the fields, then a line '---'",
        )
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return Split("\n".join(lines[1:i]), 2, "\n".join(lines[i + 1 :]))
    raise SourceError(1, "front matter", "the front matter has no closing line '---'")
