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


def draft_images(project: Project) -> set[str]:
    """Photos that only drafts use: not published (not even as a copy) until their story is."""
    of_drafts = {
        version.front.image.src
        for story in project.stories.values()
        for version in story.versions.values()
        if not version.published and version.front.image is not None
    }
    return of_drafts - set(referenced_images(project))
