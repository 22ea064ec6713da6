"""`make check-changed` and the pre-commit hook: the whole project is checked (cross-file
rules need it), and only the errors that the change is about are reported.

Reported: errors located in a changed file; in another language version of a changed story
(same slug: story data must agree across versions); and, when a data file changed, every
error of the data files.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from content_model.errors import ContentError
from content_model.project import load_project
from images.originals import IMAGES
from images.originals import warnings as photo_warnings

from . import git_files
from .slug_index import slugs_by_file

DATA_DIR = PurePosixPath("content/data")


@dataclass
class ChangedCheck:
    changed: list[str]  # paths relative to the project folder
    errors: list[ContentError]
    notes: list[ContentError] = field(default_factory=list)  # HTML the site will not show
    warnings: list[ContentError] = field(default_factory=list)  # held back, provisional, photos

    @property
    def data_changed(self) -> bool:
        return any(is_data_file(p) for p in self.changed)


def is_data_file(path: str) -> bool:
    p = PurePosixPath(path)
    return p.parent == DATA_DIR and p.suffix in (".yaml", ".yml")


def files_to_report(changed: list[str], slugs: dict[str, str]) -> set[str]:
    """The changed files and the other language versions of the changed stories."""
    changed_slugs = {slugs[p] for p in changed if p in slugs}
    return set(changed) | {p for p, slug in slugs.items() if slug in changed_slugs}


def check_changed(root: Path, changed: list[str]) -> ChangedCheck:
    """Check the project in `root`, keeping the errors that concern `changed`."""
    project, report = load_project(root)
    watched = files_to_report(changed, slugs_by_file(root))
    data_changed = any(is_data_file(p) for p in changed)
    errors = sorted(
        {e for e in report.errors if e.path in watched or (data_changed and is_data_file(e.path))}
    )
    notes = sorted(n for n in project.notes if n.path in changed)
    warnings = [
        *sorted(w for w in project.warnings if w.path in watched),
        *photo_warnings(root, changed_photos(changed)),
    ]
    return ChangedCheck(changed, errors, notes, warnings)


def changed_photos(changed: list[str]) -> list[str]:
    """The changed files of content/images/, as `images/...`."""
    prefix = f"content/{IMAGES}/"
    return [p.removeprefix("content/") for p in changed if p.startswith(prefix)]


def check_since(root: Path, rev: str) -> ChangedCheck:
    return check_changed(root, git_files.changed_since(root, rev))


def check_staged(root: Path) -> ChangedCheck:
    """Check what the next commit will contain: the index, not the working tree."""
    changed = git_files.staged(root)
    with tempfile.TemporaryDirectory(prefix="editor-tools-staged-") as tmp:
        snapshot = Path(tmp)
        git_files.export_staged_content(root, snapshot)
        return check_changed(snapshot, changed)
