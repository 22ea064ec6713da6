"""Which stories, events and aid figures name each partner.

A story is a translation group: it counts once, whatever the number of its language versions,
and its data (`partners`, `events`, `aid`) is shared by them. A page links the version in its
own language when there is one, else the other one (marked with its language).
Drafts are never referenced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aid.figures import Figure, collect_figures
from aid.tables import addable
from bilingual.story_links import StoryLink, story_link
from content_model.project import Project, Story
from content_model.schema import Event


@dataclass(frozen=True)
class EventRef:
    story: StoryLink
    index: int  # position in the story's `events`
    event: Event


@dataclass(frozen=True)
class FigureRef:
    story: StoryLink
    figure: Figure  # from the aid core: scope resolved, USD equivalents computed


@dataclass
class PartnerRefs:
    stories: list[StoryLink] = field(default_factory=list)
    events: list[EventRef] = field(default_factory=list)
    figures: list[FigureRef] = field(default_factory=list)


def mentioned_partners(story: Story) -> list[str]:
    """Ids a story names, in order of appearance: `partners`, then events, then aid."""
    ids = list(story.partners)
    ids += [pid for ev in story.events for pid in ev.partners]
    ids += [fig.partner for fig in story.aid if fig.partner]
    return list(dict.fromkeys(ids))


def references(project: Project, lang: str) -> dict[str, PartnerRefs]:
    """Partner id -> what references it, for pages in `lang`. Every partner has an entry."""
    refs = {p.id: PartnerRefs() for p in project.data.partners}
    for story in project.stories.values():
        link = story_link(story, lang)
        if link is None:
            continue
        for pid in mentioned_partners(story):
            refs.setdefault(pid, PartnerRefs()).stories.append(link)
        for i, event in enumerate(story.events):
            for pid in dict.fromkeys(event.partners):
                refs.setdefault(pid, PartnerRefs()).events.append(EventRef(link, i, event))
    for fig in collect_figures(project):  # the aid core: drafts out, translations once
        if fig.partner:
            link = story_link(project.stories[fig.story], lang)
            if link is not None:
                refs.setdefault(fig.partner, PartnerRefs()).figures.append(FigureRef(link, fig))
    for r in refs.values():
        r.stories.sort(key=lambda s: (s.date, s.slug), reverse=True)
        r.events.sort(key=lambda e: (e.event.date, e.story.slug, e.index), reverse=True)
        r.figures.sort(
            key=lambda f: (f.figure.period.end, f.figure.period.start, f.figure.id), reverse=True
        )
    return refs


def projects_total(figures: list[FigureRef]) -> int:
    """Projects of one partner's figures, added as the aid statistics add them: figures of the
    same scope whose periods overlap are never added (`aid.tables.addable`)."""
    total = addable([f.figure for f in figures], key=lambda f: (f.scope, f.sector, f.kind))
    return total.projects or 0
