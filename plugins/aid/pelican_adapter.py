"""Wires the aid core into the bilingual site: statistics pages, the box on stories with
figures, and the open data files. All numbers come from `tables.build_tables`, once a build."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals

from bilingual import templating, urls
from bilingual.hooks import Hooks
from bilingual.plan import Page, one_per_language
from bilingual.session import session_of
from bilingual.sitemap import absolute, base_url
from bilingual.story_links import story_links
from content_model.project import Project
from shared.atomic import write_atomic
from shared.text import localized

from . import export, money
from .chart import STYLESHEET, Colors, Labels, palette, render_chart, render_narrow_chart, year_bars
from .figures import Figure, collect_figures, collect_mismatches
from .sectors import sector_name
from .tables import Tables, build_tables

CONTEXT_KEY = "aid_tables"


def story_urls(context: dict[str, Any]) -> dict[str, dict[str, str]]:
    """slug -> {lang: absolute URL of that language version} for every published version."""
    base = base_url(context)
    out: dict[str, dict[str, str]] = {}
    for article in context["published_articles"]:
        out.setdefault(article.slug, {})[article.lang] = absolute(base, article.url)
    return out


def chart_svg(tables: Tables, lang: str, labels: dict[str, str], colors: Colors) -> str:
    """The by-year chart in both layouts, wide and narrow (main.css shows one of them); the
    template passes its labels, translated by its catalog."""
    bars = year_bars(tables)
    chart_id = f"aid-chart-{lang}"
    narrow_id = f"{chart_id}-narrow"
    return "\n".join(
        (
            render_chart(bars, Labels(**labels), lang, colors, chart_id=chart_id),
            render_narrow_chart(bars, Labels(**labels), lang, colors, chart_id=narrow_id),
        )
    )


NAMES_KEY = "aid_names"
BY_STORY_KEY = "aid_figures_by_story"


def aid_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    site_province = project.data.site.province if project.data.site else ""
    figures = collect_figures(project)
    tables = build_tables(figures, site_province, collect_mismatches(project, figures))
    context[CONTEXT_KEY] = tables
    # once per language: story boxes on every article page reuse them
    context[NAMES_KEY] = {lang: _names(project, tables, lang) for lang in urls.LANGS}
    by_story: dict[str, list[Any]] = {}
    for f in tables.figures:
        by_story.setdefault(f.story, []).append(f)
    context[BY_STORY_KEY] = by_story  # each article page looks up its own figures
    return one_per_language(
        "aid",
        "aid/statistics.html",
        {"section": "aid"},
        lambda lang: context[NAMES_KEY][lang],
        # only stories with figures: editing another story leaves the statistics as they are
        depends_on=frozenset(f.story for f in tables.figures),
    )


def _names(project: Project, tables: Tables, lang: str) -> dict[str, Any]:
    provinces = project.data.provinces
    return {
        "province_names": {k: localized(p.name, lang) for k, p in provinces.items()},
        "province_merged": {
            k: localized(provinces[p.merged_into].name, lang)
            for k, p in provinces.items()
            if p.merged_into in provinces
        },
        "partner_names": {p.id: localized(p.name, lang) for p in project.data.partners},
        "story_links": story_links(project, sorted({f.story for f in tables.figures}), lang),
    }


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    tables: Tables = context[CONTEXT_KEY]
    extra: dict[str, Any] = {"aid": tables}
    if page.kind == "aid":
        extra["aid_data_urls"] = {name: f"data/{name}" for name in DATA_FILES}
    if page.kind == "article":
        article = page.items[0].obj
        mine = context[BY_STORY_KEY].get(article.slug, [])
        if mine:
            extra["story_figures"] = mine
            extra.update(context[NAMES_KEY][page.lang])
            extra["partials"] = ["aid/_story_box.html"]
    return extra


DATA_FILES = ("aid.csv", "aid.json", "datapackage.json")


def write_data(project: Project, context: dict[str, Any], output: Path) -> None:
    tables: Tables = context[CONTEXT_KEY]
    table = export.rows(tables.figures, story_urls(context))
    folder = output / "data"
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / "aid.csv", export.to_csv(table))
    write_atomic(folder / "aid.json", export.to_json(table))
    assert project.data.site is not None
    title = f"{localized(project.data.site.name, 'en')}: foreign NGO aid figures"
    sources = sorted({f.story for f in tables.figures})
    # other capabilities' files in data/ (projects: aid-projects.csv), after aid's own
    extra = [resource(project) for resource in session_of(context).hooks.data_resources]
    write_atomic(folder / "datapackage.json", export.datapackage(title, sources, extra))


def add_aid_filters(generator: Any) -> None:
    colors = palette(Path(generator.theme) / STYLESHEET)
    aid_chart = partial(chart_svg, colors=colors)
    templating.configure(
        generator.env, money.FILTERS, {"aid_chart": aid_chart, "sector_name": sector_name}
    )


def extend(hooks: Hooks) -> None:
    hooks.add_pages(aid_pages)
    hooks.add_page_context(page_context)
    # aid.csv, aid.json and datapackage.json name stories by slug and URL, never by title
    hooks.add_files(write_data, after_title_edit=False)


def register() -> None:
    signals.generator_init.connect(add_aid_filters)


__all__ = ["Figure", "register"]
