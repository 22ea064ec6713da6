"""The bulletin's pure core: reading order, the period's aid figures and events, labels,
URLs of the e-mail edition, CSS strings of the print edition."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from markupsafe import Markup

from bulletin.build import publish_url
from bulletin.email_edition import wrap
from bulletin.links import absolute_urls
from bulletin.rendering import css_counters, css_string
from bulletin.selection import issue_events, period_figures, period_tables, sections
from bulletin.views import issue_view, period_text
from conftest import Site, story
from content_model.project import Project, load_project

HEAD = "number: 1/2022\nperiod:\n  from: 2022-01-01\n  to: 2022-12-31\neditorial: x\n"


def project_of(site: Site, issue: str = HEAD) -> Project:
    site.write("content/bulletins/so-1.yaml", issue)
    project, report = load_project(site.root)
    assert report.lines() == []
    return project


@pytest.fixture
def stories(site: Site) -> Site:
    # categories.yaml order: hoat-dong, vien-tro
    site.add_story("a.vi.md", story("aid-1", date="2022-02-01", category="vien-tro"))
    site.add_story("b.vi.md", story("act-1", date="2022-03-01"))
    site.add_story("c.vi.md", story("aid-2", date="2022-04-01", category="vien-tro"))
    site.add_story("d.vi.md", story("act-2", date="2022-05-01"))
    return site


def test_period_stories_are_grouped_by_category_in_categories_order(stories: Site) -> None:
    project = project_of(stories)
    got = [(s.category, s.stories) for s in sections(project, project.bulletins["so-1"])]
    assert got == [("hoat-dong", ("act-1", "act-2")), ("vien-tro", ("aid-1", "aid-2"))]


def test_a_written_list_keeps_its_order(stories: Site) -> None:
    project = project_of(stories, HEAD + "stories: [aid-2, aid-1, act-2]\n")
    got = [(s.category, s.stories) for s in sections(project, project.bulletins["so-1"])]
    assert got == [("vien-tro", ("aid-2", "aid-1")), ("hoat-dong", ("act-2",))]


def figure(period: str, province: str = "", partner: str = "") -> str:
    lines = f'  - period: "{period}"\n    projects: 1\n'
    if province:
        lines += f"    province: {province}\n"
    if partner:
        lines += f"    partner: {partner}\n"
    return lines


def test_aid_figures_of_the_period_come_from_every_published_story(site: Site) -> None:
    # a story of 2019 reports 2014-2022: it overlaps the issue, so it counts
    site.add_story("a.vi.md", story("cu", date="2019-01-01", extra="aid:\n" + figure("2014-2022")))
    site.add_story(
        "b.vi.md",
        story("moi", date="2022-05-01", extra="aid:\n" + figure("2022") + figure("2021")),
    )
    site.add_story(
        "c.vi.md",
        story("nhap", date="2022-06-01", extra="status: draft\naid:\n" + figure("2022", "yen-bai")),
    )
    project = project_of(site)
    issue = project.bulletins["so-1"]
    assert [f.id for f in period_figures(project, issue)] == ["cu#0", "moi#0"]
    tables = period_tables(project, issue)
    # the aid core decides what is added: here one 2022 total (the 2014-2022 one is no year)
    assert [(y.year, y.sum.projects) for y in tables.by_year] == [(2022, 1)]


def event(day: str, end: str = "") -> str:
    out = f"  - date: {day}\n    title: Sự kiện {day}\n    kind: other\n"
    return out + (f"    end: {end}\n" if end else "")


def test_calendar_of_the_issue(site: Site) -> None:
    site.add_story(
        "a.vi.md",
        story(
            "a",
            date="2022-05-01",
            extra="events:\n"
            + event("2021-12-30", "2022-01-02")  # runs into the period
            + event("2021-06-01")  # before
            + event("2022-06-01")
            + "".join(event(f"2023-0{m}-01") for m in range(1, 10)),  # after: the 8 soonest
        ),
    )
    project = project_of(site)
    events = issue_events(project, project.bulletins["so-1"], "vi")
    assert [e.start.isoformat() for e in events.during] == ["2021-12-30", "2022-06-01"]
    assert [e.start.month for e in events.after] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_a_story_without_translation_is_shown_in_its_language(site: Site) -> None:
    site.add_story("a.vi.md", story("chi-tieng-viet", date="2022-05-01"))
    project = project_of(site)
    view = issue_view(project, project.bulletins["so-1"], "en")
    [s] = view.stories
    assert (s.lang, s.foreign, s.url) == ("vi", True, "tin-tuc/chi-tieng-viet/")
    assert view.files.pdf == "en/bulletin/so-1/so-1-en.pdf"
    assert view.other_files.pdf == "ban-tin/so-1/so-1-vi.pdf"


def test_cover_image_defaults_to_the_cover_storys_photo(site: Site) -> None:
    site.write("content/images/a.jpg", "x")
    site.write("content/images/bia.jpg", "x")
    photo = "image:\n  src: images/a.jpg\n  alt: Ảnh a"
    site.add_story("a.vi.md", story("a", date="2022-05-01", extra=photo))
    project = project_of(site)
    view = issue_view(project, project.bulletins["so-1"], "vi")
    assert view.cover is not None and view.cover.slug == "a"
    assert view.cover_image is not None and view.cover_image.src == "images/a.jpg"
    assert view.cover_image.uri == "content:images/a.jpg"  # no path of the build machine
    cover = "cover_image:\n  src: images/bia.jpg\n  alt: {vi: Bìa, en: Cover}\n"
    project = project_of(site, HEAD + cover)
    view = issue_view(project, project.bulletins["so-1"], "en")
    assert (view.cover_image.src, view.cover_image.alt) == ("images/bia.jpg", "Cover")


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (date(2022, 1, 1), date(2022, 12, 31), "vi", "2022"),
        (date(2023, 7, 1), date(2023, 9, 30), "vi", "tháng 7–9/2023"),
        (date(2023, 7, 1), date(2023, 9, 30), "en", "Jul–Sep 2023"),
        (date(2015, 1, 1), date(2019, 12, 31), "en", "2015–2019"),
        (date(2023, 7, 15), date(2023, 8, 14), "vi", "15 tháng 7, 2023 – 14 tháng 8, 2023"),
        (date(2023, 7, 1), date(2023, 7, 14), "en", "July 1–14, 2023"),
    ],
)
def test_period_text(start: date, end: date, lang: str, expected: str) -> None:
    assert period_text(start, end, lang) == expected


def test_every_url_of_the_email_is_absolute() -> None:
    page = "https://example.org/ban-tin/so-1/"
    html = (
        '<a href="/tin-tuc/a/">a</a><img src="../../images/b.jpg" alt="b">'
        "<a href='#aid'>c</a><a href=\"mailto:x@example.org\">d</a>"
        '<a href="https://other.example/">e</a><td style="background: url(\'/x.png\')">'
    )
    assert absolute_urls(html, page) == (
        '<a href="https://example.org/tin-tuc/a/">a</a>'
        '<img src="https://example.org/images/b.jpg" alt="b">'
        "<a href='https://example.org/ban-tin/so-1/#aid'>c</a>"
        '<a href="mailto:x@example.org">d</a><a href="https://other.example/">e</a>'
        "<td style=\"background: url('https://example.org/x.png')\">"
    )


def test_print_links_lead_to_the_site_and_contents_stay_inside() -> None:
    page = "https://example.org/ban-tin/so-1/"
    html = '<a href="#story-a">a</a> <a href="/tin-tuc/b/">b</a> <img src="file:///c/x.jpg">'
    assert absolute_urls(html, page, ("href",), keep_fragments=True) == (
        '<a href="#story-a">a</a> <a href="https://example.org/tin-tuc/b/">b</a> '
        '<img src="file:///c/x.jpg">'
    )


def test_css_strings_for_the_page_footer() -> None:
    assert css_counters(Markup("Trang {page}/{pages}")) == (
        '"Trang " counter(page) "/" counter(pages)'
    )
    assert css_counters("Page {page} of {pages}") == ('"Page " counter(page) " of " counter(pages)')
    # HTML escapes of the template are undone, quotes and </style> made harmless
    assert css_string(Markup("A &amp; B")) == '"A & B"'
    assert css_string('say "hi" </style>') == '"say \\"hi\\" \\3C /style>"'


def test_publish_url_is_read_without_running_the_settings(tmp_path: Path) -> None:
    assert publish_url(tmp_path) is None
    (tmp_path / "publishconf.py").write_text(
        'import does_not_exist\nSITEURL = "https://a.example"\nSITEURL = "https://b.example"\n'
    )
    assert publish_url(tmp_path) == "https://b.example"


def test_plain_text_is_wrapped_by_paragraph() -> None:
    text = "Một đoạn văn " * 12 + "\n\nhttps://example.org/" + "a" * 80
    out = wrap(text, indent="  ")
    first, second = out.split("\n\n")
    assert all(len(line) <= 72 and line.startswith("  ") for line in first.splitlines())
    assert second == "  https://example.org/" + "a" * 80  # a URL is never cut


def test_the_bulletin_renders_with_the_sites_jinja_options_and_filters() -> None:
    """One environment for site and bulletin (bilingual.templating): a partial both include
    (aid/_words.html) sees the same options and the same filters."""
    import pelicanconf
    from aid import money
    from bilingual import templating
    from bulletin.rendering import environment

    env = environment(Path(__file__).parent.parent / "theme" / "templates")
    assert templating.pelican_options() == pelicanconf.JINJA_ENVIRONMENT
    for option, value in templating.OPTIONS.items():
        if option != "extensions":
            assert getattr(env, option) == value
    assert "jinja2.ext.InternationalizationExtension" in env.extensions
    for name, function in {**templating.FILTERS, **money.FILTERS}.items():
        assert env.filters[name] is function


def test_the_print_stylesheet_takes_its_fonts_from_the_sites(tmp_path: Path) -> None:
    """@font-face is declared once (main.css); the print edition gets every face under its
    subset's own family (print_css.py: WeasyPrint merges one family's files)."""
    import shutil

    from bulletin.print_css import MARKER, PRINT_CSS, SITE_CSS, print_stylesheet

    theme = Path(__file__).parent.parent / "theme"
    printed = print_stylesheet(theme)
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)";.*url\(\.\./fonts/([^)]+)\)', printed)
    assert MARKER not in printed and len(faces) == 8
    assert [family for family, _ in faces] == ["Be Vietnam Pro"] * 4 + ["Be Vietnam Pro Vi"] * 4
    assert all(("-latin-" in f) == (family == "Be Vietnam Pro") for family, f in faces)
    assert all((theme / "static/fonts" / f).is_file() for _, f in faces)
    assert "unicode-range" not in printed and "font-display" not in printed

    copy = tmp_path / "theme"
    shutil.copytree(theme / "static" / "css", copy / "static" / "css")
    site = copy / SITE_CSS
    site.write_text(
        site.read_text(encoding="utf-8").replace("-latin-700-normal", "-latin-800-normal"),
        encoding="utf-8",
    )
    assert "be-vietnam-pro-latin-800-normal.woff2" in print_stylesheet(copy)
    (copy / PRINT_CSS).write_text("@page { size: A4; }\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing"):
        print_stylesheet(copy)
