"""Wires the project registry into the bilingual site: the listing `/du-an/` with its filter
pages (donor, sector, status, province, year), a page per project, the projects of a partner
on its page and of a story under it, and `data/aid-projects.csv` and `data/iati-activities.xml`.
Every total comes from the aid core (`aid.tables.project_totals`), once a build."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from aid.money import money_full
from aid.sectors import sector_name
from aid.tabular import table_resource
from bilingual import urls
from bilingual.catalogs import load_translations
from bilingual.hooks import Hooks
from bilingual.plan import Page
from bilingual.sitemap import absolute, base_url
from bilingual.story_links import story_links
from content_model.project import Project
from content_model.values import Money
from shared.atomic import write_atomic
from shared.build_day import build_date
from shared.text import localized

from . import export, iati
from .registry import FILTERS, Group, Record, groups, records, total

SECTION = {"section": "projects"}
KEY = "aid_projects"  # context key: what every page of the build shares, computed once


def _filter_url(facet: str, value: str, lang: str) -> str:
    param = {"donor": "partner"}.get(facet, facet)
    return urls.url(lang, f"projects-{facet}", **{param: value})


def _names(project: Project, lang: str) -> dict[str, Any]:
    data = project.data
    return {
        "partner_names": {p.id: localized(p.name, lang) for p in data.partners},
        "province_names": {k: localized(p.name, lang) for k, p in data.provinces.items()},
        "partner_urls": {p.id: urls.url(lang, "partner", id=p.id) for p in data.partners},
    }


def _label(facet: str, value: str, names: dict[str, Any], lang: str) -> str:
    """A filter value as readers see it (statuses are translated by the template)."""
    if facet == "donor":
        return names["partner_names"].get(value, value)
    if facet == "province":
        return names["province_names"].get(value, value)
    if facet == "sector":
        return sector_name(value, lang)
    return value


def _filters(all_groups: dict[str, list[Group]], names: dict[str, Any], lang: str) -> list[dict]:
    return [
        {
            "facet": facet,
            "values": [
                {
                    "key": g.value,
                    "label": _label(facet, g.value, names, lang),
                    "count": len(g.records),
                    "url": _filter_url(facet, g.value, lang),
                }
                for g in all_groups[facet]
            ],
        }
        for facet in FILTERS
        if all_groups[facet]
    ]


def project_pages(project: Project, context: dict[str, Any]) -> list[Page]:
    recs = records(project)
    all_groups = {facet: groups(recs, facet) for facet in FILTERS}
    context[KEY] = {"records": recs, "by_id": {r.id: r for r in recs}}
    pages: list[Page] = []
    for lang in urls.LANGS:
        names = _names(project, lang)
        shared = {
            **names,
            "projects_url": urls.url(lang, "projects"),
            "project_urls": {r.id: urls.url(lang, "project", id=r.id) for r in recs},
            "project_filters": _filters(all_groups, names, lang),
            "projects_data": {
                "csv": urls.url(lang, "projects-csv"),
                "iati": urls.url(lang, "projects-iati") if _iati_org(project) else None,
            },
        }
        pages.append(
            Page(
                "projects",
                lang,
                ("projects",),
                urls.url(lang, "projects"),
                template="projects/listing.html",
                params=dict(SECTION),
                context={**shared, "listed": recs, "listed_total": total(recs)},
                depends_on=frozenset(),  # data files only: their change re-renders everything
            )
        )
        for facet in FILTERS:
            for g in all_groups[facet]:
                pages.append(
                    Page(
                        f"projects-{facet}",
                        lang,
                        (f"projects-{facet}", g.value),
                        _filter_url(facet, g.value, lang),
                        template="projects/listing.html",
                        params={**SECTION, "facet": facet, "value": g.value},
                        context={
                            **shared,
                            "listed": list(g.records),
                            "listed_total": g.total,
                            "not_counted": g.not_counted,
                            "filter": {
                                "facet": facet,
                                "value": g.value,
                                "label": _label(facet, g.value, names, lang),
                            },
                        },
                        depends_on=frozenset(),
                    )
                )
        for r in recs:
            pages.append(
                Page(
                    "project",
                    lang,
                    ("project", r.id),
                    urls.url(lang, "project", id=r.id),
                    template="projects/project.html",
                    params={**SECTION, "id": r.id},
                    context=partial(_project_context, r, project, shared, lang),
                    # the stories naming it and those whose figures include it
                    depends_on=frozenset(r.stories) | {f.story for f in r.included_in},
                )
            )
    return pages


def _project_context(
    r: Record, project: Project, shared: dict[str, Any], lang: str
) -> dict[str, Any]:
    """What a project page shows, computed only when the page is rendered."""
    slugs = list(r.stories) + [f.story for f in r.included_in]
    return {
        **shared,
        "record": r,
        "project": r.project,
        "story_links": story_links(project, slugs, lang),
        "partner_url": urls.url(lang, "partner", id=r.project.partner),
    }


def _records_of(context: dict[str, Any], ids: list[str]) -> list[Record]:
    by_id = context[KEY]["by_id"]
    return [by_id[i] for i in ids if i in by_id]


def page_context(page: Page, project: Project, context: dict[str, Any]) -> dict[str, Any]:
    if page.kind == "article":
        story = project.stories[page.params["slug"]]
        mine = _records_of(context, list(dict.fromkeys(story.aid_projects)))
    elif page.kind == "partner":
        pid = page.params["id"]
        mine = [r for r in context[KEY]["records"] if r.project.partner == pid]
    else:
        return {}
    if not mine:
        return {}
    lang = page.lang
    return {
        "partials": [f"projects/_{page.kind}.html"],
        "linked_projects": mine,
        "linked_projects_total": total(mine) if page.kind == "partner" else None,
        "linked_project_urls": {r.id: urls.url(lang, "project", id=r.id) for r in mine},
        "projects_url": urls.url(lang, "projects"),
        "donor_projects_url": (
            _filter_url("donor", page.params["id"], lang) if page.kind == "partner" else None
        ),
        **_names(project, lang),
    }


def _iati_org(project: Project) -> str | None:
    site = project.data.site
    return site.iati_org_id if site and project.data.projects else None


# msgids of the theme catalog for an amount the source qualifies (`approx`): the same as the
# pages' (templates/aid/_words.html, `qualified`), so both say the same words
APPROX_WORDS = {
    "over": "over %(amount)s",
    "about": "about %(amount)s",
    "nearly": "nearly %(amount)s",
    "under": "under %(amount)s",
}


def amount_words(theme: Path) -> Callable[[Money, str], str]:
    """`words(money, lang)`: the amount with every digit and the source's qualifier, in
    `lang` (`trên 100.000 EUR` / `over EUR 100,000`), for the IATI file."""
    catalogs = {lang: load_translations(theme / "translations", lang) for lang in urls.LANGS}

    def words(money: Money, lang: str) -> str:
        amount = money_full(money.value, money.currency, lang)
        if money.approx is None:
            return amount
        return catalogs[lang].gettext(APPROX_WORDS[money.approx]) % {"amount": amount}

    return words


def write_data(project: Project, context: dict[str, Any], output: Path) -> None:
    recs: list[Record] = context[KEY]["records"]
    base = base_url(context)
    page_urls = {
        r.id: {lang: absolute(base, urls.url(lang, "project", id=r.id)) for lang in urls.LANGS}
        for r in recs
    }
    csv_path = output / urls.url(urls.DEFAULT_LANG, "projects-csv")
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(csv_path, export.to_csv(export.rows(recs, page_urls)))
    org_id = _iati_org(project)
    if org_id is None:
        return  # no identifier to report under (or no project): no IATI file
    data = project.data
    assert data.site is not None
    names = iati.Names(
        union=data.site.name,
        donors={p.id: iati.Org(p.name, iati.ORG_TYPE.get(p.type, "90")) for p in data.partners},
        provinces={k: p.name for k, p in data.provinces.items()},
    )
    today = build_date()
    words = amount_words(Path(context["THEME"]))
    xml = iati.activities_xml(recs, org_id, names, today, words)
    write_atomic(output / urls.url(urls.DEFAULT_LANG, "projects-iati"), xml)


def data_resource(project: Project) -> dict[str, Any]:
    """aid-projects.csv as a resource of datapackage.json."""
    return table_resource("aid-projects-csv", export.PATH, export.table_schema())


def extend(hooks: Hooks) -> None:
    hooks.add_pages(project_pages)
    hooks.add_page_context(page_context)
    hooks.add_files(write_data)
    hooks.add_data_resource(data_resource)
