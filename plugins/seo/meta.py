"""What search engines and social networks read in a page's head: canonical URL, Open Graph
and Twitter card values, and schema.org `NewsArticle` JSON-LD for stories.

Pure: takes plain values (absolute URLs, dates, names), returns plain values; the adapter
gathers them from the build and `base.html` writes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
HEADLINE_MAX = 110  # longer headlines are cut by Google's article rich results


@dataclass(frozen=True)
class ShareImage:
    url: str  # absolute
    width: int
    height: int
    mime: str
    alt: str


@dataclass(frozen=True)
class Story:
    """The facts of one story version that sharing needs."""

    headline: str
    description: str
    url: str  # absolute
    lang: str
    published: datetime
    author: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image: ShareImage | None = None


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str  # absolute URL of the home in the page's language


@dataclass(frozen=True)
class Seo:
    """Everything `base.html` writes into `<head>` for sharing and indexing."""

    lang: str
    site_name: str
    canonical: str | None  # absolute; None on pages that must not be indexed (404)
    og_type: str = "website"
    title: str | None = None  # None: the page's `<title>`
    image: ShareImage | None = None
    published: str | None = None  # ISO 8601
    section: str | None = None
    tags: tuple[str, ...] = ()
    noindex: bool = False
    jsonld: str | None = None  # ready for `<script type="application/ld+json">`
    alternate_locales: tuple[str, ...] = field(default=())

    @property
    def locale(self) -> str:
        return OG_LOCALES[self.lang]

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def script_json(data: Any) -> str:
    """JSON that no text of the content can end early: every `<` is written `\\u003c`, so
    neither `</script>` nor `<!--` can appear inside the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def headline(title: str) -> str:
    if len(title) <= HEADLINE_MAX:
        return title
    return title[: HEADLINE_MAX - 1].rsplit(" ", 1)[0] + "…"


def news_article_ld(story: Story, publisher: Publisher) -> dict[str, Any]:
    published = story.published.isoformat()
    organization = {"@type": "Organization", "name": publisher.name, "url": publisher.url}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline(story.headline),
        "description": story.description,
        "url": story.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": story.url},
        "inLanguage": story.lang,
        "datePublished": published,
        "dateModified": published,  # stories carry no modification date of their own
        "author": {"@type": "Person", "name": story.author} if story.author else organization,
        "publisher": organization,
    }
    if story.image:
        data["image"] = {
            "@type": "ImageObject",
            "url": story.image.url,
            "width": story.image.width,
            "height": story.image.height,
        }
    if story.section:
        data["articleSection"] = story.section
    if story.tags:
        data["keywords"] = list(story.tags)
    return data


def story_seo(story: Story, publisher: Publisher, translations: tuple[str, ...] = ()) -> Seo:
    """`translations`: languages this story also exists in (for `og:locale:alternate`)."""
    return Seo(
        lang=story.lang,
        site_name=publisher.name,
        canonical=story.url,
        og_type="article",
        title=story.headline,
        image=story.image,
        published=story.published.isoformat(),
        section=story.section,
        tags=story.tags,
        jsonld=script_json(news_article_ld(story, publisher)),
        alternate_locales=tuple(OG_LOCALES[lang] for lang in translations),
    )


def page_seo(lang: str, site_name: str, url: str | None, translations: tuple[str, ...] = ()) -> Seo:
    """Any other page; `url` None: a page that must not be indexed (the 404 page)."""
    return Seo(
        lang=lang,
        site_name=site_name,
        canonical=url,
        noindex=url is None,
        alternate_locales=tuple(OG_LOCALES[lang] for lang in translations),
    )


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
