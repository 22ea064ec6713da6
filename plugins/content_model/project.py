"""Load and check a whole project: data files, stories, references, translation groups.

`load_project(root)` is the single entry point used by `make check`, by the build and by tests.
It never stops at the first problem: every error of the project ends up in the report.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from shared.build_day import SITE_TZ, build_date

from . import schema
from .body_limits import body_problem
from .consistency import breakdown_mismatches
from .errors import ContentError, ErrorReport
from .html_notes import html_notes
from .limits import MAX_DATA_BYTES, MAX_ENTRIES, MAX_STORY_BYTES
from .messages import Message, msg
from .parsed_cache import ParsedStories
from .plausibility import amount_slip
from .rates import rate_year, usd_equivalent
from .readiness import (
    MAX_APART,
    dated_apart,
    dated_later,
    placeholder_left,
    placeholder_line,
)
from .schema import did_you_mean
from .source import SourceError, decode, read_bytes, read_text, split_front_matter
from .suggest import suggest_key
from .validation import validate
from .values import LANGS, plain_number
from .yaml_loader import LineMap, YamlSyntaxError, load_yaml

if TYPE_CHECKING:
    from .bulletins import BulletinFile

T = TypeVar("T")
DATA_FILES = {
    "site": "site.yaml",
    "partners": "partners.yaml",
    "categories": "categories.yaml",
    "provinces": "provinces.yaml",
    "rates": "exchange-rates.yaml",
    "projects": "aid-projects.yaml",
}
# data files a site may leave out (an absent one is empty)
OPTIONAL_DATA_FILES = frozenset({"projects"})
STORY_SUFFIXES = (".md", ".markdown")
LIST_FILES = ("partners", "projects")  # data files that are lists of entries with an `id`
PROJECT_FILE = "content/data/aid-projects.yaml"


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


@dataclass
class StoryFile:
    """One language version of a story."""

    path: Path
    rel: str
    front: schema.FrontMatter
    body: str
    lines: LineMap
    body_line: int = 1  # the file line where the body starts
    # why a valid version is not published today (readiness.py): a placeholder, a later date
    held: ContentError | None = None

    @property
    def lang(self) -> str:
        return self.front.lang

    @property
    def published(self) -> bool:
        return self.front.status == "published" and self.held is None


@dataclass
class Story:
    """A translation group: the versions of one story, sharing a slug and the story data."""

    slug: str
    versions: dict[str, StoryFile]
    partners: list[str]
    events: list[schema.Event]
    aid: list[schema.AidFigure]
    province: str  # the story's province (explicit, else the site's)
    aid_projects: list[str] = field(default_factory=list)  # ids of aid-projects.yaml

    def published_versions(self) -> list[StoryFile]:
        return [v for v in self.versions.values() if v.published]

    def version_for(self, lang: str) -> StoryFile | None:
        """The published version a reader of `lang` follows: their own, else another (in the
        site's language order); None when no version is published."""
        published = {v.lang: v for v in self.published_versions()}
        return next((published[c] for c in (lang, *LANGS) if c in published), None)


@dataclass
class Project:
    root: Path
    data: SiteData
    files: list[StoryFile]
    stories: dict[str, Story]
    # bulletin issues by id (content/bulletins/<id>.yaml), see bulletins.py
    bulletins: dict[str, BulletinFile] = field(default_factory=dict)
    # what the sanitiser will remove from stories (html_notes.py): told, not refused
    notes: list[ContentError] = field(default_factory=list)
    # what is built but should be looked at, or is not published yet: provisional rates,
    # stories held back (placeholders, future dates), translations dated apart
    warnings: list[ContentError] = field(default_factory=list)
    _by_path: dict[Path, StoryFile] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_path = {f.path: f for f in self.files}

    def file(self, path: Path | str) -> StoryFile | None:
        found = self._by_path.get(Path(os.path.abspath(path)))
        return found if found is not None else self._by_path.get(Path(path).resolve())


def rel(root: Path, path: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        pass
    try:  # through symbolic links
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- YAML files ---------------------------------------------------------------------------


def _load_yaml_file(root: Path, path: Path, report: ErrorReport) -> tuple[Any, LineMap] | None:
    r = rel(root, path)
    if not path.exists():
        report.add(r, 1, "file", msg("missing file: see docs/ for what it contains"))
        return None
    text = _source(r, lambda: read_text(path, MAX_DATA_BYTES, msg("a data file")), report)
    return None if text is None else _parse_yaml(r, text, 1, report, MAX_ENTRIES)


def _source(r: str, read: Callable[[], T], report: ErrorReport) -> T | None:
    """Read a file; an encoding or front matter problem is reported, not raised."""
    try:
        return read()
    except SourceError as exc:
        report.add(r, exc.line, exc.field, exc.message)
        return None


def _parse_yaml(
    r: str, text: str, first_line: int, report: ErrorReport, max_entries: int | None = None
) -> tuple[Any, LineMap] | None:
    """Parse YAML that starts at `first_line` of the file, reporting every problem."""
    try:
        value, lines, problems = load_yaml(text, first_line, max_entries)
    except YamlSyntaxError as exc:
        for line, message in exc.problems:
            report.add(r, line, "yaml", message)
        return None
    for p in problems:
        report.add(r, p.line, _field(p.field), p.message)
    return value, lines


def _field(loc: tuple) -> str:
    from .errors import format_field

    return format_field(loc)


def _validate_into(
    model: type[BaseModel], value: Any, r: str, lines: LineMap, report: ErrorReport, prefix=()
) -> Any:
    result, errors = validate(model, value, r, lines, prefix)
    report.extend(errors)
    return result


def load_data(root: Path, report: ErrorReport) -> tuple[SiteData, dict[str, LineMap]]:
    data_dir = root / "content" / "data"
    data = SiteData()
    line_maps: dict[str, LineMap] = {}
    raw_values: dict[str, Any] = {}
    models: dict[str, type[BaseModel]] = {
        "site": schema.Site,
        "partners": schema.Partners,
        "categories": schema.Categories,
        "provinces": schema.Provinces,
        "rates": schema.ExchangeRates,
        "projects": schema.AidProjects,
    }
    for name, filename in DATA_FILES.items():
        path = data_dir / filename
        if name in OPTIONAL_DATA_FILES and not path.exists():
            data.declared[name] = []
            continue
        loaded = _load_yaml_file(root, path, report)
        if loaded is None:
            continue
        value, lines = loaded
        r = rel(root, path)
        if shape := _shape_problem(name, value):
            # one line for the whole file; its keys stay unknown, so references go unchecked
            report.add(r, lines.line(()), "file", shape)
            continue
        line_maps[name] = lines
        raw_values[name] = value
        if desk_model := _desk_form(name, value):
            # the editors' desk's form (schema.PartnersFile ...): same entries, lists under one
            # field, so errors are located at the file's own paths
            data.declared[name] = _declared_keys(value[DESK_FIELDS[name]])
            found = _validate_into(desk_model, value, r, lines, report)
            if found is None:
                found = _partial_desk(name, value, r, lines)
            _store(data, name, _from_desk_form(name, found))
            continue
        data.declared[name] = _declared_keys(value)
        prefix = (name,) if name in LIST_FILES else ()
        if value is None and name != "site":
            value = [] if name in LIST_FILES else {}
        model = _validate_into(models[name], value, r, lines, report, prefix)
        if model is None:
            # keep what is valid so that stories are still checked against it
            model = _partial(name, value, r, lines)
        if model is None:
            continue
        _store(data, name, model)
    _check_data_refs(root, data, raw_values, line_maps, report)
    return data, line_maps


def _store(data: SiteData, name: str, model: Any) -> None:
    if name == "site":
        data.site = model
    elif name == "partners":
        data.partners = list(model.root)
    elif name == "categories":
        data.categories = dict(model.root)
    elif name == "provinces":
        data.provinces = dict(model.root)
    elif name == "projects":
        data.projects = list(model.root)
    else:
        data.rates = {c: dict(years) for c, years in model.root.items()}


# The data files' form as the editors' desk writes them: the one field holding the entries.
DESK_FIELDS = {
    "partners": "partners",
    "categories": "categories",
    "provinces": "provinces",
    "rates": "rates",
    "projects": "projects",
}
DESK_MODELS: dict[str, type[BaseModel]] = {
    "partners": schema.PartnersFile,
    "categories": schema.CategoriesFile,
    "provinces": schema.ProvincesFile,
    "rates": schema.ExchangeRatesFile,
    "projects": schema.AidProjectsFile,
}


def _desk_form(name: str, value: Any) -> type[BaseModel] | None:
    """The desk's model when the file is written in the desk's form: one field whose value
    is a list (a category or province key never holds a list, a currency is upper case)."""
    field_name = DESK_FIELDS.get(name)
    if field_name is None or not isinstance(value, dict) or field_name not in value:
        return None
    if not isinstance(value[field_name], list | None):
        return None
    return DESK_MODELS[name]


def _partial_desk(name: str, value: Any, r: str, lines: LineMap) -> BaseModel:
    """Valid entries of a desk-form file with errors elsewhere (errors already reported)."""
    field_name = DESK_FIELDS[name]
    item_model = DESK_MODELS[name].model_fields[field_name].annotation.__args__[0]
    items = value.get(field_name) or []
    good = [validate(item_model, v, r, lines, (field_name, i))[0] for i, v in enumerate(items)]
    return DESK_MODELS[name].model_construct(**{field_name: [g for g in good if g is not None]})


def _from_desk_form(name: str, found: Any) -> Any:
    """The contract's form of a desk-form file (schema.Partners, Categories, ...)."""
    if name == "partners":
        return schema.Partners.model_construct(list(found.partners))
    if name == "projects":
        return schema.AidProjects.model_construct(list(found.projects))
    if name in ("categories", "provinces"):
        entry = schema.Category if name == "categories" else schema.Province
        root_model = schema.Categories if name == "categories" else schema.Provinces
        items = getattr(found, name)
        return root_model.model_construct(
            {
                i.key: entry.model_construct(**{f: getattr(i, f) for f in entry.model_fields})
                for i in items
            }
        )
    rates: dict[str, dict[int, Any]] = {}
    for c in found.rates:
        rates.setdefault(c.currency, {}).update({y.year: y.rate for y in c.years})
    return schema.ExchangeRates.model_construct(rates)


def _shape_problem(name: str, value: Any) -> Message | None:
    """What is wrong with the top level of a data file, if anything."""
    if value is None:
        if name == "site":
            return msg("the file is empty: see docs/ for the fields it needs")
        return None
    if _desk_form(name, value):
        return None
    if name in LIST_FILES:
        if isinstance(value, list):
            return None
        if name == "partners":
            return msg("must be a list of partners, each starting with a line '- id: ...'")
        return msg("must be a list of projects, each starting with a line '- id: ...'")
    if not isinstance(value, dict):
        return msg("must be key: value lines (see docs/), not a list or a single value")
    return None


def _declared_keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list):
        keys = (v.get("id", v.get("key")) for v in value if isinstance(v, dict))
        return [str(k) for k in keys if k is not None]
    return []


def _duplicate(name: str, key: str, first: int) -> Message:
    if name == "partners":
        return msg("duplicate partner id '%(id)s' (first at line %(line)s)", id=key, line=first)
    if name == "projects":
        return msg("duplicate project id '%(id)s' (first at line %(line)s)", id=key, line=first)
    if name == "categories":
        return msg("duplicate category key '%(id)s' (first at line %(line)s)", id=key, line=first)
    return msg("duplicate province key '%(id)s' (first at line %(line)s)", id=key, line=first)


def _entries(name: str, value: Any, listed_only: bool = False) -> list[tuple[tuple, dict]]:
    """(path, entry) of each entry of a data file, in the contract's or the desk's form;
    `listed_only`: only entries of a list (a mapping cannot repeat a key)."""
    if _desk_form(name, value):
        field_name = DESK_FIELDS[name]
        items = list(enumerate(value[field_name] or []))
        return [((field_name, i), v) for i, v in items if isinstance(v, dict)]
    if isinstance(value, list):
        return [((i,), v) for i, v in enumerate(value) if isinstance(v, dict)]
    if isinstance(value, dict) and not listed_only:
        return [((k,), v) for k, v in value.items() if isinstance(v, dict)]
    return []


def _partial(name: str, value: Any, r: str, lines: LineMap) -> Any:
    """Valid entries of a data file with errors elsewhere (errors already reported)."""
    item_models = {
        "partners": schema.Partner,
        "categories": schema.Category,
        "provinces": schema.Province,
    }
    if name == "partners" and isinstance(value, list):
        good = [validate(schema.Partner, v, r, lines)[0] for v in value]
        return schema.Partners.model_construct([p for p in good if p is not None])
    if name == "projects" and isinstance(value, list):
        good = [validate(schema.AidProject, v, r, lines)[0] for v in value]
        return schema.AidProjects.model_construct([p for p in good if p is not None])
    if name in item_models and isinstance(value, dict):
        good = {}
        for key, item in value.items():
            model = validate(item_models[name], item, r, lines)[0]
            if model is not None:
                good[str(key)] = model
        root_model = schema.Categories if name == "categories" else schema.Provinces
        return root_model.model_construct(good)
    return None


def _check_data_refs(
    root: Path,
    data: SiteData,
    raw_values: dict[str, Any],
    line_maps: dict[str, LineMap],
    report: ErrorReport,
) -> None:
    data_dir = root / "content" / "data"
    # duplicate ids and keys; in a mapping the YAML reader reports them, in a list here
    id_fields = {"partners": "id", "projects": "id", "categories": "key", "provinces": "key"}
    for name, id_field in id_fields.items():
        if name not in raw_values:
            continue
        r = rel(root, data_dir / DATA_FILES[name])
        seen: dict[str, int] = {}
        for loc, item in _entries(name, raw_values[name], listed_only=True):
            key = item.get(id_field)
            if not isinstance(key, str):
                continue
            line = line_maps[name].line((*loc, id_field))
            # a top-level list is named as in the desk's form: partners[0].id
            shown = (name, *loc) if isinstance(loc[0], int) else loc
            if key in seen:
                report.add(r, line, _field((*shown, id_field)), _duplicate(name, key, seen[key]))
            else:
                seen[key] = line
    if "projects" in raw_values:
        projects, prefix = raw_values["projects"], ()
        if _desk_form("projects", projects):
            projects, prefix = projects.get("projects"), ("projects",)
        _check_project_refs(root, data, projects, line_maps["projects"], report, prefix)
    if "provinces" in line_maps:
        r = rel(root, data_dir / DATA_FILES["provinces"])
        locs = {
            item.get("key", loc[-1]): loc
            for loc, item in _entries("provinces", raw_values["provinces"])
        }
        for key, prov in data.provinces.items():
            if prov.merged_into and prov.merged_into not in data.provinces:
                loc = locs.get(key, (key,))
                report.add(
                    r,
                    line_maps["provinces"].line((*loc, "merged_into")),
                    _field((*loc, "merged_into")),
                    msg(
                        "unknown province '%(key)s'%(hint)s",
                        key=prov.merged_into,
                        hint=did_you_mean(prov.merged_into, list(data.provinces)),
                    ),
                )
    if (
        data.site
        and "site" in line_maps
        and data.provinces
        and (data.site.province not in data.provinces)
    ):
        r = rel(root, data_dir / DATA_FILES["site"])
        report.add(
            r,
            line_maps["site"].line(("province",)),
            "province",
            msg(
                "unknown province '%(key)s': add it to provinces.yaml%(hint)s",
                key=data.site.province,
                hint=did_you_mean(data.site.province, list(data.provinces)),
            ),
        )


def _check_project_refs(
    root: Path, data: SiteData, raw: Any, lines: LineMap, report: ErrorReport, prefix: tuple = ()
) -> None:
    """Donor and province of every project, on the raw values (as for stories); the 2025
    merger (a project that starts after its province merged belongs to the new one); and the
    exchange rates its USD equivalents need."""
    r = rel(root, root / "content" / "data" / DATA_FILES["projects"])
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        for key, file, kind in (
            ("partner", "partners", msg("partner")),
            ("province", "provinces", msg("province")),
        ):
            value = _get(item, key)
            known = data.declared.get(file)
            if isinstance(value, str) and known is not None and value not in known:
                report.add(
                    r,
                    lines.line((*prefix, i, key)),
                    f"projects[{i}].{key}",
                    msg(
                        "unknown %(kind)s '%(key)s'%(hint)s; see %(file)s",
                        kind=kind,
                        key=value,
                        hint=did_you_mean(value, known),
                        file=f"content/data/{DATA_FILES[file]}",
                    ),
                )
    valid = _valid_projects(data, raw)
    data.project_positions = {project.id: (*prefix, i) for i, project in valid}
    for i, project in valid:
        province = data.provinces.get(project.province)
        until = province.until if province and province.merged_into else None
        if province and province.merged_into and until and project.period.start > until:
            new = province.merged_into
            report.add(
                r,
                lines.line((*prefix, i, "province")),
                f"projects[{i}].province",
                msg(
                    "%(old)s merged into %(new)s after %(until)s: a project that starts in "
                    "%(year)s is in %(new)s: write province: %(new)s",
                    old=project.province,
                    new=new,
                    until=until.isoformat(),
                    year=project.period.start.year,
                ),
            )


def _valid_projects(data: SiteData, raw: Any) -> list[tuple[int, schema.AidProject]]:
    """(position in the file, project) of the projects that passed validation."""
    by_id = data.projects_by_id
    out = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        pid = _get(item, "id")
        if isinstance(pid, str) and pid in by_id:
            out.append((i, by_id[pid]))
    return out


# --- stories ------------------------------------------------------------------------------


def story_paths(root: Path) -> list[Path]:
    base = root / "content" / "articles"
    if not base.exists():
        return []
    return sorted(p for p in base.rglob("*") if p.suffix in STORY_SUFFIXES and p.is_file())


# Stories parsed and valid, by path and hash of their bytes (parsed_cache.py)
_parsed = ParsedStories()


def load_story(root: Path, path: Path, data: SiteData, report: ErrorReport) -> StoryFile | None:
    r = rel(root, path)
    path = Path(os.path.abspath(path))
    raw = _source(r, lambda: read_bytes(path, MAX_STORY_BYTES, msg("a story")), report)
    if raw is None:
        return None
    cached = _parsed.get(path, raw)
    if cached is not None:
        body, value, lines, front, body_line = cached
        _check_story_refs(root, r, value, lines, data, report)  # data files may have changed
        return StoryFile(path, r, front, body, lines, body_line)
    errors_before = len(report)
    split = _source(r, lambda: split_front_matter(decode(raw)), report)
    if split is None:
        return None
    parsed = _parse_yaml(r, split.front, split.front_first_line, report)
    if parsed is None:
        return None
    value, lines = parsed
    if not isinstance(value, dict):
        report.add(r, 2, "front matter", msg("the front matter must be fields (key: value lines)"))
        return None
    own_errors = len(report) > errors_before
    if "lang" not in value and (lang := lang_of_file_name(path)):
        # the editors' desk writes one file per language and no per-language field:
        # `<slug>.vi.md` says the language (docs/dev/editors-desk.md)
        value = {**value, "lang": lang}
    _check_story_refs(root, r, value, lines, data, report)
    front = _validate_into(schema.FrontMatter, value, r, lines, report)
    problem = body_problem(split.body)
    if problem is not None:
        report.add(r, split.body_first_line + problem[0] - 1, "text", problem[1])
        return None
    if front is None:
        return None
    if not own_errors:
        _parsed.put(path, raw, (split.body, value, lines, front, split.body_first_line), root)
    return StoryFile(path, r, front, split.body, lines, split.body_first_line)


def lang_of_file_name(path: Path) -> str | None:
    """`vi` for `<slug>.vi.md`: the language a file's name gives, if any."""
    suffixes = Path(path).suffixes
    lang = suffixes[-2].lstrip(".") if len(suffixes) >= 2 else None
    return lang if lang in LANGS else None


def _get(d: Any, *loc: str | int) -> Any:
    for part in loc:
        if isinstance(part, int):
            d = d[part] if isinstance(d, list) and part < len(d) else None
        else:
            d = d.get(part) if isinstance(d, dict) else None
    return d


def _items(d: Any, key: str) -> list[tuple[int, Any]]:
    value = d.get(key) if isinstance(d, dict) else None
    return list(enumerate(value)) if isinstance(value, list) else []


def _check_story_refs(
    root: Path, r: str, raw: dict[str, Any], lines: LineMap, data: SiteData, report: ErrorReport
) -> None:
    """References to data files, checked on the raw values so that they are reported even
    when other fields of the same file are wrong."""
    partners = data.declared.get("partners")
    categories = data.declared.get("categories")
    provinces = data.declared.get("provinces")

    names = {kind: data.names(kind) for kind in ("partners", "provinces", "categories")}

    def need(kind: Message, known: list[str] | None, loc: tuple, file: str) -> None:
        key = _get(raw, *loc)
        # known is None when the data file itself could not be read: reported there
        if isinstance(key, str) and known is not None and key not in known:
            named = names.get(Path(file).stem) if file.startswith("content/data/") else None
            report.add(
                r,
                lines.line(loc),
                _field(loc),
                msg(
                    "unknown %(kind)s '%(key)s'%(hint)s; see %(file)s",
                    kind=kind,
                    key=key,
                    hint=suggest_key(key, named) if named else did_you_mean(key, known),
                    file=file,
                ),
            )

    partner_hint, partner = "content/data/partners.yaml", msg("partner")
    province_hint, province = "content/data/provinces.yaml", msg("province")
    need(msg("category"), categories, ("category",), "content/data/categories.yaml")
    need(province, provinces, ("province",), province_hint)
    for i, _ in _items(raw, "partners"):
        need(partner, partners, ("partners", i), partner_hint)
    for i, ev in _items(raw, "events"):
        for j, _ in _items(ev, "partners"):
            need(partner, partners, ("events", i, "partners", j), partner_hint)
    for i, _ in _items(raw, "aid"):
        need(partner, partners, ("aid", i, "partner"), partner_hint)
        need(province, provinces, ("aid", i, "province"), province_hint)
    for i, _ in _items(raw, "aid_projects"):
        need(msg("project"), data.declared.get("projects"), ("aid_projects", i), PROJECT_FILE)
    src = _get(raw, "image", "src")
    if isinstance(src, str) and (message := image_src_problem(root, src)):
        report.add(r, lines.line(("image", "src")), "image.src", message)


def image_src_problem(root: Path, src: str) -> Message | None:
    """What is wrong with a photo path written in a content file, if anything."""
    src = src.strip()
    if not src:
        return None  # an empty value: the schema says what to write
    if not src.startswith("images/"):  # only content/images/ is copied to the site
        return msg("photos go in content/images/: move the file there, write images/...")
    if not (root / "content" / src).is_file():
        return msg("no file %(path)s: the path is relative to content/", path=f"content/{src}")
    return None


AMOUNT_FIELDS = ("committed", "disbursed", "reported", "plan")


def _check_amounts(
    f: StoryFile, data: SiteData, report: ErrorReport, warnings: list[ContentError]
) -> None:
    """Every amount of a story's aid figures (`check_amount`)."""
    provisional_told: set[tuple[str, int]] = set()
    for i, fig in enumerate(f.front.aid):
        for name in AMOUNT_FIELDS:
            money = getattr(fig, name, None)
            if money is not None:
                where = AmountPlace(f.rel, f.lines, ("aid", i, name), f"aid[{i}].{name}")
                check_amount(
                    where, money, fig.period.last_year, data, report, warnings, provisional_told
                )


@dataclass(frozen=True)
class AmountPlace:
    """Where an amount is written: its file, lines, path in the file and field name."""

    rel: str
    lines: LineMap
    loc: tuple[str | int, ...]
    field: str


def check_amount(
    where: AmountPlace,
    money: schema.MoneyModel,
    year: int,
    data: SiteData,
    report: ErrorReport,
    warnings: list[ContentError],
    provisional_told: set[tuple[str, int]],
) -> None:
    """An amount needs the rate of its period's last year `year` (and USD's, to get to USD),
    or a provisional one for a year not published yet (rates.py); and must be plausible for
    aid (plausibility.py) unless `confirmed: true`. Aid figures and aid projects alike."""
    line = where.lines.line((*where.loc, "currency"))
    # USD needs no rate; VND needs USD's; any other currency its own and USD's
    needed = [c for c in (money.currency, "USD") if money.currency != "USD" and c != "VND"]
    for currency in needed:
        chosen = rate_year(data.rates, currency, year)
        if chosen is None:
            report.add(
                where.rel,
                line,
                where.field,
                msg(
                    "no exchange rate for %(currency)s in %(year)s: add it to "
                    "content/data/exchange-rates.yaml (%(currency)s: %(year)s: VND for "
                    "one unit)",
                    currency=currency,
                    year=year,
                ),
            )
        elif chosen.provisional and (currency, year) not in provisional_told:
            provisional_told.add((currency, year))
            warnings.append(
                ContentError(
                    where.rel,
                    line,
                    where.field,
                    msg(
                        "no yearly rate for %(currency)s in %(year)s yet: the USD "
                        "equivalent uses the %(used)s rate, marked provisional; add "
                        "%(currency)s: %(year)s to content/data/exchange-rates.yaml "
                        "when it is published",
                        currency=currency,
                        year=year,
                        used=chosen.year,
                    ),
                )
            )
    if money.confirmed:
        return
    usd = usd_equivalent(money.money(), year, data.rates)
    slip = amount_slip(money.value, money.currency, usd.usd if usd else None)
    if slip is not None:
        report.add(where.rel, where.lines.line((*where.loc, "value")), f"{where.field}.value", slip)


def _check_project_amounts(
    root: Path,
    data: SiteData,
    lines: LineMap | None,
    report: ErrorReport,
    warnings: list[ContentError],
) -> None:
    """The amounts of aid-projects.yaml, as those of aid figures (`check_amount`)."""
    if lines is None:
        return
    r = rel(root, root / "content" / "data" / DATA_FILES["projects"])
    told: set[tuple[str, int]] = set()
    for project in data.projects:
        loc = data.project_positions.get(project.id)
        if loc is None:
            continue  # an entry whose id the file repeats: reported as a duplicate
        for name in ("committed", "disbursed"):
            money = getattr(project, name)
            if money is not None:
                where = AmountPlace(r, lines, (*loc, name), f"projects[{loc[-1]}].{name}")
                check_amount(where, money, project.period.last_year, data, report, warnings, told)


def _group(files: list[StoryFile], data: SiteData, report: ErrorReport) -> dict[str, Story]:
    by_slug: dict[str, list[StoryFile]] = defaultdict(list)
    for f in files:
        by_slug[f.front.slug].append(f)
    stories: dict[str, Story] = {}
    site_province = data.site.province if data.site else ""
    for slug, group in sorted(by_slug.items()):
        versions: dict[str, StoryFile] = {}
        for f in group:
            if f.lang in versions:
                first = versions[f.lang]
                report.add(
                    f.rel,
                    f.lines.line(("slug",)),
                    "slug",
                    msg(
                        "%(path)s is already the %(lang)s version of story '%(slug)s': give "
                        "this story another slug, or change lang if it is the other language "
                        "version",
                        path=first.rel,
                        lang=f.lang,
                        slug=slug,
                    ),
                )
                continue
            versions[f.lang] = f
        shared = _shared_data(list(versions.values()), report)
        stories[slug] = Story(
            slug=slug,
            versions=versions,
            partners=shared["partners"],
            events=shared["events"],
            aid=shared["aid"],
            province=shared["province"] or site_province,
            aid_projects=shared["aid_projects"],
        )
    return stories


def _dates_apart(stories: dict[str, Story]) -> list[ContentError]:
    """Language versions of one story dated more than a day apart: told on the later one."""
    out = []
    for story in stories.values():
        versions = sorted(story.versions.values(), key=lambda v: v.front.date)
        for first, later in pairwise(versions):
            if later.front.date - first.front.date > MAX_APART:
                message = dated_apart(later.front.date, first.rel, first.front.date)
                out.append(ContentError(later.rel, later.lines.line(("date",)), "date", message))
    return out


def _shared_data(versions: list[StoryFile], report: ErrorReport) -> dict[str, Any]:
    """Story data may stand in one version or in several, if equal; else name both files."""
    out: dict[str, Any] = {
        "partners": [],
        "events": [],
        "aid": [],
        "aid_projects": [],
        "province": None,
    }
    for name in ("partners", "events", "aid", "aid_projects", "province"):
        stated = [v for v in versions if name in v.front.model_fields_set]
        for other in stated[1:]:
            a, b = getattr(stated[0].front, name), getattr(other.front, name)
            if a != b:
                report.add(
                    other.rel,
                    other.lines.line((name,)),
                    name,
                    msg(
                        "differs from %(place)s; story data must be equal in every version: "
                        "write it in one version only",
                        place=f"{stated[0].rel}:{stated[0].lines.line((name,))}",
                    ),
                )
        if stated:
            out[name] = getattr(stated[0].front, name)
    return out


def _hold(f: StoryFile, today: date) -> ContentError | None:
    """Why the version `f` waits: a placeholder of make new, a date after the build day."""
    front = f.front
    line = placeholder_line(front.title, front.summary, f.body, f.body_line)
    if line == 0:
        field_name = "title" if placeholder_line(front.title, None, "", 0) == 0 else "summary"
        return ContentError(f.rel, f.lines.line((field_name,)), field_name, placeholder_left())
    if line is not None:
        return ContentError(f.rel, line, "text", placeholder_left())
    day = front.date.astimezone(SITE_TZ).date()
    if day > today:
        return ContentError(f.rel, f.lines.line(("date",)), "date", dated_later(day, today))
    return None


_DIMENSIONS = {"sector": msg("sector"), "kind": msg("kind"), "partner": msg("partner")}


def _check_breakdowns(stories: dict[str, Story], warnings: list[ContentError]) -> None:
    """A breakdown that does not add up to the total the story states (consistency.py): a
    warning on the total, naming both sums; the figures stay as the source states them."""
    for story in stories.values():
        stating = next(
            (v for v in story.versions.values() if "aid" in v.front.model_fields_set), None
        )
        if stating is None:
            continue
        for m in breakdown_mismatches(story.aid, story.province):
            unit = f" {m.currency}" if m.currency else ""
            loc = ("aid", m.total, m.field) + (("value",) if m.currency else ())
            warnings.append(
                ContentError(
                    stating.rel,
                    stating.lines.line(loc),
                    f"aid[{m.total}].{m.field}",
                    msg(
                        "the %(dimension)s figures (%(parts)s) add up to %(sum)s; this total "
                        "states %(stated)s: check both against the source (the site shows "
                        "both)",
                        dimension=_DIMENSIONS[m.dimension],
                        parts=", ".join(f"aid[{i}]" for i in m.parts),
                        sum=f"{plain_number(m.parts_sum)}{unit}",
                        stated=f"{plain_number(m.stated)}{unit}",
                    ),
                )
            )


def load_project(
    root: Path, save_parsed: bool = False, today: date | None = None
) -> tuple[Project, ErrorReport]:
    """`today`: the build day (default: shared.build_day.build_date()); a story dated later, like
    one still holding a placeholder of make new, is loaded but not published (a warning).
    `save_parsed`: keep the parsed stories in .cache/ for the next process. The build
    does; `make check` only reads them (it writes nothing), and the preview keeps them in
    memory (it would write the file at every save of a story)."""
    root = root.resolve()
    report = ErrorReport()
    today = today or build_date()
    data, line_maps = load_data(root, report)
    files: list[StoryFile] = []
    warnings: list[ContentError] = []
    _check_project_amounts(root, data, line_maps.get("projects"), report, warnings)
    paths = story_paths(root)
    _parsed.load(root)
    for path in paths:
        f = load_story(root, path, data, report)
        if f is not None:
            _check_amounts(f, data, report, warnings)
            if f.front.status == "published" and (held := _hold(f, today)) is not None:
                f.held = held
                warnings.append(held)
            files.append(f)
    if save_parsed:
        _parsed.save(root, [Path(os.path.abspath(p)) for p in paths])
    stories = _group(files, data, report)
    warnings.extend(_dates_apart(stories))
    _check_breakdowns(stories, warnings)
    # imported here: bulletins.py builds on this module's helpers
    from .bulletins import load_bulletins

    bulletins = load_bulletins(root, data, stories, report)
    notes = [
        ContentError(f.rel, f.body_line + line - 1, "text", note)
        for f in files
        for line, note in html_notes(f.body)
    ]
    return Project(root, data, files, stories, bulletins, notes, warnings), report


__all__ = ["ContentError", "Project", "SiteData", "Story", "StoryFile", "load_project"]
