"""Events dated as their source dates them: "năm 2016" is 2016, "tháng 9 năm 2022" is 2022-09.

No page shows a day the source does not give; a month is upcoming until it ends; events.ics
carries only events known to the day (see plugins/events/ical.py).
SOURCE_DATE_EPOCH fixes "today" at 2024-06-15 (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from icalendar import Calendar

from conftest import Page, Site, make_site, story

EPOCH = str(int(datetime.fromisoformat("2024-06-15T05:00:00+00:00").timestamp()))

EVENTS = """\
partners: [gni]
events:
  - date: 2022-09
    title: {vi: "Ký thỏa thuận khung với Mimasaka", en: "Framework agreement with Mimasaka"}
    kind: signing
    partners: [gni]
  - date: 2016
    title: {vi: "Hội nghị với các tổ chức phi chính phủ 2016", en: "2016 NGO conference"}
    kind: conference
  - date: 2024-06
    title: {vi: "Tháng giao lưu", en: "Exchange month"}
    kind: exchange
  - date: 2024-05
    end: 2024-07
    title: {vi: "Chương trình tình nguyện hè", en: "Summer volunteering"}
    kind: volunteer
  - date: 2022-09-05
    title: {vi: "Ký biên bản ghi nhớ", en: "Memorandum signed"}
    kind: signing
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("partial") / "site")
    site.add_story("p.vi.md", story("p", "vi", "Bài P", "2024-05-02", extra=EVENTS))
    site.add_story("p.en.md", story("p", "en", "Story P", "2024-05-02"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert site.build() == 0
    return site


def event_block(page: Page, anchor: str) -> Page:
    rest = page.html.split(f'<li class="event" id="{anchor}">')[1]
    return Page.parse(rest.split('<li class="event"')[0].split("</ol>")[0])


def section(page: Page, anchor: str) -> Page:
    rest = page.html.split(f'<section class="events-section" id="{anchor}">')[1]
    return Page.parse(rest.split('<section class="events-section"')[0].split("</main>")[0])


def test_month_and_year_events_show_only_what_the_source_gives(built: Site) -> None:
    vi, en = built.page("su-kien/"), built.page("en/events/")
    signing_vi, signing_en = event_block(vi, "event-p-1"), event_block(en, "event-p-1")
    assert "tháng 9 năm 2022" in signing_vi.text
    assert "September 2022" in signing_en.text
    assert '<time datetime="2022-09">' in signing_vi.html
    year_vi, year_en = event_block(vi, "event-p-2"), event_block(en, "event-p-2")
    assert '<time datetime="2016">2016</time>' in year_vi.html
    assert '<time datetime="2016">2016</time>' in year_en.html
    span = event_block(en, "event-p-4")
    assert "May – July 2024" in span.text
    assert "tháng 5 – tháng 7 năm 2024" in event_block(vi, "event-p-4").text
    # the day-precision event keeps its day
    assert "5 tháng 9, 2022" in event_block(vi, "event-p-5").text


def test_a_month_is_upcoming_until_it_ends(built: Site) -> None:
    vi = built.page("su-kien/")
    upcoming = section(vi, "upcoming").text
    assert "Tháng giao lưu" in upcoming  # June 2024 on 15 June
    assert "Chương trình tình nguyện hè" in upcoming  # May to July 2024
    past = section(vi, "past").text
    assert "Ký thỏa thuận khung với Mimasaka" in past and "Hội nghị với các tổ chức" in past


def test_calendar_groups_year_only_events_under_their_year(built: Site) -> None:
    vi, en = built.page("su-kien/"), built.page("en/events/")
    assert "y2016-year" in vi.ids and "y2016" in vi.ids
    heads = re.findall(r'<h4 class="month-title" id="([^"]+)">([^<]+)</h4>', vi.html)
    assert ("y2016-year", "Không rõ tháng") in heads
    assert ("y2016-year", "Month not given") in re.findall(
        r'<h4 class="month-title" id="([^"]+)">([^<]+)</h4>', en.html
    )
    # both September 2022 events under one heading, each id once
    assert [h for h in heads if h[0] == "y2022-09"] == [("y2022-09", "Tháng 9")]


def test_events_ics_leaves_out_events_without_a_day(built: Site) -> None:
    for rel in ("data/events.ics", "en/data/events.ics"):
        cal = Calendar.from_ical((built.output / rel).read_bytes())
        summaries = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
        assert summaries in (["Ký biên bản ghi nhớ"], ["Memorandum signed"])


def test_json_ld_dates_keep_the_source_precision(built: Site) -> None:
    vi = built.page("su-kien/")
    assert '"startDate": "2022-09"' in vi.html or '"startDate":"2022-09"' in vi.html
    assert re.search(r'"startDate":\s*"2016"', vi.html)
