"""Nothing half-done is published: a version still holding the placeholders of `make new`,
a story dated after the build day; each is told as a warning naming the file, and the story
appears by itself once ready. Language versions dated apart get a warning."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from conftest import Site, story
from content_model.project import load_project
from editor_tools.scaffold import new_story
from shared.build_day import SITE_TZ
from site_build.cli import build

EN = "content/articles/a.en.md"
VI = "content/articles/a.vi.md"


def _epoch(day: date) -> str:
    return str(int(datetime.combine(day, time(8, 0), tzinfo=SITE_TZ).timestamp()))


def test_the_english_file_as_make_new_wrote_it_is_not_published(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    new_story(site.root, "Đoàn công tác tỉnh thăm Lào", day=date(2022, 6, 9))
    slug = "doan-cong-tac-tinh-tham-lao"
    vi = site.root / f"content/articles/{slug}.vi.md"
    text = vi.read_text(encoding="utf-8")
    vi.write_text(text[: text.rindex("---\n") + 4] + "Đoàn đã thăm tỉnh Hủa Phăn.\n", "utf-8")

    assert build(site.root, site.output, lang="en") == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "1 warning:",
        f"content/articles/{slug}.en.md:2: title: not published: this version still holds a "
        "placeholder of make new (TODO): write the text, and remove every TODO",
    ]
    home = site.page("en/")
    assert "TODO" not in home.text and "TODO" not in home.html
    assert "Đoàn công tác tỉnh thăm Lào" in site.page("").text  # the Vietnamese one is
    assert not (site.output / f"en/news/{slug}").exists()
    assert (site.output / f"tin-tuc/{slug}/index.html").exists()
    assert "TODO" not in (site.output / "en/feeds/all.atom.xml").read_text(encoding="utf-8")

    assert build(site.root, site.output, lang="vi") == 0
    assert capsys.readouterr().err.splitlines()[1] == (
        f"content/articles/{slug}.en.md:2: title: chưa đăng: bản này còn chỗ để trống của "
        "make new (TODO): viết nội dung, rồi xóa mọi chữ TODO"
    )


def test_a_placeholder_left_in_the_text_holds_the_version_back(site: Site) -> None:
    site.add_story("a.vi.md", story("a", body="Đoạn một.\n\nTODO: viết đoạn kết."))
    project, report = load_project(site.root)
    assert report.lines() == []
    assert project.stories["a"].published_versions() == []
    assert [w.render("en") for w in project.warnings] == [
        f"{VI}:10: text: not published: this version still holds a placeholder of make new "
        "(TODO): write the text, and remove every TODO"
    ]


def test_a_story_dated_after_the_build_day_appears_on_its_day(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site.add_story("a.vi.md", story("a", title="Bài hôm nay", date="2024-06-15"))
    site.add_story("b.vi.md", story("b", title="Bài ngày mai", date="2024-06-16T07:00"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2024, 6, 15)))
    assert build(site.root, site.output, lang="en") == 0
    assert capsys.readouterr().err.splitlines() == [
        "1 warning:",
        "content/articles/b.vi.md:3: date: not published yet: dated 2024-06-16, after today "
        "(2024-06-15); it appears on that day by itself (the site is built every day)",
    ]
    home = site.page("")
    assert "Bài hôm nay" in home.text and "Bài ngày mai" not in home.text
    assert not (site.output / "tin-tuc/b").exists()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2024, 6, 16)))  # the daily build
    assert build(site.root, site.output, lang="vi") == 0
    assert capsys.readouterr().err == ""
    assert site.page("").text.index("Bài ngày mai") < site.page("").text.index("Bài hôm nay")


def test_a_future_story_is_told_in_vietnamese_by_default(site: Site) -> None:
    site.add_story("b.vi.md", story("b", date="2024-06-16"))
    project, _ = load_project(site.root, today=date(2024, 6, 15))
    assert [w.render("vi") for w in project.warnings] == [
        "content/articles/b.vi.md:3: date: chưa đăng: bài đề ngày 2024-06-16, sau hôm nay "
        "(2024-06-15); bài tự xuất hiện vào ngày đó (trang web được dựng lại mỗi ngày)"
    ]


def test_a_draft_gets_no_warning(site: Site) -> None:
    site.add_story("a.vi.md", story("a", date="2030-01-01", extra="status: draft"))
    project, report = load_project(site.root, today=date(2024, 6, 15))
    assert report.lines() == [] and project.warnings == []


def test_language_versions_dated_more_than_a_day_apart_are_told(site: Site) -> None:
    site.add_story("a.vi.md", story("a", date="2022-06-09"))
    site.add_story("a.en.md", story("a", lang="en", date="2022-06-12"))
    site.add_story("b.vi.md", story("b", date="2022-06-09T20:00"))
    site.add_story("b.en.md", story("b", lang="en", date="2022-06-10T09:00"))  # next morning
    project, report = load_project(site.root)
    assert report.lines() == []
    assert [w.render("en") for w in project.warnings] == [
        f"{EN}:3: date: dated 2022-06-12, more than a day from {VI} (2022-06-09): language "
        "versions of one story are dated alike; check both dates"
    ]
    assert [w.render("vi") for w in project.warnings] == [
        f"{EN}:3: date: đề ngày 2022-06-12, cách {VI} (2022-06-09) hơn một ngày: các bản ngôn "
        "ngữ của một bài đề cùng ngày; kiểm tra lại hai ngày"
    ]
    assert len(project.stories["a"].published_versions()) == 2  # a warning, not held back


def test_the_preview_publishes_a_scheduled_story_on_its_day(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview keeps stories between builds by file: a story due today, its file
    unchanged, is published by the first build of the day all the same."""
    from site_build.preview import Preview

    site.add_story("a.vi.md", story("a", title="Bài hôm nay", date="2024-06-15"))
    site.add_story("b.vi.md", story("b", title="Bài ngày mai", date="2024-06-16"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2024, 6, 15)))
    preview = Preview(site.root, site.output, 0)
    assert preview.rebuild("start").ok
    assert not (site.output / "tin-tuc/b").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2024, 6, 16)))
    assert preview.rebuild("the next day").ok
    assert "Bài ngày mai" in site.page("tin-tuc/b/").text
    assert "Bài ngày mai" in site.page("").text
