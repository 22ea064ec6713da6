"""Reproducible builds: the same sources give the same bytes, whoever builds them, wherever
and whenever.

Each site is built twice, cold (the example once more, warm), in separate processes that
differ in everything that must not matter: the project's folder and the output folder (and
so every absolute path), the working directory, the wall-clock time (a build starts when the
one before has ended), the time zone (UTC, UTC+14, UTC-3:30: a different date for part of
each day), the hash seed (which reorders sets) and the locale. What may matter is the same
for all: the sources, and the build day (`SOURCE_DATE_EPOCH`: upcoming events depend on it).
Every file of the outputs is compared, byte for byte: HTML, feeds, sitemap, iCalendar, JSON
and CSV, image renditions, the bulletin's PDF and PDF/A editions and the Pagefind index.

Not covered here: the order in which the file system lists a folder (the same on one
machine); `search/pagefind_run.py` is what keeps the index from depending on it, and
`test_pagefind_gets_the_pages_in_one_order_whatever_the_file_system` checks its order.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from bilingual.feeds import render_atom
from bulletin.pdf import photo_file, photo_url
from conftest import REPO, make_site, story
from search.pagefind_run import pages, stable_entry

EPOCH = "1700000000"  # 2023-11-15: the build day of every build here
VARYING = ("PYTHONHASHSEED", "TZ", "LC_ALL", "LANG", "SOURCE_DATE_EPOCH", "BUILD_WORKERS")
FIRST = {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}
SECOND = {"PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
THIRD = {"PYTHONHASHSEED": "3", "TZ": "America/St_Johns", "LC_ALL": "C.UTF-8"}


def build(root: Path, output: Path, cwd: Path, env: dict[str, str], plugins: Path) -> None:
    """`python -m site_build build` in a fresh process, as `make site` runs it."""
    environ = {k: v for k, v in os.environ.items() if k not in VARYING}
    environ |= {"PYTHONPATH": str(plugins), "BUILD_PROGRESS": "0", "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", "site_build", "build", "--root", str(root)]
    result = subprocess.run(
        [*command, "--output", str(output)],
        cwd=cwd,
        env=environ | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(a: Path, b: Path) -> list[str]:
    fa, fb = files(a), files(b)
    return (
        [f"only in the first build: {rel}" for rel in sorted(fa.keys() - fb.keys())]
        + [f"only in the second build: {rel}" for rel in sorted(fb.keys() - fa.keys())]
        + [f"differs: {rel}" for rel in sorted(fa.keys() & fb.keys()) if fa[rel] != fb[rel]]
    )


def leaked_paths(output: Path, *folders: Path) -> list[str]:
    """Files that name a folder of the build machine (plain bytes: not inside compressed
    PDF streams, which test_bulletin_* read back)."""
    needles = [str(f).encode() for f in folders]
    return [
        p.relative_to(output).as_posix()
        for p in sorted(output.rglob("*"))
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]


def copy_example(dest: Path) -> Path:
    """The example project with its own copy of the code and theme (no symlink: a path of
    either copy in the output would show as a difference)."""
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("content", "theme", "plugins"):
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(REPO / name, dest / name)
    return dest


def test_example_site_builds_to_the_same_bytes(tmp_path: Path) -> None:
    """Two cold builds, then a warm one: the first project's sources change after its cold
    build, as an editor's would; the warm build links its unchanged pages (and PDFs) from the
    cold build's output and renders the rest again, and must end with the bytes of a cold
    build of the changed sources, made elsewhere, earlier, under other settings."""
    a = copy_example(tmp_path / "one")
    b = copy_example(tmp_path / "elsewhere" / "two")
    edited = Path("content/articles/thai-nguyen-mo-rong-hop-tac-phi-chinh-phu.en.md")
    text = (b / edited).read_text(encoding="utf-8") + "\nOne more line.\n"
    (b / edited).write_text(text, encoding="utf-8")
    out_a, out_b = a / "output", b / "public"

    build(a, out_a, cwd=a, env=FIRST, plugins=a / "plugins")
    shutil.copy2(b / edited, a / edited)
    build(b, out_b, cwd=tmp_path, env=SECOND, plugins=b / "plugins")
    cold = {p: p.stat().st_ino for p in out_a.rglob("*") if p.is_file()}
    build(a, out_a, cwd=a, env=THIRD, plugins=a / "plugins")
    linked = [p for p, inode in cold.items() if p.is_file() and p.stat().st_ino == inode]
    assert len(linked) > 100  # the build was warm: unchanged pages were linked, not rendered

    made = files(out_a)
    # the comparison covers every kind of file the build makes
    for expected in (
        "ban-tin/so-1-2022/so-1-2022-vi.pdf",
        "en/bulletin/so-2-2019/so-2-2019-en-pdfa.pdf",  # laid out again: it holds the edit
        "pagefind/pagefind-entry.json",
        "data/events.ics",
        "data/aid.csv",
        "data/partners.json",
        "feeds/all.atom.xml",
        "sitemap.xml",
    ):
        assert expected in made, expected
    assert any(rel.startswith("pagefind/index/") for rel in made)
    assert any(rel.endswith(".webp") for rel in made)
    assert differences(out_a, out_b) == []
    assert leaked_paths(out_a, a, tmp_path) == []


def small_site(root: Path) -> Path:
    """A story in Vietnamese only (the English feed is empty), with events before and after
    the build day, aid figures and a photo with transparency (PNG renditions)."""
    site = make_site(root)
    (root / "content" / "images").mkdir(parents=True)
    Image.new("RGBA", (900, 600), (11, 74, 130, 128)).save(root / "content/images/logo.png")
    extra = """\
    tags: [hữu nghị, Đà Lạt, đá]
    partners: [gni, norad]
    image: {src: images/logo.png, alt: Biểu trưng}
    events:
      - {date: 2022-06-09, title: {vi: Hội nghị, en: Conference}, kind: conference}
      - {date: 2030-01-10, end: 2030-01-12, title: {vi: Đại hội, en: Congress}, kind: congress}
    aid:
      - period: "2022"
        partner: gni
        projects: 3
        committed: {value: 1000000, currency: USD}
    """
    site.add_story("a.vi.md", story("a", extra=extra))
    site.add_story("b.vi.md", story("b", date="2022-06-09", category="vien-tro"))
    return root


def test_small_site_builds_to_the_same_bytes(tmp_path: Path) -> None:
    a, b = small_site(tmp_path / "one"), small_site(tmp_path / "elsewhere" / "two")
    plugins = REPO / "plugins"  # the fixture sites link the repository's code and theme
    build(a, a / "output", cwd=a, env=FIRST, plugins=plugins)
    build(b, b / "public", cwd=tmp_path, env=SECOND | {"BUILD_WORKERS": "3"}, plugins=plugins)
    assert differences(a / "output", b / "public") == []
    assert leaked_paths(a / "output", a, tmp_path) == []
    feed = (a / "output" / "en" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "<updated>2022-06-09T00:00:00+07:00</updated>" in feed  # never the build time


# --- the pieces, one by one ----------------------------------------------------------------


def test_pagefind_gets_the_pages_in_one_order_whatever_the_file_system(tmp_path: Path) -> None:
    names = ["b.html", "a-b/index.html", "a/index.html", "a/b/index.html", "pagefind/x.html"]
    for name in [*names, ".hidden/x.html", "a/style.css"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>", encoding="utf-8")
    # depth first, by name: what `pagefind --site` walks when folders list alphabetically
    assert [p.relative_to(tmp_path).as_posix() for p in pages(tmp_path)] == [
        "a/b/index.html",
        "a/index.html",
        "a-b/index.html",
        "b.html",
    ]


def test_pagefind_entry_lists_languages_alphabetically() -> None:
    vi, en = '"vi":{"hash":"vi_1"}', '"en":{"hash":"en_2","wasm":"en"}'
    raw = f'{{"version":"1.5.2","languages":{{{vi},{en}}},"include_characters":["‿"]}}'
    expected = f'{{"version":"1.5.2","languages":{{{en},{vi}}},"include_characters":["‿"]}}'
    assert stable_entry(raw.encode("utf-8")) == expected.encode("utf-8")


def test_an_empty_feed_is_never_stamped_with_the_build_time() -> None:
    args = ("Site", "https://x.example/en/", "https://x.example/en/feeds/all.atom.xml", "en", [])
    assert "<updated>1970-01-01T00:00:00+00:00</updated>" in render_atom(*args)
    newest = datetime(2022, 6, 9, tzinfo=UTC)
    assert "<updated>2022-06-09T00:00:00+00:00</updated>" in render_atom(
        *args, empty_updated=newest
    )


def test_print_photos_are_named_by_their_place_in_content(tmp_path: Path) -> None:
    base = (tmp_path / "content").as_uri() + "/"
    assert photo_url("images/x.jpg") == "content:images/x.jpg"
    assert photo_file("content:images/x.jpg", base) == (tmp_path / "content/images/x.jpg")
    with pytest.raises(ValueError):
        photo_file("content:../secret.jpg", base)


def test_pagefind_indexes_the_story_document_as_it_would_the_whole_page(example: Path) -> None:
    """search_document hands Pagefind only the marked story: the bundle is the same bytes."""
    from search.pagefind_run import bundle, kept, search_document

    site = example
    stories = kept(pages(site))
    assert len(stories) == 10
    document = search_document(stories[0].read_text(encoding="utf-8"))
    assert "data-pagefind-body" in document and "<head>" not in document  # no menus either
    made, whole = bundle(site, stories), bundle(site, stories, whole=True)
    for files in (made, whole):  # its languages come in hash-map order: merge_bundles sorts
        files["pagefind-entry.json"] = stable_entry(files["pagefind-entry.json"])
    assert made == whole


def test_languages_indexed_apart_make_the_bundle_of_one_run(example: Path) -> None:
    """The build runs Pagefind once per language and merges: the very bytes of one run over
    every story (and of what the build wrote)."""
    from search.pagefind_run import bundle, kept, merge_bundles

    site = example
    stories = kept(pages(site))
    by_lang = [[p for p in stories if p.parts[len(site.parts)] == "en"]]
    by_lang.append([p for p in stories if p not in by_lang[0]])
    assert all(len(group) == 5 for group in by_lang)
    one_run = bundle(site, stories)
    one_run["pagefind-entry.json"] = stable_entry(one_run["pagefind-entry.json"])
    merged = merge_bundles([bundle(site, group) for group in by_lang])
    assert merged == one_run
    written = {
        p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
        for p in (site / "pagefind").rglob("*")
        if p.is_file()
    }
    assert written == merged
