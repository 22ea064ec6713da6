"""The events calendar, its kind pages, the home block and events.ics, around a fixed build date.

SOURCE_DATE_EPOCH fixes "today" at 2024-06-15 (Asia/Ho_Chi_Minh): an event that ends that day
or later is upcoming, one that ended the day before is past.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from conftest import Page, Site, make_site, story
from shared.build_day import build_date

# 2024-06-15 12:00 in Vietnam
EPOCH = str(int(datetime.fromisoformat("2024-06-15T05:00:00+00:00").timestamp()))

S1_EVENTS = """\
events:
  - date: 2024-06-20
    end: 2024-06-22
    title: {vi: "Hội nghị xúc tiến viện trợ 2024", en: "2024 aid promotion conference"}
    kind: conference
    place: "Tuyên Quang"
    partners: [gni]
  - date: 2023-03-05
    title: {vi: "Đoàn GNI thăm dự án", en: "GNI delegation visits projects"}
    kind: visit
    partners: [gni, norad]
"""
S2_EVENTS = """\
events:
  - date: 2024-06-14
    end: 2024-06-16
    title: "Mimasaka - Tuyên Quang"
    kind: exchange
  - date: 2024-06-15
    title: {vi: "Ngày hội giao lưu", en: "Friendship day"}
    kind: exchange
  - date: 2024-06-14
    title: {vi: "Lớp tập huấn", en: "Training course"}
    kind: training
  - date: 2022-09-22
    title: {vi: "Ký thỏa thuận khung", en: "Framework agreement signed"}
    kind: signing
  - date: 2022-09-05
    title: {vi: "Ký biên bản ghi nhớ", en: "Memorandum signed"}
    kind: signing
"""
# stated in both versions: still one event
S4_EVENTS = """\
events:
  - date: 2025-01-10
    title: {vi: "Đại hội lần thứ IV", en: "Fourth congress"}
    kind: congress
"""
DRAFT_EVENTS = """\
status: draft
events:
  - date: 2024-07-01
    title: "Sự kiện bí mật"
    kind: other
"""

UPCOMING_VI = [
    "Mimasaka - Tuyên Quang",  # began before the build date, ends after it
    "Ngày hội giao lưu",  # on the build date
    "Hội nghị xúc tiến viện trợ 2024",
    "Đại hội lần thứ IV",
]
PAST_VI = ["Lớp tập huấn", "Đoàn GNI thăm dự án", "Ký thỏa thuận khung", "Ký biên bản ghi nhớ"]
UPCOMING_EN = [
    "Mimasaka - Tuyên Quang",
    "Friendship day",
    "2024 aid promotion conference",
    "Fourth congress",
]
PAST_EN = ["Training course", "GNI delegation visits projects", "Framework agreement signed"]
PAST_EN += ["Memorandum signed"]


def fill(site: Site) -> Site:
    site.add_story("s1.vi.md", story("s1", "vi", "Bài S1", "2024-05-02", extra=S1_EVENTS))
    site.add_story("s1.en.md", story("s1", "en", "Story S1", "2024-05-02"))
    site.add_story("s2.vi.md", story("s2", "vi", "Bài S2", "2024-06-01", extra=S2_EVENTS))
    site.add_story("s4.vi.md", story("s4", "vi", "Bài S4", "2024-01-20", extra=S4_EVENTS))
    site.add_story("s4.en.md", story("s4", "en", "Story S4", "2024-01-20", extra=S4_EVENTS))
    site.add_story("nhap.vi.md", story("nhap", "vi", "Nháp", "2024-06-02", extra=DRAFT_EVENTS))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = fill(make_site(tmp_path_factory.mktemp("events") / "site"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert site.build() == 0
    return site


def section(page: Page, anchor: str) -> Page:
    """The upcoming or the past part of a calendar page."""
    rest = page.html.split(f'<section class="events-section" id="{anchor}">')[1]
    return Page.parse(rest.split('<section class="events-section"')[0].split("</main>")[0])


def event_block(page: Page, anchor: str) -> Page:
    """One event of a listing, by its anchor."""
    rest = page.html.split(f'<li class="event" id="{anchor}">')[1]
    return Page.parse(rest.split('<li class="event"')[0].split("</ol>")[0])


def titles(page: Page) -> list[str]:
    return [
        " ".join(Page.parse(t).text.split())
        for t in re.findall(r'<p class="event-title">(.*?)</p>', page.html, re.S)
    ]


def ics(site: Site, rel: str) -> Calendar:
    return Calendar.from_ical((site.output / rel).read_bytes())


def vevents(cal: Calendar) -> dict[str, dict]:
    """SUMMARY -> the event's properties (summaries are unique in the fixture)."""
    out = {}
    for ev in cal.walk("VEVENT"):
        out[str(ev["SUMMARY"])] = {
            "start": ev.decoded("DTSTART"),
            "end": ev.decoded("DTEND"),
            "uid": str(ev["UID"]),
            "stamp": ev.decoded("DTSTAMP"),
            "url": str(ev["URL"]),
            "description": str(ev["DESCRIPTION"]),
        }
    return out


