"""Unit tests of `content_model/source.py`: what an editor's file is read as (UTF-8, BOM,
newlines, NFC), what is refused with which message (other encodings, binary files, NUL, too
large), and the front matter split with its line numbers. Whole files through the check are
in test_bad_input.py and test_hostile_content.py."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from content_model.limits import MB
from content_model.messages import msg
from content_model.source import SourceError, decode, read_text, split_front_matter

VI = "Hội nghị hữu nghị Việt Nam – Lào ở Đà Lạt"


def refused(raw: bytes) -> SourceError:
    with pytest.raises(SourceError) as caught:
        decode(raw)
    return caught.value


def test_utf8_with_or_without_bom_any_newlines_read_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", VI)
    assert nfd != VI
    raw = ("a\r\n" + nfd + "\rb\n").encode("utf-8")
    assert decode(raw) == f"a\n{VI}\nb\n"
    assert decode(b"\xef\xbb\xbf" + VI.encode("utf-8")) == VI


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        (VI.encode("utf-16"), "encoding", "the file is UTF-16: save it as UTF-8"),
        (VI.encode("utf-16-le"), "encoding", "the file is UTF-16"),  # no BOM
        (VI.encode("utf-32"), "encoding", "the file is UTF-32"),
        (b"\x89PNG\r\n\x1a\n....", "file", "it is a PNG image"),
        (b"\xff\xd8\xff\xe0JFIF", "file", "it is a JPEG image"),
        (b"%PDF-1.7\n", "file", "it is a PDF document"),
        (b"PK\x03\x04word/document.xml", "file", "a Word or Excel document, or a ZIP archive"),
        (bytes(range(256)) * 4, "file", "it has binary data"),
    ],
)
def test_what_is_not_utf8_text_is_named(raw: bytes, field: str, words: str) -> None:
    error = refused(raw)
    assert (error.line, error.field) == (1, field)
    assert words in str(error.message)


def test_windows_1258_is_named_at_its_first_line() -> None:
    # Windows-1258 writes Vietnamese with combining tone marks (decomposed)
    error = refused(b"title: ok\n" + unicodedata.normalize("NFD", "Đà Lạt").encode("cp1258"))
    assert (error.line, error.field) == (2, "encoding")
    assert "Windows-1258, the old Vietnamese encoding" in str(error.message)
    latin1 = refused("title: café\n".encode("latin-1"))
    assert str(latin1.message) == "not UTF-8 text: save the file as UTF-8"


def test_a_nul_byte_in_utf8_text_is_named_at_its_line() -> None:
    error = refused(b"---\ntitle: a\x00b\n---\n")
    assert (error.line, error.field) == (2, "file")
    assert "a NUL byte" in str(error.message)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * (MB + MB // 2))
    with pytest.raises(SourceError) as caught:
        read_text(path, limit=MB, kind=msg("a story"))
    assert str(caught.value.message) == (
        "the file is 1.5 MB, more than the 1 MB a story may have: is it the right file?"
    )
    assert read_text(path) == "x" * (MB + MB // 2)  # no limit asked


def test_front_matter_split_with_the_lines_of_both_parts() -> None:
    split = split_front_matter("---\ntitle: A\ndate: 2022-06-09\n---\nFirst line.\n\nMore.")
    assert split.front == "title: A\ndate: 2022-06-09"
    assert split.front_first_line == 2
    assert split.body == "First line.\n\nMore."
    assert split.body_first_line == 5
    assert split_front_matter("---  \na: 1\n...\nbody").body == "body"  # YAML's end marker


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "the file is empty"),
        ("  \n\n", "the file is empty"),
        ("title: A\n---\n", "the file must start with a line '---'"),
        ("---\ntitle: A\nbody\n", "the front matter has no closing line '---'"),
    ],
)
def test_front_matter_errors(text: str, words: str) -> None:
    with pytest.raises(SourceError) as caught:
        split_front_matter(text)
    assert (caught.value.line, caught.value.field) == (1, "front matter")
    assert words in str(caught.value.message)
