"""Unit tests of `bilingual/plan.py`: which pages each language has, pagination, translations
and the language switch, without building a site."""

from __future__ import annotations

from datetime import datetime

from bilingual.plan import (
    NO_TRANSLATION_ANCHOR,
    Entry,
    language_switch,
    one_per_language,
    plan_site,
    tag_urls,
)


def entry(slug: str, lang: str = "vi", day: int = 1, category: str = "hoat-dong", tags=()):
    return Entry(lang, slug, datetime(2022, 6, day), category, tuple(tags))


def by_url(pages):
    return {p.url: p for p in pages}


def test_every_kind_of_page_in_both_languages() -> None:
    pages = by_url(plan_site([entry("a"), entry("a", "en")], ["hoat-dong"]))
    for url in (
        "",
        "en/",
        "tin-tuc/a/",
        "en/news/a/",
        "chuyen-muc/hoat-dong/",
        "en/category/hoat-dong/",
        "luu-tru/",
        "en/archive/",
        "luu-tru/2022/",
        "en/archive/2022/",
    ):
        assert url in pages, url
    assert pages["tin-tuc/a/"].kind == "article" and pages["tin-tuc/a/"].lang == "vi"
    assert pages["tin-tuc/a/"].save_as == "tin-tuc/a/index.html"


def test_pagination_newest_first_at_page_n() -> None:
    entries = [entry(f"s{d:02d}", day=d) for d in range(1, 24)]  # 23 stories, 10 a page
    home = [p for p in plan_site(entries, [], per_page=10) if p.kind == "home" and p.lang == "vi"]
    assert [p.url for p in home] == ["", "page/2/", "page/3/"]
    assert [p.number for p in home] == [1, 2, 3] and {p.count for p in home} == {3}
    assert [len(p.items) for p in home] == [10, 10, 3]
    assert home[0].items[0].slug == "s23" and home[-1].items[-1].slug == "s01"
    assert (home[0].prev_url, home[0].next_url) == (None, "page/2/")
    assert (home[1].prev_url, home[1].next_url) == ("", "page/3/")
    assert (home[2].prev_url, home[2].next_url) == ("page/2/", None)


def test_empty_listing_still_has_its_first_page() -> None:
    pages = plan_site([], ["vien-tro"])
    cat = [p for p in pages if p.kind == "category" and p.lang == "en"]
    assert [(p.url, p.items, p.count) for p in cat] == [("en/category/vien-tro/", [], 1)]


def test_translations_link_each_other_and_untranslated_pages_have_none() -> None:
    pages = by_url(plan_site([entry("a"), entry("a", "en"), entry("b")], ["hoat-dong"]))
    assert pages["tin-tuc/a/"].alternates == {"vi": "tin-tuc/a/", "en": "en/news/a/"}
    assert pages["en/news/a/"].alternates == pages["tin-tuc/a/"].alternates
    assert pages["tin-tuc/b/"].alternates == {}
    assert pages[""].alternates == {"vi": "", "en": "en/"}


def test_language_switch_to_the_translation_or_the_other_home() -> None:
    pages = by_url(plan_site([entry("a"), entry("a", "en"), entry("b")], []))
    to_translation = language_switch(pages["tin-tuc/a/"])
    assert (to_translation.lang, to_translation.url, to_translation.translated) == (
        "en",
        "en/news/a/",
        True,
    )
    untranslated = language_switch(pages["tin-tuc/b/"])
    assert untranslated.url == f"en/#{NO_TRANSLATION_ANCHOR}" and not untranslated.translated


def test_tags_are_pages_of_their_own_language_with_unique_slugs() -> None:
    entries = [entry("a", tags=["Đà Lạt"]), entry("b", tags=["đá"]), entry("c", "en", tags=["Aid"])]
    pages = plan_site(entries, [])
    tags = [p for p in pages if p.kind == "tag"]
    assert {p.lang for p in tags if p.params["name"] == "Aid"} == {"en"}
    assert all(p.alternates == {} for p in tags)  # a tag is a word of one language
    links = tag_urls(pages)
    assert links[("en", "Aid")] == "en/tag/aid/"
    assert links[("vi", "Đà Lạt")] != links[("vi", "đá")]


def test_archive_years_newest_first() -> None:
    entries = [Entry("vi", "old", datetime(2019, 1, 2), "hoat-dong", ()), entry("new")]
    pages = by_url(plan_site(entries, []))
    assert pages["luu-tru/"].params["years"] == [2022, 2019]
    assert [e.slug for e in pages["luu-tru/2019/"].items] == ["old"]
    assert "en/archive/2019/" not in pages  # no English story of 2019


def test_one_per_language_pages_are_translations_with_their_own_context() -> None:
    pages = one_per_language(
        "events", "events/index.html", context=lambda lang: {"who": lang}, depends_on=frozenset()
    )
    assert [(p.lang, p.url, p.context) for p in pages] == [
        ("vi", "su-kien/", {"who": "vi"}),
        ("en", "en/events/", {"who": "en"}),
    ]
    assert pages[0].key == pages[1].key and pages[0].template == "events/index.html"
    assert pages[0].depends_on == frozenset()
