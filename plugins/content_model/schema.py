"""The content contract as pydantic models (shared/content-model.md).

Types are strict: YAML already gives numbers, dates and text their own types, and a value of
the wrong type is an error with a message for editors, never a silent conversion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any

from babel.core import Locale
from babel.numbers import list_currencies
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from shared.build_day import SITE_TZ

from .messages import Message, msg
from .plausibility import amount_slip, plausible_reading
from .suggest import did_you_mean, split_approx, suggest_country
from .values import (
    APPROX,
    KEY_RE,
    LANGS,
    PARTNER_ID_RE,
    CutNumber,
    GroupedNumber,
    LText,
    Money,
    PartialDate,
    Period,
    PeriodError,
    date_suggestion,
    number_readings,
    number_suggestion,
    parse_partial_date,
    parse_period,
    plain_number,
)

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
PROJECT_STATUSES = ("planned", "ongoing", "completed")


def fail(kind: str, message: Message) -> PydanticCustomError:
    """The error a validator raises: pydantic keeps the `Message` in the error's context,
    validation.py shows it in the editor's language (pydantic's own text is English)."""
    return PydanticCustomError(kind, str(message), {"message": message})


def one_of(value: Any, choices: tuple[str, ...], what: Message) -> str:
    if not isinstance(value, str):
        raise fail(
            "choice",
            msg("%(what)s: write one of %(choices)s", what=what, choices=", ".join(choices)),
        )
    if value not in choices:
        raise fail(
            "choice",
            msg(
                "unknown %(what)s '%(value)s'%(hint)s; use one of: %(choices)s",
                what=what,
                value=value,
                hint=did_you_mean(value, choices),
                choices=", ".join(choices),
            ),
        )
    return value


# --- scalar types -------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, GroupedNumber):  # a number, as far as YAML is concerned
        raise fail("text", msg('must be text; write it in quotes: "%(value)s"', value=value))
    if isinstance(value, str):
        if not value.strip():
            raise fail("empty", msg("must not be empty"))
        return value.strip()
    if isinstance(value, bool):
        raise fail(
            "text", msg('must be text; write it in quotes: "%(value)s"', value=str(value).lower())
        )
    if isinstance(value, int | float | date):
        raise fail("text", msg('must be text; write it in quotes: "%(value)s"', value=str(value)))
    raise fail("text", msg("must be text (a single line, or quoted)"))


def _ltext(value: Any) -> LText:
    if isinstance(value, dict):
        unknown = [k for k in value if k not in LANGS]
        if unknown:
            raise fail(
                "ltext", msg("unknown language '%(lang)s': use vi and en", lang=str(unknown[0]))
            )
        missing = [k for k in LANGS if k not in value]
        if missing:
            raise fail(
                "ltext",
                msg("give both vi and en (missing %(lang)s), or one plain text", lang=missing[0]),
            )
        return LText(vi=_text(value["vi"]), en=_text(value["en"]))
    s = _text(value)
    return LText(s, s)


def _key(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not KEY_RE.match(s):
        raise fail(
            "key",
            msg(
                "'%(value)s' is not a key: use lowercase a-z, 0-9 and hyphens, e.g. hoat-dong",
                value=s,
            ),
        )
    return s


def _partner_id(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not PARTNER_ID_RE.match(s):
        raise fail(
            "key",
            msg("'%(value)s' is not a partner id: use lowercase a-z, 0-9 and hyphens", value=s),
        )
    return s


def _slug(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not KEY_RE.match(s):
        raise fail(
            "slug",
            msg(
                "'%(value)s' is not a slug: use lowercase a-z, 0-9 and single hyphens, "
                "e.g. dai-hoi-hoi-huu-nghi-viet-lao",
                value=s,
            ),
        )
    return s


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and (
            hint := number_suggestion(value, lambda n: n == n.to_integral())
        ):
            raise fail(
                "number_text", msg("must be a plain number, not text: write %(hint)s", hint=hint)
            )
        if isinstance(value, str) and (refused := _ambiguous(value)):
            raise fail("number_text", refused)
        if isinstance(value, float) and value.is_integer():
            raise fail("whole", msg("must be a whole number: write %(hint)s", hint=int(value)))
        raise fail("number", msg("must be a whole number such as 21"))
    if value < 0:
        raise fail(
            "negative",
            msg("must not be negative: write %(hint)s or remove the minus sign", hint=-value),
        )
    return value


def _amount(value: Any, currency: str | None = None) -> Decimal:
    """An amount in `currency` (when known, a number written as text is read with it: only
    a plausible reading is suggested)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str):
            plausible = plausible_reading(currency)
            approx, number = split_approx(value)
            readings = number_readings(number)
            if plausible and len(readings) == 1 and not plausible(readings[0]):
                # the only reading is not aid (`1,25` VND): say why, suggest no number
                usd = readings[0] if currency == "USD" else None
                if slip := amount_slip(readings[0], currency or "", usd):
                    raise fail("implausible", slip)
            if hint := number_suggestion(number, plausible):
                if approx is not None:  # "trên 5,1 triệu USD": the qualifier has its field
                    raise fail("number_text", _write_approx(value, hint, approx))
                raise fail("number_text", _write_number(value, hint))
            if refused := _ambiguous(number, plausible):
                raise fail("number_text", refused)
        raise fail("number", msg("must be a plain number such as 15200000"))
    if value < 0:
        raise fail("negative", msg("must not be negative (0 or more)"))
    return Decimal(str(value))


