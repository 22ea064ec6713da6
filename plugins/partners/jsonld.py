"""schema.org JSON-LD for partner pages (`NGO`, `Organization` and its kinds); written into
the page by `shared.jsonld.script_json`."""

from __future__ import annotations

from typing import Any

from content_model.schema import Partner
from shared.text import localized

SCHEMA_TYPES = {
    "ingo": "NGO",
    "friendship-association": "NGO",
    "locality": "GovernmentOrganization",
    "embassy": "GovernmentOrganization",
    "government": "GovernmentOrganization",
    "company": "Corporation",
    "university": "CollegeOrUniversity",
    "multilateral": "Organization",
    "other": "Organization",
}


def partner_ld(partner: Partner, lang: str, page_url: str) -> dict[str, Any]:
    """The partner as an organisation; `page_url` is the absolute URL of its page."""
    other = "en" if lang == "vi" else "vi"
    names = [partner.acronym, localized(partner.name, other)]
    data: dict[str, Any] = {
        "@type": SCHEMA_TYPES.get(partner.type, "Organization"),
        "@id": f"{page_url}#organization",
        "name": localized(partner.name, lang),
        "mainEntityOfPage": page_url,
        "address": {"@type": "PostalAddress", "addressCountry": partner.country},
    }
    alternates = [n for n in dict.fromkeys(names) if n and n != data["name"]]
    if alternates:
        data["alternateName"] = alternates
    if partner.website:
        data["url"] = partner.website
    if partner.description:
        data["description"] = localized(partner.description, lang)
    return data
