"""The site's data files (`content/data/`) as one table, and what they load into (`SiteData`).

Each row says what a file is: its name, its model, whether it holds one set of fields, a list
of entries or a mapping of keys to entries, whether a site may leave it out, and the form the
editors' desk writes it in (the same entries as a list under one field). `data_files.py` loads
every row the same way; the desk (desk/config.py) makes its forms from the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from . import schema
from .messages import Message, msg


@dataclass(frozen=True)
class DataFile:
    """One data file of `content/data/`."""

    name: str  # the field of SiteData it fills
    filename: str
    model: type[BaseModel]  # the file in the contract's form
    shape: Literal["fields", "list", "mapping"]  # one set of fields, entries in a list, by key
    optional: bool = False  # a site may leave it out: then it is empty
    # the editors' desk's form: the entries as a list under the field `name` (None: no such form)
    desk_model: type[BaseModel] | None = None
    entry: type[BaseModel] | None = None  # one entry: the valid ones of a file with errors are kept
    key: str | None = None  # the field naming an entry, unique in the file
    duplicate: Message | None = None  # said of a key written twice (%(id)s, %(line)s)
    not_a_list: Message | None = None  # said of a list file that is not a list
    # the contract's form of a desk-form file, when it is not the entries as they are
    from_desk: Callable[[Any], BaseModel] | None = None

    @property
    def desk_field(self) -> str:
        """The desk form's one field, holding the entries."""
        return self.name


def _rates_from_desk(found: Any) -> BaseModel:
    rates: dict[str, dict[int, Any]] = {}
    for c in found.rates:
        rates.setdefault(c.currency, {}).update({y.year: y.rate for y in c.years})
    return schema.ExchangeRates.model_construct(rates)


DATA_FILES: tuple[DataFile, ...] = (
    DataFile("site", "site.yaml", schema.Site, "fields"),
    DataFile(
        "partners",
        "partners.yaml",
        schema.Partners,
        "list",
        desk_model=schema.PartnersFile,
        entry=schema.Partner,
        key="id",
        duplicate=msg("duplicate partner id '%(id)s' (first at line %(line)s)"),
        not_a_list=msg("must be a list of partners, each starting with a line '- id: ...'"),
    ),
    DataFile(
        "categories",
        "categories.yaml",
        schema.Categories,
        "mapping",
        desk_model=schema.CategoriesFile,
        entry=schema.Category,
        key="key",
        duplicate=msg("duplicate category key '%(id)s' (first at line %(line)s)"),
    ),
    DataFile(
        "provinces",
        "provinces.yaml",
        schema.Provinces,
        "mapping",
        desk_model=schema.ProvincesFile,
        entry=schema.Province,
        key="key",
        duplicate=msg("duplicate province key '%(id)s' (first at line %(line)s)"),
    ),
    DataFile(
        "rates",
        "exchange-rates.yaml",
        schema.ExchangeRates,
        "mapping",
        desk_model=schema.ExchangeRatesFile,
        from_desk=_rates_from_desk,
    ),
    DataFile(
        "projects",
        "aid-projects.yaml",
        schema.AidProjects,
        "list",
        optional=True,
        desk_model=schema.AidProjectsFile,
        entry=schema.AidProject,
        key="id",
        duplicate=msg("duplicate project id '%(id)s' (first at line %(line)s)"),
        not_a_list=msg("must be a list of projects, each starting with a line '- id: ...'"),
    ),
)
DATA_FILE = {f.name: f for f in DATA_FILES}


def data_path(name: str) -> str:
    """The path of a data file as editors see it: `content/data/partners.yaml`."""
    return f"content/data/{DATA_FILE[name].filename}"


@dataclass
class SiteData:
    site: schema.Site | None = None
    partners: list[schema.Partner] = field(default_factory=list)
    categories: dict[str, schema.Category] = field(default_factory=dict)
    provinces: dict[str, schema.Province] = field(default_factory=dict)
    rates: dict[str, dict[int, Any]] = field(default_factory=dict)
    projects: list[schema.AidProject] = field(default_factory=list)
    # id -> path of its entry in aid-projects.yaml: (i,), or ("projects", i) in the desk's form
    project_positions: dict[str, tuple[str | int, ...]] = field(default_factory=dict)
    # keys each data file declares, even in entries with errors: references are checked
    # against these, so one broken entry does not turn every reference to it into an error
    declared: dict[str, list[str]] = field(default_factory=dict)

    @property
    def partners_by_id(self) -> dict[str, schema.Partner]:
        return {p.id: p for p in self.partners}

    def names(self, kind: str) -> dict[str, list[str]]:
        """Key -> the names editors may write instead of it (`partners`, `provinces`,
        `categories`), for suggestions; keys of entries with errors have no names."""
        out: dict[str, list[str]] = {k: [] for k in self.declared.get(kind) or []}
        if kind == "partners":
            for p in self.partners:
                out[p.id] = [p.name.vi, p.name.en, *([p.acronym] if p.acronym else [])]
        entries = {"provinces": self.provinces, "categories": self.categories}.get(kind, {})
        for key, entry in entries.items():
            out[key] = [entry.name.vi, entry.name.en]
        return out

    @property
    def projects_by_id(self) -> dict[str, schema.AidProject]:
        return {p.id: p for p in self.projects}
