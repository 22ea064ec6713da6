"""Wires the content model into Pelican: check the whole project before reading, read stories
from the checked project, attach the shared story data to every language version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from site_build.parallel import parallel_map

from .errors import ContentInvalid
from .project import Project, StoryFile, load_project

# The project checked at the start of the current build (module state, never in settings:
# Pelican pickles settings with its content cache).
_current: dict[str, Any] = {}


def project_root(settings: dict[str, Any]) -> Path:
    return Path(settings["PATH"]).resolve().parent


def current_project() -> Project:
    return _current["project"]  # type: ignore[no-any-return]


def _current_html() -> dict[Path, tuple[str, str | None]]:
    return _current["html"]  # type: ignore[return-value]


def check_before_build(pelican: Any) -> None:
    project, report = load_project(project_root(pelican.settings))
    if report:
        raise ContentInvalid(report)
    _current["project"] = project
    _current["html"] = render_stories(project, pelican.settings)


class MarkdownRenderer:
    """Markdown as configured in the settings (`MARKDOWN`), one converter reused."""

    def __init__(self, settings: dict[str, Any]):
        configs = dict(settings.get("MARKDOWN", {})).get("extension_configs", {})
        self._md = markdown.Markdown(
            extensions=list(configs), extension_configs=configs, output_format="html"
        )

    def html(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def story(self, f: StoryFile) -> tuple[str, str | None]:
        summary = self.html(f.front.summary) if f.front.summary else None
        return self.html(f.body), summary


def render_stories(
    project: Project, settings: dict[str, Any]
) -> dict[Path, tuple[str, str | None]]:
    """Body and summary HTML of every story file, on all cores for a large site."""
    renderer = MarkdownRenderer(settings)
    rendered = parallel_map(renderer.story, project.files)
    return {f.path: html for f, html in zip(project.files, rendered, strict=True)}


class StoryReader(BaseReader):
    """Markdown with YAML front matter, as checked and rendered before Pelican reads."""

    enabled = True
    file_extensions = ("md", "markdown")

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        story_file = current_project().file(source_path)
        if story_file is None:
            raise ValueError(f"{source_path} is not a story under content/articles/")
        body_html, summary_html = _current_html()[story_file.path]
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
        if summary_html is not None:
            meta["summary"] = summary_html
        return body_html, meta


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
        # Content.url re-expands its URL pattern on every access (thousands per page list);
        # Pelican returns `override_url` as is, so compute it once.
        article.override_url = article.url
    generator.context["project"] = project
    generator.context["published_articles"] = published


def register() -> None:
    signals.initialized.connect(check_before_build)
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(attach_story_data)
