"""What is not published yet, although it is valid: a version still holding a placeholder of
`make new`, a story dated after the build day. Each is told as a warning naming the file;
the story appears by itself once ready (a scheduled story on its day: the site is built
every day, so it needs no commit).

The build day is `shared.build_day.build_date()`: today in the site's time zone, or the day
of `SOURCE_DATE_EPOCH` when it is set (reproducible builds of a given day).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .messages import Message, msg

# `make new` marks every text still to be written with TODO (editor_tools/story_template.py):
# an English title, the text of each version. A version holding one is not published.
PLACEHOLDER = "TODO"
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")


def placeholder_line(title: str, summary: str | None, body: str, body_line: int) -> int | None:
    """0 for the title or summary (the front matter), the file line of the text, or None."""
    if _PLACEHOLDER.search(title) or (summary and _PLACEHOLDER.search(summary)):
        return 0
    if match := _PLACEHOLDER.search(body):
        return body_line + body.count("\n", 0, match.start())
    return None


def placeholder_left() -> Message:
    return msg(
        "not published: this version still holds a placeholder of make new (%(mark)s): "
        "write the text, and remove every %(mark)s",
        mark=PLACEHOLDER,
    )


def dated_later(published_on: date, today: date) -> Message:
    return msg(
        "not published yet: dated %(day)s, after today (%(today)s); it appears on that day "
        "by itself (the site is built every day)",
        day=published_on.isoformat(),
        today=today.isoformat(),
    )


MAX_APART = timedelta(days=1)


def dated_apart(own: datetime, other_rel: str, other: datetime) -> Message:
    return msg(
        "dated %(day)s, more than a day from %(other)s (%(other_day)s): language versions of "
        "one story are dated alike; check both dates",
        day=own.date().isoformat(),
        other=other_rel,
        other_day=other.date().isoformat(),
    )
