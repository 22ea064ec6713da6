"""Tables published as Frictionless data in `output/data/`: one CSV writer, one Table Schema
and one resource shape for every table (aid figures, aid projects), so that what
`frictionless validate` accepts for one table it accepts for all of them."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from content_model.values import APPROX

# (name, Frictionless type, description)
Field = tuple[str, str, str]

CENT = Decimal("0.01")


def cents(value: Decimal | None) -> Decimal | None:
    """A computed amount or percentage, to the cent."""
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def as_stated(value: Decimal | None) -> Decimal | None:
    """An amount as the source states it: no trailing `.0` for whole numbers."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"  # Frictionless's booleans
    return "" if value is None else value


def csv_text(fields: list[Field], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[n for n, _, _ in fields], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return buf.getvalue()


def _schema_field(name: str, kind: str, description: str) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if name.endswith("_approx"):
        field["constraints"] = {"enum": list(APPROX)}
    if kind == "boolean":  # how csv_text writes them
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    return field


def table_schema(fields: list[Field], primary_key: list[str] | None = None) -> dict[str, Any]:
    """The Frictionless Table Schema of a table, for datapackage.json."""
    schema: dict[str, Any] = {
        "fields": [_schema_field(n, t, d) for n, t, d in fields],
        "missingValues": [""],
    }
    if primary_key:
        schema["primaryKey"] = primary_key
    return schema


def table_resource(name: str, path: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A tabular resource of the package: CSV, or JSON as a list of objects (keyed rows)."""
    fmt = path.rsplit(".", 1)[-1]
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "path": path,
        "format": fmt,
        "mediatype": {"csv": "text/csv", "json": "application/json"}[fmt],
        "encoding": "utf-8",
        "schema": schema,
    }
