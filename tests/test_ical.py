"""Unit tests of `events/ical.py`: the bytes of `events.ics` from calendar events, without
building a site (the files of a built site are tested in test_events.py)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from bilingual.story_links import StoryLink
from content_model.schema import Event
from events.calendar import CalendarEvent
from events.ical import calendar_ics, calendar_key, uid

BASE = "https://lienhiep.example.vn/"
PUBLISHED = datetime(2022, 6, 9, 8, 30, tzinfo=timezone(timedelta(hours=7)))


def calendar_event(
    slug: str = "hoi-nghi",
    index: int = 0,
    day: str = "2022-09-20",
    end: str | None = None,
    place: str | None = "Tuyên Quang",
    title: str = "Hội nghị hữu nghị",
) -> CalendarEvent:
    data = {"date": day, "title": {"vi": title, "en": "Friendship conference"}}
    data |= {"kind": "conference", "end": end, "place": place}
    link = StoryLink(slug, "vi", f"Tin {slug}", f"tin-tuc/{slug}/", PUBLISHED)
    return CalendarEvent(slug, index, Event.model_validate(data), link, PUBLISHED)


def parsed(events: list[CalendarEvent], lang: str = "vi") -> list:
    cal = Calendar.from_ical(calendar_ics(events, lang, BASE, "Sự kiện"))
    return list(cal.walk("VEVENT"))


def test_all_day_events_with_an_exclusive_end() -> None:
    one_day, two_days = parsed([calendar_event(), calendar_event("b", end="2022-09-21")])
    assert one_day["DTSTART"].dt == date(2022, 9, 20)
    assert one_day["DTEND"].dt == date(2022, 9, 21)
    assert two_days["DTEND"].dt == date(2022, 9, 22)  # 20-21 September ends on the 22nd
    assert "VALUE=DATE" in calendar_ics([calendar_event()], "vi", BASE, "x").decode()


def test_fields_in_the_page_language_with_absolute_story_links() -> None:
    (vi,) = parsed([calendar_event()], "vi")
    (en,) = parsed([calendar_event()], "en")
    assert str(vi["SUMMARY"]) == "Hội nghị hữu nghị"
    assert str(en["SUMMARY"]) == "Friendship conference"
    assert str(vi["URL"]) == "https://lienhiep.example.vn/tin-tuc/hoi-nghi/"
    assert str(vi["DESCRIPTION"]) == "Tin hoi-nghi\nhttps://lienhiep.example.vn/tin-tuc/hoi-nghi/"
    assert vi["CATEGORIES"].cats == ["Hội nghị"] and en["CATEGORIES"].cats == ["Conference"]
    assert str(vi["LOCATION"]) == "Tuyên Quang"
    assert str(vi["TRANSP"]) == "TRANSPARENT"
    (no_place,) = parsed([calendar_event(place=None)])
    assert "LOCATION" not in no_place


def test_stamp_is_the_publication_time_and_uid_is_stable() -> None:
    (event,) = parsed([calendar_event()])
    assert event["DTSTAMP"].dt == datetime(2022, 6, 9, 1, 30, tzinfo=UTC)
    assert str(event["UID"]) == uid(calendar_event())
    assert str(event["UID"]).endswith("@huu-nghi")
    # the same event in another build or language: same UID; another event: another UID
    assert uid(calendar_event(title="Đổi tên")) == uid(calendar_event())
    others = {uid(calendar_event(index=1)), uid(calendar_event("b")), uid(calendar_event())}
    assert len(others) == 3
    assert uid(calendar_event(day="2022-09-21")) != uid(calendar_event())


def test_events_known_only_to_the_month_or_year_are_left_out() -> None:
    events = [calendar_event(), calendar_event("m", day="2022-09"), calendar_event("y", day="2022")]
    assert [str(e["URL"]).rsplit("/", 2)[1] for e in parsed(events)] == ["hoi-nghi"]
    assert len(parsed([calendar_event(end="2022-10")])) == 0  # an end known to the month


def test_calendar_header() -> None:
    cal = Calendar.from_ical(calendar_ics([], "en", BASE, "Events"))
    assert str(cal["VERSION"]) == "2.0" and str(cal["X-WR-CALNAME"]) == "Events"
    assert str(cal["PRODID"]).startswith("-//Huu Nghi portal//")
    assert list(cal.walk("VEVENT")) == []


def test_key_changes_exactly_when_the_bytes_would() -> None:
    events = [calendar_event(), calendar_event("b")]
    key = calendar_key(events, "vi", BASE, "x")
    assert calendar_key([calendar_event(), calendar_event("b")], "vi", BASE, "x") == key
    for other in (
        calendar_key(events, "en", BASE, "x"),
        calendar_key(events, "vi", "https://other.example/", "x"),
        calendar_key(events, "vi", BASE, "y"),
        calendar_key([calendar_event(title="Khác"), calendar_event("b")], "vi", BASE, "x"),
    ):
        assert other != key
    # a month-precision event is not in the file: it does not change the key either
    assert calendar_key([*events, calendar_event("m", day="2022-09")], "vi", BASE, "x") == key


def test_a_calendar_serialised_in_workers_has_the_bytes_of_one_made_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch build passes its parallel map (icalendar is the slowest part of its main
    process); the file must be the one the preview writes with the plain `map`."""
    from shared import parallel

    monkeypatch.setenv("BUILD_WORKERS", "2")
    events = [
        calendar_event(f"tin-{i}", day=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}")
        for i in range(450)
    ]
    pids: set[int] = set()

    def spread(fn, items):  # parallel_map, noting which processes serialised the events
        def noted(fields: tuple) -> tuple[int, bytes]:
            return os.getpid(), fn(fields)

        made = parallel.parallel_map(noted, items)
        pids.update(pid for pid, _ in made)
        return [data for _, data in made]

    assert len(events) >= parallel.MIN_TASKS
    in_workers = calendar_ics(events, "en", BASE, "Events", spread)
    assert os.getpid() not in pids and len(pids) == 2
    assert in_workers == calendar_ics(events, "en", BASE, "Events")
    assert len(parsed(events)) == 450
