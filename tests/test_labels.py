"""Labels people read live in data files (vi and en), never in Python tables: every choice of
the content model has its words in both languages, and a file missing one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from aid.sectors import SECTORS_FILE, sector
from content_model.schema import EVENT_KINDS, PARTNER_TYPES
from events.calendar import KINDS_FILE, kind_label
from partners.directory import TYPES_FILE, type_label
from shared.labels import LabelsError, load_labels


def test_every_event_kind_and_partner_type_is_labelled_in_both_languages() -> None:
    assert list(load_labels(KINDS_FILE)) == list(EVENT_KINDS)
    assert list(load_labels(TYPES_FILE)) == list(PARTNER_TYPES)
    assert kind_label("delegation", "vi") == "Đoàn ra, đoàn vào"
    assert kind_label("medical", "en") == "Medical mission"
    assert type_label("ingo", "en") == "Foreign NGOs"
    assert type_label("ingo", "en", plural=False) == "Foreign NGO"


def test_dac_codes_are_read_as_strings_and_an_unknown_code_stays_a_code() -> None:
    codes = load_labels(SECTORS_FILE)
    assert all(len(code) == 5 and code.isdigit() for code in codes)
    assert sector("12220", "vi").name == "Chăm sóc sức khỏe cơ bản"
    assert sector("12220", "en").name == "Basic health care"
    unknown = sector("99999", "en")
    assert (unknown.name, unknown.known) == ("99999", False)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("visit: {vi: Thăm}\n", "visit"),
        ("visit: {vi: Thăm, en: ''}\n", "visit.en"),
        ("ingo:\n  one: {vi: Tổ chức, en: NGO}\n  heading: {en: NGOs}\n", "ingo.heading"),
        ("- visit\n", "a mapping"),
    ],
)
def test_a_labels_file_missing_a_language_is_refused_with_where(
    tmp_path: Path, text: str, where: str
) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LabelsError, match=where):
        load_labels(path)


def test_currency_names_come_from_the_data_file() -> None:
    from aid.money import CURRENCIES_FILE, money_full, money_short

    assert set(load_labels(CURRENCIES_FILE)) == {"VND"}
    assert money_full(16104216000, "VND", "vi") == "16.104.216.000 VNĐ"
    assert money_full(16104216000, "VND", "en") == "VND 16,104,216,000"
    assert money_short(207_000_000_000, "VND", "vi") == "207 tỷ đồng"
    assert money_short(15_200_000, "USD", "en") == "USD 15.2 million"  # the code: not listed
