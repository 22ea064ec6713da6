"""Which slug each story file declares, read without validating the rest of the file.

Both the scaffold (never reuse a slug) and the changed-files check (the other language
versions of a changed story) need the slug of files that may have errors elsewhere, which
`load_project` leaves out of `Project.files`.
"""

from __future__ import annotations

from pathlib import Path

from content_model.reading import rel
from content_model.source import SourceError, read_text, split_front_matter
from content_model.stories import story_paths
from content_model.yaml_loader import YamlSyntaxError, load_yaml


def slugs_by_file(root: Path) -> dict[str, str]:
    """Path relative to `root` -> slug as written, for every story file that names one."""
    out: dict[str, str] = {}
    for path in story_paths(root):
        slug = written_slug(path)
        if slug:
            out[rel(root, path)] = slug
    return out


def written_slug(path: Path) -> str | None:
    try:
        split = split_front_matter(read_text(path))
        value, _, _ = load_yaml(split.front, split.front_first_line)
    except (OSError, SourceError, YamlSyntaxError):
        return None  # the check reports it; here the file just names no slug
    slug = value.get("slug") if isinstance(value, dict) else None
    return slug.strip() if isinstance(slug, str) else None
