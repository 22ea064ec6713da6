"""The extension points of the bilingual site: every capability (partners, events, aid,
bulletin, images, search, seo, desk, projects) adds its pages, template variables and files
through these, and nothing else.

A capability's adapter has an `extend(hooks)` function; the build calls it once per build, in
the order of `PLUGINS` (pelicanconf.py), with that build's `Hooks` (its session's). The pages a
capability adds get alternates, the language switch, sitemap entries and reuse across builds
from the bilingual generator, as the stories' pages do. How to add a section with them:
docs/dev/extending.md.

Each hook names when it is called, with what, and what it returns (the way Datasette's
plugin hook specifications are written). `context` is Pelican's context of the build: its
settings, plus what the generators put there (`project`, `published_articles`,
`bilingual_pages`, what earlier hooks added).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content_model.project import Project

from .plan import Page

PageProvider = Callable[[Project, dict[str, Any]], list[Page]]
ContextProvider = Callable[[Page, Project, dict[str, Any]], dict[str, Any]]
PageExtract = Callable[[Page, str], Any]
FileWriter = Callable[[Project, dict[str, Any], Path], None]
DataResource = Callable[[Project], dict[str, Any]]


@dataclass
class WrittenPages:
    """Every page of the build, once all are in the output folder."""

    pages: list[Page]
    keys: dict[str, str]  # save_as -> fingerprint: an equal fingerprint is an equal file
    # save_as -> {extract name: value}, for the pages this build rendered (add_page_extract)
    extracts: dict[str, dict[str, Any]]


AfterPages = Callable[[Path, dict[str, Any], WrittenPages], None]


@dataclass
class Hooks:
    """The extensions registered for one build, in the order they were added (which is the
    order of their pages, variables and files)."""

    page_providers: list[PageProvider] = field(default_factory=list)
    context_providers: list[ContextProvider] = field(default_factory=list)
    page_extracts: dict[str, PageExtract] = field(default_factory=dict)
    after_pages_hooks: list[AfterPages] = field(default_factory=list)
    file_writers: list[FileWriter] = field(default_factory=list)
    # writers the preview's quick update after a title edit does not call (add_files)
    not_after_title_edit: list[FileWriter] = field(default_factory=list)
    data_resources: list[DataResource] = field(default_factory=list)

    def add_pages(self, provider: PageProvider) -> None:
        """More pages for the site (a section: its listing pages, one page per item).

        Called: once per build, when the site's pages are planned (after Pelican read the
        stories, before anything is rendered), after the stories' own pages.
        With: `provider(project, context)`, the checked project and Pelican's context.
        Returns: a list of `bilingual.plan.Page`, each with its `template` set and its URL
        from `bilingual/urls.py`; `params={"section": name}` on the first page of a section
        puts it in the menu (`section_urls` in every template). A page's `context` (a dict,
        or a function returning one, called when the page is rendered) and its `depends_on`
        (the stories whose text it prints) decide when it is rendered again
        (bilingual/fingerprints.py).
        """
        if provider not in self.page_providers:
            self.page_providers.append(provider)

    def add_page_context(self, provider: ContextProvider) -> None:
        """Template variables for pages that are not the capability's own (a box on story
        pages, a block on the home).

        Called: for every page rendered (not for pages reused from the last build), in a
        worker process on a large site: it must not change shared state.
        With: `provider(page, project, context)`.
        Returns: a dict of template variables (empty: nothing for this page). Its `partials`
        list names templates to include (on articles: after the body; on the home: after
        the latest stories). What a provider returns must follow from the page's fingerprint
        (its items, their front matter, data files, theme, code): anything else would be
        missed by incremental builds.
        """
        if provider not in self.context_providers:
            self.context_providers.append(provider)

    def add_page_extract(self, name: str, extract: PageExtract) -> None:
        """Keep something of a page where it is rendered (a worker process, for a large site),
        from its HTML in memory: the search document, so that the index never reads the pages
        back from disk.

        Called: for every page rendered, right after its HTML is made.
        With: `extract(page, html)`.
        Returns: any picklable value, found in `WrittenPages.extracts[page.save_as][name]` by
        the `after_pages` hooks; None: nothing for this page.
        """
        self.page_extracts[name] = extract

    def after_pages(self, hook: AfterPages) -> None:
        """Start work on the finished pages while the build goes on (the search index).

        Called: once per build, as soon as every HTML page is written (rendered or reused),
        before feeds, the sitemap, data files and static files; in the preview, also after
        each quick update (renderer.py, `update_story`), with the pages rendered.
        With: `hook(output_path, context, written)`: the folder being built, Pelican's
        context, and `WrittenPages` (every page, its fingerprint, the extracts).
        Returns: nothing. Work left running must be waited for before the build ends (a
        Pelican `finalized` handler).
        """
        if hook not in self.after_pages_hooks:
            self.after_pages_hooks.append(hook)

    def add_files(self, writer: FileWriter, after_title_edit: bool = True) -> None:
        """Write files that are not pages: data (JSON, CSV, iCalendar), PDFs, the desk.

        Called: once per build, after the pages, the feeds and the sitemap; in the preview,
        also after a quick update of a story's title (renderer.py, `update_story`), unless
        `after_title_edit=False`: a title edit cannot change what the writer writes (it
        shows no story title, or only those of stories whose edit runs a whole build).
        With: `writer(project, context, output_path)`.
        Returns: nothing. A costly file can be linked from the last build when it was made
        from the same inputs: `BuildSession.reuse_file` (bilingual/session.py).
        """
        if writer not in self.file_writers:
            self.file_writers.append(writer)
        if not after_title_edit and writer not in self.not_after_title_edit:
            self.not_after_title_edit.append(writer)

    def add_data_resource(self, resource: DataResource) -> None:
        """Describe a file another capability writes into `data/` in `datapackage.json`
        (written by aid, after its own files).

        Called: once per build, when aid writes `data/datapackage.json`.
        With: `resource(project)`.
        Returns: a Frictionless data resource (a dict, its `path` relative to `data/`).
        """
        if resource not in self.data_resources:
            self.data_resources.append(resource)
