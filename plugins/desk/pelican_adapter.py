"""Writes output/admin/ with every build (admin_files.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bilingual.hooks import Hooks
from content_model.project import Project
from shared.text import localized

from .admin_files import BundleMissing, page_title, settings_from, write_admin


def write_desk(project: Project, context: dict[str, Any], output: Path) -> None:
    site = project.data.site
    title = page_title(localized(site.short_name, "vi") if site else None)
    try:
        write_admin(output, settings_from(context), title, context["DESK_CONTENT_SECURITY_POLICY"])
    except BundleMissing as exc:
        # the site is whole without its desk: say so, do not fail the build
        print(f"note: the editors' desk has no Decap CMS bundle: {exc}", file=sys.stderr)


def extend(hooks: Hooks) -> None:
    hooks.add_files(write_desk, after_title_edit=False)
