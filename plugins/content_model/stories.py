"""Load and check the stories (`content/articles/`): each language version's front matter and
text, its references to the data files and its amounts; then the translation groups (the
versions of one story share their story data), which versions wait (placeholders, later
dates), and the breakdowns that do not add up.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from shared.build_day import SITE_TZ

from . import schema
from .amounts import AmountPlace, check_amount
from .body_limits import body_problem
from .consistency import breakdown_mismatches
from .errors import ContentError, ErrorReport, format_field
from .limits import MAX_STORY_BYTES
from .messages import Message, msg
from .parsed_cache import ParsedStories
from .readiness import MAX_APART, dated_apart, dated_later, placeholder_left, placeholder_line
from .reading import (
    image_src_problem,
    items_of,
    parse_yaml,
    read_source,
    rel,
    validate_into,
    value_at,
)
from .schema import did_you_mean
from .site_data import SiteData, data_path
from .source import SourceError, decode, read_bytes, split_front_matter
from .suggest import suggest_key
from .values import LANGS, plain_number
from .yaml_loader import LineMap, Loc, YamlSyntaxError, load_yaml

STORY_SUFFIXES = (".md", ".markdown")


class FileLines(LineMap):
    """The line map of a story file's front matter, made again from the file the first
    time a line is asked for (a message to locate), then kept. A checked story keeps this
    in place of the map its check made: line maps were the largest part of a checked
    project (tens of MB at 5000 stories, the build's peak memory), for a few messages."""

    def __init__(self, path: Path):
        super().__init__(default=FRONT_FIRST_LINE)
        self.path = path
        self.loaded = False

    def line(self, loc: Loc) -> int:
        if not self.loaded:
            self.loaded = True
            self.lines = front_matter_lines(self.path)
        return super().line(loc)


FRONT_FIRST_LINE = 2  # the file line where a front matter starts (after `---`)


def front_matter_lines(path: Path) -> dict[Loc, int]:
    """The lines of the values of a story file's front matter, read again from the file;
    none when it can no longer be read (changed since it was checked)."""
    try:
        split = split_front_matter(decode(path.read_bytes()))
        return load_yaml(split.front, split.front_first_line)[1].lines
    except (OSError, SourceError, YamlSyntaxError):
        return {}


@dataclass
class StoryFile:
    """One language version of a story. `lines`: where each front matter value is written,
    a `FileLines` once the project is checked (made again from the file if asked)."""

    path: Path
    rel: str
    front: schema.FrontMatter
    body: str
    lines: LineMap
    body_line: int = 1  # the file line where the body starts
    # why a valid version is not published today (readiness.py): a placeholder, a later date
    held: ContentError | None = None

    @property
    def lang(self) -> str:
        return self.front.lang

    @property
    def published(self) -> bool:
        return self.front.status == "published" and self.held is None

    def forget_lines(self) -> None:
        """Drop the line map the check made: read again from the file if a line is asked."""
        if not isinstance(self.lines, FileLines):
            self.lines = FileLines(self.path)


@dataclass
class Story:
    """A translation group: the versions of one story, sharing a slug and the story data."""

    slug: str
    versions: dict[str, StoryFile]
    partners: list[str]
    events: list[schema.Event]
    aid: list[schema.AidFigure]
    province: str  # the story's province (explicit, else the site's)
    aid_projects: list[str] = field(default_factory=list)  # ids of aid-projects.yaml

    def published_versions(self) -> list[StoryFile]:
        return [v for v in self.versions.values() if v.published]

    def version_for(self, lang: str) -> StoryFile | None:
        """The published version a reader of `lang` follows: their own, else another (in the
        site's language order); None when no version is published. (Versions are keyed by
        their language: no dict made per call, which the capabilities' plans make for every
        story and language.)"""
        for code in (lang, *LANGS):
            version = self.versions.get(code)
            if version is not None and version.published:
                return version
        return None


def story_paths(root: Path) -> list[Path]:
    base = root / "content" / "articles"
    if not base.exists():
        return []
    return sorted(p for p in base.rglob("*") if p.suffix in STORY_SUFFIXES and p.is_file())


def load_story(
    root: Path, path: Path, data: SiteData, report: ErrorReport, parsed: ParsedStories
) -> StoryFile | None:
    """One story file checked against the data files; `parsed`: the stories parsed and valid
    so far, by path and hash of their bytes (parsed_cache.py), which it adds to."""
    r = rel(root, path)
    path = Path(os.path.abspath(path))
    raw = read_source(r, lambda: read_bytes(path, MAX_STORY_BYTES, msg("a story")), report)
    if raw is None:
        return None
    cached = parsed.get(path, raw)
    if cached is not None:
        body, value, front, body_line = cached
        lines = FileLines(path)  # read again only to locate a message
        check_story_refs(root, r, value, lines, data, report)  # data files may have changed
        return StoryFile(path, r, front, body, lines, body_line)
    errors_before = len(report)
    split = read_source(r, lambda: split_front_matter(decode(raw)), report)
    if split is None:
        return None
    yaml = parse_yaml(r, split.front, split.front_first_line, report)
    if yaml is None:
        return None
    value, lines = yaml
    if not isinstance(value, dict):
        report.add(r, 2, "front matter", msg("the front matter must be fields (key: value lines)"))
        return None
    own_errors = len(report) > errors_before
    if "lang" not in value and (lang := lang_of_file_name(path)):
        # the editors' desk writes one file per language and no per-language field:
        # `<slug>.vi.md` says the language (docs/dev/editors-desk.md)
        value = {**value, "lang": lang}
    check_story_refs(root, r, value, lines, data, report)
    front = validate_into(schema.FrontMatter, value, r, lines, report)
    problem = body_problem(split.body)
    if problem is not None:
        report.add(r, split.body_first_line + problem[0] - 1, "text", problem[1])
        return None
    if front is None:
        return None
    if not own_errors:
        parsed.put(path, raw, (split.body, value, front, split.body_first_line), root)
    return StoryFile(path, r, front, split.body, lines, split.body_first_line)


def load_stories(
    root: Path,
    data: SiteData,
    report: ErrorReport,
    warnings: list[ContentError],
    today: date,
    save_parsed: bool,
    parsed: ParsedStories,
) -> list[StoryFile]:
    """Every valid story file, its amounts checked; a published version that waits (`hold`)
    is kept, with the reason why (a warning). `save_parsed`, `parsed`: see `load_project`."""
    files: list[StoryFile] = []
    paths = story_paths(root)
    parsed.load(root)
    for path in paths:
        f = load_story(root, path, data, report, parsed)
        if f is not None:
            check_story_amounts(f, data, report, warnings)
            if f.front.status == "published" and (held := hold(f, today)) is not None:
                f.held = held
                warnings.append(held)
            files.append(f)
    if save_parsed:
        parsed.save(root, [Path(os.path.abspath(p)) for p in paths])
    return files


def lang_of_file_name(path: Path) -> str | None:
    """`vi` for `<slug>.vi.md`: the language a file's name gives, if any."""
    suffixes = Path(path).suffixes
    lang = suffixes[-2].lstrip(".") if len(suffixes) >= 2 else None
    return lang if lang in LANGS else None


def check_story_refs(
    root: Path, r: str, raw: dict[str, Any], lines: LineMap, data: SiteData, report: ErrorReport
) -> None:
    """References to data files, checked on the raw values so that they are reported even
    when other fields of the same file are wrong."""
    partners = data.declared.get("partners")
    categories = data.declared.get("categories")
    provinces = data.declared.get("provinces")

    names = {kind: data.names(kind) for kind in ("partners", "provinces", "categories")}

    def need(kind: Message, known: list[str] | None, loc: tuple, file: str) -> None:
        key = value_at(raw, *loc)
        # known is None when the data file itself could not be read: reported there
        if isinstance(key, str) and known is not None and key not in known:
            named = names.get(Path(file).stem) if file.startswith("content/data/") else None
            report.add(
                r,
                lines.line(loc),
                format_field(loc),
                msg(
                    "unknown %(kind)s '%(key)s'%(hint)s; see %(file)s",
                    kind=kind,
                    key=key,
                    hint=suggest_key(key, named) if named else did_you_mean(key, known),
                    file=file,
                ),
            )

    partner_hint, partner = "content/data/partners.yaml", msg("partner")
    province_hint, province = "content/data/provinces.yaml", msg("province")
    need(msg("category"), categories, ("category",), "content/data/categories.yaml")
    need(province, provinces, ("province",), province_hint)
    for i, _ in items_of(raw, "partners"):
        need(partner, partners, ("partners", i), partner_hint)
    for i, ev in items_of(raw, "events"):
        for j, _ in items_of(ev, "partners"):
            need(partner, partners, ("events", i, "partners", j), partner_hint)
    for i, _ in items_of(raw, "aid"):
        need(partner, partners, ("aid", i, "partner"), partner_hint)
        need(province, provinces, ("aid", i, "province"), province_hint)
    for i, _ in items_of(raw, "aid_projects"):
        need(
            msg("project"),
            data.declared.get("projects"),
            ("aid_projects", i),
            data_path("projects"),
        )
    src = value_at(raw, "image", "src")
    if isinstance(src, str) and (message := image_src_problem(root, src)):
        report.add(r, lines.line(("image", "src")), "image.src", message)


AMOUNT_FIELDS = ("committed", "disbursed", "reported", "plan")


def check_story_amounts(
    f: StoryFile, data: SiteData, report: ErrorReport, warnings: list[ContentError]
) -> None:
    """Every amount of a story's aid figures (`check_amount`)."""
    provisional_told: set[tuple[str, int]] = set()
    for i, fig in enumerate(f.front.aid):
        for name in AMOUNT_FIELDS:
            money = getattr(fig, name, None)
            if money is not None:
                where = AmountPlace(f.rel, f.lines, ("aid", i, name), f"aid[{i}].{name}")
                check_amount(
                    where, money, fig.period.last_year, data, report, warnings, provisional_told
                )


def group_translations(
    files: list[StoryFile], data: SiteData, report: ErrorReport
) -> dict[str, Story]:
    by_slug: dict[str, list[StoryFile]] = defaultdict(list)
    for f in files:
        by_slug[f.front.slug].append(f)
    stories: dict[str, Story] = {}
    site_province = data.site.province if data.site else ""
    for slug, group in sorted(by_slug.items()):
        versions: dict[str, StoryFile] = {}
        for f in group:
            if f.lang in versions:
                first = versions[f.lang]
                report.add(
                    f.rel,
                    f.lines.line(("slug",)),
                    "slug",
                    msg(
                        "%(path)s is already the %(lang)s version of story '%(slug)s': give "
                        "this story another slug, or change lang if it is the other language "
                        "version",
                        path=first.rel,
                        lang=f.lang,
                        slug=slug,
                    ),
                )
                continue
            versions[f.lang] = f
        shared = shared_data(list(versions.values()), report)
        stories[slug] = Story(
            slug=slug,
            versions=versions,
            partners=shared["partners"],
            events=shared["events"],
            aid=shared["aid"],
            province=shared["province"] or site_province,
            aid_projects=shared["aid_projects"],
        )
    return stories


def dates_apart(stories: dict[str, Story]) -> list[ContentError]:
    """Language versions of one story dated more than a day apart: told on the later one."""
    out = []
    for story in stories.values():
        versions = sorted(story.versions.values(), key=lambda v: v.front.date)
        for first, later in pairwise(versions):
            if later.front.date - first.front.date > MAX_APART:
                message = dated_apart(later.front.date, first.rel, first.front.date)
                out.append(ContentError(later.rel, later.lines.line(("date",)), "date", message))
    return out


def shared_data(versions: list[StoryFile], report: ErrorReport) -> dict[str, Any]:
    """Story data may stand in one version or in several, if equal; else name both files."""
    out: dict[str, Any] = {
        "partners": [],
        "events": [],
        "aid": [],
        "aid_projects": [],
        "province": None,
    }
    for name in ("partners", "events", "aid", "aid_projects", "province"):
        stated = [v for v in versions if name in v.front.model_fields_set]
        for other in stated[1:]:
            a, b = getattr(stated[0].front, name), getattr(other.front, name)
            if a != b:
                report.add(
                    other.rel,
                    other.lines.line((name,)),
                    name,
                    msg(
                        "differs from %(place)s; story data must be equal in every version: "
                        "write it in one version only",
                        place=f"{stated[0].rel}:{stated[0].lines.line((name,))}",
                    ),
                )
        if stated:
            out[name] = getattr(stated[0].front, name)
    return out


def hold(f: StoryFile, today: date) -> ContentError | None:
    """Why the version `f` waits: a placeholder of make new, a date after the build day."""
    front = f.front
    line = placeholder_line(front.title, front.summary, f.body, f.body_line)
    if line == 0:
        field_name = "title" if placeholder_line(front.title, None, "", 0) == 0 else "summary"
        return ContentError(f.rel, f.lines.line((field_name,)), field_name, placeholder_left())
    if line is not None:
        return ContentError(f.rel, line, "text", placeholder_left())
    day = front.date.astimezone(SITE_TZ).date()
    if day > today:
        return ContentError(f.rel, f.lines.line(("date",)), "date", dated_later(day, today))
    return None


_DIMENSIONS = {"sector": msg("sector"), "kind": msg("kind"), "partner": msg("partner")}


def check_breakdowns(stories: dict[str, Story], warnings: list[ContentError]) -> None:
    """A breakdown that does not add up to the total the story states (consistency.py): a
    warning on the total, naming both sums; the figures stay as the source states them."""
    for story in stories.values():
        stating = next(
            (v for v in story.versions.values() if "aid" in v.front.model_fields_set), None
        )
        if stating is None:
            continue
        for m in breakdown_mismatches(story.aid, story.province):
            unit = f" {m.currency}" if m.currency else ""
            loc = ("aid", m.total, m.field) + (("value",) if m.currency else ())
            warnings.append(
                ContentError(
                    stating.rel,
                    stating.lines.line(loc),
                    f"aid[{m.total}].{m.field}",
                    msg(
                        "the %(dimension)s figures (%(parts)s) add up to %(sum)s; this total "
                        "states %(stated)s: check both against the source (the site shows "
                        "both)",
                        dimension=_DIMENSIONS[m.dimension],
                        parts=", ".join(f"aid[{i}]" for i in m.parts),
                        sum=f"{plain_number(m.parts_sum)}{unit}",
                        stated=f"{plain_number(m.stated)}{unit}",
                    ),
                )
            )
