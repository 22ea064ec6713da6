"""Wires the content model into Pelican: check the whole project before reading, read stories
from the checked project, attach the shared story data to every language version.

What a build knows lives in its session (bilingual/session.py), which the build command
gives Pelican: `pelican.session` in handlers that get the Pelican object, Pelican's context of
the build (`context["build_session"]`) in those that get a generator or read a file. This
package sits below `bilingual`, so it uses the session's fields without importing its type.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from shared import progress
from shared.cache import FOLDER, Store, dependencies_key, key_of, source_key
from shared.parallel import parallel_map

from .errors import ContentError, ContentInvalid, ErrorReport
from .html_notes import html_notes
from .markdown_html import MarkdownRenderer
from .parsed_cache import ParsedStories
from .project import Project, load_project
from .readiness import placeholder_line
from .stories import StoryFile, load_story

# Where Pelican's context of a build holds its session (bilingual.session.CONTEXT_KEY).
SESSION_KEY = "build_session"


def project_root(settings: dict[str, Any]) -> Path:
    return Path(settings["PATH"]).resolve().parent


def cache_folder(settings: dict[str, Any]) -> Path:
    """Where a build keeps what it reuses (`make site` sets it to the project's .cache/)."""
    return Path(settings.get("CONTENT_CACHE_DIR") or project_root(settings) / FOLDER)


def build_session(pelican: Any) -> Any:
    """The session the build command runs Pelican with (site_build/cli.py)."""
    session = getattr(pelican, "session", None)
    if session is None:
        raise RuntimeError("build the site with `python -m site_build build` (make site)")
    return session


def check_before_build(pelican: Any) -> None:
    session = build_session(pelican)
    # the preview keeps parsed stories in memory, not in .cache/
    save = not session.keep_between_builds
    root = project_root(pelican.settings)
    project, report = load_project(root, save_parsed=save, parsed=session.parsed)
    if save:  # saved for the next process; this one has the project it produced
        session.parsed = ParsedStories()
    if report:
        raise ContentInvalid(report)
    session.project = project
    session.story_html = render_stories(project, pelican.settings)


# Front matter fields that lists show but that never decide where a story is published,
# with which data, or in which order: the preview updates an edit of these without a build.
QUICK_FRONT_FIELDS = frozenset({"title"})


@dataclass
class StoryEdit:
    """A story file whose text (below the front matter), and at most the fields of
    QUICK_FRONT_FIELDS, are all that changed since the build."""

    file: StoryFile  # the project's own object, updated
    body_html: str
    changed: frozenset[str] = frozenset()  # the front matter fields that changed
    errors: list[ContentError] = field(default_factory=list)


def story_edit(session: Any, path: Path, settings: dict[str, Any]) -> StoryEdit | None:
    """The preview's quick update: when only the text of one story file changed since the
    last build, or its title, check that file alone (against the data files, which did not
    change), render its Markdown and update the project and Pelican's article in place.
    None when anything else changed (other front matter, its language or slug, a new or
    deleted file): the caller runs a whole build.

    Such an edit never changes what is published, where, in which order, or with which
    data (a placeholder, which holds a version back, is left to a whole build): only the
    pages that show the text (its own) or the title (lists, partners, events, aid...)
    get a new fingerprint (bilingual/fingerprints.py)."""
    project: Project | None = session.project
    old = project.file(path) if project is not None else None
    hit = session.articles.get(os.path.abspath(path))  # Pelican's article, kept by the preview
    if project is None or old is None or hit is None or not path.is_file():
        return None
    report = ErrorReport()
    new = load_story(project.root, path, project.data, report, session.parsed)
    if report:
        return StoryEdit(old, "", errors=report.errors)
    changed = front_changes(old.front, new.front) if new is not None else None
    if new is None or changed is None or not changed <= QUICK_FRONT_FIELDS:
        return None
    # a placeholder holds a version back (readiness.py): what is published would change
    held = placeholder_line(new.front.title, new.front.summary, new.body, new.body_line)
    if old.held is not None or held is not None:
        return None
    body_html, summary_html = StoryRenderer(settings).story(new)
    if summary_html != session.story_html[old.path][1]:
        return None
    old.front, old.body, old.lines, old.body_line = new.front, new.body, new.lines, new.body_line
    session.story_html[old.path] = (body_html, summary_html)
    project.notes[:] = [n for n in project.notes if n.path != old.rel] + [
        ContentError(old.rel, old.body_line + line - 1, "text", note)
        for line, note in html_notes(old.body)
    ]
    article = hit[1]
    set_article_text(article, body_html)
    if "title" in changed:
        article.title = article.metadata["title"] = new.front.title
    st = os.stat(path)  # the next whole build reuses the updated article
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino, old.published)
    session.articles[os.path.abspath(path)] = (stamp, article)
    return StoryEdit(old, body_html, changed)


def front_changes(old: Any, new: Any) -> frozenset[str] | None:
    """The fields of two front matters that differ; None when they do not even state the
    same fields (story data may stand in one version only: project._shared_data)."""
    if type(old) is not type(new) or old.model_fields_set != new.model_fields_set:
        return None
    return frozenset(n for n in type(new).model_fields if getattr(old, n) != getattr(new, n))


