"""The page renderer: plans the pages of both languages (the stories' and those the
capabilities add through the hooks), takes the unchanged ones from the last build (reuse.py)
and renders the others with the theme, each language with its own gettext catalog; then the
feeds, the sitemap and the capabilities' files.

No Pelican import: `PageRenderer` is the body of the Pelican generator that
pelican_adapter.py makes of it (`BilingualGenerator`), which gives it Pelican's context,
settings, output folder and template environment."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from content_model.project import Project
from shared import progress
from shared.atomic import write_atomic
from shared.build_day import build_date
from shared.cache import dependencies_key
from shared.parallel import parallel_map
from shared.text import localized

from . import catalogs, fingerprints, urls
from .feeds import FEED_ITEMS, newest, site_feed
from .hooks import WrittenPages
from .plan import (
    NO_TRANSLATION_ANCHOR,
    Entry,
    Page,
    language_switch,
    link_translations,
    plan_site,
    tag_urls,
)
from .session import BuildSession
from .sitemap import base_url, render_sitemap

TEMPLATES = {
    "home": "index.html",
    "article": "article.html",
    "category": "listing.html",
    "tag": "listing.html",
    "archive": "listing.html",
    "archives": "archives.html",
}

# Settings that reach templates: a change re-renders every page.
FINGERPRINT_SETTINGS = (
    "SITEURL",
    "PREVIEW_URL",
    "DEFAULT_PAGINATION",
    "PLUGINS",
    "THEME",
    "MARKDOWN",
    "JINJA_ENVIRONMENT",
    "CONTENT_SECURITY_POLICY",
    "TIMEZONE",
)


class PageRenderer:
    """The bilingual generator's work, for one build (its `session`)."""

    session: BuildSession
    pages: list[Page]
    if TYPE_CHECKING:  # given by Pelican's Generator (bilingual/pelican_adapter.py)
        context: dict[str, Any]
        settings: dict[str, Any]
        output_path: str
        theme: str
        env: Any

        def get_template(self, name: str) -> Any: ...

    def generate_context(self) -> None:
        project: Project = self.context["project"]
        entries = [
            Entry(
                lang=a.lang,
                slug=a.slug,
                date=a.date,
                category=a.category.slug,
                tags=tuple(t.name for t in getattr(a, "tags", [])),
                obj=a,
            )
            for a in self.context["published_articles"]
        ]
        self.pages = plan_site(
            entries, list(project.data.categories), self.settings.get("DEFAULT_PAGINATION", 10)
        )
        for provider in self.session.hooks.page_providers:
            self.pages += provider(project, self.context)
        link_translations(self.pages)
        self.context["bilingual_pages"] = self.pages

    # --- rendering ------------------------------------------------------------------------

    def _common(self, lang: str, project: Project) -> dict[str, Any]:
        site = project.data.site
        assert site is not None
        return {
            "lang": lang,
            "SITEURL": self.settings.get("SITEURL", ""),
            "CONTENT_SECURITY_POLICY": self.settings.get("CONTENT_SECURITY_POLICY", ""),
            "site": {
                "name": localized(site.name, lang),
                "short_name": localized(site.short_name, lang),
                "bulletin": localized(site.bulletin, lang),
                "address": site.address,
                "phone": site.phone,
                "email": site.email,
                "province": localized(project.data.provinces[site.province].name, lang)
                if site.province in project.data.provinces
                else "",
            },
            "categories_nav": [
                {
                    "key": key,
                    "name": localized(cat.name, lang),
                    "url": urls.url(lang, "category", key=key),
                }
                for key, cat in project.data.categories.items()
            ],
            "home_url": urls.url(lang, "home"),
            "archives_url": urls.url(lang, "archives"),
            "feed_url": urls.url(lang, "feed"),
            "no_translation_anchor": NO_TRANSLATION_ANCHOR,
            # first page of each section a capability added (partners, events, aid, ...)
            "section_urls": {
                p.kind: p.url
                for p in self.pages
                if p.lang == lang and p.number == 1 and p.params.get("section")
            },
        }

    def generate_output(self, writer: Any) -> None:
        session = self.session
        project: Project = self.context["project"]
        output = Path(self.output_path)
        tags = tag_urls(self.pages)
        # per language, once: what every page of that language shares
        self._shared: dict[str, dict[str, Any]] = {}
        for lang in urls.LANGS:
            common = self._common(lang, project)
            self._shared[lang] = {
                **common,
                "tag_urls": {name: url for (tl, name), url in tags.items() if tl == lang},
                "category_names": {c["key"]: c["name"] for c in common["categories_nav"]},
            }
        self._catalogs = {
            lang: catalogs.load_translations(Path(self.theme) / "translations", lang)
            for lang in urls.LANGS
        }
        self._catalog_lang: str | None = None
        self._plan_reuse(project)
        reused = [p for p in self.pages if id(p) in self._reusable]
        for page in reused:
            session.previous.link(page.save_as, output)
        # grouped by language, so that a worker rarely switches catalogs
        todo = sorted(
            (p for p in self.pages if id(p) not in self._reusable),
            key=lambda p: urls.LANGS.index(p.lang),
        )
        with progress.bar("Rendering pages", len(todo)) as advance:
            if session.fragments is None:
                extracts = parallel_map(self._render_page, todo, advance)
            else:  # the rows each worker rendered are kept by the preview's process
                done = parallel_map(self._render_keeping_rows, todo, advance)
                for _, rows in done:
                    session.fragments.keep(rows)
                extracts = [found for found, _ in done]
        written = WrittenPages(
            self.pages,
            {p.save_as: self._keys[id(p)] for p in self.pages},
            {p.save_as: found for p, found in zip(todo, extracts, strict=True) if found},
        )
        for hook in session.hooks.after_pages_hooks:
            hook(output, self.context, written)
        record = session.record
        record.manifest.update(written.keys)
        record.rendered = sorted(p.save_as for p in todo)
        record.reused = [p.save_as for p in reused]
        record.generator = self  # the preview's quick updates continue from it (update_story)
        if session.keep_between_builds:  # the preview: its first quick update too
            self._text_pages("")  # is then as fast as the next ones
            self._front_pages("")
            self._feed_slugs(urls.LANGS[0])
            # templates compiled here (a large site's pages were rendered in workers)
            for name in sorted({p.template or TEMPLATES[p.kind] for p in self.pages}):
                self.get_template(name.removesuffix(".html"))
        for lang in urls.LANGS:
            self._write_feed(lang, project, output)
        _write(output / "sitemap.xml", render_sitemap(self.pages, base_url(self.settings)))
        for write_files in session.hooks.file_writers:
            write_files(project, self.context, output)

    def update_story(self, slug: str, lang: str, changed: frozenset[str]) -> list[str] | None:
        """The preview's quick update after an edit of one story version's text, or its title
        (content_model.pelican_adapter.story_edit; `changed`: the front matter fields that
        changed). Only the pages whose fingerprint reads that story are planned again: those
        that print its text after a text edit; after a title edit also those that list it
        (home, category, tag and archive pages, partners, events, aid...), whose places do
        not move (a title decides no order). Those whose fingerprint changed are rendered in
        place, with the feed of that language when it carries the story and the data files;
        the `after_pages` hooks are called as after a whole build (the search index, when
        the generator's build made one: a `make site` handed to the preview).
        Returns the pages rendered; None when a bulletin shows the story (its PDF and e-mail
        editions are made by the whole build), or when the capabilities' pages would not be
        the same pages (a whole build follows)."""
        session = self.session
        project: Project = self.context["project"]
        if changed and not self._plan_capabilities_again(project):
            return None
        affected = self._front_pages(slug) if changed else self._text_pages(slug)
        if any(p.kind in BULLETIN_KINDS for p in affected):
            return None  # a bulletin shows it: its PDF and e-mail editions are files too
        story = project.stories[slug]
        keys = fingerprints.story_keys(
            {slug: [v.path for v in story.versions.values()]}, session.file_hashes
        )
        whole = {**self._story_keys.whole, slug: keys.whole[slug]}
        front = {**self._story_keys.front, slug: keys.front[slug]}
        story_keys = fingerprints.StoryKeys(whole, front)
        self._story_keys = story_keys
        session.record.planned.extend(p.save_as for p in affected)
        todo = []
        for page in affected:
            key = fingerprints.page_key(page, self._shared_key, story_keys)
            if key != self._keys[id(page)]:
                self._keys[id(page)] = key
                todo.append(page)
        # in this process: forking it for these pages costs more than it saves (docs/dev/
        # build-speed.md, section 2)
        extracts = {page.save_as: self._render_page(page) for page in todo}
        if session.fragments is not None:
            session.fragments.take_fresh()  # kept in this process already
        session.record.manifest.update({p.save_as: self._keys[id(p)] for p in todo})
        output = Path(self.output_path)
        written = WrittenPages(
            self.pages,
            {p.save_as: self._keys[id(p)] for p in self.pages},
            {path: found for path, found in extracts.items() if found},
        )
        for hook in session.hooks.after_pages_hooks:  # the search index of a `make site`
            hook(output, self.context, written)
        if slug in self._feed_slugs(lang):
            self._write_feed(lang, project, output)
        if changed:
            for write_files in session.hooks.file_writers:
                if write_files not in session.hooks.not_after_title_edit:
                    write_files(project, self.context, output)
        return [p.save_as for p in todo]

    def _plan_capabilities_again(self, project: Project) -> bool:
        """After a title edit: the capabilities' pages planned again (their contexts carry
        story titles), in place of the last build's; False when they are not the same pages
        (place, pagination, parameters, stories shown), which a title never changes."""
        core = [p for p in self.pages if p.kind in fingerprints.CORE_KINDS]
        added: list[Page] = []
        for provider in self.session.hooks.page_providers:
            added += provider(project, self.context)
        old = {p.save_as: p for p in self.pages if p.kind not in fingerprints.CORE_KINDS}
        pages = core + added
        link_translations(pages)
        if len(added) != len(old) or any(
            p.save_as not in old or _place(p) != _place(old[p.save_as]) for p in added
        ):
            return False
        for page in added:
            self._keys[id(page)] = self._keys.pop(id(old[page.save_as]))
        self.pages = pages
        self.context["bilingual_pages"] = pages
        self._by_save_as = {p.save_as: p for p in pages}
        return True

    def _text_pages(self, slug: str) -> list[Page]:
        """The pages that print the text of `slug`, from an index made once per build (a
        text edit changes no page's place or list): the quick update does not grow with N."""
        if not hasattr(self, "_by_text"):
            self._by_text = self._index(text_only=True)
        return self._pages_named(self._by_text.get(slug, []) + self._by_text.get("", []))

    def _front_pages(self, slug: str) -> list[Page]:
        """The pages whose fingerprint reads story `slug` at all (its front matter or its
        text), from an index made once per build: the pages a title edit may change."""
        if not hasattr(self, "_by_story"):
            self._by_story = self._index(text_only=False)
        return self._pages_named(self._by_story.get(slug, []) + self._by_story.get("", []))

    def _index(self, text_only: bool) -> dict[str, list[str]]:
        """slug -> the pages (save_as) whose fingerprint reads that story's files; under ""
        those that read every story. `text_only`: only pages that print stories' text."""
        by_slug: dict[str, list[str]] = {}
        for page in self.pages:
            if text_only and page.kind not in fingerprints.TEXT_KINDS:
                continue
            read = fingerprints.stories_read(page)
            for s in read if read is not None else ("",):
                by_slug.setdefault(s, []).append(page.save_as)
        return by_slug

    def _pages_named(self, names: list[str]) -> list[Page]:
        if not hasattr(self, "_by_save_as"):
            self._by_save_as = {p.save_as: p for p in self.pages}
        return [self._by_save_as[n] for n in names]

    def _feed_slugs(self, lang: str) -> set[str]:
        """The stories of a language's feed (its newest): a text edit changes no date."""
        if not hasattr(self, "_feeds"):
            articles = self.context["published_articles"]
            self._feeds = {
                code: {a.slug for a in newest(articles, code, FEED_ITEMS)} for code in urls.LANGS
            }
        return self._feeds.get(lang, set())

    def _plan_reuse(self, project: Project) -> None:
        """Fingerprint every page; those unchanged since the last build can be linked."""
        root = project.root
        shared = fingerprints.shared_key(
            [Path(self.theme), root / "plugins"]
            + [root / "content" / d for d in ("data", "images", "bulletins")],
            [repr(self.settings.get(k)) for k in FINGERPRINT_SETTINGS]
            # any change of requirements.lock (make lock) renders every page again
            + [build_date().isoformat(), dependencies_key(root)],
        )
        story_keys = fingerprints.story_keys(
            {slug: [v.path for v in s.versions.values()] for slug, s in project.stories.items()},
            self.session.file_hashes if self.session.keep_between_builds else None,
        )
        self._keys = {id(p): fingerprints.page_key(p, shared, story_keys) for p in self.pages}
        self._shared_key, self._story_keys = shared, story_keys
        previous = self.session.previous
        previous.shared = shared
        self._reusable = {
            id(p) for p in self.pages if previous.unchanged(p.save_as, self._keys[id(p)])
        }
        fragments = self.session.fragments
        if fragments is not None:
            self.env.globals["list_row"] = functools.partial(fragments.row, self.env)
            if fragments.start(shared):
                # no row kept (the preview's first build, or the theme, code or data
                # changed): the pages of long lists are rendered, to keep their rows
                many = self.settings.get("DEFAULT_PAGINATION", 10)
                self._reusable -= {id(p) for p in self.pages if _lists_many(p, many)}

    def _render_keeping_rows(self, page: Page) -> tuple[dict[str, Any], dict]:
        """`_render_page`, and the rows it rendered (in a worker, for the preview's process)."""
        assert self.session.fragments is not None
        return self._render_page(page), self.session.fragments.take_fresh()

    def _render_page(self, page: Page) -> dict[str, Any]:
        target = Path(self.output_path) / page.save_as
        if self._catalog_lang != page.lang:
            self.env.install_gettext_translations(self._catalogs[page.lang], newstyle=True)
            self._catalog_lang = page.lang
        if self.session.fragments is not None:
            self.session.fragments.lang = page.lang  # the catalog's: part of a row's key
        context = {**self._shared[page.lang], "page": page, "switch": language_switch(page)}
        if page.kind == "article":
            context["article"] = page.items[0].obj
        context.update(page.context() if callable(page.context) else page.context)
        context["partials"] = self._provided_context(page, self.context["project"], context)
        template = page.template or TEMPLATES[page.kind]
        html = self.get_template(template.removesuffix(".html")).render(context)
        _write(target, html)
        return {
            name: value
            for name, extract in self.session.hooks.page_extracts.items()
            if (value := extract(page, html)) is not None
        }

    def _provided_context(self, page: Page, project: Project, context: dict[str, Any]) -> list:
        """Add every capability's variables to `context`; return the partials they name."""
        partials: list[str] = []
        for provider in self.session.hooks.context_providers:
            extra = dict(provider(page, project, self.context))
            partials += extra.pop("partials", [])
            context.update(extra)
        return partials

    def _write_feed(self, lang: str, project: Project, output: Path) -> None:
        assert project.data.site is not None
        title = localized(project.data.site.name, lang)
        xml = site_feed(self.context["published_articles"], lang, title, base_url(self.settings))
        _write(output / urls.url(lang, "feed"), xml)


BULLETIN_KINDS = frozenset({"bulletin", "bulletins"})


def _place(page: Page) -> tuple[Any, ...]:
    """What decides a page's file and its fingerprint besides the stories' contents."""
    return (
        *fingerprints.page_identity(page),
        page.depends_on,
        tuple(e.slug for e in page.items),
    )


def _lists_many(page: Page, many: int) -> bool:
    """Whether a page lists more stories than a page of a listing holds (or every story)."""
    read = fingerprints.stories_read(page)
    return read is None or len(read) > many


def _write(path: Path, text: str) -> None:
    """Write a new file (never into an existing inode: it may be linked from the last build,
    or served by the preview while it is written)."""
    data = text.encode("utf-8")
    try:
        with open(path, "xb") as new:  # the usual case: a fresh folder
            new.write(data)
        return
    except FileNotFoundError:
        os.makedirs(path.parent, exist_ok=True)
        with open(path, "xb") as new:
            new.write(data)
        return
    except FileExistsError:
        pass
    write_atomic(path, data)
