"""Which photos the site shows: only these get renditions."""

from __future__ import annotations

from content_model.project import Project


def referenced_images(project: Project) -> list[str]:
    """`image.src` of every published story version (relative to content/), once each."""
    return sorted(
        {
            version.front.image.src
            for story in project.stories.values()
            for version in story.published_versions()
            if version.front.image is not None
        }
    )
