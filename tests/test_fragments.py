"""The rows of long lists that the preview renders once (bilingual/fragments.py): after a
title edit only the edited story's rows are rendered again, a kept row never outlives a
change of what it shows, and a row shows its arguments only."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from test_preview import snapshot

from aid import money
from bilingual import catalogs, renderer, templating
from bilingual.fragments import Fragments, Key, is_value, render_row
from bilingual.story_links import StoryLink
from conftest import REPO, Site, story
from shared import parallel
from site_build.preview import Preview

TEMPLATES = REPO / "theme" / "templates"

# two stories with a partner, an event and an aid figure each: every kind of row
DATA = """\
partners: [gni]
events:
  - {{date: {day}, title: {event}, kind: conference, place: Hà Giang, partners: [gni]}}
aid:
  - period: "2022"
    partner: gni
    projects: {projects}
    committed: {{value: {value}, currency: USD}}
"""


def data(day: str = "2022-06-01", event: str = "Hội nghị", projects: int = 3, value: int = 1000):
    return DATA.format(day=day, event=event, projects=projects, value=value)


ROW_MACROS = {"archive_line", "event_item", "partner_figure", "story_line", "figure_card"}


def two_stories(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", "Bài a", extra=data()))
    site.add_story("a.en.md", story("a", "en", "Story a"))
    extra = data("2022-07-01", "Giao lưu", 5, 2000)
    site.add_story("b.vi.md", story("b", "vi", "Bài b", date="2022-07-09", extra=extra))


def kept(p: Preview) -> Fragments:
    assert p.session.fragments is not None
    return p.session.fragments


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "forked-workers"])
def test_after_a_title_edit_only_the_stories_rows_are_rendered_again(
    site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workers: bool
) -> None:
    from site_build.cli import run_build

    if workers:  # the whole build renders in forked workers, which send their rows back
        monkeypatch.setenv("BUILD_WORKERS", "2")
        monkeypatch.setattr(renderer, "parallel_map", partial(parallel.parallel_map, min_tasks=2))
    two_stories(site)
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    fragments = kept(p)
    before, rendered = dict(fragments.rows), fragments.rendered
    assert {key[1] for key in before} == ROW_MACROS  # every kind of row was kept
    if workers:  # and the templates were compiled in the preview's process too
        loaded = {name for _, name in p.session.record.generator.env.cache}
        assert {"archives.html", "events/calendar.html", "aid/statistics.html"} <= loaded
    path = site.add_story("a.vi.md", story("a", "vi", "Bài a đã sửa", extra=data()))
    result = p.rebuild("edit", [path])
    assert result.ok and "vien-tro/index.html" in result.rendered
    new = {key: html for key, html in fragments.rows.items() if key not in before}
    # the rows of a's Vietnamese version, one of each kind, each rendered once; b's rows and
    # the English ones (which link to "Story a") are joined as they were
    assert fragments.rendered - rendered == len(new)
    assert sorted(key[1] for key in new) == sorted(ROW_MACROS)
    assert all("Bài a đã sửa" in html for html in new.values())
    assert all("Bài b" not in html and "Story a" not in html for html in new.values())
    for page in ("luu-tru/", "su-kien/", "vien-tro/", "doi-tac/gni/"):
        html = site.page(page).html
        assert "Bài a đã sửa" in html and "Bài b" in html and "Bài a<" not in html
    cold = tmp_path / "cold"
    assert run_build(site.root, cold, overrides={"SEARCH_INDEX": False}).ok
    assert snapshot(site.output) == snapshot(cold)


def test_a_kept_row_never_outlives_a_change_of_what_it_shows(site: Site, tmp_path: Path) -> None:
    """Each field a row shows, changed in turn while the preview runs (most of these are
    whole builds, which keep the rows): the page shows the new value, and at the end the
    preview's folder is what a cold build makes."""
    from site_build.cli import run_build

    two_stories(site)
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    lists = ("luu-tru/", "su-kien/", "vien-tro/", "doi-tac/gni/")
    day = '<time datetime="2022-06-20">20 tháng 6, 2022'
    edits = [  # story a's Vietnamese front matter, and where the change shows
        ({"title": "Bài a mới"}, "Bài a mới", lists),
        ({"date": "2022-06-20"}, day, ("luu-tru/", "doi-tac/gni/")),
        ({"event": "Hội thảo mới"}, "Hội thảo mới", ("su-kien/", "doi-tac/gni/")),
        ({"day": "2022-05-03"}, 'datetime="2022-05-03"', ("su-kien/", "doi-tac/gni/")),
        ({"value": 7654321}, "7.654.321", ("vien-tro/", "doi-tac/gni/")),
        ({"projects": 17}, "<dd>17</dd>", ("doi-tac/gni/",)),
    ]
    front = {"title": "Bài a", "date": "2022-06-09"}
    fields = {"day": "2022-06-01", "event": "Hội nghị", "projects": 3, "value": 1000}
    for change, shown, pages in edits:
        for name, value in change.items():
            (front if name in front else fields)[name] = value
        text = story("a", "vi", front["title"], date=front["date"], extra=data(**fields))
        path = site.add_story("a.vi.md", text)
        assert p.rebuild("edit", [path]).ok
        for page in pages:
            assert shown in site.page(page).html, (change, page)
    # a data file a row shows (the partner's name on an event): every row is forgotten
    partners = (site.root / "content/data/partners.yaml").read_text(encoding="utf-8")
    site.write("content/data/partners.yaml", partners.replace("Tổ chức GNI", "Tổ chức GNI mới"))
    assert p.rebuild("data").ok
    assert "Tổ chức GNI mới" in site.page("su-kien/").html
    cold = tmp_path / "cold"
    assert run_build(site.root, cold, overrides={"SEARCH_INDEX": False}).ok
    assert snapshot(site.output) == snapshot(cold)


