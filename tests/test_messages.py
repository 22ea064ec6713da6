"""Editor messages in the editor's language: Vietnamese by default, English with MESSAGES=en,
the same `PATH:LINE: FIELD: MESSAGE` lines with FIELD unchanged (content_model/messages.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import REPO, Site, story
from content_model.messages import messages_language, msg, msg_plural, render

CATALOGS = REPO / "theme" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _extracted() -> dict[str, tuple[str, ...]]:
    """Every msg(...)/msg_plural(...) of the plugins, as `make messages` extracts them."""
    found: dict[str, tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(
        str(REPO / "plugins"),
        method_map=[("**.py", "python")],
        keywords={"msg": None, "msg_plural": (1, 2)},
    ):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = ids
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_editor_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    with open(CATALOGS / lang / "LC_MESSAGES" / "checks.po", "rb") as fp:
        catalog = read_po(fp, locale=lang)
    problems = []
    for msgid, ids in _extracted().items():
        entry = catalog.get(ids if len(ids) > 1 else msgid)
        if entry is None:
            problems.append(f"not in the {lang} catalog (run make messages): {msgid!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings) or entry.fuzzy:
            problems.append(f"untranslated in {lang}: {msgid!r}")
            continue
        wanted = set(PLACEHOLDER.findall(msgid))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ in {lang}: {msgid!r} -> {string!r}")
    assert problems == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_editor_message_renders_in_both_languages(lang: str) -> None:
    """A msgstr with a stray `%` or a placeholder the code does not give fails here, not in
    front of an editor."""
    for msgid, ids in _extracted().items():
        params = {name: "x" for name in PLACEHOLDER.findall(" ".join(ids))}
        message = msg_plural(ids[0], ids[1], 2, **params) if len(ids) > 1 else msg(msgid, **params)
        assert render(message, lang), msgid


def test_messages_language_is_vietnamese_unless_english_is_asked_for() -> None:
    assert messages_language({}) == "vi"
    assert messages_language({"MESSAGES": "en"}) == "en"
    assert messages_language({"MESSAGES": " EN "}) == "en"
    assert messages_language({"MESSAGES": "vi"}) == "vi"
    assert messages_language({"MESSAGES": "fr"}) == "vi"  # unknown: the site's language


def test_a_hint_inside_a_message_is_shown_in_the_same_language() -> None:
    hint = msg(" (did you mean %(choices)s?)", choices="gni")
    message = msg(
        "unknown %(kind)s '%(key)s'%(hint)s; see %(file)s",
        kind=msg("partner"),
        key="gnii",
        hint=hint,
        file="content/data/partners.yaml",
    )
    assert render(message, "en") == (
        "unknown partner 'gnii' (did you mean gni?); see content/data/partners.yaml"
    )
    assert render(message, "vi") == (
        "không có đối tác 'gnii' (có phải là gni?); xem content/data/partners.yaml"
    )


def test_plural_messages_follow_each_language() -> None:
    one = msg_plural("%(n)s error: nothing was built.", "%(n)s errors: nothing was built.", 1)
    two = msg_plural("%(n)s error: nothing was built.", "%(n)s errors: nothing was built.", 2)
    assert (render(one, "en"), render(two, "en")) == (
        "1 error: nothing was built.",
        "2 errors: nothing was built.",
    )
    assert (render(one, "vi"), render(two, "vi")) == (
        "1 lỗi: chưa dựng gì cả.",
        "2 lỗi: chưa dựng gì cả.",
    )


def _check(root: Path, messages: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MESSAGES"}
    if messages is not None:
        env["MESSAGES"] = messages
    return subprocess.run(
        [sys.executable, "-m", "site_build", "check", "--root", str(root)],
        env={**env, "PYTHONPATH": str(REPO / "plugins")},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def broken(site: Site) -> Site:
    site.add_story(
        "a.vi.md",
        story(
            "a",
            extra="""
            partners: [gnii]
            tieu_de: "x"
            aid:
              - period: "2019"
                committed: {value: "16.104.216.000", currency: VND}
            """,
        ),
    )
    site.add_story("b.vi.md", story("b").replace("category: hoat-dong\n", ""))
    return site


VI_LINES = [
    "content/articles/a.vi.md:7: partners[0]: không có đối tác 'gnii' (có phải là gni?); "
    "xem content/data/partners.yaml",
    "content/articles/a.vi.md:8: tieu_de: không có trường 'tieu_de' (có phải là title?)",
    "content/articles/a.vi.md:11: aid[0].committed.value: phải là số viết liền, không có dấu "
    "nháy hay dấu phân cách: viết 16104216000",
    "content/articles/b.vi.md:2: category: thiếu trường bắt buộc",
    "4 lỗi: chưa dựng gì cả.",
]
EN_LINES = [
    "content/articles/a.vi.md:7: partners[0]: unknown partner 'gnii' (did you mean gni?); "
    "see content/data/partners.yaml",
    "content/articles/a.vi.md:8: tieu_de: unknown field 'tieu_de' (did you mean title?)",
    "content/articles/a.vi.md:11: aid[0].committed.value: must be a plain number without "
    "quotes or separators: write 16104216000",
    "content/articles/b.vi.md:2: category: required field is missing",
    "4 errors: nothing was built.",
]


def test_make_check_speaks_vietnamese_by_default(broken: Site) -> None:
    result = _check(broken.root, None)
    assert result.returncode == 1
    assert result.stderr.splitlines() == VI_LINES


def test_make_check_speaks_english_with_messages_en(broken: Site) -> None:
    result = _check(broken.root, "en")
    assert result.returncode == 1
    assert result.stderr.splitlines() == EN_LINES


def test_the_build_reports_in_the_language_asked_for(
    broken: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    from site_build.cli import build

    assert build(broken.root, broken.output, lang="vi") == 1
    assert capsys.readouterr().err.splitlines() == VI_LINES
    assert not broken.output.exists()


def test_an_ok_check_says_so_in_vietnamese(site: Site) -> None:
    site.add_story("a.vi.md", story("a"))
    result = _check(site.root, None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Tốt: 1 bài (1 bản ngôn ngữ), không có lỗi."]
