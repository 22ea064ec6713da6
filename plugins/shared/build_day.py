"""The site's time zone and the day a build is for.

What a page shows can depend on the day: upcoming events, stories scheduled for a later day,
the projects' "now". That day is today in the site's time zone (Asia/Ho_Chi_Minh), unless the
environment variable `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC, the
reproducible-builds convention) is set: then it is that moment's day in the site's time zone.
Tests set it, so that their results never depend on the day they run. Every part of the build
asks this one function.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

SITE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """The build day: the day of `SOURCE_DATE_EPOCH` if set, else today (site time zone)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), SITE_TZ).date()
    return datetime.now(SITE_TZ).date()
