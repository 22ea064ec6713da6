"""Photos, sharing tags and search on a small site built in a temporary folder."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from conftest import Site, story
from images import renditions as rend

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _photo(site: Site, name: str, color: tuple[int, int, int]) -> None:
    path = site.root / "content/images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1000, 625), color).save(path, quality=90)


def _image(name: str, alt: str = "Ảnh minh họa", caption: str = "") -> str:
    extra = f'\n  caption: "{caption}"' if caption else ""
    return f'image:\n  src: images/{name}\n  alt: "{alt}"{extra}'


@pytest.fixture
def photo_site(site: Site) -> Site:
    _photo(site, "cho.jpg", (180, 60, 40))
    _photo(site, "nhap.jpg", (20, 60, 140))
    _photo(site, "khong-dung.jpg", (20, 160, 40))
    site.add_story("cho.vi.md", story("cho", "vi", "Chợ phiên", extra=_image("cho.jpg")))
    site.add_story(
        "cho.en.md", story("cho", "en", "Market day", extra=_image("cho.jpg", "A market"))
    )
    site.add_story("nhap.vi.md", story("nhap", "vi", extra=_image("nhap.jpg") + "\nstatus: draft"))
    return site


def _renditions(output: Path) -> set[str]:
    return {p.name for p in (output / "images").iterdir() if re.search(r"-\d+w-", p.name)}


def test_only_published_photos_get_renditions_made_once(
    photo_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert photo_site.build() == 0
    made = _renditions(photo_site.output)
    assert {re.sub(r"-\d+w-.*", "", n) for n in made} == {"cho"}  # not the draft's, nor unused
    assert len(made) == 6  # 480, 800 and 1000 px, JPEG and WebP
    cache = photo_site.root / ".cache/images"
    stamps = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(stamps) == 7  # and the copy of the unused photo (none of the draft's)
    assert (photo_site.output / "images/khong-dung.jpg").exists()
    assert not (photo_site.output / "images/nhap.jpg").exists()

    encoded: list[Path] = []
    monkeypatch.setattr(rend, "_encode", lambda image, fmt, file: encoded.append(file))
    assert photo_site.build() == 0
    assert encoded == []  # the second build encodes nothing
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == stamps
    assert _renditions(photo_site.output) == made


def test_edited_photo_gets_new_renditions(photo_site: Site) -> None:
    assert photo_site.build() == 0
    before = _renditions(photo_site.output)
    _photo(photo_site, "cho.jpg", (10, 10, 10))
    assert photo_site.build() == 0
    after = _renditions(photo_site.output)
    assert after.isdisjoint(before) and len(after) == 6  # old URLs are gone from the site
    html = photo_site.page("tin-tuc/cho/").html
    assert all(name in html for name in after)


def test_figure_and_cards_use_the_renditions(photo_site: Site) -> None:
    _photo(photo_site, "cho.jpg", (180, 60, 40))
    photo_site.add_story(
        "cho.vi.md",
        story("cho", "vi", "Chợ phiên", extra=_image("cho.jpg", caption="Chợ phiên Bắc Hà")),
    )
    assert photo_site.build() == 0
    html = photo_site.page("tin-tuc/cho/").html
    figure = html[html.index("<figure") : html.index("</figure>")]
    assert '<source type="image/webp" srcset="/images/cho-480w-' in figure
    assert 'width="1000" height="625" alt="Ảnh minh họa"' in figure
    assert "<figcaption>Chợ phiên Bắc Hà</figcaption>" in figure
    home = photo_site.page("").html
    assert 'class="card-img" src="/images/cho-800w-' in home


def test_story_without_photo_and_one_with(photo_site: Site) -> None:
    photo_site.add_story("khong-anh.vi.md", story("khong-anh", "vi", "Không ảnh"))
    assert photo_site.build() == 0
    plain = photo_site.page("tin-tuc/khong-anh/").html
    assert "<figure" not in plain and 'name="twitter:card" content="summary"' in plain
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', plain)
    assert "image" not in json.loads(ld)
    with_photo = photo_site.page("en/news/cho/").html
    assert 'name="twitter:card" content="summary_large_image"' in with_photo
    assert 'property="og:image:alt" content="A market"' in with_photo


def test_title_cannot_break_out_of_the_json_ld(site: Site) -> None:
    site.add_story("x.vi.md", story("x", "vi", "Tin </script><script>alert(1)</script>"))
    assert site.build() == 0
    html = site.page("tin-tuc/x/").html
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(ld)["headline"] == "Tin </script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_sitemap_has_search_pages_but_not_the_404_pages(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi"))
    assert site.build() == 0
    root = ET.parse(site.output / "sitemap.xml").getroot()
    locs = {u.findtext(f"{SM}loc") for u in root.findall(f"{SM}url")}
    assert {"http://localhost:8000/tim-kiem/", "http://localhost:8000/en/search/"} <= locs
    assert not any("404" in (loc or "") for loc in locs)
    assert (site.output / "404.html").exists() and (site.output / "en/404.html").exists()
    assert "Sitemap: http://localhost:8000/sitemap.xml" in (site.output / "robots.txt").read_text()


def test_search_indexes_only_stories_in_their_language(site: Site) -> None:
    site.add_story("a.vi.md", story("a", "vi", body="Đường vào bản."))
    site.add_story("a.en.md", story("a", "en", body="The road to the village."))
    site.add_story("b.vi.md", story("b", "vi"))
    assert site.build() == 0
    entry = json.loads((site.output / "pagefind/pagefind-entry.json").read_text())
    assert {k: v["page_count"] for k, v in entry["languages"].items()} == {"vi": 2, "en": 1}
    html = site.page("tin-tuc/a/").html
    assert "<p hidden>Duong</p>" in html and "data-pagefind-body" in html
    assert "data-pagefind-body" not in site.page("").html
