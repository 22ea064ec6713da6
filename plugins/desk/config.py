"""The editors' desk's configuration (Decap CMS `config.yml`), made from the content model.

Nothing here lists fields: every field of every model in `content_model.schema` becomes a
form field by introspection (its type gives the widget, `is_required()` the required flag,
a `OneOf` validator the choices), so a field added to the model appears in the desk at the
next build. What a person reads (labels, hints, choice names) comes from `labels.yaml` beside
this module, in Vietnamese and English; country names come from Babel (CLDR).

The configuration promises that what the desk writes passes `make check` unchanged:
story data (partners, events, aid) is written to the Vietnamese file only, dates as
`YYYY-MM-DD`, amounts as plain numbers, choices as the model's words.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from content_model import schema
from content_model.values import LANGS, LText, babel_locale

LABELS_FILE = Path(__file__).with_name("labels.yaml")

# A field whose value names an entry of another collection: (collection, file, list field,
# value field). The desk shows the entry's Vietnamese name and stores its id.
REFERENCES = {
    "category": ("data", "categories", "categories", "key"),
    "province": ("data", "provinces", "provinces", "key"),
    "merged_into": ("data", "provinces", "provinces", "key"),
    "partner": ("data", "partners", "partners", "id"),
    "partners": ("data", "partners", "partners", "id"),
    "aid_projects": ("data", "aid-projects", "projects", "id"),
}
# Fields the desk does not show, and why (tests/test_desk_config.py checks every other
# field of the model is in the configuration).
LEFT_OUT = {
    ("FrontMatter", "lang"): "the file name gives it: <slug>.vi.md, <slug>.en.md",
}
DATE_FORMAT = "YYYY-MM-DD"
# Phone photos are resized by the desk before upload (admin/desk.js): longest side in px.
PHOTO_MAX_SIDE = 2400
PHOTO_QUALITY = 85


@dataclass
class Labels:
    """The contents of labels.yaml: text for every field, collection and choice."""

    fields: dict[str, dict[str, Any]]
    collections: dict[str, dict[str, Any]]
    choices: dict[str, dict[str, dict[str, str]]]
    interface: dict[str, Any] = field(default_factory=dict)

    def of_field(self, model: str, name: str) -> dict[str, Any]:
        return self.fields.get(f"{model}.{name}") or self.fields.get(name) or {}

    def has(self, model: str, name: str) -> bool:
        return f"{model}.{name}" in self.fields or name in self.fields


@cache
def load_labels(path: Path = LABELS_FILE) -> Labels:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Labels(raw["fields"], raw["collections"], raw["choices"], raw.get("interface", {}))


@dataclass
class DeskSettings:
    """Where the desk commits and signs in (pelicanconf.py `DESK_*`, docs/dev/editors-desk.md)."""

    repo: str = "OWNER/REPO"
    branch: str = "main"
    auth_url: str | None = None  # the OAuth token exchange (base_url of Decap's GitHub backend)
    site_url: str = ""
    local_port: int = 8081  # decap-server on 127.0.0.1 (`make edit`)
    editorial_workflow: bool = True
    collections: tuple[str, ...] = field(default_factory=tuple)


# --- fields from annotations ----------------------------------------------------------------


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without None, whether None was allowed)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) < len(typing.get_args(annotation)):
            return (args[0] if len(args) == 1 else typing.Union[tuple(args)]), True  # noqa: UP007
    return annotation, False


def _annotated(info: FieldInfo) -> Any:
    """A field's full annotation: pydantic keeps the validators of `Annotated` apart."""
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


