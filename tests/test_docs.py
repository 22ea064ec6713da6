"""The README stays an entry a newcomer reads in five minutes, and no link of the README or of
the developers' pages (`docs/dev/`) leads nowhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
DEV_PAGES = sorted((REPO / "docs" / "dev").glob("*.md"))
# [text](target) of Markdown; targets with a scheme or only a #fragment are not files
LINK = re.compile(r"\]\(\s*([^)\s]+)\s*\)")


def local_targets(page: Path) -> list[str]:
    targets = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        targets.append(target.split("#", 1)[0])
    return targets


def test_readme_is_an_entry() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 15_000, "README over 15 KB: move internals to docs/dev/"
    # the two commands come first, before any section
    first_section = text.index("\n## ")
    assert "make site" in text[:first_section]
    assert "make test" in text[:first_section]
    for section in ("## Layout", "## Where things are computed", "## Dependencies"):
        assert section in text


def test_readme_links_every_developer_page() -> None:
    linked = {Path(t).name for t in local_targets(README) if t.startswith("docs/dev/")}
    assert {p.name for p in DEV_PAGES} <= linked


@pytest.mark.parametrize("page", [README, *DEV_PAGES], ids=lambda p: p.name)
def test_local_links_lead_to_files(page: Path) -> None:
    # a target outside the repository (the contract in ../shared/) is not ours to check
    inside = [t for t in local_targets(page) if (page.parent / t).resolve().is_relative_to(REPO)]
    missing = [t for t in inside if not (page.parent / t).exists()]
    assert missing == []


def test_the_map_of_docs_dev_tests_names_existing_files() -> None:
    """docs/dev/tests.md says where a module's tests are: a renamed or removed test file is
    renamed or removed there too."""
    text = (REPO / "docs" / "dev" / "tests.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+\.py)`", text))
    files = {p.name for p in (REPO / "tests").glob("test_*.py")}
    assert len(named) > 30
    assert named - files == set(), "docs/dev/tests.md names files that do not exist"


def test_every_place_in_the_where_table_exists() -> None:
    """ "Where is X computed" answers in one hop only if its places are where it says: a file
    under plugins/ (or the repository), a bare name in the folder of the path before it."""
    text = README.read_text(encoding="utf-8")
    start = text.index("## Where things are computed")
    table = text[start : text.index("\n## ", start + 1)]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) > 40
    missing = []
    for row in rows:
        place = row.rsplit(" | ", 1)[1]
        folder = None
        for name in re.findall(r"`([^`]+)`", place):
            if not re.search(r"\.(py|yaml|html|css|js|yml)$|/$", name):
                continue  # a function or setting named in the place
            candidates = [REPO / name, REPO / "plugins" / name]
            if folder is not None:
                candidates.append(folder / name)
            found = next((c for c in candidates if c.exists()), None)
            if found is None:
                missing.append(name)
            else:
                folder = found.parent
    assert missing == []