def _write_approx(typed: str, hint: str, approx: str) -> Message:
    return msg(
        "must be a plain number, and the source's qualifier goes in approx: write %(hint)s "
        "and add approx: %(approx)s",
        hint=hint,
        approx=approx,
    )


def _write_number(typed: str, hint: str) -> Message:
    """What to write for an amount typed as text, by how it was typed."""
    if isinstance(typed, CutNumber):
        return msg(
            "a number with commas inside { } was cut at the commas: write %(hint)s (no separators)",
            hint=hint,
        )
    if isinstance(typed, GroupedNumber):
        return msg("must be a plain number without separators: write %(hint)s", hint=hint)
    return msg("must be a plain number without quotes or separators: write %(hint)s", hint=hint)


def _ambiguous(text: str, plausible: Callable[[Decimal], bool] | None = None) -> Message | None:
    """The message for a number with several readings, none of them suggested."""
    readings = number_readings(text)
    if plausible is not None and readings:
        readings = tuple(r for r in readings if plausible(r)) or readings
    if len(readings) < 2:
        return None
    return msg(
        "'%(value)s' can be read as %(first)s or as %(second)s: write the number meant "
        "without separators, with a dot before decimals",
        value=text,
        first=plain_number(readings[-1]),
        second=plain_number(readings[0]),
    )


def _percent(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):

        def plausible(v: Decimal) -> bool:
            return v <= 1000  # 81.800 is 81.8 %, not 81800 %

        if isinstance(value, str) and (hint := number_suggestion(value, plausible)):
            raise fail("number_text", msg("must be a plain number: write %(hint)s", hint=hint))
        if isinstance(value, str) and (refused := _ambiguous(value, plausible)):
            raise fail("number_text", refused)
        raise fail("number", msg("must be a percentage as a plain number, e.g. 81.8"))
    if value < 0:
        raise fail("negative", msg("a percentage must not be negative (write e.g. 81.8)"))
    return Decimal(str(value))


def _currency(value: Any) -> str:
    if not isinstance(value, str) or value not in CURRENCIES:
        shown = value if isinstance(value, str) else str(value)
        hint = did_you_mean(shown.upper().replace("Đ", "D"), sorted(CURRENCIES))
        raise fail(
            "currency",
            msg(
                "unknown currency '%(value)s'%(hint)s: write an ISO 4217 code such as VND, "
                "USD, EUR",
                value=shown,
                hint=hint,
            ),
        )
    return value


def _country(value: Any) -> str:
    if not isinstance(value, str) or value not in COUNTRIES:
        shown = value if isinstance(value, str) else str(value).upper()
        hint = suggest_country(shown, COUNTRIES)
        raise fail(
            "country",
            msg(
                "'%(value)s' is not an ISO 3166-1 alpha-2 country code%(hint)s: "
                'write two capital letters in quotes, e.g. "KR"',
                value=shown,
                hint=hint,
            ),
        )
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise fail("flag", msg("write true, or remove the line"))
    return value


Flag = Annotated[bool, BeforeValidator(_flag)]


