"""Load and check a whole project: data files, stories, references, translation groups.

`load_project(root)` is the single entry point used by `make check`, by the build and by tests.
It never stops at the first problem: every error of the project ends up in the report.
Each kind of file has its loader: the data files (data_files.py, from the table in
site_data.py), aid projects (aid_projects.py), stories (stories.py) and bulletin issues
(bulletins.py); the helpers they share read one file (reading.py) or check an amount
(amounts.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from shared.build_day import build_date

from .aid_projects import check_project_amounts
from .bulletins import BulletinFile, load_bulletins
from .data_files import load_data
from .errors import ContentError, ErrorReport
from .html_notes import html_notes
from .parsed_cache import ParsedStories
from .site_data import SiteData
from .stories import (
    Story,
    StoryFile,
    check_breakdowns,
    dates_apart,
    group_translations,
    load_stories,
)


@dataclass
class Project:
    root: Path
    data: SiteData
    files: list[StoryFile]
    stories: dict[str, Story]
    # bulletin issues by id (content/bulletins/<id>.yaml), see bulletins.py
    bulletins: dict[str, BulletinFile] = field(default_factory=dict)
    # what the sanitiser will remove from stories (html_notes.py): told, not refused
    notes: list[ContentError] = field(default_factory=list)
    # what is built but should be looked at, or is not published yet: provisional rates,
    # stories held back (placeholders, future dates), translations dated apart
    warnings: list[ContentError] = field(default_factory=list)
    # what capabilities compute once from this checked project (aid: its figures), by name:
    # kept with the project rather than in module state
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _by_path: dict[Path, StoryFile] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_path = {f.path: f for f in self.files}

    def file(self, path: Path | str) -> StoryFile | None:
        found = self._by_path.get(Path(os.path.abspath(path)))
        return found if found is not None else self._by_path.get(Path(path).resolve())


def load_project(
    root: Path,
    save_parsed: bool = False,
    today: date | None = None,
    parsed: ParsedStories | None = None,
) -> tuple[Project, ErrorReport]:
    """`today`: the build day (default: shared.build_day.build_date()); a story dated later, like
    one still holding a placeholder of make new, is loaded but not published (a warning).
    `save_parsed`: keep the parsed stories in .cache/ for the next process. The build
    does; `make check` only reads them (it writes nothing), and the preview keeps them in
    memory (it would write the file at every save of a story).
    `parsed`: the stories parsed by the caller's earlier loads, which it keeps (the preview's
    build session); None: those kept in .cache/ by the last build."""
    root = root.resolve()
    report = ErrorReport()
    today = today or build_date()
    data, line_maps = load_data(root, report)
    warnings: list[ContentError] = []
    check_project_amounts(root, data, line_maps.get("projects"), report, warnings)
    parsed = parsed if parsed is not None else ParsedStories()
    files = load_stories(root, data, report, warnings, today, save_parsed, parsed)
    stories = group_translations(files, data, report)
    warnings.extend(dates_apart(stories))
    check_breakdowns(stories, warnings)
    bulletins = load_bulletins(root, data, stories, report)
    notes = [
        ContentError(f.rel, f.body_line + line - 1, "text", note)
        for f in files
        for line, note in html_notes(f.body)
    ]
    for f in files:  # checked: a later message reads its lines again from the file
        f.forget_lines()
    return Project(root, data, files, stories, bulletins, notes, warnings), report


__all__ = ["ContentError", "Project", "SiteData", "Story", "StoryFile", "load_project"]
