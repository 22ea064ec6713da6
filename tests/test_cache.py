"""The cache module (plugins/shared/cache.py) and the one atomic write (shared/atomic.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from conftest import REPO
from shared.atomic import replacing, write_atomic
from shared.cache import STORES, Store, dependencies_key


def test_a_store_gives_back_what_was_saved_under_its_key(tmp_path: Path) -> None:
    store = Store(tmp_path, "stories", "k1")
    assert store.load() is None  # nothing yet
    store.save({"a": (1, "b")})
    assert store.path() == tmp_path / "stories.pickle"
    assert Store(tmp_path, "stories", "k1").load(expect=dict) == {"a": (1, "b")}
    items = Store(tmp_path, "search", "k1")
    items.save([1, 2], "documents")
    assert items.path("documents") == tmp_path / "search/documents.pickle"
    assert items.load("documents") == [1, 2]


def test_another_key_is_outdated_and_rebuilt_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    Store(tmp_path, "markdown", "made with one lock").save({"x": 1})
    with caplog.at_level(logging.DEBUG, logger="shared.cache"):
        assert Store(tmp_path, "markdown", "made with another lock").load() is None
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "UnpicklingError"),  # cut short
        (lambda data: b"", "not a cache file"),
        (lambda data: b"<html>not ours</html>\n", "not a cache file"),
        (lambda data: data.replace(b"\n", b"\n\x00", 1), "UnpicklingError"),
    ],
)
def test_a_damaged_store_is_logged_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, english_messages: None, damage, reason: str
) -> None:
    store = Store(tmp_path, "stories", "k")
    store.save({"story": "parsed"})
    store.path().write_bytes(damage(store.path().read_bytes()))
    with caplog.at_level(logging.WARNING, logger="shared.cache"):
        assert store.load(expect=dict) is None
    [record] = caplog.records
    text = record.getMessage()
    assert "stories" in text and str(store.path()) in text and reason in text
    store.save({"story": "parsed again"})  # the next save replaces the damaged file
    assert store.load(expect=dict) == {"story": "parsed again"}


def test_a_store_of_the_wrong_shape_is_damaged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, english_messages: None
) -> None:
    store = Store(tmp_path, "search", "k")
    store.save("a string", "documents")
    with caplog.at_level(logging.WARNING, logger="shared.cache"):
        assert store.load("documents", expect=dict) is None
    assert "str instead of <class 'dict'>" in caplog.records[0].getMessage()


def test_the_warnings_are_in_the_language_of_the_messages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown to whoever runs `make site`: from the `checks` catalogs, Vietnamese by default."""
    store = Store(tmp_path, "markdown", "k")
    store.path().write_bytes(b"")
    (tmp_path / "search").write_text("a file where the store's folder should be")
    monkeypatch.delenv("MESSAGES", raising=False)
    with caplog.at_level(logging.WARNING, logger="shared.cache"):
        store.load()
        Store(tmp_path, "search", "k").save({}, "documents")
    damaged, not_saved = (r.getMessage() for r in caplog.records)
    assert damaged == (
        f"bộ nhớ đệm markdown: {store.path()} bị hỏng (không phải tệp bộ nhớ đệm, hoặc bị cắt "
        "cụt); sẽ được tạo lại"
    )
    assert not_saved.startswith(f"bộ nhớ đệm search: không lưu được {tmp_path / 'search'}/")


def test_every_store_is_named_in_one_table(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="STORES"):
        Store(tmp_path, "my-own-cache", "k")
    assert {"stories", "markdown", "search", "images", "build"} <= set(STORES)


def test_the_dependencies_key_is_the_project_lock(tmp_path: Path) -> None:
    (tmp_path / "requirements.lock").write_text("pelican==4.12.0\nicalendar==6.1.0\n")
    before = dependencies_key(tmp_path)
    assert dependencies_key(tmp_path) == before
    (tmp_path / "requirements.lock").write_text("pelican==4.12.0\nicalendar==6.1.1\n")
    assert dependencies_key(tmp_path) != before
    # a project without its own lock (a test site linking this checkout's plugins)
    assert dependencies_key(tmp_path / "elsewhere") == dependencies_key()