def _sector(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise fail("sector", msg('write the code in quotes: "%(value)s"', value=value))
    if not isinstance(value, str) or not (len(value) == 5 and value.isdigit()):
        raise fail("sector", msg('an OECD DAC purpose code has 5 digits, in quotes: "12220"'))
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
        hint = date_suggestion(value)
        if hint and len(hint) == 10:
            raise fail(
                "date", msg("'%(value)s' is not a date: write %(hint)s", value=value, hint=hint)
            )
    raise fail(
        "date",
        msg("'%(value)s' is not a date: write YYYY-MM-DD, e.g. 2019-09-20", value=str(value)),
    )


def _partial_date(value: Any) -> PartialDate:
    """An event's day, month or year: only what the source gives (`2022-09` for "tháng 9")."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        try:
            return parse_partial_date(value)
        except ValueError:
            pass
        if hint := date_suggestion(value):
            raise fail(
                "date", msg("'%(value)s' is not a date: write %(hint)s", value=value, hint=hint)
            )
    raise fail(
        "date",
        msg(
            "'%(value)s' is not a date: write 2019-09-20, or 2019-09 when the source gives "
            "only the month, or 2019 when it gives only the year",
            value=str(value),
        ),
    )


def _pub_date(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            hint = date_suggestion(value)
            if hint and len(hint) == 10:  # 12/5/2024, as Vietnamese editors write a day
                raise fail(
                    "date", msg("'%(value)s' is not a date: write %(hint)s", value=value, hint=hint)
                ) from None
            raise fail(
                "date",
                msg("'%(value)s' is not a date: write YYYY-MM-DD or 2019-09-20T08:30", value=value),
            ) from None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=SITE_TZ)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=SITE_TZ)
    raise fail("date", msg("write the date as YYYY-MM-DD, e.g. 2019-09-20"))


def _period(value: Any) -> Period:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise fail("period", msg('write the period in quotes: "2014-2019"'))
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise fail("period", exc.message) from None


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
        raise fail("year", msg("a year such as 2008"))
    return value


def _url(value: Any) -> str:
    s = _text(value)
    if not (s.startswith("https://") or s.startswith("http://")) or " " in s:
        raise fail("url", msg("a web address starting with https://"))
    return s


def _lang(value: Any) -> str:
    return one_of(value, LANGS, msg("language"))


Text = Annotated[str, BeforeValidator(_text)]
LocText = Annotated[LText, BeforeValidator(_ltext)]
Key = Annotated[str, BeforeValidator(_key)]
PartnerId = Annotated[str, BeforeValidator(_partner_id)]
Count = Annotated[int, BeforeValidator(_count)]
Percent = Annotated[Decimal, BeforeValidator(_percent)]
Currency = Annotated[str, BeforeValidator(_currency)]
Country = Annotated[str, BeforeValidator(_country)]
Sector = Annotated[str, BeforeValidator(_sector)]
Day = Annotated[date, BeforeValidator(_as_date)]
SourceDate = Annotated[PartialDate, BeforeValidator(_partial_date)]
PubDate = Annotated[datetime, BeforeValidator(_pub_date)]
PeriodField = Annotated[Period, BeforeValidator(_period)]
Year = Annotated[int, BeforeValidator(_year)]
Url = Annotated[str, BeforeValidator(_url)]
Lang = Annotated[str, BeforeValidator(_lang)]
Slug = Annotated[str, BeforeValidator(_slug)]


# the filter folders beside project pages (/du-an/nam/2022/, /en/projects/year/2022/:
# bilingual/urls.py): a project with one of these ids would share its folder
RESERVED_PROJECT_IDS = frozenset(
    {"nha-tai-tro", "linh-vuc", "trang-thai", "tinh", "nam", "page"}
    | {"donor", "sector", "status", "province", "year"}
)


def _project_id(value: Any) -> str:
    s = _text(value) if not isinstance(value, str) else value
    if not KEY_RE.match(s):
        raise fail(
            "key",
            msg(
                "'%(value)s' is not a project id: use lowercase a-z, 0-9 and hyphens, "
                "e.g. gni-nuoc-sach-lam-binh",
                value=s,
            ),
        )
    return s


def _new_project_id(value: Any) -> str:
    s = _project_id(value)
    if s in RESERVED_PROJECT_IDS:
        raise fail(
            "reserved",
            msg(
                "'%(value)s' is a folder of the project pages: give the project a longer id",
                value=s,
            ),
        )
    return s


# {registration agency}-{number}: org-id.guide agency codes such as XM-DAC, XI-IATI, GB-CHC
_IATI_ORG_ID = re.compile(r"^[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9_.-]+$")


def _iati_org_id(value: Any) -> str:
    s = _text(value)
    if not _IATI_ORG_ID.match(s) or len(s) > 100:
        raise fail(
            "iati_org_id",
            msg(
                "'%(value)s' is not an IATI organisation identifier: write the registration "
                "agency code (org-id.guide), a hyphen and the number it gave, e.g. XI-IATI-12345",
                value=s,
            ),
        )
    return s


ProjectId = Annotated[str, BeforeValidator(_project_id)]
NewProjectId = Annotated[str, BeforeValidator(_new_project_id)]
IatiOrgId = Annotated[str, BeforeValidator(_iati_org_id)]


class OneOf:
    """A validator for one of a fixed set of words; `choices` is public so that the editors'
    desk can offer them as a list (plugins/desk/config.py)."""

    def __init__(self, choices: tuple[str, ...], what: Message):
        self.choices = choices
        self.what = what

    def __call__(self, value: Any) -> str:
        return one_of(value, self.choices, self.what)


def choice(choices: tuple[str, ...], what: Message) -> BeforeValidator:
    return BeforeValidator(OneOf(choices, what))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


# --- article front matter -----------------------------------------------------------------


class MoneyModel(Model):
    # currency is read first: the value's checks use it (a number written as text is
    # suggested only in a reading plausible for the currency)
    currency: Currency = Field(description="ISO 4217 code: VND, USD, EUR...")
    value: Decimal = Field(description="the amount in full, digits only: 16104216000")
    confirmed: Flag = Field(
        default=False,
        description="true when an amount that looks like a slip (plausibility.py) is right",
    )

    approx: Annotated[str, choice(APPROX, msg("approx qualifier"))] | None = Field(
        default=None,
        description="the source's own qualifier: over (trên, hơn), about (khoảng), "
        "nearly (gần), under (dưới)",
    )

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, value: Any, info: ValidationInfo) -> Decimal:
        return _amount(value, info.data.get("currency"))

    def money(self) -> Money:
        return Money(self.value, self.currency, self.approx)


class Image(Model):
    src: Text
    alt: Text
    caption: Text | None = None


class Event(Model):
    date: SourceDate  # YYYY-MM-DD, YYYY-MM or YYYY: the precision the source gives
    end: SourceDate | None = None
    title: LocText
    kind: Annotated[str, choice(EVENT_KINDS, msg("event kind"))]
    place: Text | None = None
    partners: list[PartnerId] = Field(default_factory=list)

    @model_validator(mode="after")
    def _end_after_start(self) -> Event:
        if self.end is not None and self.end.last < self.date.first:
            raise fail(
                "end_before",
                msg(
                    "end (%(end)s) is before date (%(date)s)",
                    end=self.end.isoformat(),
                    date=self.date.isoformat(),
                ),
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
    reported: MoneyModel | None = Field(
        default=None,
        description="an amount the source states without saying committed or disbursed "
        '("giá trị viện trợ"): never added to either',
    )
    per_year: Flag = Field(
        default=False,
        description="true when the amounts are yearly averages over the period "
        '("2,9 triệu USD/năm"): never added to any total',
    )
    plan: MoneyModel | None = None
    plan_rate: Percent | None = None
    kind: Annotated[str, choice(AID_KINDS, msg("aid kind"))] | None = None
    sector: Sector | None = None
    sector_label: LocText | None = Field(
        default=None,
        description="the sector in the source's own words, vi and en; pages show these words",
    )

    @model_validator(mode="after")
    def _rules(self) -> AidFigure:
        amounts = (self.projects, self.committed, self.disbursed, self.reported)
        if all(a is None for a in amounts):
            raise fail(
                "aid_empty", msg("give at least one of projects, committed, disbursed, reported")
            )
        if self.partner is not None and self.donors is not None:
            raise fail(
                "donors_partner",
                msg("donors is for totals only: remove donors, or remove partner"),
            )
        if self.plan is not None and self.plan_rate is not None:
            raise fail("plan_both", msg("give plan or plan_rate, not both"))
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
    aid_projects: list[ProjectId] = Field(
        default_factory=list,
        description="Ids of the aid projects the story is about (content/data/aid-projects.yaml)",
    )
    status: Annotated[str, choice(("published", "draft"), msg("status"))] = "published"


STORY_DATA_FIELDS = ("partners", "events", "aid", "aid_projects")


# --- data files ---------------------------------------------------------------------------


class Site(Model):
    name: LocText
    short_name: LocText
    province: Key
    address: Text
    phone: Text
    email: Text
    bulletin: LocText
    iati_org_id: IatiOrgId | None = Field(
        None,
        description="The union's IATI organisation identifier, {agency}-{number} "
        "(e.g. XI-IATI-12345): reporting organisation of data/iati-activities.xml",
    )


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
    type: Annotated[str, choice(PARTNER_TYPES, msg("partner type"))]
    website: Url | None = None
    since: Year | None = None
    sectors: list[Sector] = Field(default_factory=list)
    description: LocText | None = None


class AidProject(Model):
    """One programme or project of `content/data/aid-projects.yaml`, as the union's records or
    a story give it. Amounts are optional: a source that names a project without its budget
    gives none, and none is invented."""

    id: NewProjectId = Field(description="Unique id, used in URLs and in stories' aid_projects")
    title: LocText = Field(description="Name of the project, in vi and en")
    partner: PartnerId = Field(description="The donor: an id of partners.yaml")
    province: Key = Field(description="Province where it takes place: a key of provinces.yaml")
    kind: Annotated[str, choice(AID_KINDS, msg("aid kind"))] = Field(
        description="programme, project or non-project (Decree 80/2020/ND-CP)"
    )
    sector: Sector | None = Field(None, description="OECD DAC 5-digit purpose code, in quotes")
    period: PeriodField = Field(
        description='Years it runs, as the source gives them: "2016-2019", "2022" or '
        '"2022-01/2022-09"'
    )
    status: Annotated[str, choice(PROJECT_STATUSES, msg("project status"))] = Field(
        description="planned, ongoing or completed"
    )
    committed: MoneyModel | None = Field(None, description="Amount committed by the donor")
    disbursed: MoneyModel | None = Field(None, description="Amount disbursed so far")
    location: LocText | None = Field(None, description="Place within the province, vi and en")
    description: LocText | None = Field(None, description="What the project does, vi and en")


class AidProjects(RootModel[list[AidProject]]):
    pass


class Categories(RootModel[dict[Key, Category]]):
    pass


class Provinces(RootModel[dict[Key, Province]]):
    pass


class Partners(RootModel[list[Partner]]):
    pass


# --- data files as the editors' desk writes them ------------------------------------------
# A git-based CMS edits a YAML file as one group of fields: it cannot edit a top-level list
# or a mapping whose keys are data. These forms hold the same entries as lists under one
# field; both forms are valid (docs/dev/editors-desk.md).


class PartnersFile(Model):
    partners: list[Partner] = Field(default_factory=list)


class AidProjectsFile(Model):
    projects: list[AidProject] = Field(default_factory=list)


class CategoryItem(Category):
    key: Key


class ProvinceItem(Province):
    key: Key


class CategoriesFile(Model):
    categories: list[CategoryItem] = Field(default_factory=list)


class ProvincesFile(Model):
    provinces: list[ProvinceItem] = Field(default_factory=list)


def _rate(value: Any) -> Decimal:
    amount = _amount(value)
    if amount == 0:
        raise fail("rate_zero", msg("a rate must be more than 0: VND for one unit, e.g. 23050"))
    return amount


Rate = Annotated[Decimal, BeforeValidator(_rate)]


class ExchangeRates(RootModel[dict[Currency, dict[Year, Rate]]]):
    pass


class YearRate(Model):
    year: Year
    rate: Rate


class CurrencyRates(Model):
    currency: Currency
    years: list[YearRate] = Field(default_factory=list)


class ExchangeRatesFile(Model):
    rates: list[CurrencyRates] = Field(default_factory=list)


# --- bulletin issues (content/bulletins/<id>.yaml) ------------------------------------------

ISSUE_NUMBER_RE = re.compile(r"^(\d{1,3})/(\d{4})$")
_NUMBER_AND_YEAR = re.compile(r"^\s*(\d{1,3})\s*[-_.\\ ]\s*(\d{4})\s*$")


def _issue_number(value: Any) -> str:
    """`3/2023`: the issue's number within its year, then the year."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise fail(
            "issue_number", msg("write the number and the year, e.g. %(number)s/2023", number=value)
        )
    s = _text(value)
    if ISSUE_NUMBER_RE.match(s):
        return s
    if m := _NUMBER_AND_YEAR.match(s):
        raise fail(
            "issue_number",
            msg(
                "'%(value)s' is not an issue number: write %(hint)s", value=s, hint=f"{m[1]}/{m[2]}"
            ),
        )
    raise fail(
        "issue_number",
        msg("'%(value)s' is not an issue number: write NUMBER/YEAR, e.g. 3/2023", value=s),
    )


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
                msg(
                    "from (%(start)s) is after to (%(end)s): swap the two dates",
                    start=self.start.isoformat(),
                    end=self.end.isoformat(),
                ),
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
