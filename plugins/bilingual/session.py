"""The build session: everything a build knows beyond its settings, in one object passed to
whatever needs it, instead of module globals.

The build command (`site_build/cli.py`, `run_build`) makes one per build; the preview
(`site_build/preview.py`) keeps one for its whole life, so that what it keeps between builds
(file hashes, Pelican's story objects, parsed stories) lives there too. `start_build` resets
what belongs to one build. Nothing of it goes into Pelican's settings (Pelican pickles them):
Pelican's handlers find it on the Pelican object (`pelican.session`) and, for those that get
a generator, in Pelican's context of the build (`session_of(generator.context)`); see
bilingual/pelican_adapter.py and docs/dev/extending.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content_model.parsed_cache import ParsedStories
from content_model.project import Project

from . import fingerprints
from .fragments import Fragments
from .hooks import Hooks
from .reuse import PreviousBuild

# The key of the session in Pelican's context of a build (never in its settings).
CONTEXT_KEY = "build_session"


@dataclass
class BuildRecord:
    """What one build did: the build command writes the manifest for the next build, the
    preview and tests read the rest."""

    # every file whose fingerprint is known (pages, reusable files): path -> fingerprint
    manifest: dict[str, str] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # pages rendered, sorted
    reused: list[str] = field(default_factory=list)  # pages taken from the last build
    planned: list[str] = field(default_factory=list)  # the preview's quick updates: re-keyed
    # the bilingual generator of the build (the preview's quick updates continue from it)
    generator: Any = None


@dataclass
class BuildSession:
    """One build, or the preview's series of builds of one project."""

    root: Path
    # the preview: Pelican's story objects, file hashes and parsed stories are kept from
    # one build to the next (`make site` starts from .cache/ instead)
    keep_between_builds: bool = False

    # --- kept between builds (the preview's) ----------------------------------------------
    # the stories' files: path -> (stamp, hashes), so an unchanged file is not hashed again
    file_hashes: fingerprints.FileHashes = field(default_factory=dict)
    # Pelican's Article of each story file: path -> (file stamp, article)
    articles: dict[str, tuple[tuple[int, int, int, bool], Any]] = field(default_factory=dict)
    # stories parsed and valid, by path and hash of their bytes (content_model/parsed_cache.py)
    parsed: ParsedStories = field(default_factory=ParsedStories)
    # rows of the long lists, rendered once (bilingual/fragments.py); None: not kept
    fragments: Fragments | None = None

    # --- this build ---------------------------------------------------------------------
    hooks: Hooks = field(default_factory=Hooks)
    previous: PreviousBuild = field(default_factory=PreviousBuild)
    record: BuildRecord = field(default_factory=BuildRecord)
    project: Project | None = None  # checked before Pelican reads anything
    # body and summary HTML of every story file (content_model/pelican_adapter.py)
    story_html: dict[Path, tuple[str, str | None]] = field(default_factory=dict)
    # images: src -> Picture, the renditions of every photo the build publishes
    pictures: dict[str, Any] = field(default_factory=dict)
    # search: the Pagefind run started once the pages are written (search/pelican_adapter.py)
    indexing: Any = None

    def start_build(self, previous: PreviousBuild | None = None) -> None:
        """Forget the last build (but what is kept between builds); `previous`: what it left
        in the output folder, when a manifest describes it."""
        self.hooks = Hooks()
        self.previous = previous or PreviousBuild()
        self.record = BuildRecord()
        self.project = None
        self.story_html = {}
        self.pictures = {}
        if self.indexing is not None:  # a preview's quick update's, outdated by this build
            self.indexing.cancel()
        self.indexing = None
        if not self.keep_between_builds:
            self.file_hashes, self.articles = {}, {}
            self.parsed = ParsedStories()
        elif self.fragments is None:
            self.fragments = Fragments()

    def checked_project(self) -> Project:
        assert self.project is not None, "the project is checked when the build starts"
        return self.project

    def is_reused(self, save_as: str) -> bool:
        """Whether this build took the page from the last build rather than rendering it."""
        return save_as in self.record.reused

    def reuse_file(self, output: Path, rel: str, key: str) -> bool:
        """For capabilities that write costly files (PDFs, calendars): link `rel` from the
        last build when it was made from the same `key` (and the same theme, code, data and
        pinned packages: the shared key includes requirements.lock, so an upgrade of
        icalendar or WeasyPrint makes the file again); else False, and the caller writes it.
        Either way the key is recorded for the next build."""
        key = self.previous.file_key(key)
        self.record.manifest[rel] = key
        if not self.previous.unchanged(rel, key):
            return False
        self.previous.link(rel, output)
        return True


def session_of(context: dict[str, Any]) -> BuildSession:
    """The session of the build whose Pelican context this is."""
    session: BuildSession = context[CONTEXT_KEY]
    return session
