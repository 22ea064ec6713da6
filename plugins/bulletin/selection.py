"""What goes into an issue: its stories in order, the aid figures and the events of its period.

Which stories an issue has is decided (and checked) by the content model
(`content_model.bulletins`); here they are put in reading order. Aid numbers come from the
aid core only: this module picks figures, the core adds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aid.figures import Figure, collect_figures, collect_mismatches
from aid.tables import Tables, build_tables
from bilingual import urls
from content_model.bulletins import BulletinFile
from content_model.project import Project, Story, StoryFile
from content_model.values import Period
from events.calendar import CalendarEvent, collect

UPCOMING_LIMIT = 8  # events after the issue's end: the soonest ones fit on the calendar page


@dataclass(frozen=True)
class Section:
    category: str  # key of categories.yaml
    stories: tuple[str, ...]  # slugs, in reading order


def version_for(story: Story, lang: str) -> StoryFile:
    """The published version in `lang`, else the other published one (the issue's stories
    are published: the content model checks it)."""
    version = story.version_for(lang)
    if version is None:
        raise ValueError(f"story '{story.slug}' has no published version")
    return version


def category_of(story: Story) -> str:
    return version_for(story, urls.DEFAULT_LANG).front.category


def sections(project: Project, bulletin: BulletinFile) -> list[Section]:
    """A written list keeps its order (consecutive stories of one category share a section);
    the period's stories are grouped by category in categories.yaml order, oldest first."""
    slugs = bulletin.stories
    cats = {slug: category_of(project.stories[slug]) for slug in slugs}
    if bulletin.issue.stories is None:
        order = {key: i for i, key in enumerate(project.data.categories)}
        slugs = sorted(slugs, key=lambda s: order.get(cats[s], len(order)))  # stable: by date
    out: list[Section] = []
    for slug in slugs:
        if out and out[-1].category == cats[slug]:
            out[-1] = Section(cats[slug], (*out[-1].stories, slug))
        else:
            out.append(Section(cats[slug], (slug,)))
    return out


def issue_period(bulletin: BulletinFile) -> Period:
    start, end = bulletin.issue.period.start, bulletin.issue.period.end
    return Period(f"{start.isoformat()}/{end.isoformat()}", start, end)


def period_figures(project: Project, bulletin: BulletinFile) -> list[Figure]:
    """Every published aid figure whose period overlaps the issue's, whatever its story."""
    period = issue_period(bulletin)
    return [f for f in collect_figures(project) if f.period.overlaps(period)]


def period_tables(project: Project, bulletin: BulletinFile) -> Tables:
    site_province = project.data.site.province if project.data.site else ""
    figures = period_figures(project, bulletin)
    return build_tables(figures, site_province, collect_mismatches(project, figures))


@dataclass(frozen=True)
class IssueEvents:
    during: list[CalendarEvent]  # events of the period (started before it ends, ending in it)
    after: list[CalendarEvent]  # the soonest events after the period's end


def issue_events(project: Project, bulletin: BulletinFile, lang: str) -> IssueEvents:
    """The calendar of an issue is relative to the issue, not to the build date: a printed
    bulletin of 2022 announces what came after 2022, whenever it is rebuilt."""
    start: date = bulletin.issue.period.start
    end: date = bulletin.issue.period.end
    events = collect(project, lang)
    during = [e for e in events if e.start <= end and e.last_day >= start]
    after = [e for e in events if e.start > end][:UPCOMING_LIMIT]
    return IssueEvents(during, after)