def test_files_folder_per_key_and_outdated_ones_removed(tmp_path: Path) -> None:
    old = Store(tmp_path, "images", "a" * 64)
    (old.files_folder() / "ab").mkdir(parents=True)
    (old.files_folder() / "ab/800.jpg").write_bytes(b"old")
    (tmp_path / "images/0f").mkdir()  # the layout before stores
    new = Store(tmp_path, "images", "b" * 64)
    assert new.files_folder() != old.files_folder()
    new.files_folder().mkdir(parents=True)
    new.remove_outdated()
    assert [p.name for p in (tmp_path / "images").iterdir()] == [new.files_folder().name]


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "a" / "page.html"
    write_atomic(target, "xin chào")
    assert target.read_text(encoding="utf-8") == "xin chào"
    linked = tmp_path / "linked.html"
    linked.hardlink_to(target)  # the last build's file, linked into the new output
    write_atomic(target, b"new", durable=True)
    assert target.read_bytes() == b"new" and linked.read_text(encoding="utf-8") == "xin chào"
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("killed while writing")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]  # no leftover


def _store_keys(cache: Path) -> dict[str, bytes]:
    """The key line of every pickle store file, by its path under .cache/."""
    return {
        p.relative_to(cache).as_posix(): p.read_bytes().partition(b"\n")[0]
        for p in sorted(cache.rglob("*.pickle"))
    }


def test_a_changed_pin_invalidates_every_cache_and_warm_equals_cold(tmp_path: Path) -> None:
    """After `make lock` changes a pinned version, the next (warm) build must give the bytes
    of a cold one: nothing made under the old lock is reused, not a page, not a PDF, not
    events.ics (icalendar's version), not a photo rendition (Pillow's), not a parsed story, a
    story's HTML or a search bundle. The packages installed here stay the same, so a cold
    build's bytes are those of the first build: the test compares with them, and checks that
    the warm build reused nothing (it fails if a cache forgets the lock)."""
    from test_reproducible import FIRST, SECOND, build, copy_example, files

    root = copy_example(tmp_path / "site")
    lock = root / "requirements.lock"
    lock.write_bytes((REPO / "requirements.lock").read_bytes())
    output, cache = root / "output", root / ".cache"
    build(root, output, cwd=root, env=FIRST, plugins=root / "plugins")
    cold = files(output)
    inodes = {p: p.stat().st_ino for p in output.rglob("*") if p.is_file()}
    keys = _store_keys(cache)
    renditions = {p.parent for p in (cache / "images").rglob("*.webp")}
    assert {"stories.pickle", "markdown.pickle", "search/documents.pickle"} <= keys.keys()
    assert "data/events.ics" in cold and "ban-tin/so-1-2022/so-1-2022-vi.pdf" in cold

    text = lock.read_text(encoding="utf-8")
    pin = next(line for line in text.splitlines() if line.startswith("icalendar=="))
    lock.write_text(text.replace(pin, pin + ".post1"), encoding="utf-8")
    build(root, output, cwd=root, env=SECOND, plugins=root / "plugins")

    assert files(output) == cold  # warm == cold, byte for byte
    reused = [
        p.relative_to(output).as_posix()
        for p, inode in inodes.items()
        if p.is_file() and p.stat().st_ino == inode
    ]
    # every page, PDF, calendar and photo was made again; only index files that Pagefind
    # made again with the same bytes are linked from the last output (compared byte for
    # byte, not by a key: search/pagefind_run.write_bundle)
    assert reused and all(rel.startswith("pagefind/") for rel in reused)
    after = _store_keys(cache)
    assert after.keys() == keys.keys()
    assert [name for name in keys if after[name] == keys[name]] == []  # every store re-keyed
    made_again = {p.parent for p in (cache / "images").rglob("*.webp")}
    assert made_again and made_again.isdisjoint(renditions)  # re-encoded, the old ones gone
    assert all(p.exists() for p in made_again) and not any(p.exists() for p in renditions)
