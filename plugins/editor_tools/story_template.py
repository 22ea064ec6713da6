"""The text of a new story's two files: required fields filled in, every other field of the
contract as a commented example (docs/editor-guide.md, sections 3-6). The editors' words are
in `new-story.vi.md` and `new-story.en.md` beside this module (Jinja templates).

Comments are YAML comments, so the files pass `make check` as written; an editor uncomments
what the story needs. Story data (province, partners, events, aid) is shown in the
Vietnamese file only: it belongs to the story and is written once (content-model.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from content_model.readiness import PLACEHOLDER
from content_model.schema import AID_KINDS, EVENT_KINDS

# Plain text, not HTML. Jinja comments moved off `{#`, which a YAML flow mapping in these
# files could begin.
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent),
    autoescape=False,
    keep_trailing_newline=True,
    undefined=StrictUndefined,
    comment_start_string="{##",
    comment_end_string="##}",
)


@dataclass(frozen=True)
class NewStory:
    title: str  # the Vietnamese title
    slug: str
    day: date
    category: str
    # keys from the project's data files, so that an uncommented example refers to
    # something that exists
    partner: str
    province: str


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _required(story: NewStory, lang: str, title: str) -> str:
    return (
        "---\n"
        f"title: {quoted(title)}\n"
        f"date: {story.day.isoformat()}\n"
        f"lang: {lang}\n"
        f"slug: {story.slug}\n"
        f"category: {story.category}\n"
    )


def _optional(story: NewStory, lang: str) -> str:
    """The commented example fields and the body to write, from `new-story.<lang>.md`: text
    for editors, kept out of Python so a translator edits it as a file."""
    return TEMPLATES.get_template(f"new-story.{lang}.md").render(
        slug=story.slug,
        province=story.province,
        partner=story.partner,
        day=story.day.isoformat(),
        month=f"{story.day:%Y-%m}",
        year=story.day.year,
        placeholder=PLACEHOLDER,
        event_kinds=" | ".join(EVENT_KINDS),
        aid_kinds=" | ".join(AID_KINDS),
    )


def vietnamese(story: NewStory) -> str:
    return _required(story, "vi", story.title) + _optional(story, "vi")


def english(story: NewStory) -> str:
    return _required(story, "en", f"{PLACEHOLDER}: English title") + _optional(story, "en")
