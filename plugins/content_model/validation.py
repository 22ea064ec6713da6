"""Run a pydantic model over YAML data and turn its errors into located editor errors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentError, format_field
from .schema import did_you_mean
from .yaml_loader import LineMap, Loc

_GENERIC = {
    "missing": "required field is missing",
    "model_type": "must be a group of fields (key: value lines)",
    "model_attributes_type": "must be a group of fields (key: value lines)",
    "dict_type": "must be a group of key: value lines",
    "list_type": "must be a list (lines starting with '- ')",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "date_type": "must be a date written YYYY-MM-DD",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
}


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic adds `[key]` markers for dict keys and names of validator wrappers
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def validate(
    model: type[BaseModel],
    data: Any,
    path: str,
    lines: LineMap,
    prefix: Loc = (),
) -> tuple[Any, list[ContentError]]:
    """Validate `data`; return (model or None, located errors)."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors: list[ContentError] = []
        for err in exc.errors(include_url=False):
            loc = _clean_loc(err["loc"])
            if err["type"] == "extra_forbidden":
                allowed = _allowed_fields(model, loc[:-1])
                name = str(loc[-1])
                msg = f"unknown field '{name}'{did_you_mean(name, allowed)}"
            elif err["type"] in _GENERIC:
                msg = _GENERIC[err["type"]]
            else:
                msg = err["msg"]
                if err["type"] == "value_error":
                    msg = msg.removeprefix("Value error, ")
            line = lines.line(loc) if err["type"] != "missing" else lines.line(loc[:-1])
            field = format_field(loc, data)
            if prefix:
                field = format_field(prefix) + ("" if field.startswith("[") else ".") + field
            errors.append(ContentError(path, line, field, msg))
        return None, errors


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the (nested) model at `loc`, for 'did you mean' hints: as editors
    write them (a bulletin's period has `from`, the alias of its field `start`)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = _written_fields(current)
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(_written_fields(current))


def _written_fields(model: Any) -> dict[str, Any]:
    fields = getattr(model, "model_fields", None) or {}
    return {(f.alias or name): f for name, f in fields.items()}


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