# --- build date ---------------------------------------------------------------------------


def test_build_date_comes_from_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": EPOCH}) == date(2024, 6, 15)
    # 2024-06-14 18:00 UTC is already the 15th in Vietnam
    late = str(int(datetime.fromisoformat("2024-06-14T18:00:00+00:00").timestamp()))
    assert build_date({"SOURCE_DATE_EPOCH": late}) == date(2024, 6, 15)
    assert abs(build_date({}) - date.today()) <= timedelta(days=1)


# --- calendar pages -----------------------------------------------------------------------


def test_calendar_splits_upcoming_and_past_around_the_build_date(built: Site) -> None:
    vi = built.page("su-kien/")
    assert vi.lang == "vi" and vi.title.startswith("Sự kiện")
    assert titles(section(vi, "upcoming")) == UPCOMING_VI
    assert titles(section(vi, "past")) == PAST_VI
    en = built.page("en/events/")
    assert titles(section(en, "upcoming")) == UPCOMING_EN
    assert titles(section(en, "past")) == PAST_EN
    for page in (vi, en):
        assert "Sự kiện bí mật" not in page.text  # drafts have no events


def test_calendar_groups_by_year_and_month(built: Site) -> None:
    vi = built.page("su-kien/")
    for anchor in ("u2024", "u2024-06", "u2025-01", "y2024-06", "y2023-03", "y2022", "y2022-09"):
        assert anchor in vi.ids, anchor
    months = re.findall(r'<h4 class="month-title" id="(y[\d-]+)">([^<]+)</h4>', vi.html)
    assert months == [("y2024-06", "Tháng 6"), ("y2023-03", "Tháng 3"), ("y2022-09", "Tháng 9")]
    # both September 2022 signings under one month heading, most recent first
    sept = vi.html.split('id="y2022-09"')[1]
    assert titles(Page.parse(sept)) == ["Ký thỏa thuận khung", "Ký biên bản ghi nhớ"]
    en = built.page("en/events/")
    assert ("y2022-09", "September") in re.findall(
        r'<h4 class="month-title" id="(y[\d-]+)">([^<]+)</h4>', en.html
    )
    assert en.link_by_text("2022") == "#y2022"


