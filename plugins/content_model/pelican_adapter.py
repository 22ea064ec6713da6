"""Wires the content model into Pelican: check the whole project before reading, read stories
from the checked project, attach the shared story data to every language version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from .errors import ContentInvalid
from .project import Project, load_project

# The project checked at the start of the current build (module state, never in settings:
# Pelican pickles settings with its content cache).
_current: dict[str, Project] = {}


def project_root(settings: dict[str, Any]) -> Path:
    return Path(settings["PATH"]).resolve().parent


def current_project() -> Project:
    return _current["project"]


def check_before_build(pelican: Any) -> None:
    project, report = load_project(project_root(pelican.settings))
    if report:
        raise ContentInvalid(report)
    _current["project"] = project


class StoryReader(BaseReader):
    """Markdown with YAML front matter, as checked by `load_project`."""

    enabled = True
    file_extensions = ("md", "markdown")

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        md_settings = dict(settings.get("MARKDOWN", {}))
        self._md = markdown.Markdown(
            extensions=list(md_settings.get("extension_configs", {})),
            extension_configs=md_settings.get("extension_configs", {}),
            output_format="html",
        )

    def _html(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        story_file = current_project().file(source_path)
        if story_file is None:
            raise ValueError(f"{source_path} is not a story under content/articles/")
        fm = story_file.front
        meta: dict[str, Any] = {
            "title": fm.title,
            "date": SafeDatetime.fromtimestamp(fm.date.timestamp(), fm.date.tzinfo),
            "lang": fm.lang,
            "slug": fm.slug,
            "category": self.process_metadata("category", fm.category),
            "status": fm.status,
            "template": "article",
        }
        if fm.tags:
            meta["tags"] = self.process_metadata("tags", list(fm.tags))
        if fm.author:
            meta["author"] = self.process_metadata("author", fm.author)
        if fm.summary:
            meta["summary"] = self._html(fm.summary)
        return self._html(story_file.body), meta


def add_reader(readers: Any) -> None:
    for ext in StoryReader.file_extensions:
        readers.reader_classes[ext] = StoryReader


def attach_story_data(generator: Any) -> None:
    """Give every version its story (shared data) and its checked source file."""
    project = current_project()
    published = list(generator.articles) + list(generator.translations)
    for article in published + list(generator.drafts) + list(generator.drafts_translations):
        article.story = project.stories[article.slug]
        article.source = project.file(article.source_path)
    generator.context["project"] = project
    generator.context["published_articles"] = published


def register() -> None:
    signals.initialized.connect(check_before_build)
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(attach_story_data)
