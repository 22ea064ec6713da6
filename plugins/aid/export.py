"""Open data: `aid.csv` and `aid.json` (one row per figure as stated, translations counted
once) and a Frictionless Data Package `datapackage.json` describing them.

The package's profile is the general `data-package`, not `tabular-data-package`: that one
requires every resource to be a table, and a resource that is not (an XML file, say) would make
the whole package invalid. Each table says it is one (`tabular-data-resource`, with a schema),
and `frictionless validate` checks the data of both the CSV and the JSON against it
(tests/test_open_data.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .figures import Figure
from .tabular import Field, as_stated, cents, csv_text, table_resource, table_schema

APPROX_HELP = (
    "the source's qualifier of the {} amount: over (trên, hơn), about (khoảng), nearly (gần), "
    "under (dưới); empty: as exact as the source states it"
)
# the exchange rates behind a row's USD equivalents (aid figures and aid projects alike)
RATE_FIELDS: list[Field] = [
    (
        "rate_year",
        "integer",
        "year of the exchange rates used: the period's last year, or the latest year with "
        "a rate when that one is not published yet",
    ),
    (
        "rate_provisional",
        "boolean",
        "true: the period's last year has no yearly rate yet, the USD equivalents use "
        "rate_year's (provisional)",
    ),
]
# (name, Frictionless type, description)
FIELDS: list[Field] = [
    ("story", "string", "slug of the story stating the figure"),
    ("story_url_vi", "string", "Vietnamese version of the story"),
    ("story_url_en", "string", "English version of the story"),
    ("period", "string", "period as reported: YYYY, YYYY-YYYY or YYYY-MM/YYYY-MM"),
    ("period_start", "date", "first day of the period"),
    ("period_end", "date", "last day of the period"),
    ("province", "string", "province key (content/data/provinces.yaml)"),
    ("partner", "string", "partner id (content/data/partners.yaml); empty: all partners"),
    ("kind", "string", "programme, project or non-project (Decree 80/2020/ND-CP)"),
    ("sector", "string", "OECD DAC 5-digit purpose code, where the source gives one"),
    ("sector_label_vi", "string", "the sector in the source's own words (Vietnamese)"),
    ("sector_label_en", "string", "the sector in the source's own words (English)"),
    ("projects", "integer", "programmes, projects and non-project aid counted"),
    ("donors", "integer", "number of partners (totals only)"),
    ("committed", "number", "committed amount in its original currency"),
    ("committed_currency", "string", "ISO 4217 code"),
    ("committed_usd", "number", "committed amount in USD at the period's last-year rate"),
    ("committed_approx", "string", APPROX_HELP.format("committed")),
    ("disbursed", "number", "disbursed amount in its original currency"),
    ("disbursed_currency", "string", "ISO 4217 code"),
    ("disbursed_usd", "number", "disbursed amount in USD at the period's last-year rate"),
    ("disbursed_approx", "string", APPROX_HELP.format("disbursed")),
    (
        "reported",
        "number",
        "amount the source states without saying committed or disbursed, in its original "
        "currency: never added to committed or disbursed, never in a rate",
    ),
    ("reported_currency", "string", "ISO 4217 code"),
    ("reported_usd", "number", "reported amount in USD at the period's last-year rate"),
    ("reported_approx", "string", APPROX_HELP.format("reported")),
    (
        "per_year",
        "boolean",
        "true: the amounts are yearly averages over the period (never added to any total)",
    ),
    ("plan", "number", "disbursement plan in its original currency"),
    ("plan_currency", "string", "ISO 4217 code"),
    ("plan_approx", "string", APPROX_HELP.format("plan")),
    ("plan_rate", "number", "disbursed as a percent of plan"),
    ("disbursement_rate", "number", "disbursed as a percent of committed (never of reported)"),
    *RATE_FIELDS,
]


def rows(figures: list[Figure], story_urls: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    out = []
    for f in figures:
        urls = story_urls.get(f.story, {})
        out.append(
            {
                "story": f.story,
                "story_url_vi": urls.get("vi"),
                "story_url_en": urls.get("en"),
                "period": f.period.text,
                "period_start": f.period.start.isoformat(),
                "period_end": f.period.end.isoformat(),
                "province": f.province,
                "partner": f.partner,
                "kind": f.kind,
                "sector": f.sector,
                "sector_label_vi": f.sector_label.vi if f.sector_label else None,
                "sector_label_en": f.sector_label.en if f.sector_label else None,
                "projects": f.projects,
                "donors": f.donors,
                "committed": as_stated(f.committed.value) if f.committed else None,
                "committed_currency": f.committed.currency if f.committed else None,
                "committed_usd": cents(f.committed_usd),
                "committed_approx": f.committed.approx if f.committed else None,
                "disbursed": as_stated(f.disbursed.value) if f.disbursed else None,
                "disbursed_currency": f.disbursed.currency if f.disbursed else None,
                "disbursed_usd": cents(f.disbursed_usd),
                "disbursed_approx": f.disbursed.approx if f.disbursed else None,
                "reported": as_stated(f.reported.value) if f.reported else None,
                "reported_currency": f.reported.currency if f.reported else None,
                "reported_usd": cents(f.reported_usd),
                "reported_approx": f.reported.approx if f.reported else None,
                "per_year": f.per_year,
                "plan": as_stated(f.plan.value) if f.plan else None,
                "plan_currency": f.plan.currency if f.plan else None,
                "plan_approx": f.plan.approx if f.plan else None,
                "plan_rate": f.plan_percent if f.plan_percent is None else cents(f.plan_percent),
                "disbursement_rate": cents(f.disbursement_rate),
                "rate_year": f.rate_year,
                "rate_provisional": f.provisional_rate is not None,
            }
        )
    return out


def to_csv(table: list[dict[str, Any]]) -> str:
    return csv_text(FIELDS, table)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def to_json(table: list[dict[str, Any]]) -> str:
    data = [{k: _json_value(v) for k, v in row.items()} for row in table]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def datapackage(title: str, sources: list[str], extra: Sequence[dict[str, Any]] = ()) -> str:
    """`extra`: resources of other files in data/ (aid-projects.csv), after aid's own."""
    schema = table_schema(FIELDS)
    package = {
        "profile": "data-package",
        "name": "aid-figures",
        "title": title,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": s} for s in sources],
        "resources": [
            table_resource("aid-csv", "aid.csv", schema),
            table_resource("aid-json", "aid.json", schema),
            *extra,
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
