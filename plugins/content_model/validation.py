"""Run a pydantic model over YAML data and turn its errors into located editor errors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, RootModel, ValidationError

from .errors import ContentError, format_field
from .messages import Message, msg
from .suggest import suggest_field
from .yaml_loader import LineMap, Loc


def _pydantic_message(error: Any) -> Message:
    """Pydantic's own errors (a missing field, a list where a group is expected) in the
    editor's words; our validators' errors carry their `Message` (schema.fail)."""
    ctx = error.get("ctx") or {}
    if isinstance(ctx.get("message"), Message):
        return ctx["message"]
    kind = error["type"]
    if kind == "missing":
        return msg("required field is missing")
    if kind in ("model_type", "model_attributes_type"):
        return msg("must be a group of fields (key: value lines)")
    if kind == "dict_type":
        return msg("must be a group of key: value lines")
    if kind in ("list_type", "tuple_type", "set_type"):
        return msg("must be a list (lines starting with '- ')")
    if kind == "string_type":
        return msg("must be text")
    if kind == "bool_type":
        return msg("must be true or false")
    if kind == "date_type":
        return msg("must be a date written YYYY-MM-DD")
    if kind == "int_type":
        return msg("must be a whole number")
    if kind == "float_type":
        return msg("must be a number")
    # not expected from our strict models; still said in the editor's language, with
    # pydantic's English detail for whoever maintains the schema
    return msg("this value is not accepted (%(detail)s)", detail=error["msg"])


def _clean_loc(loc: tuple[Any, ...], data: Any) -> Loc:
    """pydantic's error path without its own steps (`function-after[...]`, `dict[str,int]`):
    a part that names a key or index of the data is kept whatever it looks like (an editor
    may write a field `[x]`), a marker is dropped."""
    out: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        elif isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        else:
            node = None  # e.g. a required field that is missing
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
            loc = _clean_loc(err["loc"], data)
            if err["type"] == "extra_forbidden":
                allowed = _allowed_fields(model, loc[:-1])
                name = str(loc[-1])
                message = msg(
                    "unknown field '%(name)s'%(hint)s", name=name, hint=suggest_field(name, allowed)
                )
            else:
                message = _pydantic_message(err)
            line = lines.line(loc) if err["type"] != "missing" else lines.line(loc[:-1])
            field = format_field(loc, data)
            if prefix:
                field = format_field(prefix) + ("" if field.startswith("[") else ".") + field
            errors.append(ContentError(path, line, field, message))
        return None, errors


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the (nested) model at `loc`, for 'did you mean' hints: as editors
    write them (a bulletin's period has `from`, the alias of its field `start`). A data file
    that is a list or mapping of entries (partners.yaml) is a RootModel: a step into it is
    an index or a key."""
    current: Any = model
    for part in loc:
        if (item := _root_item(current)) is not None:
            current = item
            continue
        if isinstance(part, int):
            continue
        fields = _written_fields(current)
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(_written_fields(current))


def _root_item(model: Any) -> Any:
    """The entry model of a RootModel (Partner in Partners), else None."""
    if isinstance(model, type) and issubclass(model, RootModel):
        return _inner_model(model.model_fields["root"].annotation)
    return None


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
