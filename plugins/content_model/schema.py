"""The content contract as pydantic models (shared/content-model.md).

Types are strict: YAML already gives numbers, dates and text their own types, and a value of
the wrong type is an error with a message for editors, never a silent conversion.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from babel.core import Locale
from babel.numbers import list_currencies
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .values import (
    KEY_RE,
    LANGS,
    PARTNER_ID_RE,
    LText,
    Money,
    Period,
    number_suggestion,
    parse_period,
)

SITE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CURRENCIES = frozenset(list_currencies())
# CLDR territories that are not ISO 3166-1 countries: unknown region, EU, eurozone, UN,
# and the user-assigned ranges (QM-QZ, XA-XZ).
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN"}
COUNTRIES = frozenset(
    k
    for k in Locale("en").territories
    if len(k) == 2 and k.isalpha() and k not in _NOT_COUNTRIES and k[0] not in "QX"
)

EVENT_KINDS = (
    "delegation",
    "visit",
    "conference",
    "congress",
    "exchange",
    "training",
    "handover",
    "signing",
    "medical",
    "volunteer",
    "other",
)
PARTNER_TYPES = (
    "ingo",
    "friendship-association",
    "locality",
    "embassy",
    "company",
    "university",
    "government",
    "multilateral",
    "other",
)
AID_KINDS = ("programme", "project", "non-project")


def fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def did_you_mean(value: str, choices: list[str] | tuple[str, ...]) -> str:
    """Closest choices, ignoring case (`GNI` suggests `gni`)."""
    by_folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(value.casefold(), list(by_folded), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(by_folded[c] for c in close)}?)" if close else ""


def one_of(value: Any, choices: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str):
        raise fail("choice", f"{what}: write one of {', '.join(choices)}")
    if value not in choices:
        raise fail(
            "choice",
            f"unknown {what} '{value}'{did_you_mean(value, choices)}; "
            f"use one of: {', '.join(choices)}",
        )
    return value


# --- scalar types -------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, str):
        if not value.strip():
            raise fail("empty", "must not be empty")
        return value.strip()
    if isinstance(value, bool):
        raise fail("text", f'must be text; write it in quotes: "{str(value).lower()}"')
    if isinstance(value, int | float | date):
        raise fail("text", f'must be text; write it in quotes: "{value}"')
    raise fail("text", "must be text (a single line, or quoted)")


def _ltext(value: Any) -> LText:
    if isinstance(value, dict):
        unknown = [k for k in value if k not in LANGS]
        if unknown:
            raise fail("ltext", f"unknown language '{unknown[0]}': use vi and en")
        missing = [k for k in LANGS if k not in value]
        if missing:
            raise fail("ltext", f"give both vi and en (missing {missing[0]}), or one plain text")
        return LText(vi=_text(value["vi"]), en=_text(value["en"]))
    s = _text(value)
    return LText(s, s)


def _key(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not KEY_RE.match(s):
        raise fail("key", f"'{s}' is not a key: use lowercase a-z, 0-9 and hyphens, e.g. hoat-dong")
    return s


def _partner_id(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not PARTNER_ID_RE.match(s):
        raise fail("key", f"'{s}' is not a partner id: use lowercase a-z, 0-9 and hyphens")
    return s


def _slug(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not KEY_RE.match(s):
        raise fail(
            "slug",
            f"'{s}' is not a slug: use lowercase a-z, 0-9 and single hyphens, "
            "e.g. dai-hoi-hoi-huu-nghi-viet-lao",
        )
    return s


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and (hint := number_suggestion(value)):
            raise fail("number_text", f"must be a plain number, not text: write {hint}")
        if isinstance(value, float) and value.is_integer():
            raise fail("whole", f"must be a whole number: write {int(value)}")
        raise fail("number", "must be a whole number such as 21")
    if value < 0:
        raise fail("negative", f"must not be negative: write {-value} or remove the minus sign")
    return value


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str) and (hint := number_suggestion(value)):
            raise fail(
                "number_text",
                f"must be a plain number without quotes or separators: write {hint}",
            )
        raise fail("number", "must be a plain number such as 15200000")
    if value < 0:
        raise fail("negative", "must not be negative (0 or more)")
    return Decimal(str(value))


def _percent(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str) and (hint := number_suggestion(value)):
            raise fail("number_text", f"must be a plain number: write {hint}")
        raise fail("number", "must be a percentage as a plain number, e.g. 81.8")
    if value < 0:
        raise fail("negative", "a percentage must not be negative (write e.g. 81.8)")
    return Decimal(str(value))


def _currency(value: Any) -> str:
    if not isinstance(value, str) or value not in CURRENCIES:
        shown = value if isinstance(value, str) else str(value)
        hint = did_you_mean(shown.upper().replace("Đ", "D"), sorted(CURRENCIES))
        raise fail(
            "currency",
            f"unknown currency '{shown}'{hint}: write an ISO 4217 code such as VND, USD, EUR",
        )
    return value


def _country(value: Any) -> str:
    if not isinstance(value, str) or value not in COUNTRIES:
        shown = value if isinstance(value, str) else str(value).upper()
        hint = did_you_mean(shown.upper(), sorted(COUNTRIES))
        raise fail(
            "country",
            f"'{shown}' is not an ISO 3166-1 alpha-2 country code{hint}: "
            'write two capital letters in quotes, e.g. "KR"',
        )
    return value


def _sector(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise fail("sector", f'write the code in quotes: "{value}"')
    if not isinstance(value, str) or not (len(value) == 5 and value.isdigit()):
        raise fail("sector", 'an OECD DAC purpose code has 5 digits, in quotes: "12220"')
    return value


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail("date", f"'{value}' is not a date: write YYYY-MM-DD, e.g. 2019-09-20")


def _pub_date(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise fail(
                "date", f"'{value}' is not a date: write YYYY-MM-DD or 2019-09-20T08:30"
            ) from None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=SITE_TZ)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=SITE_TZ)
    raise fail("date", "write the date as YYYY-MM-DD, e.g. 2019-09-20")


def _period(value: Any) -> Period:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise fail("period", 'write the period in quotes: "2014-2019"')
    try:
        return parse_period(value)
    except ValueError as exc:
        raise fail("period", str(exc)) from None


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise fail("year", "a year such as 2008")
    return value


def _url(value: Any) -> str:
    s = _text(value)
    if not (s.startswith("https://") or s.startswith("http://")) or " " in s:
        raise fail("url", "a web address starting with https://")
    return s


def _lang(value: Any) -> str:
    return one_of(value, LANGS, "language")


Text = Annotated[str, BeforeValidator(_text)]
LocText = Annotated[LText, BeforeValidator(_ltext)]
Key = Annotated[str, BeforeValidator(_key)]
PartnerId = Annotated[str, BeforeValidator(_partner_id)]
Count = Annotated[int, BeforeValidator(_count)]
Amount = Annotated[Decimal, BeforeValidator(_amount)]
Percent = Annotated[Decimal, BeforeValidator(_percent)]
Currency = Annotated[str, BeforeValidator(_currency)]
Country = Annotated[str, BeforeValidator(_country)]
Sector = Annotated[str, BeforeValidator(_sector)]
Day = Annotated[date, BeforeValidator(_as_date)]
PubDate = Annotated[datetime, BeforeValidator(_pub_date)]
PeriodField = Annotated[Period, BeforeValidator(_period)]
Year = Annotated[int, BeforeValidator(_year)]
Url = Annotated[str, BeforeValidator(_url)]
Lang = Annotated[str, BeforeValidator(_lang)]
Slug = Annotated[str, BeforeValidator(_slug)]


def choice(choices: tuple[str, ...], what: str) -> BeforeValidator:
    return BeforeValidator(lambda v: one_of(v, choices, what))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


# --- article front matter -----------------------------------------------------------------


class MoneyModel(Model):
    value: Amount
    currency: Currency

    def money(self) -> Money:
        return Money(self.value, self.currency)


class Image(Model):
    src: Text
    alt: Text
    caption: Text | None = None


class Event(Model):
    date: Day
    end: Day | None = None
    title: LocText
    kind: Annotated[str, choice(EVENT_KINDS, "event kind")]
    place: Text | None = None
    partners: list[PartnerId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _end_after_start(self) -> Event:
        if self.end is not None and self.end < self.date:
            raise fail(
                "end_before",
                f"end ({self.end.isoformat()}) is before date ({self.date.isoformat()})",
            )
        return self


class AidFigure(Model):
    period: PeriodField
    partner: PartnerId | None = None
    province: Key | None = None
    projects: Count | None = None
    donors: Count | None = None
    committed: MoneyModel | None = None
    disbursed: MoneyModel | None = None
    plan: MoneyModel | None = None
    plan_rate: Percent | None = None
    kind: Annotated[str, choice(AID_KINDS, "aid kind")] | None = None
    sector: Sector | None = None

    @model_validator(mode="after")
    def _rules(self) -> AidFigure:
        if self.projects is None and self.committed is None and self.disbursed is None:
            raise fail("aid_empty", "give at least one of projects, committed, disbursed")
        if self.partner is not None and self.donors is not None:
            raise fail(
                "donors_partner",
                "donors is for totals only: remove donors, or remove partner",
            )
        if self.plan is not None and self.plan_rate is not None:
            raise fail("plan_both", "give plan or plan_rate, not both")
        return self


class FrontMatter(Model):
    title: Text
    date: PubDate
    lang: Lang
    slug: Slug
    category: Key
    tags: list[Text] = Field(default_factory=list)
    author: Text | None = None
    summary: Text | None = None
    province: Key | None = None
    image: Image | None = None
    partners: list[PartnerId] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    aid: list[AidFigure] = Field(default_factory=list)
    status: Annotated[str, choice(("published", "draft"), "status")] = "published"

    def story_data(self) -> dict[str, Any]:
        """What belongs to the story rather than to one language version."""
        return {"partners": self.partners, "events": self.events, "aid": self.aid}


FRONT_MATTER_FIELDS = tuple(FrontMatter.model_fields)
STORY_DATA_FIELDS = ("partners", "events", "aid")


# --- data files ---------------------------------------------------------------------------


class Site(Model):
    name: LocText
    short_name: LocText
    province: Key
    address: Text
    phone: Text
    email: Text
    bulletin: LocText


class Category(Model):
    name: LocText


class Province(Model):
    name: LocText
    merged_into: Key | None = None
    until: Day | None = None


class Partner(Model):
    id: PartnerId
    name: LocText
    acronym: Text | None = None
    country: Country
    type: Annotated[str, choice(PARTNER_TYPES, "partner type")]
    website: Url | None = None
    since: Year | None = None
    sectors: list[Sector] = Field(default_factory=list)
    description: LocText | None = None


class Categories(RootModel[dict[Key, Category]]):
    pass


class Provinces(RootModel[dict[Key, Province]]):
    pass


class Partners(RootModel[list[Partner]]):
    pass


def _rate(value: Any) -> Decimal:
    amount = _amount(value)
    if amount == 0:
        raise fail("rate_zero", "a rate must be more than 0: VND for one unit, e.g. 23050")
    return amount


Rate = Annotated[Decimal, BeforeValidator(_rate)]


class ExchangeRates(RootModel[dict[Currency, dict[Year, Rate]]]):
    pass


# --- bulletin issues (content/bulletins/<id>.yaml) ------------------------------------------

ISSUE_NUMBER_RE = re.compile(r"^(\d{1,3})/(\d{4})$")
_NUMBER_AND_YEAR = re.compile(r"^\s*(\d{1,3})\s*[-_.\\ ]\s*(\d{4})\s*$")


def _issue_number(value: Any) -> str:
    """`3/2023`: the issue's number within its year, then the year."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise fail("issue_number", f"write the number and the year, e.g. {value}/2023")
    s = _text(value)
    if ISSUE_NUMBER_RE.match(s):
        return s
    if m := _NUMBER_AND_YEAR.match(s):
        raise fail("issue_number", f"'{s}' is not an issue number: write {m[1]}/{m[2]}")
    raise fail("issue_number", f"'{s}' is not an issue number: write NUMBER/YEAR, e.g. 3/2023")


IssueNumber = Annotated[str, BeforeValidator(_issue_number)]


class IssuePeriod(Model):
    # `from` is a Python keyword: the fields are named start/end, editors write from/to
    start: Day = Field(alias="from")
    end: Day = Field(alias="to")

    @model_validator(mode="after")
    def _start_before_end(self) -> IssuePeriod:
        if self.start > self.end:
            raise fail(
                "period_order",
                f"from ({self.start.isoformat()}) is after to ({self.end.isoformat()}): "
                "swap the two dates",
            )
        return self


class CoverImage(Model):
    src: Text
    alt: LocText
    caption: LocText | None = None


class Bulletin(Model):
    number: IssueNumber
    period: IssuePeriod
    editorial: LocText  # Markdown
    stories: list[Slug] | None = None  # absent: every published story of the period
    cover_story: Slug | None = None  # absent: the issue's first story
    cover_image: CoverImage | None = None  # absent: the cover story's photo
