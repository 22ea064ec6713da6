"""The pure cores behind readers' features: folding Vietnamese for search, photo renditions,
and what sharing previews and search engines read."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from images import renditions as rend
from search.fold import extra_index_words, fold
from seo.meta import (
    Publisher,
    ShareImage,
    Story,
    headline,
    news_article_ld,
    page_seo,
    robots_txt,
    script_json,
    story_seo,
)

# --- search folding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("đường", "duong"),
        ("Đại hội", "Dai hoi"),
        ("Hữu nghị Việt Nam - Lào", "Huu nghi Viet Nam - Lao"),
        ("Nẵng, Ờ, ỷ, ặ", "Nang, O, y, a"),
        ("đ\u0301", "d"),  # decomposed accents (some keyboards) fold the same
        ("Good Neighbors 2022", "Good Neighbors 2022"),
    ],
)
def test_fold_drops_every_mark_and_d_bar(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_extra_words_are_the_words_with_d_bar_folded_in_order() -> None:
    texts = ["Đại hội đại biểu", "trên đường 17/8", "hữu nghị"]
    assert extra_index_words(texts) == "Dai dai duong"
    assert extra_index_words(["không có chữ đó"]) == "do"
    assert extra_index_words(["Viện trợ"]) == ""


def test_the_search_script_folds_like_python() -> None:
    script = (Path(__file__).parents[1] / "theme/static/js/search.js").read_text()
    assert '.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\\p{M}/gu, "")' in (
        script
    )


# --- photo renditions -----------------------------------------------------------------------


def _photo(path: Path, size: tuple[int, int], mode: str = "RGB", **save: object) -> Path:
    image = Image.new(mode, size, (200, 80, 40, 255)[: len(mode)] if mode != "P" else 3)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, **save)
    return path


def test_widths_never_enlarge_a_photo() -> None:
    assert rend.target_widths(3000) == [480, 800, 1200, 1600]
    assert rend.target_widths(1600) == [480, 800, 1200, 1600]
    assert rend.target_widths(1000) == [480, 800, 1000]
    assert rend.target_widths(300) == [300]


def test_renditions_in_jpeg_and_webp_with_their_sizes(tmp_path: Path) -> None:
    src = _photo(tmp_path / "content/images/cho-phien.jpg", (2000, 1250))
    pic = rend.picture(tmp_path / "content", "images/cho-phien.jpg", tmp_path / "cache")
    assert (pic.width, pic.height) == (1600, 1000)
    assert [r.width for r in pic.of_format("jpeg")] == [480, 800, 1200, 1600]
    assert [r.width for r in pic.of_format("webp")] == [480, 800, 1200, 1600]
    for r in pic.renditions:
        with Image.open(r.file) as im:
            assert im.size == (r.width, r.height) and im.format == r.format.upper()
    assert (
        pic.url(pic.fallback).startswith("images/cho-phien-800w-") and pic.fallback_format == "jpeg"
    )
    assert pic.srcset("webp", "/x").startswith("/x/images/cho-phien-480w-")
    assert pic.closest(1200).width == 1200 and pic.closest(5000).width == 1600
    assert src.exists()


def test_a_photo_is_encoded_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _photo(tmp_path / "p.jpg", (900, 600))
    first = rend.renditions(src, tmp_path / "cache")
    encoded: list[Path] = []
    monkeypatch.setattr(rend, "_encode", lambda image, fmt, file: encoded.append(file))
    again = rend.renditions(src, tmp_path / "cache")
    assert again == first and encoded == []
    # the same bytes under another name: the same cache entry
    twin = tmp_path / "twin.jpg"
    twin.write_bytes(src.read_bytes())
    assert [r.file for r in rend.renditions(twin, tmp_path / "cache")] == [r.file for r in first]
    assert encoded == []
    # edited photo: new key, so new files and new URLs (no stale copy in browsers)
    _photo(src, (900, 600), quality=50)
    edited = rend.renditions(src, tmp_path / "cache")
    assert encoded and {r.filename for r in edited}.isdisjoint({r.filename for r in first})


def test_transparent_image_keeps_its_alpha_in_png(tmp_path: Path) -> None:
    src = _photo(tmp_path / "logo.png", (600, 300), mode="RGBA")
    formats = {r.format for r in rend.renditions(src, tmp_path / "cache")}
    assert formats == {"png", "webp"}


def test_renditions_are_upright_and_carry_no_exif(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned, the photo is stored sideways
    exif[0x010F] = "Camera maker"
    src = _photo(tmp_path / "sideways.jpg", (1000, 600), exif=exif.tobytes())
    made = rend.renditions(src, tmp_path / "cache")
    assert {(r.width, r.height) for r in made if r.format == "jpeg"} == {(480, 800), (600, 1000)}
    for r in made:
        with Image.open(r.file) as im:
            assert not im.getexif()


def test_publish_puts_renditions_beside_the_photo_and_its_copy_at_its_address(
    tmp_path: Path,
) -> None:
    original = _photo(tmp_path / "content/images/2024/a.jpg", (500, 400))
    pic = rend.picture(tmp_path / "content", "images/2024/a.jpg", tmp_path / "cache")
    written = rend.publish(pic, tmp_path / "out")
    folders = {p.relative_to(tmp_path / "out").parent.as_posix() for p in written}
    assert folders == {"images/2024"} and len(written) == 5
    for path, r in zip(written[:4], pic.renditions, strict=True):
        assert path.read_bytes() == r.file.read_bytes()
    at_address = tmp_path / "out/images/2024/a.jpg"
    assert at_address in written and at_address.read_bytes() != original.read_bytes()
    assert at_address.read_bytes() == pic.closest(500, "jpeg").file.read_bytes()


# --- sharing and search engines ---------------------------------------------------------

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _story(**changes: object) -> Story:
    values: dict = {
        "headline": "Đại hội Hội hữu nghị",
        "description": "Tóm tắt.",
        "url": "https://x.org/tin-tuc/dai-hoi/",
        "lang": "vi",
        "published": datetime(2022, 6, 9, 8, 30, tzinfo=HCM),
    }
    return Story(**(values | changes))


PUBLISHER = Publisher("Liên hiệp hữu nghị", "https://x.org/")


def test_news_article_has_what_search_engines_ask_for() -> None:
    image = ShareImage("https://x.org/images/a-1200w-0.jpg", 1200, 750, "image/jpeg", "Ảnh")
    ld = news_article_ld(_story(author="Trúc Giang", image=image, tags=("Đà",)), PUBLISHER)
    assert ld["@type"] == "NewsArticle" and ld["inLanguage"] == "vi"
    assert ld["datePublished"] == "2022-06-09T08:30:00+07:00" == ld["dateModified"]
    assert ld["author"] == {"@type": "Person", "name": "Trúc Giang"}
    assert ld["publisher"] == {"@type": "Organization", "name": "Liên hiệp hữu nghị",
                               "url": "https://x.org/"}  # fmt: skip
    assert ld["image"]["url"] == image.url and ld["image"]["width"] == 1200
    assert ld["keywords"] == ["Đà"]
    assert news_article_ld(_story(), PUBLISHER)["author"]["@type"] == "Organization"


def test_json_ld_cannot_close_its_script_element() -> None:
    text = script_json({"headline": "a </script><script>alert(1)</script> <!-- b"})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text)["headline"].startswith("a </script>")


def test_long_headline_is_cut_at_a_word() -> None:
    title = "Một tiêu đề rất dài " * 10
    cut = headline(title)
    assert len(cut) <= 110 and cut.endswith("…") and title.startswith(cut[:-1])
    assert headline("Ngắn") == "Ngắn"


def test_story_and_page_values() -> None:
    seo = story_seo(_story(), PUBLISHER, translations=("en",))
    assert seo.og_type == "article" and seo.locale == "vi_VN"
    assert seo.alternate_locales == ("en_US",) and seo.twitter_card == "summary"
    assert json.loads(seo.jsonld or "")["headline"] == "Đại hội Hội hữu nghị"
    not_found = page_seo("en", "Union", None)
    assert not_found.noindex and not_found.canonical is None and not_found.locale == "en_US"


def test_robots_txt() -> None:
    assert robots_txt("https://x.org/sitemap.xml") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://x.org/sitemap.xml\n"
    )
