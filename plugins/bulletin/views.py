"""What the templates of every edition show, for one issue in one language.

Texts are ready to print (localized, Markdown turned into HTML); URLs are relative to the
site root, and each edition decides how to make them absolute (web: SITEURL, print and e-mail:
the published site's address).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup

from aid.money import period_label
from aid.sectors import sector_name
from aid.tables import Tables
from bilingual import urls
from bilingual.story_links import StoryLink, story_links
from content_model.bulletins import BulletinFile
from content_model.project import Project
from content_model.schema import CoverImage, Image
from content_model.values import Period
from events.calendar import when
from events.listing import EventView, view
from shared.text import localized

from . import markup
from .editions import EditionFiles, edition_files
from .pdf import photo_url
from .selection import issue_events, period_tables, sections, version_for


@dataclass(frozen=True)
class ImageView:
    src: str  # relative to content/ and to the site root: images/x.jpg
    uri: str  # the photo in the print edition: content:images/x.jpg (pdf.photo_url)
    alt: str
    caption: str | None


@dataclass(frozen=True)
class StoryView:
    slug: str
    anchor: str
    lang: str  # language of the version shown
    foreign: bool  # True: no version in the edition's language, the other one is shown
    title: str
    date: datetime
    author: str | None
    category: str
    category_name: str
    summary: str | None  # Markdown, as written (the plain-text e-mail shows it as it is)
    summary_html: Markup
    body: str  # Markdown, as written
    body_html: Markup
    image: ImageView | None
    url: str


@dataclass(frozen=True)
class SectionView:
    key: str
    name: str
    stories: tuple[StoryView, ...]


@dataclass(frozen=True)
class SiteInfo:
    name: str
    short_name: str
    bulletin: str
    address: str
    phone: str
    email: str


@dataclass
class IssueView:
    id: str
    lang: str
    number: str
    start: date
    end: date
    period: str  # "2022", "tháng 7–9/2023", "Jul–Sep 2023"
    site: SiteInfo
    editorial: str  # Markdown, as written
    editorial_html: Markup
    sections: list[SectionView]
    cover: StoryView | None
    cover_image: ImageView | None
    aid: Tables
    province_names: dict[str, str]
    province_merged: dict[str, str]
    partner_names: dict[str, str]
    sector_names: dict[str, str]  # sector group key -> the source's words, else the DAC name
    story_links: dict[str, StoryLink]  # aid sources
    events_during: list[EventView]
    events_after: list[EventView]
    files: EditionFiles
    other_files: EditionFiles  # the other language's editions
    other_lang: str
    archive_url: str

    @property
    def stories(self) -> list[StoryView]:
        return [s for section in self.sections for s in section.stories]

    @property
    def shown_stories(self) -> frozenset[str]:
        """The stories this edition shows anything of (text, title, figures, events): what
        its page depends on (bilingual/fingerprints.py); a story that enters or leaves it
        changes this set, so its page is made again too."""
        events = (*self.events_during, *self.events_after)
        return frozenset(
            {s.slug for s in self.stories}
            | {f.story for f in self.aid.figures}
            | set(self.story_links)
            | {e.story.slug for e in events}
        )


def period_text(start: date, end: date, lang: str) -> str:
    """Whole months read as months (`2022`, `tháng 7–9/2023`), other periods as days."""
    whole_months = start.day == 1 and (end + timedelta(days=1)).day == 1
    if whole_months:
        return period_label(Period("", start, end), lang)
    return when(start, end, lang)


def _image(project: Project, image: Image | CoverImage | None, lang: str) -> ImageView | None:
    if image is None:
        return None
    return ImageView(
        src=image.src,
        uri=photo_url(image.src),
        alt=localized(image.alt, lang),
        caption=localized(image.caption, lang) or None,
    )


def story_view(project: Project, slug: str, lang: str) -> StoryView:
    story = project.stories[slug]
    version = version_for(story, lang)
    front = version.front
    cat = project.data.categories.get(front.category)
    return StoryView(
        slug=slug,
        anchor=f"story-{slug}",
        lang=version.lang,
        foreign=version.lang != lang,
        title=front.title,
        date=front.date,
        author=front.author,
        category=front.category,
        category_name=localized(cat.name, lang) if cat else front.category,
        summary=front.summary,
        summary_html=markup.to_html(front.summary or ""),
        body=version.body.strip(),
        body_html=markup.to_html(version.body),
        image=_image(project, front.image, version.lang),
        url=urls.url(version.lang, "article", slug=slug),
    )


def _site(project: Project, lang: str) -> SiteInfo:
    site = project.data.site
    assert site is not None  # a project without site.yaml has errors and is never built
    return SiteInfo(
        name=localized(site.name, lang),
        short_name=localized(site.short_name, lang),
        bulletin=localized(site.bulletin, lang),
        address=site.address,
        phone=site.phone,
        email=site.email,
    )


def issue_view(project: Project, bulletin: BulletinFile, lang: str) -> IssueView:
    issue = bulletin.issue
    views = {slug: story_view(project, slug, lang) for slug in bulletin.stories}
    section_views = []
    for section in sections(project, bulletin):
        cat = project.data.categories.get(section.category)
        section_views.append(
            SectionView(
                key=section.category,
                name=localized(cat.name, lang) if cat else section.category,
                stories=tuple(views[s] for s in section.stories),
            )
        )
    cover = views.get(bulletin.cover_story or "")
    cover_image = _image(project, issue.cover_image, lang) if issue.cover_image else None
    tables = period_tables(project, bulletin)
    events = issue_events(project, bulletin, lang)
    partners = project.data.partners_by_id
    provinces = project.data.provinces
    other = urls.other_lang(lang)
    return IssueView(
        id=bulletin.id,
        lang=lang,
        number=issue.number,
        start=issue.period.start,
        end=issue.period.end,
        period=period_text(issue.period.start, issue.period.end, lang),
        site=_site(project, lang),
        editorial=localized(issue.editorial, lang),
        editorial_html=markup.to_html(localized(issue.editorial, lang)),
        sections=section_views,
        cover=cover,
        cover_image=cover_image or (cover.image if cover else None),
        aid=tables,
        province_names={k: localized(p.name, lang) for k, p in provinces.items()},
        province_merged={
            k: localized(provinces[p.merged_into].name, lang)
            for k, p in provinces.items()
            if p.merged_into in provinces
        },
        partner_names={p.id: localized(p.name, lang) for p in project.data.partners},
        # the source's own words where it gives them, else the DAC code's name
        sector_names={
            g.key: localized(g.label, lang) if g.label else sector_name(g.code or g.key, lang)
            for g in tables.by_sector
        },
        story_links=story_links(project, sorted({f.story for f in tables.figures}), lang),
        events_during=[view(e, lang, partners) for e in events.during],
        events_after=[view(e, lang, partners) for e in events.after],
        files=edition_files(bulletin.id, lang),
        other_files=edition_files(bulletin.id, other),
        other_lang=other,
        archive_url=urls.url(lang, "bulletins"),
    )


def newest_first(project: Project) -> list[BulletinFile]:
    """Issues for the archive: the latest period first."""
    return sorted(
        project.bulletins.values(),
        key=lambda b: (b.issue.period.end, b.issue.period.start, b.id),
        reverse=True,
    )
