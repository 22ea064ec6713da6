"""The bad-input corpus: malformed stories and data files in, the exact error lines out.

The files are under tests/bad_input/ and their expected lines in tests/bad_input/expected.yaml.
Inputs too large to commit (a 6 MB story, 100 000 partners, a million '[') are made here.
Every case runs in a fresh valid project; a few go through `python -m site_build check` in
a subprocess, which also proves that none of them crashes the interpreter (a segmentation
fault would not be a Python exception). Timings are in tests/bad_input/benchmark.py, not here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Site, story
from content_model.limits import MAX_DEPTH, MAX_ENTRIES, MAX_VALUES
from content_model.project import load_project

CORPUS = Path(__file__).parent / "bad_input"
EXPECTED: dict[str, list[str]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)


def put_case(site: Site, case: str) -> None:
    """Copy a corpus case into the project: a story to content/articles/, a data folder's
    files over those of content/data/."""
    source = CORPUS / case
    if case.startswith("stories/"):
        shutil.copy(source, site.root / "content" / "articles" / source.name)
    else:
        for path in source.iterdir():
            shutil.copy(path, site.root / "content" / "data" / path.name)


def test_every_corpus_file_has_its_expected_lines() -> None:
    on_disk = {f"stories/{p.name}" for p in (CORPUS / "stories").iterdir()}
    on_disk |= {f"data/{p.name}" for p in (CORPUS / "data").iterdir()}
    assert set(EXPECTED) == on_disk
    assert len(on_disk) >= 45


@pytest.mark.parametrize("case", list(EXPECTED))
def test_corpus_case(site: Site, case: str) -> None:
    site.write("content/images/x.jpg", "not really a photo")
    put_case(site, case)
    assert load_project(site.root)[1].lines() == EXPECTED[case]


# --- generated inputs ---------------------------------------------------------------------

BIG_STORY = "content/articles/big.md"
PARTNERS = "content/data/partners.yaml"
DEPTH = (
    f"more than {MAX_DEPTH} levels of lists and groups inside each other: is a bracket or an "
    "indentation wrong?"
)


def _partners(count: int, compact: bool) -> str:
    if compact:  # about 50 bytes a partner: 100 000 fit under the size limit
        return "".join(f"- {{id: p{i}, name: P, country: KR, type: ingo}}\n" for i in range(count))
    return "".join(
        f'- id: p{i}\n  name: {{vi: "Đối tác {i}", en: "Partner {i}"}}\n  country: KR\n'
        "  type: ingo\n"
        for i in range(count)
    )


def _story_with(title_line: str = "", extra: str = "") -> str:
    text = story("big", extra=extra)
    return text.replace('title: "Bài big (vi)"', title_line) if title_line else text


# name -> (file in the project, its content, expected error lines)
GENERATED: dict[str, tuple[str, Callable[[], str | bytes], list[str]]] = {
    "story of 6.9 MB": (
        BIG_STORY,
        lambda: story("big", body="Nội dung. " * 600_000),
        [
            f"{BIG_STORY}:1: file: the file is 6.9 MB, more than the 2 MB a story may have: "
            "is it the right file?"
        ],
    ),
    "data file of 6 MB": (
        "content/data/site.yaml",
        lambda: "# " + "x" * (6 * 1024 * 1024) + "\n",
        [
            "content/data/site.yaml:1: file: the file is 6 MB, more than the 5 MB a data file "
            "may have: is it the right file?"
        ],
    ),
    "100 000 partners in 9 MB": (
        PARTNERS,
        lambda: _partners(100_000, compact=False),
        [
            f"{PARTNERS}:1: file: the file is 9 MB, more than the 5 MB a data file may have: "
            "is it the right file?"
        ],
    ),
    "100 000 partners in 4.9 MB": (
        PARTNERS,
        lambda: _partners(100_000, compact=True),
        [
            f"{PARTNERS}:{MAX_ENTRIES + 1}: yaml: more than {MAX_ENTRIES} entries: the build "
            "refuses a data file this big; is it the right file?"
        ],
    ),
    "10 000 partners are accepted": (PARTNERS, lambda: _partners(10_000, compact=False), []),
    "600 000 values in one story": (
        BIG_STORY,
        lambda: _story_with(extra="tags: [" + "a," * 600_000 + "a]"),
        [
            f"{BIG_STORY}:7: yaml: more than {MAX_VALUES} values: the build refuses a file this "
            "big; is it the right file?"
        ],
    ),
    "100 000 nested [": (
        BIG_STORY,
        lambda: _story_with("title: " + "[" * 100_000 + "]" * 100_000),
        [f"{BIG_STORY}:2: yaml: {DEPTH}"],
    ),
    "1 000 000 unclosed [": (
        BIG_STORY,
        lambda: _story_with("title: " + "[" * 1_000_000),
        [f"{BIG_STORY}:2: yaml: {DEPTH}"],
    ),
    "1 500 nested block mappings": (
        BIG_STORY,
        lambda: _story_with(extra="".join(" " * i + f"k{i}:\n" for i in range(1_500)) + "x"),
        [f"{BIG_STORY}:27: yaml: {DEPTH}"],
    ),
    "syntax error after 1 MB of front matter: libyaml's message": (
        BIG_STORY,
        lambda: _story_with(extra="tags: [" + "hữu nghị, " * 100_000 + "x]\nauthor: [x"),
        [
            f"{BIG_STORY}:9: yaml: not valid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)"
        ],
    ),
    "title of 300 000 characters is accepted": (
        BIG_STORY,
        lambda: _story_with("title: " + "Hội nghị " * 30_000),
        [],
    ),
    # the story's text, which Markdown renders: a list 300 levels deep exhausted Python's
    # stack (a traceback), 50 000 '[' left open took about an hour
    "text with a list 300 levels deep": (
        BIG_STORY,
        lambda: story(
            "big", body="Mở đầu.\n\n" + "\n".join("    " * i + "- x" for i in range(300))
        ),
        [
            f"{BIG_STORY}:61: text: this line is indented by 204 spaces (at most 200): lists "
            "nested this deep cannot be shown; indent less"
        ],
    ),
    "text with 50 000 '[' left open": (
        BIG_STORY,
        lambda: story("big", body="Mở đầu.\n\nĐoạn hai " + "[" * 50_000),
        [
            f"{BIG_STORY}:10: text: more than 100 '[' without their ']' in one paragraph: "
            "close each link's brackets, or write the text otherwise"
        ],
    ),
    # found by the whole-build fuzz test: the Atom feed (XML 1.0) failed with a traceback
    "text with a vertical tab pasted from a word processor": (
        BIG_STORY,
        lambda: story("big", body="Dòng một.\nDòng\x0bhai."),
        [
            f"{BIG_STORY}:9: text: an invisible control character (U+000B) that a page "
            "cannot hold, often pasted from a word processor: delete it"
        ],
    ),
    "text with 5 000 '[...]' one after the other is accepted": (
        BIG_STORY,
        lambda: story("big", body="[chú thích] " * 5000),
        [],
    ),
    "slug of 300 000 characters: the error line is shortened": (
        BIG_STORY,
        lambda: _story_with().replace("slug: big", "slug: " + "Đ" * 300_000),
        [
            f"{BIG_STORY}:5: slug: '{'Đ' * 332} … {'Đ' * 72}' is not a slug: use lowercase "
            "a-z, 0-9 and single hyphens, e.g. dai-hoi-hoi-huu-nghi-viet-lao"
        ],
    ),
}


def write_case(site: Site, name: str) -> Path:
    rel, content, _ = GENERATED[name]
    data = content()
    path = site.root / rel
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_case(site: Site, name: str) -> None:
    write_case(site, name)
    assert load_project(site.root)[1].lines() == GENERATED[name][2]


# --- the command ----------------------------------------------------------------------------


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_build", "check", "--root", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        check=False,
    )


def assert_check_fails_with(site: Site, expected: list[str]) -> None:
    result = run_check(site.root)
    assert result.returncode == 1, result.stderr  # -11 would be a segmentation fault
    assert "Traceback" not in result.stderr
    summary = f"{len(expected)} error{'s' if len(expected) != 1 else ''}: nothing was built."
    assert result.stderr.splitlines() == [*expected, summary]
    assert result.stdout == ""


@pytest.mark.parametrize(
    "case",
    [
        "stories/20-utf16-le-bom.md",
        "stories/23-cp1258.md",
        "stories/31-png-renamed.md",
        "stories/32-deep-flow-list.md",
        "stories/35-billion-laughs.md",
        "stories/37-python-object-tag.md",
        "data/14-partners-billion-laughs",
    ],
)
def test_cli_check_corpus_case(site: Site, case: str) -> None:
    put_case(site, case)
    assert_check_fails_with(site, EXPECTED[case])


@pytest.mark.parametrize("name", ["100 000 nested [", "1 000 000 unclosed [", "story of 6.9 MB"])
def test_cli_check_generated_case(site: Site, name: str) -> None:
    write_case(site, name)
    assert_check_fails_with(site, GENERATED[name][2])


def test_utf8_bom_and_line_endings_are_accepted_by_the_command(site: Site) -> None:
    for case in ("stories/17-utf8-bom.md", "stories/18-crlf.md", "stories/19-lone-cr.md"):
        site.root.joinpath("content", "articles").mkdir(exist_ok=True)
        put_case(site, case)
        result = run_check(site.root)
        assert result.returncode == 0, result.stderr
        shutil.rmtree(site.root / "content" / "articles")
