"""`make new TITLE=...`: the two files of a new story, never overwriting anything."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

from content_model.data_files import load_data
from content_model.errors import ErrorReport
from content_model.messages import Message, msg, msg_plural
from content_model.site_data import SiteData
from shared.build_day import SITE_TZ

from .slug_index import slugs_by_file
from .story_slug import slug_from_title
from .story_template import NewStory, english, vietnamese

ARTICLES = Path("content", "articles")


class ScaffoldRefused(Exception):
    """Why nothing was written; `message` is for the editor, in their language."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def today_on_site() -> date:
    return datetime.now(SITE_TZ).date()


def clean_title(title: str) -> str:
    # NFC like every file the build reads; one line, single spaces
    return " ".join(unicodedata.normalize("NFC", title).split())


def plan_story(root: Path, title: str, day: date) -> NewStory:
    title = clean_title(title)
    if not title:
        raise ScaffoldRefused(msg('give the Vietnamese title: make new TITLE="..."'))
    slug = slug_from_title(title)
    if slug is None:
        raise ScaffoldRefused(
            msg(
                "cannot make a slug from '%(title)s': the title needs letters or digits",
                title=title,
            )
        )
    # the data files may have errors of their own (make check reports them); the keys
    # they declare are enough here
    data, _ = load_data(root, ErrorReport())
    categories = data.declared.get("categories") or []
    if not categories:
        raise ScaffoldRefused(
            msg("content/data/categories.yaml has no category: add one, then run make new again")
        )
    return NewStory(
        title=title,
        slug=slug,
        day=day,
        category=categories[0],
        partner=(data.declared.get("partners") or ["partner-id"])[0],
        province=_site_province(data),
    )


def _site_province(data: SiteData) -> str:
    if data.site is not None:
        return data.site.province
    return (data.declared.get("provinces") or ["province-key"])[0]


def story_paths(story: NewStory) -> dict[str, Path]:
    return {lang: ARTICLES / f"{story.slug}.{lang}.md" for lang in ("vi", "en")}


def refuse_if_taken(root: Path, story: NewStory) -> None:
    existing = [p.as_posix() for p in story_paths(story).values() if (root / p).exists()]
    if existing:
        raise ScaffoldRefused(
            msg_plural(
                "%(files)s already exists: nothing was written. Open the existing story, or "
                "choose another title.",
                "%(files)s already exist: nothing was written. Open the existing story, or "
                "choose another title.",
                len(existing),
                files=" & ".join(existing),
            )
        )
    users = sorted(r for r, s in slugs_by_file(root).items() if s == story.slug)
    if users:
        raise ScaffoldRefused(
            msg(
                "the slug '%(slug)s' is already used by %(files)s: nothing was written. Choose "
                "a different title, or write the new files by hand with another slug.",
                slug=story.slug,
                files=", ".join(users),
            )
        )


def new_story(root: Path, title: str, day: date | None = None) -> list[Path]:
    """Write `<slug>.vi.md` and `<slug>.en.md`; return their paths relative to `root`."""
    story = plan_story(root, title, day or today_on_site())
    refuse_if_taken(root, story)
    paths = story_paths(story)
    texts = {"vi": vietnamese(story), "en": english(story)}
    (root / ARTICLES).mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for lang, path in paths.items():
            # "x": fail rather than overwrite a file that appeared since the check above
            with (root / path).open("x", encoding="utf-8", newline="\n") as f:
                f.write(texts[lang])
            written.append(path)
    except FileExistsError as exc:
        for path in written:  # both files or none
            (root / path).unlink()
        raise ScaffoldRefused(
            msg("%(file)s appeared meanwhile: nothing was written", file=str(exc.filename))
        ) from None
    return written
