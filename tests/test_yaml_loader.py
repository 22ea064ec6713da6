"""Unit tests of `content_model/yaml_loader.py`: YAML without surprises (YAML 1.1's booleans
and octals kept as text), the line of every value, and what content files must not use.
Front matter and data files that go through a whole check are in test_validation.py and
test_bad_input.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from content_model.limits import MAX_DEPTH
from content_model.values import CutNumber, GroupedNumber
from content_model.yaml_loader import YamlSyntaxError, load_yaml


def value(text: str):
    data, _, problems = load_yaml(text)
    assert problems == []
    return data


def syntax_error(text: str, first_line: int = 1) -> YamlSyntaxError:
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml(text, first_line)
    return caught.value


def test_only_true_and_false_are_booleans() -> None:
    data = value("country: NO\nok: yes\nflag: true\noff: False\nnone: ~\nempty:\n")
    assert data == {
        "country": "NO",
        "ok": "yes",
        "flag": True,
        "off": False,
        "none": None,
        "empty": None,
    }


def test_numbers_only_when_plain_decimal() -> None:
    data = value("phone: 0123\ntime: 1:20\ncount: 42\nrate: 23050.5\nneg: -3\nhex: 0x1F\n")
    assert data == {
        "phone": "0123",
        "time": "1:20",
        "count": 42,
        "rate": 23050.5,
        "neg": -3,
        "hex": "0x1F",
    }
    assert type(data["count"]) is int and type(data["rate"]) is float


def test_dates_and_datetimes() -> None:
    data = value(
        "day: 2022-06-09\nat: 2022-06-09 08:30\nutc: 2022-06-09T08:30:00Z\nbad: 2022-13-01\n"
    )
    assert data["day"] == date(2022, 6, 9)
    assert data["at"] == datetime(2022, 6, 9, 8, 30)  # no seconds: PyYAML alone refuses it
    assert data["utc"] == datetime(2022, 6, 9, 8, 30, tzinfo=timezone(timedelta(0)))
    assert data["bad"] == "2022-13-01"  # left for the schema to explain


def test_vietnamese_grouping_and_numbers_cut_at_commas_kept_as_typed() -> None:
    data = value("a: 457.250\nb: {value: 1,250,000,000, currency: VND}\nc: {value: 1,25 tỷ}\n")
    assert data["a"] == "457.250" and isinstance(data["a"], GroupedNumber)
    assert data["b"] == {"value": "1,250,000,000", "currency": "VND"}
    assert isinstance(data["b"]["value"], CutNumber)
    assert data["c"] == {"value": "1,25 tỷ"}
    assert value('a: "457.250"\n') == {"a": "457.250"}
    assert not isinstance(value('a: "457.250"\n')["a"], GroupedNumber)  # quoted: plain text


def test_keys_are_text_but_years_stay_numbers() -> None:
    assert value("NO: 1\ntrue: 2\n2019: 3\n2019-01-01: 4\n") == {
        "NO": 1,
        "true": 2,
        2019: 3,
        "2019-01-01": 4,
    }


def test_the_line_of_every_value_counted_from_the_first_line() -> None:
    text = "title: A\nevents:\n  - title: B\n    date: 2022-06-09\n  - title: C\n"
    data, lines, _ = load_yaml(text, first_line=2)  # the line after the opening ---
    assert data["events"][1]["title"] == "C"
    assert lines.line(("title",)) == 2
    assert lines.line(("events", 0, "date")) == 5
    assert lines.line(("events", 1, "title")) == 6
    assert lines.line(("events", 1, "place")) == 6  # missing: the line of its parent


def test_duplicate_keys_and_non_text_keys_are_problems_with_their_line() -> None:
    data, _, problems = load_yaml("a: 1\nb: 2\na: 3\n[x]: 4\n")
    assert data == {"a": 1, "b": 2}
    assert [(p.line, p.field, str(p.message)) for p in problems] == [
        (3, ("a",), "this key is given twice; keep one"),
        (4, (), "a key must be plain text, not a list or a group"),
    ]


def test_a_number_too_large_is_a_problem_not_a_crash() -> None:
    data, _, problems = load_yaml("x: 1e400\n")
    assert data == {"x": None}
    assert [(p.line, str(p.message)) for p in problems] == [
        (1, "this number is far too large: check the value")
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: &x 1\nb: *x\n", 1, "anchors (&) and aliases (*) are not supported"),
        ("base: {a: 1}\nother:\n  <<: {b: 2}\n", 3, "merge keys (<<) are not supported"),
        ("a: !!str 1\n", 1, "tag"),
        ('title: "open\nnext: 1\n', 1, "the quote that opens this value is never closed"),
        ("title: a: b\n", 1, "a colon followed by a space inside a value"),
        ("a: 1\n  b: 2\n", 2, "indented more than the line above"),
        ("a: 1\nb\u0007: 2\n", 2, "a control character (U+0007)"),
    ],
)
def test_what_content_files_must_not_use_is_refused_at_its_line(
    text: str, line: int, words: str
) -> None:
    error = syntax_error(text, first_line=1)
    assert error.line == line
    assert words in str(error.message)


def test_syntax_error_lines_count_from_the_first_line() -> None:
    assert syntax_error("title: a: b\n", first_line=2).line == 2


def test_depth_is_limited_without_recursion() -> None:
    inner = MAX_DEPTH - 1  # the top-level mapping is a level
    assert value("a: " + "[" * inner + "]" * inner + "\n") is not None
    assert syntax_error("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n").line == 1
    error = syntax_error("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert error.line == 1
    assert str(MAX_DEPTH) in str(error.message)


def test_top_level_entries_can_be_limited() -> None:
    assert load_yaml("- 1\n- 2\n", max_entries=2)[0] == [1, 2]
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("- 1\n- 2\n- 3\n", max_entries=2)
    assert caught.value.line == 3


def test_empty_document_is_none() -> None:
    data, lines, problems = load_yaml("", first_line=4)
    assert (data, problems, lines.line(("x",))) == (None, [], 4)