def test_events_show_dates_places_and_link_story_and_partners(built: Site) -> None:
    vi = built.page("su-kien/")
    assert "20–22 tháng 6, 2024" in vi.text and "Địa điểm: Tuyên Quang" in vi.text
    conference = event_block(vi, "event-s1-1")
    assert conference.hrefs() == [
        "/su-kien/loai/conference/",
        "/doi-tac/gni/",
        "/tin-tuc/s1/",
    ]
    assert conference.link_by_text("Tổ chức GNI") == "/doi-tac/gni/"
    en = built.page("en/events/")
    assert "June 20–22, 2024" in en.text
    visit = event_block(en, "event-s1-2")
    assert visit.link_by_text("Norad") == "/en/partners/norad/"
    assert visit.link_by_text("Story S1") == "/en/news/s1/"
    # a story without English version: its Vietnamese version, marked as such
    exchange = event_block(en, "event-s2-1")
    attrs = next(a for h, a, _ in exchange.links if h == "/tin-tuc/s2/")
    assert attrs.get("hreflang") == "vi" and attrs.get("lang") == "vi"


def test_filter_by_kind(built: Site) -> None:
    vi = built.page("su-kien/")
    assert vi.link_by_text("Ký kết 2") == "/su-kien/loai/signing/"
    assert vi.link_by_text("Giao lưu 2") == "/su-kien/loai/exchange/"
    signing = built.page("su-kien/loai/signing/")
    assert "Ký kết" in signing.title
    assert titles(signing) == ["Ký thỏa thuận khung", "Ký biên bản ghi nhớ"]
    assert titles(section(signing, "upcoming")) == []
    exchange = built.page("en/events/kind/exchange/")
    assert titles(section(exchange, "upcoming")) == ["Mimasaka - Tuyên Quang", "Friendship day"]
    assert titles(section(exchange, "past")) == []
    current = [h for h, a, _ in exchange.links if a.get("aria-current") == "page"]
    assert "/en/events/kind/exchange/" in current
    assert exchange.alternates == {
        "vi": "/su-kien/loai/exchange/",
        "en": "/en/events/kind/exchange/",
    }
    # only kinds in use get a page
    assert not (built.output / "su-kien/loai/medical").exists()
    assert not (built.output / "su-kien/loai/other").exists()  # the draft's kind


def test_calendar_is_in_the_nav_and_translated(built: Site) -> None:
    vi, en = built.page("su-kien/"), built.page("en/events/")
    assert vi.alternates == {"vi": "/su-kien/", "en": "/en/events/"}
    assert vi.language_switch()[0] == "/en/events/"
    assert ("/su-kien/", "page") in [(h, a.get("aria-current")) for h, a, _ in vi.links]
    assert en.link_by_text("Events") == "/en/events/"
    assert built.page("").link_by_text("Sự kiện") == "/su-kien/"


def test_event_listings_carry_json_ld_events(built: Site) -> None:
    page = built.page("en/events/")
    raw = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.html, re.S)
    graph = json.loads(raw[0])["@graph"]
    assert len(graph) == 8 and {g["@type"] for g in graph} == {"Event"}
    conference = next(g for g in graph if g["name"] == "2024 aid promotion conference")
    assert conference["startDate"] == "2024-06-20" and conference["endDate"] == "2024-06-22"
    assert conference["location"]["name"] == "Tuyên Quang"
    assert conference["url"] == "http://localhost:8000/en/news/s1/"
    assert conference["attendee"][0]["url"] == "http://localhost:8000/en/partners/gni/"
    signing = built.page("su-kien/loai/signing/")
    raw = re.findall(r'<script type="application/ld\+json">(.*?)</script>', signing.html, re.S)
    assert len(json.loads(raw[0])["@graph"]) == 2


# --- home ---------------------------------------------------------------------------------


def test_home_shows_upcoming_events(built: Site) -> None:
    home = built.page("")
    block = Page.parse(home.html.split('id="upcoming-events"')[1])
    assert "Sự kiện sắp diễn ra" in block.text
    assert titles(block) == UPCOMING_VI[:3]
    assert block.link_by_text("Tất cả sự kiện →") == "/su-kien/"
    en = Page.parse(built.page("en/").html.split('id="upcoming-events"')[1])
    assert "Upcoming events" in en.text and titles(en) == UPCOMING_EN[:3]


