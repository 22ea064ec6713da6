"""Reading editor files: UTF-8 text, NFC, Unix newlines, front matter split."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .limits import MB
from .messages import Message, msg


class SourceError(Exception):
    def __init__(self, line: int, field: str, message: Message):
        self.line, self.field, self.message = line, field, message
        super().__init__(str(message))


def read_bytes(path: Path, limit: int, kind: Message) -> bytes:
    """The file's bytes; a file over `limit` is refused before it is read."""
    size = path.stat().st_size
    if size > limit:
        raise SourceError(
            1,
            "file",
            msg(
                "the file is %(size)s, more than the %(limit)s %(kind)s may have: "
                "is it the right file?",
                size=_mb(size),
                limit=_mb(limit),
                kind=kind,
            ),
        )
    return path.read_bytes()


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB".replace(".0 MB", " MB")


def read_text(path: Path, limit: int | None = None, kind: Message | None = None) -> str:
    """Decode as UTF-8 (BOM allowed), normalise newlines and Unicode (NFC)."""
    if limit is None:
        return decode(path.read_bytes())
    return decode(read_bytes(path, limit, kind or msg("a file")))


# What editors save by mistake under a content file's name, by the bytes it starts with
_SIGNATURES = {
    b"\x89PNG": msg("it is a PNG image"),
    b"\xff\xd8\xff": msg("it is a JPEG image"),
    b"GIF8": msg("it is a GIF image"),
    b"%PDF": msg("it is a PDF document"),
    b"PK\x03\x04": msg("it is a Word or Excel document, or a ZIP archive"),
    b"\xd0\xcf\x11\xe0": msg("it is an old Word or Excel document"),
}
# Bytes that only Windows-1258 Vietnamese uses often: combining tone marks and ă, đ, ơ, ư
# (in Latin-1 they are rare letters such as Ì, Ð, Õ, Ý)
_CP1258_MARKS = frozenset(b"\xcc\xec\xde\xd2\xf2\xc3\xe3\xd0\xf0\xd5\xf5\xdd\xfd")
_CONTROL = frozenset(range(32)) - frozenset(b"\t\n\r\f")


def _not_text(what: Message) -> Message:
    return msg("not a text file (%(what)s): a content file is text saved as UTF-8", what=what)


def _utf16(encoding: str) -> Message:
    return msg("the file is %(encoding)s: save it as UTF-8", encoding=encoding)


def decode(raw: bytes) -> str:
    for signature, what in _SIGNATURES.items():
        if raw.startswith(signature):
            raise SourceError(1, "file", _not_text(what))
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise SourceError(1, "encoding", _utf16("UTF-32"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        raise SourceError(1, "encoding", _utf16("UTF-16"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        sample = raw[:4096]
        if b"\x00" in raw or sum(b in _CONTROL for b in sample) > len(sample) // 20:
            raise SourceError(1, "file", _not_text(msg("it has binary data"))) from None
        raise SourceError(line, "encoding", _not_utf8(raw)) from None
    if "\x00" in text:  # UTF-8 text with a NUL byte: damaged, or glued to binary data
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(
            line, "file", msg("a NUL byte (character 0): the file is damaged; remove it")
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(raw: bytes) -> bool:
    """Latin letters in UTF-16 have a zero byte every other byte, all on one side."""
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) > len(sample) // 8


def _not_utf8(raw: bytes) -> Message:
    # the bytes that are not UTF-8 (a file may mix both: text pasted from an old document)
    text = raw.decode("utf-8", "surrogateescape")
    bad = bytes(ord(c) - 0xDC00 for c in text if "\udc80" <= c <= "\udcff")
    try:
        bad.decode("cp1258")
        vietnamese = not _CP1258_MARKS.isdisjoint(bad)
    except UnicodeDecodeError:
        vietnamese = False
    if vietnamese:
        return msg(
            "not UTF-8 text: this looks like Windows-1258, the old Vietnamese encoding: "
            "save the file as UTF-8"
        )
    return msg("not UTF-8 text: save the file as UTF-8")


@dataclass
class Split:
    front: str
    front_first_line: int  # file line where the YAML starts
    body: str
    body_first_line: int = 1  # file line where the Markdown starts


def split_front_matter(text: str) -> Split:
    lines = text.split("\n")
    if not text.strip():
        raise SourceError(
            1,
            "front matter",
            msg("the file is empty: write a line '---', then the fields, then a line '---'"),
        )
    if lines[0].strip() != "---":
        raise SourceError(
            1,
            "front matter",
            msg("the file must start with a line '---', then the fields, then a line '---'"),
        )
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return Split("\n".join(lines[1:i]), 2, "\n".join(lines[i + 1 :]), i + 2)
    raise SourceError(1, "front matter", msg("the front matter has no closing line '---'"))
