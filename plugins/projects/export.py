"""`aid-projects.csv`: one row per project of the registry, as the file states it, with the
province it counts under after the 2025 merger and its USD equivalents; a resource of the site's
`datapackage.json` (its schema is `FIELDS`)."""

from __future__ import annotations

from typing import Any

from aid import tabular
from aid.export import RATE_FIELDS
from aid.tabular import Field, as_stated, cents, csv_text

from .registry import Record

PATH = "aid-projects.csv"  # in data/, beside aid.csv

# (name, Frictionless type, description)
FIELDS: list[Field] = [
    ("id", "string", "project id (content/data/aid-projects.yaml)"),
    ("title_vi", "string", "title in Vietnamese"),
    ("title_en", "string", "title in English"),
    ("partner", "string", "donor: partner id (content/data/partners.yaml)"),
    ("province", "string", "province key as written (content/data/provinces.yaml)"),
    (
        "province_counted",
        "string",
        "province it counts under: the new one when the project "
        "runs past its province's merger (2025)",
    ),
    ("kind", "string", "programme, project or non-project (Decree 80/2020/ND-CP)"),
    ("sector", "string", "OECD DAC 5-digit purpose code"),
    ("period", "string", "period as written: YYYY, YYYY-YYYY or YYYY-MM/YYYY-MM"),
    ("period_start", "date", "first day of the period"),
    ("period_end", "date", "last day of the period"),
    ("status", "string", "planned, ongoing or completed"),
    ("committed", "number", "committed amount in its original currency"),
    ("committed_currency", "string", "ISO 4217 code"),
    (
        "committed_approx",
        "string",
        "over, about, nearly or under, as the source says; empty: exact",
    ),
    ("committed_usd", "number", "committed amount in USD at the period's last-year rate"),
    ("disbursed", "number", "disbursed amount in its original currency"),
    ("disbursed_currency", "string", "ISO 4217 code"),
    (
        "disbursed_approx",
        "string",
        "over, about, nearly or under, as the source says; empty: exact",
    ),
    ("disbursed_usd", "number", "disbursed amount in USD at the period's last-year rate"),
    *RATE_FIELDS,
    ("location_vi", "string", "place in Vietnamese"),
    ("location_en", "string", "place in English"),
    ("url_vi", "string", "the project's page in Vietnamese"),
    ("url_en", "string", "the project's page in English"),
    ("stories", "string", "slugs of the stories naming the project, separated by spaces"),
]


def rows(records: list[Record], page_urls: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """`page_urls`: project id -> {lang: absolute URL of its page}."""
    out = []
    for r in records:
        p, f = r.project, r.figure
        amounts = f.committed is not None or f.disbursed is not None
        out.append(
            {
                "id": p.id,
                "title_vi": p.title.vi,
                "title_en": p.title.en,
                "partner": p.partner,
                "province": p.province,
                "province_counted": f.province,
                "kind": p.kind,
                "sector": p.sector,
                "period": p.period.text,
                "period_start": p.period.start.isoformat(),
                "period_end": p.period.end.isoformat(),
                "status": p.status,
                "committed": as_stated(f.committed.value if f.committed else None),
                "committed_currency": f.committed.currency if f.committed else None,
                "committed_approx": f.committed.approx if f.committed else None,
                "committed_usd": cents(f.committed_usd),
                "disbursed": as_stated(f.disbursed.value if f.disbursed else None),
                "disbursed_currency": f.disbursed.currency if f.disbursed else None,
                "disbursed_approx": f.disbursed.approx if f.disbursed else None,
                "disbursed_usd": cents(f.disbursed_usd),
                "rate_year": f.rate_year if amounts else None,
                "rate_provisional": (f.provisional_rate is not None) if amounts else None,
                "location_vi": p.location.vi if p.location else None,
                "location_en": p.location.en if p.location else None,
                "url_vi": page_urls.get(p.id, {}).get("vi"),
                "url_en": page_urls.get(p.id, {}).get("en"),
                "stories": " ".join(r.stories) or None,
            }
        )
    return out


def to_csv(table: list[dict[str, Any]]) -> str:
    return csv_text(FIELDS, table)


def table_schema() -> dict[str, Any]:
    """The Frictionless Table Schema of the CSV, for datapackage.json."""
    return tabular.table_schema(FIELDS, primary_key=["id"])
