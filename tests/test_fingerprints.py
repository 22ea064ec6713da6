"""Unit tests of `bilingual/fingerprints.py`: which edits change which page's hash (a page
whose hash is unchanged is not rendered again), without building a site."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from bilingual.fingerprints import (
    StoryKeys,
    front_matter,
    page_key,
    shared_key,
    stories_read,
    story_keys,
    tree_hash,
)
from bilingual.plan import Entry, Page

STORY = "---\ntitle: A\ndate: 2022-06-09\n---\nText one.\n"


def entry(slug: str) -> Entry:
    return Entry("vi", slug, datetime(2022, 6, 9), "hoat-dong", ())


def article(slug: str) -> Page:
    return Page("article", "vi", ("article", slug), f"tin-tuc/{slug}/", [entry(slug)])


def capability(kind: str, depends_on: frozenset[str] | None = None) -> Page:
    return Page(kind, "vi", (kind,), f"{kind}/", template=f"{kind}.html", depends_on=depends_on)


def listing(*slugs: str) -> Page:
    return Page("category", "vi", ("category", "x", 1), "chuyen-muc/x/", [entry(s) for s in slugs])


@pytest.fixture
def stories(tmp_path: Path) -> dict[str, list[Path]]:
    versions: dict[str, list[Path]] = {}
    for slug in ("a", "b"):
        for lang in ("vi", "en"):
            path = tmp_path / f"{slug}.{lang}.md"
            path.write_text(STORY, encoding="utf-8")
            versions.setdefault(slug, []).append(path)
    return versions


def keys_after(stories: dict[str, list[Path]], path: Path, text: str):
    before = story_keys(stories)
    path.write_text(text, encoding="utf-8")
    return before, story_keys(stories)


def test_front_matter_ends_at_the_closing_line() -> None:
    assert front_matter(STORY.encode()) == b"---\ntitle: A\ndate: 2022-06-09\n---\n"
    crlf = STORY.replace("\n", "\r\n").encode()
    assert front_matter(crlf) == b"---\r\ntitle: A\r\ndate: 2022-06-09\r\n---\r\n"
    assert front_matter(b"---\na: 1\n...\nbody") == b"---\na: 1\n...\n"
    assert front_matter(b"---\nno end\n") == b"---\nno end\n"  # the whole file


def test_a_text_edit_changes_the_story_s_own_pages_only(stories) -> None:
    before, after = keys_after(stories, stories["a"][1], STORY.replace("one", "two"))
    shared = "s"
    assert page_key(article("a"), shared, before) != page_key(article("a"), shared, after)
    assert page_key(article("b"), shared, before) == page_key(article("b"), shared, after)
    # a listing shows titles and dates, never the text
    assert page_key(listing("a", "b"), shared, before) == page_key(listing("a", "b"), shared, after)


def test_a_front_matter_edit_changes_the_listings_that_show_the_story(stories) -> None:
    before, after = keys_after(stories, stories["a"][0], STORY.replace("title: A", "title: B"))
    assert page_key(listing("a"), "s", before) != page_key(listing("a"), "s", after)
    assert page_key(listing("b"), "s", before) == page_key(listing("b"), "s", after)


def test_capability_pages_depend_on_what_they_name_or_on_every_story(stories) -> None:
    before, after = keys_after(stories, stories["b"][0], STORY.replace("title: A", "title: C"))
    naming_a = capability("partner", frozenset({"a"}))
    naming_b = capability("partner", frozenset({"b"}))
    every = capability("events")
    assert page_key(naming_a, "s", before) == page_key(naming_a, "s", after)
    assert page_key(naming_b, "s", before) != page_key(naming_b, "s", after)
    assert page_key(every, "s", before) != page_key(every, "s", after)
    home = Page("home", "vi", ("home", 1), "", [])
    assert page_key(home, "s", before) != page_key(home, "s", after)  # its blocks gather all


def test_shared_key_place_and_translations_are_part_of_the_hash(stories) -> None:
    keys = story_keys(stories)
    page = article("a")
    assert page_key(page, "s1", keys) != page_key(page, "s2", keys)
    translated = article("a")
    translated.alternates = {"vi": "tin-tuc/a/", "en": "en/news/a/"}
    assert page_key(page, "s", keys) != page_key(translated, "s", keys)
    assert page_key(page, "s", keys) == page_key(article("a"), "s", keys)


def test_stories_read_are_those_whose_edit_changes_the_page_key() -> None:
    """The preview plans again, after an edit of a story, the pages that read it."""
    home = [Page("home", "vi", ("home", n), "/", [entry("a")], number=n) for n in (1, 2)]
    pages = [
        article("a"),
        listing("a", "b"),
        capability("bulletin", frozenset({"a"})),
        capability("partner", frozenset({"b"})),
        capability("partners"),  # any story
        capability("search", frozenset()),  # none
        *home,  # the first home page's blocks gather every story
    ]
    assert [stories_read(p) for p in pages] == [
        {"a"}, {"a", "b"}, {"a"}, {"b"}, None, frozenset(), None, {"a"}
    ]  # fmt: skip
    whole = {s: f"w{s}" for s in "abc"}
    front = {s: f"f{s}" for s in "abc"}
    for page in pages:
        before = page_key(page, "s", StoryKeys(whole, front))
        for slug in "abc":  # a title edit: the whole file and its front matter change
            edited = StoryKeys({**whole, slug: "w2"}, {**front, slug: "f2"})
            read = stories_read(page)
            assert (page_key(page, "s", edited) != before) == (read is None or slug in read)


def test_known_hashes_are_reused_while_the_stamp_is_unchanged(stories) -> None:
    known: dict = {}
    first = story_keys(stories, known)
    assert set(known) == {p for paths in stories.values() for p in paths}
    path = stories["a"][0]
    st = path.stat()
    # same stamp, other bytes: taken from `known` (the preview's shortcut)
    path.write_text(STORY.replace("one", "six"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert story_keys(stories, known).whole == first.whole
    # a save changes the stamp: hashed again
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert story_keys(stories, known).whole["a"] != first.whole["a"]


def test_tree_and_shared_keys_see_names_and_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "theme"
    (folder / "__pycache__").mkdir(parents=True)
    (folder / "a.html").write_text("x", encoding="utf-8")
    before = shared_key([folder], ["2022-06-09"])
    (folder / "__pycache__" / "m.pyc").write_bytes(b"\0")  # never part of the key
    assert shared_key([folder], ["2022-06-09"]) == before
    assert shared_key([folder], ["2022-06-10"]) != before  # the build day
    (folder / "a.html").rename(folder / "b.html")
    assert shared_key([folder], ["2022-06-09"]) != before
    files = [folder / "b.html"]
    assert tree_hash(files) == tree_hash(list(reversed(files)))