def test_a_row_shows_its_arguments_only(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row a build keeps, rendered again from its key alone in an environment where
    any other name is an error (StrictUndefined): the same HTML."""
    two_stories(site)
    p = Preview(site.root, site.output, port=0)
    assert p.rebuild("start").ok
    rows: dict[Key, str] = kept(p).rows
    assert rows
    options = templating.pelican_options()
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, **options)
    templating.configure(env, money.FILTERS, {"sector_name": lambda code, lang: code})
    for lang in ("vi", "en"):
        translations = catalogs.load_translations(REPO / "theme" / "translations", lang)
        env.install_gettext_translations(translations, newstyle=True)
        for (template, macro, row_lang, args), html in rows.items():
            if row_lang == lang:
                assert render_row(env, template, macro, *args) == html


def test_every_list_row_of_the_theme_names_a_macro_and_values() -> None:
    """The theme's `list_row` calls name an existing macro of a template made of macros."""
    calls = set()
    for path in TEMPLATES.rglob("*.html"):
        for template, macro in re.findall(r'list_row\("([^"]+)", "([^"]+)"', path.read_text()):
            calls.add((template, macro))
    assert {macro for _, macro in calls} == ROW_MACROS
    env = templating.environment(FileSystemLoader(TEMPLATES))
    for template, macro in calls:
        assert f"{{% macro {macro}(" in (TEMPLATES / template).read_text()
        assert env.get_template(template)  # it compiles


def test_a_row_is_keyed_by_values_only() -> None:
    link = StoryLink("a", "vi", "Bài a", "tin-tuc/a/", datetime(2022, 6, 9))
    assert is_value((link, "vi", None, 3, (link,)))
    assert not is_value([link])  # a list may change in place
    assert not is_value({"a": link})
    assert not is_value(object())

    @dataclasses.dataclass
    class Mutable:
        title: str

    assert not is_value(Mutable("a"))
    env = templating.environment(FileSystemLoader(TEMPLATES))
    env.install_gettext_translations(catalogs.load_translations(REPO / "theme/translations", "vi"))
    fragments = Fragments()
    fragments.start("shared")
    row = partial(fragments.row, env, "partners/_rows.html", "story_line")
    first = row(link, "", "vi")
    assert row(link, "", "vi") is first and fragments.rendered == 1
    # a row is rendered again for any change of what it shows
    for changed in (
        dataclasses.replace(link, title="Bài a mới"),
        dataclasses.replace(link, url="tin-tuc/a-moi/"),
        dataclasses.replace(link, lang="en"),
    ):
        assert row(changed, "", "vi") != first
    assert row(link, "/base", "vi") != first
    assert fragments.rendered == 5
    with pytest.raises(TypeError):
        row(Mutable("a"), "", "vi")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        row({"title": "a"}, "", "vi")  # type: ignore[arg-type]
    # another shared key (theme, code, data, settings, build day): every row is forgotten
    assert not fragments.start("shared") and fragments.start("other")