def _validators(annotation: Any) -> tuple[Any, list[Any]]:
    """(base type, validator functions) of an `Annotated` type."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return base, [getattr(m, "func", m) for m in meta]
    return annotation, []


# The content model's value types by their validator: the desk's widget for each.
def _kind_of(annotation: Any) -> str:
    base, funcs = _validators(annotation)
    for func in funcs:
        if isinstance(func, schema.OneOf):
            return "choice"
    by_type = {func: kind for kind, aliases in _KINDS.items() for func in _funcs(aliases)}
    for func in funcs:
        if func in by_type:
            return by_type[func]
    if base is bool:
        return "bool"
    if base is int:
        return "int"
    if base in (float, Decimal):
        return "float"
    if base in (date, datetime):
        return "date"
    if base is LText:
        return "ltext"
    return "string"


# The content model's value types (schema.py names) by the desk's kind of field. A name
# the model no longer has is skipped; a type not named here gets a widget from its Python
# type (bool, int, Decimal, date), else a text box.
_KINDS = {
    "ltext": ("LocText",),
    "int": ("Count", "Year"),
    "float": ("Amount", "Percent", "Rate"),
    "bool": ("Flag",),
    "currency": ("Currency",),
    "country": ("Country",),
    "date": ("Day", "PubDate"),
    "partial_date": ("SourceDate",),
    "sector": ("Sector",),
    "url": ("Url",),
    "period": ("PeriodField",),
    "key": ("Key", "Slug", "PartnerId", "ProjectId", "NewProjectId"),
}


def _funcs(aliases: tuple[str, ...]) -> list[Any]:
    found = (getattr(schema, name, None) for name in aliases)
    return [_validators(a)[1][0] for a in found if a is not None and _validators(a)[1]]


def _choices(annotation: Any) -> tuple[str, ...]:
    for func in _validators(annotation)[1]:
        if isinstance(func, schema.OneOf):
            return func.choices
    return ()


class ConfigBuilder:
    """Turns models into Decap fields, with labels from labels.yaml."""

    def __init__(self, labels: Labels, settings: DeskSettings):
        self.labels = labels
        self.settings = settings

    def text(self, entry: dict[str, Any] | None, key: str = "label") -> str:
        """Vietnamese label; hints carry both languages (the interface is Vietnamese)."""
        if not entry or key not in entry:
            return ""
        value = entry[key]
        if isinstance(value, str):
            return value
        if key == "hint":
            return " / ".join(value[lang] for lang in LANGS if value.get(lang))
        return value.get("vi") or value.get("en") or ""

    def fields_of(self, model: type[BaseModel], story: bool = False) -> list[dict[str, Any]]:
        out = []
        for name, info in model.model_fields.items():
            if (model.__name__, name) in LEFT_OUT:
                continue
            shown = info.alias or name
            f = self.field(model.__name__, shown, _annotated(info), info.is_required())
            if story:
                f["i18n"] = _story_i18n(name, info)
                if f["i18n"] is None:
                    del f["i18n"]
                elif f["i18n"] is True and f.get("widget") == "object":
                    # the photo: one file, a description per language
                    for sub in f["fields"]:
                        sub["i18n"] = "duplicate" if sub["name"] == "src" else True
            out.append(f)
        return out

    def field(self, model: str, name: str, annotation: Any, required: bool) -> dict[str, Any]:
        annotation, optional = _unwrap_optional(annotation)
        entry = self.labels.of_field(model, name)
        f: dict[str, Any] = {"name": name, "label": self.text(entry) or name}
        if hint := self.text(entry, "hint"):
            f["hint"] = hint
        f["required"] = bool(required and not optional)
        base, _ = _validators(annotation)
        origin = typing.get_origin(base)
        if isinstance(base, type) and issubclass(base, BaseModel):
            f.update(self.object_widget(base, entry))
            if not f["required"]:
                # Decap checks the inner fields of an optional group left empty: an amount
                # not given would ask for its value. `make check` says what is missing.
                for sub in f["fields"]:
                    sub["required"] = False
        elif origin is list:
            (item,) = typing.get_args(base)
            item, _ = _unwrap_optional(item)
            item_base, _ = _validators(item)
            if isinstance(item_base, type) and issubclass(item_base, BaseModel):
                f.update(self.object_widget(item_base, entry))
                f["widget"] = "list"
                f["collapsed"] = True
                if summary := entry.get("summary"):
                    f["summary"] = summary
            elif name in REFERENCES:
                f.update(self.relation(name, multiple=True))
            else:
                # words or codes typed on one line, separated by commas
                f["widget"] = "list"
        elif name in REFERENCES and _kind_of(annotation) == "key":
            f.update(self.relation(name, multiple=False))
        else:
            f.update(self.scalar(model, name, annotation, {}))
            if f.get("widget") == "object":  # a text in two languages
                for sub in f["fields"]:
                    sub["required"] = f["required"]
                    # several paragraphs (labels.yaml): a text box, newlines kept
                    sub["widget"] = entry.get("lang_widget", sub["widget"])
        if entry.get("widget"):  # e.g. a multi-line text box for a summary
            f["widget"] = entry["widget"]
        if "default" in entry:
            f["default"] = entry["default"]
        return f

    def object_widget(self, model: type[BaseModel], entry: dict[str, Any]) -> dict[str, Any]:
        return {
            "widget": "object",
            "collapsed": False,
            "fields": self.fields_of(model),
        }

    def relation(self, name: str, multiple: bool) -> dict[str, Any]:
        collection, file, list_field, value = REFERENCES[name]
        return {
            "widget": "relation",
            "collection": collection,
            "file": file,
            "value_field": f"{list_field}.*.{value}",
            "search_fields": [f"{list_field}.*.{value}", f"{list_field}.*.name.vi"],
            "display_fields": [f"{list_field}.*.name.vi"],
            "multiple": multiple,
            "options_length": 1000,
        }

    def scalar(self, model: str, name: str, annotation: Any, f: dict[str, Any]) -> dict[str, Any]:
        kind = _kind_of(annotation)
        if kind == "ltext":
            lang_names = self.labels.interface["languages"]
            f.update(
                widget="object",
                collapsed=False,
                fields=[
                    {"name": lang, "label": lang_names[lang], "widget": "string"} for lang in LANGS
                ],
            )
        elif kind == "choice":
            choices = _choices(annotation)
            names = self.labels.choices.get(name, {})
            f.update(
                widget="select",
                options=[
                    {"value": c, "label": f"{names[c]['vi']} ({c})" if c in names else c}
                    for c in choices
                ],
            )
        elif kind in ("int", "float"):
            f.update(widget="number", value_type=kind, min=0)
        elif kind == "bool":
            f.update(widget="boolean")
        elif kind == "date":
            f.update(
                widget="datetime",
                format=DATE_FORMAT,
                date_format=DATE_FORMAT,
                time_format=False,
                picker_utc=True,
            )
        elif kind == "currency":
            common = ["VND", "USD", "EUR", "JPY", "KRW", "AUD", "GBP", "CHF", "CNY", "THB"]
            rest = sorted(schema.CURRENCIES - set(common))
            f.update(widget="select", options=[*common, *rest])
        elif kind == "country":
            territories = babel_locale("vi").territories
            f.update(
                widget="select",
                options=[
                    {"value": c, "label": f"{territories.get(c, c)} ({c})"}
                    for c in sorted(schema.COUNTRIES, key=lambda c: territories.get(c, c))
                ],
            )
        elif kind == "sector":
            f.update(widget="string", pattern=[r"^\d{5}$", self.pattern_message("sector")])
        elif kind == "url":
            f.update(widget="string", pattern=[r"^https?://\S+$", self.pattern_message("url")])
        elif kind == "partial_date":
            # the precision the source gives: 2022, 2022-09 or 2022-09-20
            f.update(
                widget="string",
                pattern=[r"^\d{4}(-\d{2}(-\d{2})?)?$", self.pattern_message("partial_date")],
            )
        elif kind == "period":
            f.update(
                widget="string",
                pattern=[
                    r"^\d{4}(-\d{4})?$|^\d{4}-\d{2}/\d{4}-\d{2}$",
                    self.pattern_message("period"),
                ],
            )
        elif kind == "key":
            f.update(
                widget="string", pattern=[r"^[a-z0-9]+(-[a-z0-9]+)*$", self.pattern_message("key")]
            )
        else:
            f.update(widget="string")
        return f

    def pattern_message(self, kind: str) -> str:
        return self.text({"hint": self.labels.interface["patterns"][kind]}, "hint")

    # --- collections ----------------------------------------------------------------------

    def collection_label(self, name: str) -> dict[str, str]:
        entry = self.labels.collections[name]
        return {
            "label": entry["label"]["vi"],
            "label_singular": entry.get("singular", entry["label"])["vi"],
            **({"description": self.text(entry, "hint")} if "hint" in entry else {}),
        }

    def stories(self) -> dict[str, Any]:
        fields = self.fields_of(schema.FrontMatter, story=True)
        body_label = self.labels.of_field("FrontMatter", "body")
        fields.append(
            {
                "name": "body",
                "label": self.text(body_label),
                "hint": self.text(body_label, "hint"),
                "widget": "markdown",
                # plain Markdown: the rich-text mode escaped a typed ** as \*\*
                "modes": ["raw"],
                "i18n": True,
            }
        )
        return {
            "name": "stories",
            **self.collection_label("stories"),
            "folder": "content/articles",
            "create": True,
            "extension": "md",
            "format": "frontmatter",
            "i18n": True,
            "slug": "{{fields.slug}}",
            "identifier_field": "title",
            "summary": "{{title}} · {{date}}",
            "sortable_fields": ["date", "title", "category"],
            "view_filters": [
                {
                    "label": self.text(self.labels.interface["drafts"]),
                    "field": "status",
                    "pattern": "draft",
                },
            ],
            "fields": fields,
        }

    def data_files(self) -> dict[str, Any]:
        from content_model.site_data import DATA_FILES

        files = []
        for data_file in DATA_FILES:
            # one set of fields (site.yaml) as it is; the other files in the desk's form
            model = data_file.desk_model or (
                data_file.model if data_file.shape == "fields" else None
            )
            if model is None:
                continue
            filename = data_file.filename
            key = filename.removesuffix(".yaml")  # partners, exchange-rates, aid-projects
            fields = self.fields_of(model)
            if data_file.desk_model is not None:
                # the entry's key or id first, whatever the model's field order
                (entries,) = fields
                entries["fields"].sort(key=lambda f: f["name"] not in ("id", "key", "currency"))
                entries["summary"] = self.labels.collections[key].get("summary", "")
            files.append(
                {
                    "name": key,
                    **self.collection_label(key),
                    "file": f"content/data/{filename}",
                    "fields": fields,
                }
            )
        return {
            "name": "data",
            **self.collection_label("data"),
            "editor": {"preview": False},
            "files": files,
        }

    def bulletins(self) -> dict[str, Any]:
        return {
            "name": "bulletins",
            **self.collection_label("bulletins"),
            "folder": "content/bulletins",
            "create": True,
            "extension": "yaml",
            "format": "yaml",
            "slug": "so-{{fields.number}}",
            "identifier_field": "number",
            "summary": "{{number}}",
            "editor": {"preview": False},
            "fields": self.fields_of(schema.Bulletin),
        }


def _story_i18n(name: str, info: FieldInfo) -> bool | str | None:
    """Per-language text is translated; story data stands in the Vietnamese file only (no
    i18n: written to the default locale); everything else is the same in both files."""
    if name in schema.STORY_DATA_FIELDS:
        return None
    base, _ = _validators(_unwrap_optional(_annotated(info))[0])
    if typing.get_origin(base) is list:
        (base,) = typing.get_args(base)
        base, _ = _validators(base)
    if _kind_of(_unwrap_optional(_annotated(info))[0]) == "string" or (
        isinstance(base, type) and issubclass(base, BaseModel)
    ):
        return True
    return "duplicate"


def desk_config(settings: DeskSettings, labels: Labels | None = None) -> dict[str, Any]:
    """The whole `config.yml`, as data."""
    builder = ConfigBuilder(labels or load_labels(), settings)
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "commit_messages": builder.labels.interface["commit_messages"],
    }
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    config: dict[str, Any] = {
        "locale": "vi",
        "backend": backend,
        # `make edit`: decap-server on this machine (used only when the desk is opened on
        # localhost or 127.0.0.1)
        "local_backend": {"url": f"http://127.0.0.1:{settings.local_port}/api/v1"},
        "publish_mode": "editorial_workflow" if settings.editorial_workflow else "simple",
        "media_folder": "content/images",
        "public_folder": "images",
        # photos: no resize here (Decap sets one width for every photo, small ones too):
        # admin/desk.js fits the longest side in PHOTO_MAX_SIDE before Decap re-encodes the
        # photo, which drops its EXIF (GPS, camera) on the way
        "media_processing": {
            "enabled": True,
            "quality": PHOTO_QUALITY,
            "strip_metadata": True,
        },
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": list(LANGS), "default_locale": "vi"},
        "editor": {"preview": True},
        "collections": [builder.stories(), builder.data_files(), builder.bulletins()],
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    return config


def config_yaml(config: dict[str, Any]) -> str:
    header = (
        "# Generated from the content model by `make admin-config` (plugins/desk/config.py):\n"
        "# do not edit; change plugins/content_model/schema.py or plugins/desk/labels.yaml.\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
