"""Bulletin issue files: `content/bulletins/<id>.yaml`, checked like every content file.

An issue names its number (`3/2023`), its period, an editorial and, optionally, its stories,
cover story and cover photo. This module resolves *which* stories an issue has (the list as
written, else every published story dated within the period), because several rules depend
on it; how an edition lays them out is the bulletin capability's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from shared.build_day import SITE_TZ

from . import schema
from .errors import ErrorReport
from .messages import msg
from .reading import image_src_problem, items_of, load_yaml_file, rel, validate_into, value_at
from .schema import did_you_mean
from .site_data import SiteData
from .stories import Story
from .values import KEY_RE
from .yaml_loader import LineMap

BULLETIN_DIR = ("content", "bulletins")
SUFFIX = ".yaml"


@dataclass
class BulletinFile:
    """One checked issue."""

    id: str  # the file name without .yaml; the issue's URL and file names use it
    path: Path
    rel: str
    issue: schema.Bulletin
    lines: LineMap
    # slugs of the issue's stories: as listed in `stories`, else the period's by date
    stories: list[str] = field(default_factory=list)

    @property
    def cover_story(self) -> str | None:
        return self.issue.cover_story or (self.stories[0] if self.stories else None)


def story_day(story: Story) -> date | None:
    """The day a story was first published, in the site's time zone (None: drafts only)."""
    dates = [v.front.date for v in story.published_versions()]
    return min(dates).astimezone(SITE_TZ).date() if dates else None


def stories_in_period(stories: dict[str, Story], start: date, end: date) -> list[str]:
    """Published stories dated from `start` to `end` (inclusive), oldest first."""
    dated = [(day, slug) for slug, s in stories.items() if (day := story_day(s)) is not None]
    return [slug for day, slug in sorted(dated) if start <= day <= end]


def bulletin_paths(root: Path) -> list[Path]:
    folder = root.joinpath(*BULLETIN_DIR)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def load_bulletins(
    root: Path, data: SiteData, stories: dict[str, Story], report: ErrorReport
) -> dict[str, BulletinFile]:
    loaded: dict[str, BulletinFile] = {}
    numbers: dict[str, BulletinFile] = {}
    for path in bulletin_paths(root):
        issue = _load_one(root, path, stories, report)
        if issue is None:
            continue
        first = numbers.get(issue.issue.number)
        if first is not None:
            report.add(
                issue.rel,
                issue.lines.line(("number",)),
                "number",
                msg(
                    "issue %(number)s is already %(path)s: give each issue its own number",
                    number=issue.issue.number,
                    path=first.rel,
                ),
            )
            continue
        numbers[issue.issue.number] = issue
        loaded[issue.id] = issue
    return loaded


def _load_one(
    root: Path, path: Path, stories: dict[str, Story], report: ErrorReport
) -> BulletinFile | None:
    r = rel(root, path)
    if path.suffix != SUFFIX:
        report.add(
            r,
            1,
            "file",
            msg("a bulletin file ends in .yaml: rename it %(name)s", name=f"{path.stem}.yaml"),
        )
        return None
    good_id = bool(KEY_RE.match(path.stem))
    if not good_id:
        report.add(
            r,
            1,
            "file",
            msg(
                "'%(name)s' is not an issue id: name the file with lowercase a-z, 0-9 and "
                "hyphens, e.g. so-3-2023.yaml",
                name=path.stem,
            ),
        )
    loaded = load_yaml_file(root, path, report)
    if loaded is None:
        return None
    raw, lines = loaded
    if not isinstance(raw, dict):
        report.add(r, 1, "file", msg("the file must be fields (key: value lines): see docs/"))
        return None
    _check_refs(root, r, raw, lines, stories, report)
    issue = validate_into(schema.Bulletin, raw, r, lines, report)
    if issue is None or not good_id:
        return None
    bulletin = BulletinFile(path.stem, path.resolve(), r, issue, lines)
    bulletin.stories = _issue_stories(bulletin, stories, report)
    return bulletin


def _check_refs(
    root: Path,
    r: str,
    raw: dict[str, Any],
    lines: LineMap,
    stories: dict[str, Story],
    report: ErrorReport,
) -> None:
    """Story slugs and the cover photo, checked on the raw values so that they are reported
    even when other fields of the file are wrong."""

    def known(loc: tuple) -> str | None:
        slug = value_at(raw, *loc)
        if not isinstance(slug, str) or slug in stories:
            return slug if isinstance(slug, str) else None
        report.add(
            r,
            lines.line(loc),
            _field(loc),
            msg(
                "unknown story '%(slug)s'%(hint)s: write the slug of a story in content/articles/",
                slug=slug,
                hint=did_you_mean(slug, list(stories)),
            ),
        )
        return None

    seen: dict[str, int] = {}
    for i, _ in items_of(raw, "stories"):
        slug = known(("stories", i))
        if slug is None:
            continue
        if slug in seen:
            report.add(
                r,
                lines.line(("stories", i)),
                f"stories[{i}]",
                msg(
                    "story '%(slug)s' is already listed (%(first)s): list each story once",
                    slug=slug,
                    first=f"stories[{seen[slug]}]",
                ),
            )
        elif not stories[slug].published_versions():
            report.add(
                r,
                lines.line(("stories", i)),
                f"stories[{i}]",
                msg(
                    "story '%(slug)s' is a draft: publish it (status: published) or remove it "
                    "from the issue",
                    slug=slug,
                ),
            )
        seen.setdefault(slug, i)
    known(("cover_story",))
    src = value_at(raw, "cover_image", "src")
    if isinstance(src, str) and (message := image_src_problem(root, src)):
        report.add(r, lines.line(("cover_image", "src")), "cover_image.src", message)


def _field(loc: tuple) -> str:
    from .errors import format_field

    return format_field(loc)


def _issue_stories(
    bulletin: BulletinFile, stories: dict[str, Story], report: ErrorReport
) -> list[str]:
    issue, r, lines = bulletin.issue, bulletin.rel, bulletin.lines
    start, end = issue.period.start, issue.period.end
    if issue.stories is not None:
        # unknown, repeated and draft entries are reported by _check_refs
        listed = [s for s in issue.stories if s in stories and stories[s].published_versions()]
        chosen = list(dict.fromkeys(listed))
        if not issue.stories:
            report.add(
                r,
                lines.line(("stories",)),
                "stories",
                msg(
                    "the list is empty: list the issue's stories, or remove stories to have "
                    "every story of the period"
                ),
            )
        not_among = msg("add it to stories, or choose one of them")
    else:
        chosen = stories_in_period(stories, start, end)
        if not chosen:
            report.add(
                r,
                lines.line(("period",)),
                "period",
                msg(
                    "no published story is dated from %(start)s to %(end)s: "
                    "widen the period, or list the stories",
                    start=start.isoformat(),
                    end=end.isoformat(),
                ),
            )
        not_among = msg("choose one of them, or list the stories")
    cover = issue.cover_story
    if cover is not None and cover in stories and cover not in chosen:
        which = (
            ""
            if issue.stories is not None
            else msg(
                " (those published from %(start)s to %(end)s)",
                start=start.isoformat(),
                end=end.isoformat(),
            )
        )
        report.add(
            r,
            lines.line(("cover_story",)),
            "cover_story",
            msg(
                "'%(slug)s' is not one of this issue's stories%(which)s: %(todo)s",
                slug=cover,
                which=which,
                todo=not_among,
            ),
        )
    return chosen
