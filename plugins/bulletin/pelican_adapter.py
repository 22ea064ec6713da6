"""Wires the bulletin into the bilingual site: the archive and one web edition per issue and
language (pages), and the print and e-mail editions beside them (files, written into the
build's output folder)."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from pelican import signals

from bilingual import urls
from bilingual.hooks import Hooks
from bilingual.plan import Page
from bilingual.session import session_of
from content_model.project import Project
from shared.atomic import write_atomic

from . import print_css
from .build import PREVIEW_URL, Options, build_issue, publish_url
from .views import IssueView, issue_view, newest_first

log = logging.getLogger(__name__)
VIEWS_KEY = "bulletin_views"  # in Pelican's context: (issue id, lang) -> IssueView


def site_url(project: Project, context: dict[str, Any]) -> str:
    """Where the editions link to: this build's SITEURL when it has one (publishconf.py),
    else publishconf.py's, so that a local build still mails links to the real site."""
    return context.get("SITEURL") or publish_url(project.root) or PREVIEW_URL


def bulletin_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    if not project.bulletins:
        return []  # no archive page, so no "Bulletin" in the menu
    issues = newest_first(project)
    views: dict[tuple[str, str], IssueView] = {
        (b.id, lang): issue_view(project, b, lang) for b in issues for lang in urls.LANGS
    }
    context[VIEWS_KEY] = views
    pages = []
    for lang in urls.LANGS:
        pages.append(
            Page(
                "bulletins",
                lang,
                ("bulletins",),
                urls.url(lang, "bulletins"),
                template="bulletin/archive.html",
                params={"section": "bulletins"},
                context={"issues": [views[(b.id, lang)] for b in issues]},
                depends_on=frozenset().union(*(views[(b.id, lang)].shown_stories for b in issues)),
            )
        )
        for b in issues:
            pages.append(
                Page(
                    "bulletin",
                    lang,
                    ("bulletin", b.id),
                    urls.url(lang, "bulletin", id=b.id),
                    template="bulletin/web.html",
                    params={"section": "bulletins", "id": b.id},
                    context={"issue": views[(b.id, lang)]},
                    depends_on=views[(b.id, lang)].shown_stories,
                )
            )
    return pages


def write_editions(project: Project, context: dict[str, Any], output: Path) -> None:
    options = Options(
        theme=Path(context["THEME"]),
        site_url=site_url(project, context),
        reuse=functools.partial(session_of(context).reuse_file, output),
    )
    views: dict[tuple[str, str], IssueView] = context.get(VIEWS_KEY, {})
    for bulletin in project.bulletins.values():
        mine = {
            lang: views[(bulletin.id, lang)] for lang in urls.LANGS if (bulletin.id, lang) in views
        }
        built = build_issue(project, bulletin, output, options, mine or None)
        for warning in built.warnings:
            log.warning("bulletin: %s", warning)


def write_print_stylesheet(pelican: Any) -> None:
    """The print stylesheet as the PDFs use it (print_css.py: with the site's fonts), over the
    theme's source that Pelican copied with the static files."""
    settings = pelican.settings
    # the theme's static/ is published as THEME_STATIC_DIR
    rel = print_css.PRINT_CSS.relative_to("static")
    target = Path(pelican.output_path) / settings["THEME_STATIC_DIR"] / rel
    write_atomic(target, print_css.print_stylesheet(Path(settings["THEME"])))


def register() -> None:
    signals.finalized.connect(write_print_stylesheet)


def extend(hooks: Hooks) -> None:
    hooks.add_pages(bulletin_pages)
    # an edition shows only stories its page shows, whose edit runs a whole build
    hooks.add_files(write_editions, after_title_edit=False)
