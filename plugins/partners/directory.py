"""The partner directory: partners grouped by type and by country, named in each language.

Country names come from CLDR through Babel (`Hàn Quốc` / `South Korea`); CLDR has no words
for our partner types, so their labels are in the data file types.yaml beside this module.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from bilingual import urls
from content_model.schema import PARTNER_TYPES, Partner
from shared.labels import load_labels
from shared.text import localized

TYPES_FILE = Path(__file__).with_name("types.yaml")  # the labels, vi and en


def type_label(partner_type: str, lang: str, plural: bool = True) -> str:
    """A group's heading (`plural`) or one partner's type, in `lang` (types.yaml)."""
    labels = load_labels(TYPES_FILE)[partner_type]
    return labels["heading" if plural else "one"][lang]


def country_name(code: str, lang: str) -> str:
    return Locale(lang).territories.get(code, code)


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order readers of both languages expect: `Đ` with `D`, accents after."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    return bare.casefold(), text


def partner_name(partner: Partner, lang: str) -> str:
    return localized(partner.name, lang)


def sorted_partners(partners: Iterable[Partner], lang: str) -> list[Partner]:
    return sorted(partners, key=lambda p: sort_key(partner_name(p, lang)))


@dataclass
class Group:
    """A heading of the directory and the partners under it (or its subgroups)."""

    key: str  # partner type, or ISO country code
    label: str
    anchor: str  # id of the heading on the page
    url: str  # the filter page of this type or country
    partners: list[Partner] = field(default_factory=list)
    subgroups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.partners) + sum(g.count for g in self.subgroups)


def type_anchor(partner_type: str) -> str:
    return f"type-{partner_type}"


def country_anchor(code: str, within: str = "") -> str:
    return f"{within}-{code.lower()}" if within else f"country-{code.lower()}"


def type_url(partner_type: str, lang: str) -> str:
    return urls.url(lang, "partners-type", type=partner_type)


def country_url(code: str, lang: str) -> str:
    return urls.url(lang, "partners-country", country=code.lower())


def partner_url(partner_id: str, lang: str) -> str:
    return urls.url(lang, "partner", id=partner_id)


def by_type(partners: Iterable[Partner], lang: str, countries: bool = False) -> list[Group]:
    """Groups in the contract's type order; with `countries`, subgroups by country."""
    partners = list(partners)
    groups = []
    for t in PARTNER_TYPES:
        mine = [p for p in partners if p.type == t]
        if not mine:
            continue
        group = Group(t, type_label(t, lang), type_anchor(t), type_url(t, lang))
        if countries:
            group.subgroups = by_country(mine, lang, within=group.anchor)
        else:
            group.partners = sorted_partners(mine, lang)
        groups.append(group)
    return groups


def by_country(partners: Iterable[Partner], lang: str, within: str = "") -> list[Group]:
    """Groups by country, sorted by the country's name in `lang`."""
    codes: dict[str, list[Partner]] = {}
    for p in partners:
        codes.setdefault(p.country, []).append(p)
    groups = [
        Group(
            code,
            country_name(code, lang),
            country_anchor(code, within),
            country_url(code, lang),
            sorted_partners(mine, lang),
        )
        for code, mine in codes.items()
    ]
    return sorted(groups, key=lambda g: sort_key(g.label))


@dataclass(frozen=True)
class Filter:
    """One choice of the directory's filters: a type or a country, with its partner count."""

    key: str
    label: str
    url: str
    count: int


def type_filters(partners: list[Partner], lang: str) -> list[Filter]:
    return [Filter(g.key, g.label, g.url, len(g.partners)) for g in by_type(partners, lang)]


def country_filters(partners: list[Partner], lang: str) -> list[Filter]:
    return [Filter(g.key, g.label, g.url, len(g.partners)) for g in by_country(partners, lang)]
