"""Load and check the site's data files (`content/data/`), each the same way from its row of
the table `site_data.DATA_FILES`: read, check its shape, validate (in the contract's form or
the editors' desk's), keep the valid entries of a file with errors, then check the references
between data files. Aid projects have their own checks (aid_projects.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .aid_projects import check_project_refs
from .errors import ErrorReport, format_field
from .messages import Message, msg
from .reading import load_yaml_file, rel, validate_into
from .schema import did_you_mean
from .site_data import DATA_FILE, DATA_FILES, DataFile, SiteData
from .validation import validate
from .yaml_loader import LineMap


def load_data(root: Path, report: ErrorReport) -> tuple[SiteData, dict[str, LineMap]]:
    data_dir = root / "content" / "data"
    data = SiteData()
    line_maps: dict[str, LineMap] = {}
    raw_values: dict[str, Any] = {}
    for file in DATA_FILES:
        name = file.name
        path = data_dir / file.filename
        if file.optional and not path.exists():
            data.declared[name] = []
            continue
        loaded = load_yaml_file(root, path, report)
        if loaded is None:
            continue
        value, lines = loaded
        r = rel(root, path)
        if shape := shape_problem(file, value):
            # one line for the whole file; its keys stay unknown, so references go unchecked
            report.add(r, lines.line(()), "file", shape)
            continue
        line_maps[name] = lines
        raw_values[name] = value
        if desk_model := desk_form(file, value):
            # the editors' desk's form (schema.PartnersFile ...): same entries, lists under one
            # field, so errors are located at the file's own paths
            data.declared[name] = _declared_keys(value[file.desk_field])
            found = validate_into(desk_model, value, r, lines, report)
            if found is None:
                found = _partial_desk(file, value, r, lines)
            _store(data, file, _from_desk_form(file, found))
            continue
        data.declared[name] = _declared_keys(value)
        prefix = (name,) if file.shape == "list" else ()
        if value is None and file.shape != "fields":
            value = [] if file.shape == "list" else {}
        model = validate_into(file.model, value, r, lines, report, prefix)
        if model is None:
            # keep what is valid so that stories are still checked against it
            model = _partial(file, value, r, lines)
        if model is None:
            continue
        _store(data, file, model)
    _check_data_refs(root, data, raw_values, line_maps, report)
    return data, line_maps


def _store(data: SiteData, file: DataFile, model: Any) -> None:
    if file.shape == "list":
        setattr(data, file.name, list(model.root))
    elif file.shape == "mapping":
        setattr(data, file.name, dict(model.root))
    else:
        setattr(data, file.name, model)


def desk_form(file: DataFile, value: Any) -> type[BaseModel] | None:
    """The desk's model when the file is written in the desk's form: one field whose value
    is a list (a category or province key never holds a list, a currency is upper case)."""
    if file.desk_model is None or not isinstance(value, dict) or file.desk_field not in value:
        return None
    if not isinstance(value[file.desk_field], list | None):
        return None
    return file.desk_model


def _partial_desk(file: DataFile, value: Any, r: str, lines: LineMap) -> BaseModel:
    """Valid entries of a desk-form file with errors elsewhere (errors already reported)."""
    assert file.desk_model is not None
    field_name = file.desk_field
    item_model = file.desk_model.model_fields[field_name].annotation.__args__[0]
    items = value.get(field_name) or []
    good = [validate(item_model, v, r, lines, (field_name, i))[0] for i, v in enumerate(items)]
    return file.desk_model.model_construct(**{field_name: [g for g in good if g is not None]})


def _from_desk_form(file: DataFile, found: Any) -> Any:
    """The contract's form of a desk-form file (schema.Partners, Categories, ...)."""
    if file.from_desk is not None:
        return file.from_desk(found)
    items = getattr(found, file.desk_field)
    if file.shape == "list":
        return file.model.model_construct(list(items))
    entry = file.entry
    assert entry is not None and file.key is not None
    return file.model.model_construct(
        {
            getattr(i, file.key): entry.model_construct(
                **{f: getattr(i, f) for f in entry.model_fields}
            )
            for i in items
        }
    )


def shape_problem(file: DataFile, value: Any) -> Message | None:
    """What is wrong with the top level of a data file, if anything."""
    if value is None:
        if file.shape == "fields":
            return msg("the file is empty: see docs/ for the fields it needs")
        return None
    if desk_form(file, value):
        return None
    if file.shape == "list":
        return None if isinstance(value, list) else file.not_a_list
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


def entries(file: DataFile, value: Any, listed_only: bool = False) -> list[tuple[tuple, dict]]:
    """(path, entry) of each entry of a data file, in the contract's or the desk's form;
    `listed_only`: only entries of a list (a mapping cannot repeat a key)."""
    if desk_form(file, value):
        items = list(enumerate(value[file.desk_field] or []))
        return [((file.desk_field, i), v) for i, v in items if isinstance(v, dict)]
    if isinstance(value, list):
        return [((i,), v) for i, v in enumerate(value) if isinstance(v, dict)]
    if isinstance(value, dict) and not listed_only:
        return [((k,), v) for k, v in value.items() if isinstance(v, dict)]
    return []


def _partial(file: DataFile, value: Any, r: str, lines: LineMap) -> Any:
    """Valid entries of a data file with errors elsewhere (errors already reported)."""
    entry = file.entry
    if entry is None:
        return None
    if file.shape == "list" and isinstance(value, list):
        good = [validate(entry, v, r, lines)[0] for v in value]
        return file.model.model_construct([e for e in good if e is not None])
    if file.shape == "mapping" and isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            model = validate(entry, item, r, lines)[0]
            if model is not None:
                kept[str(key)] = model
        return file.model.model_construct(kept)
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
    for file in DATA_FILES:
        if file.key is None or file.duplicate is None or file.name not in raw_values:
            continue
        name, id_field = file.name, file.key
        r = rel(root, data_dir / file.filename)
        seen: dict[str, int] = {}
        for loc, item in entries(file, raw_values[name], listed_only=True):
            key = item.get(id_field)
            if not isinstance(key, str):
                continue
            line = line_maps[name].line((*loc, id_field))
            # a top-level list is named as in the desk's form: partners[0].id
            shown = (name, *loc) if isinstance(loc[0], int) else loc
            if key in seen:
                duplicate = msg(file.duplicate.msgid, id=key, line=seen[key])
                report.add(r, line, format_field((*shown, id_field)), duplicate)
            else:
                seen[key] = line
    if "projects" in raw_values:
        projects, prefix = raw_values["projects"], ()
        if desk_form(DATA_FILE["projects"], projects):
            projects, prefix = projects.get("projects"), ("projects",)
        check_project_refs(root, data, projects, line_maps["projects"], report, prefix)
    if "provinces" in line_maps:
        r = rel(root, data_dir / DATA_FILE["provinces"].filename)
        locs = {
            item.get("key", loc[-1]): loc
            for loc, item in entries(DATA_FILE["provinces"], raw_values["provinces"])
        }
        for key, prov in data.provinces.items():
            if prov.merged_into and prov.merged_into not in data.provinces:
                loc = locs.get(key, (key,))
                report.add(
                    r,
                    line_maps["provinces"].line((*loc, "merged_into")),
                    format_field((*loc, "merged_into")),
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
        r = rel(root, data_dir / DATA_FILE["site"].filename)
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
