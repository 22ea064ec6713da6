"""`output/data/partners.json`: the partner directory as data, for programs and other sites.

One object per partner of partners.yaml (also those no story names), in the file's order:
id, names in both languages, acronym, ISO country code with its names, type, website, since,
sectors, the absolute URL of its page in each language, and counts: stories that name it
(a story counts once, whatever its translations), events it takes part in, aid figures stated
for it, and projects in those figures (overlapping periods never added twice).
"""

from __future__ import annotations

import json
from typing import Any

from bilingual import urls
from bilingual.sitemap import absolute
from content_model.project import Project

from .directory import country_name, partner_url, type_label
from .references import PartnerRefs, projects_total, references

PATH = "data/partners.json"


def partners_data(
    project: Project, base_url: str, refs: dict[str, PartnerRefs] | None = None
) -> dict[str, Any]:
    # counts do not depend on the language: each story counts once
    refs = refs if refs is not None else references(project, urls.DEFAULT_LANG)
    items = []
    for p in project.data.partners:
        r = refs[p.id]
        items.append(
            {
                "id": p.id,
                "name": {"vi": p.name.vi, "en": p.name.en},
                "acronym": p.acronym,
                "country": p.country,
                "country_name": {lang: country_name(p.country, lang) for lang in urls.LANGS},
                "type": p.type,
                "type_name": {lang: type_label(p.type, lang, plural=False) for lang in urls.LANGS},
                "website": p.website,
                "since": p.since,
                "sectors": list(p.sectors),
                "url": {lang: absolute(base_url, partner_url(p.id, lang)) for lang in urls.LANGS},
                "counts": {
                    "stories": len(r.stories),
                    "events": len(r.events),
                    "aid_figures": len(r.figures),
                    "projects": projects_total(r.figures),
                },
            }
        )
    return {"count": len(items), "partners": items}


def partners_json(
    project: Project, base_url: str, refs: dict[str, PartnerRefs] | None = None
) -> str:
    data = partners_data(project, base_url, refs)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