def test_home_without_upcoming_events_shows_recent_ones(site: Site, monkeypatch) -> None:
    fill(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2030, 1, 1).timestamp())))
    assert site.build() == 0
    block = Page.parse(site.page("").html.split('id="upcoming-events"')[1])
    assert "Sự kiện gần đây" in block.text
    assert "Chưa có sự kiện nào sắp diễn ra." in block.text
    assert titles(block) == [
        "Đại hội lần thứ IV",
        "Hội nghị xúc tiến viện trợ 2024",
        "Ngày hội giao lưu",
    ]
    assert titles(section(site.page("su-kien/"), "upcoming")) == []


# --- iCalendar ----------------------------------------------------------------------------


def test_ics_has_every_event_once_with_titles_in_its_language(built: Site) -> None:
    vi, en = vevents(ics(built, "data/events.ics")), vevents(ics(built, "en/data/events.ics"))
    assert sorted(vi) == sorted(UPCOMING_VI + PAST_VI)
    assert sorted(en) == sorted(UPCOMING_EN + PAST_EN)
    assert len(list(ics(built, "data/events.ics").walk("VEVENT"))) == 8
    assert "Sự kiện bí mật" not in (built.output / "data/events.ics").read_text(encoding="utf-8")


def test_ics_events_are_all_day_with_exclusive_end(built: Site) -> None:
    vi = vevents(ics(built, "data/events.ics"))
    conference = vi["Hội nghị xúc tiến viện trợ 2024"]
    assert type(conference["start"]) is date and conference["start"] == date(2024, 6, 20)
    assert type(conference["end"]) is date and conference["end"] == date(2024, 6, 23)
    assert vi["Ngày hội giao lưu"]["end"] == date(2024, 6, 16)
    assert all(type(e["start"]) is date for e in vi.values())
    text = (built.output / "data/events.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20240620" in text and "DTEND;VALUE=DATE:20240623" in text


def test_ics_links_stories_with_absolute_urls(built: Site) -> None:
    vi = vevents(ics(built, "data/events.ics"))
    en = vevents(ics(built, "en/data/events.ics"))
    assert vi["Đoàn GNI thăm dự án"]["url"] == "http://localhost:8000/tin-tuc/s1/"
    assert en["GNI delegation visits projects"]["url"] == "http://localhost:8000/en/news/s1/"
    assert en["Friendship day"]["url"] == "http://localhost:8000/tin-tuc/s2/"
    assert "Story S1" in en["GNI delegation visits projects"]["description"]
    assert (
        "http://localhost:8000/en/news/s1/" in en["GNI delegation visits projects"]["description"]
    )
    cal = ics(built, "en/data/events.ics")
    assert str(cal["X-WR-CALNAME"]) == "Friendship Union: Events"


def test_ics_is_stable_across_builds(built: Site, tmp_path) -> None:
    first = vevents(ics(built, "data/events.ics"))
    again = fill(make_site(tmp_path / "again"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1900000000")  # another day: nothing may change
        assert again.build() == 0
    second = vevents(ics(again, "data/events.ics"))
    assert {k: v["uid"] for k, v in first.items()} == {k: v["uid"] for k, v in second.items()}
    assert {k: v["stamp"] for k, v in first.items()} == {k: v["stamp"] for k, v in second.items()}
    uids = [v["uid"] for v in first.values()]
    assert len(set(uids)) == 8 and all(re.fullmatch(r"[0-9a-f]{40}@huu-nghi", u) for u in uids)
    # the same event has the same UID in both languages
    en = vevents(ics(built, "en/data/events.ics"))
    assert en["Fourth congress"]["uid"] == first["Đại hội lần thứ IV"]["uid"]
    # the stamp is the story's publication time (2024-05-02 00:00 in Vietnam), in UTC
    stamp = first["Đoàn GNI thăm dự án"]["stamp"]
    assert stamp.isoformat() == "2024-05-01T17:00:00+00:00"