def set_article_text(article: Any, body_html: str) -> None:
    """Give Pelican's article its new HTML. Pelican memoizes `content` and `summary` per
    article (`pelican.utils.memoized`, one table per method): forget this article's."""
    article._content = body_html
    for method in ("get_content", "get_summary"):
        cache = getattr(type(article), method).cache
        for key in [k for k in cache if k and k[0] is article]:
            del cache[key]


class StoryRenderer(MarkdownRenderer):
    """Markdown as configured in the settings (`MARKDOWN`)."""

    def __init__(self, settings: dict[str, Any]):
        super().__init__(dict(settings.get("MARKDOWN", {})).get("extension_configs", {}))

    def story(self, f: StoryFile) -> tuple[str, str | None]:
        summary = self.html(f.front.summary) if f.front.summary else None
        return self.html(f.body), summary


def render_stories(
    project: Project, settings: dict[str, Any]
) -> dict[Path, tuple[str, str | None]]:
    """Body and summary HTML of every story file: from the cache when the Markdown is the
    same (keyed by its hash, so a fresh checkout's mtimes do not matter), the rest rendered
    on all cores for a large site."""
    cache = MarkdownCache(cache_folder(settings), project.root)
    config = repr(settings.get("MARKDOWN"))
    keys = {f.path: cache.key(f.body, f.front.summary, config) for f in project.files}
    missing = [f for f in project.files if keys[f.path] not in cache.entries]
    renderer = StoryRenderer(settings)
    with progress.bar("Rendering Markdown", len(missing)) as advance:
        rendered = parallel_map(renderer.story, missing, advance)
    for f, html in zip(missing, rendered, strict=True):
        cache.entries[keys[f.path]] = html
    cache.save(keep=set(keys.values()))
    return {f.path: cache.entries[keys[f.path]] for f in project.files}


class MarkdownCache:
    """Rendered Markdown by content hash: the cache store `markdown` (.cache/markdown.pickle),
    keyed by this package's code (the renderer and the HTML allowlist, safe_html.py) and the
    project's pinned packages (Markdown, nh3 and the rest of requirements.lock)."""

    def __init__(self, folder: Path, root: Path):
        code = source_key(Path(__file__).parent)
        self.store = Store(folder, "markdown", key_of(dependencies_key(root), code))
        self.entries: dict[str, tuple[str, str | None]] = self.store.load(expect=dict) or {}

    @staticmethod
    def key(body: str, summary: str | None, config: str) -> str:
        return hashlib.sha256(f"{config}\0{summary}\0{body}".encode()).hexdigest()

    def save(self, keep: set[str]) -> None:
        self.store.save({k: v for k, v in self.entries.items() if k in keep})


class StoryReader(BaseReader):
    """Markdown with YAML front matter, as checked and rendered before Pelican reads. Pelican
    makes readers before the build's session is known: `read_file` (below) gives it to the
    reader before each read."""

    enabled = True
    file_extensions = ("md", "markdown")
    session: Any = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        story_file = self.session.project.file(source_path)
        if story_file is None:
            raise ValueError(f"{source_path} is not a story under content/articles/")
        body_html, summary_html = self.session.story_html[story_file.path]
        fm = story_file.front
        meta: dict[str, Any] = {
            "title": fm.title,
            "date": SafeDatetime.fromtimestamp(fm.date.timestamp(), fm.date.tzinfo),
            "lang": fm.lang,
            "slug": fm.slug,
            "category": self.process_metadata("category", fm.category),
            # held back (a placeholder, a later date: readiness.py) is a draft to Pelican
            "status": "published" if story_file.published else "draft",
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
    read = readers.read_file

    def read_file(base_path: str, path: str, **k: Any) -> Any:
        session = k["context"][SESSION_KEY]
        for reader in readers.readers.values():
            if isinstance(reader, StoryReader):
                reader.session = session
        if session.keep_between_builds and getattr(k.get("content_class"), "__name__", "") == (
            "Article"
        ):
            return _kept_article(session, read, base_path, path, **k)
        return read(base_path, path, **k)

    readers.read_file = read_file


def _kept_article(session: Any, read: Any, base_path: str, path: str, **k: Any) -> Any:
    """The preview's process keeps Pelican's objects of the stories between its builds
    (`session.articles`): reading every story into an Article again was half of the update
    after one edit. Keyed by the file's stamp (an editor's save changes it; a code change
    restarts the preview)."""
    full = os.path.abspath(os.path.join(base_path, path))
    st = os.stat(full)
    # a story held back until its day is published by the first build of that day,
    # its file unchanged (readiness.py): whether it is published is part of the stamp
    story_file = session.project.file(full)
    published = story_file is not None and story_file.published
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino, published)
    hit = session.articles.get(full)
    if hit is not None and hit[0] == stamp:
        hit[1]._context = k.get("context")  # this build's: links resolve against it
        return hit[1]
    article = read(base_path, path, **k)
    session.articles[full] = (stamp, article)
    return article


def attach_story_data(generator: Any) -> None:
    """Give every version its story (shared data) and its checked source file."""
    project = generator.context[SESSION_KEY].project
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
