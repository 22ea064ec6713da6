"""The editions of a fixture issue, built by a real site build: the print edition (PDF read
back with poppler and pypdf), the e-mail edition, the web edition and the archive; and the
one-issue command `python -m bulletin`."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from bulletin.cli import main as bulletin_main
from conftest import Site, make_site, story

ISSUE = "so-1-2022"
SITEURL = "https://bulletin.example.net"
UNION = "Liên hiệp các tổ chức hữu nghị tỉnh Tuyên Quang"
TITLE_A = "Hội nghị hữu nghị Việt - Lào năm 2022"
TITLE_A_EN = "Vietnam - Laos friendship conference 2022"
TITLE_B = "Yên Bái đón đoàn tình nguyện viên quốc tế"
TITLE_B_EN = "Yen Bai welcomes international volunteers"
BODY_VI = """\
Ngày 15 tháng 3, Hội hữu nghị Việt Nam - Lào tỉnh tổ chức hội nghị tổng kết. Đại biểu đánh giá
cao những kết quả đạt được trong giao lưu nhân dân, hợp tác giáo dục và y tế giữa hai tỉnh.

## Kết quả nổi bật

- Đón 12 đoàn khách quốc tế;
- Tổ chức 3 lớp tập huấn cho cán bộ cơ sở;
- Trao 40 suất học bổng cho học sinh nghèo vượt khó.

Hội nghị thống nhất phương hướng năm tới: mở rộng quan hệ với các tổ chức phi chính phủ nước
ngoài, nâng cao chất lượng hoạt động đối ngoại nhân dân ở cơ sở.
"""
BODY_EN = """\
On 15 March the provincial Vietnam - Laos Friendship Association held its review conference.
Delegates praised the results of people-to-people exchanges and cooperation in education.

## Highlights

- 12 international delegations welcomed;
- 3 training courses for local officials;
- 40 scholarships for pupils in need.
"""


def _photo(site: Site, name: str, color: str) -> None:
    path = site.root / "content" / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    im = Image.new("RGB", (800, 500), color)
    ImageDraw.Draw(im).ellipse((300, 150, 500, 350), fill="#ffffff")
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # and where it was taken: never printed
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 35.0, 12.5), 3: "E", 4: (105.0, 50.0, 3.2)})
    im.save(path, "JPEG", quality=80, exif=exif.tobytes())


def make_issue_site(root: Path) -> Site:
    site = make_site(root)
    site.write("publishconf.py", f'from pelicanconf import *  # noqa\nSITEURL = "{SITEURL}"\n')
    _photo(site, "hoi-nghi.jpg", "#0b4a82")
    _photo(site, "tinh-nguyen.jpg", "#b3122a")
    image_a = (
        "image:\n  src: images/hoi-nghi.jpg\n  alt: Hội trường hội nghị\n"
        "  caption: Toàn cảnh hội nghị."
    )
    data_a = (
        "events:\n"
        "  - date: 2022-03-15\n    title: {vi: Hội nghị tổng kết, en: Review conference}\n"
        "    kind: conference\n    place: Tuyên Quang\n"
        "  - date: 2023-02-10\n    end: 2023-02-12\n"
        "    title: {vi: Đại hội Hội hữu nghị lần thứ III, en: Third congress}\n"
        "    kind: congress\n"
        'aid:\n  - period: "2022"\n    projects: 12\n'
        "    committed: {value: 1000000, currency: USD}\n"
        "    disbursed: {value: 800000, currency: USD}"
    )
    site.add_story(
        "a.vi.md",
        story(
            "hoi-nghi",
            title=TITLE_A,
            date="2022-03-20",
            extra=f'author: "Lò Văn Mươi"\nsummary: "Tóm tắt hội nghị."\n{image_a}\n{data_a}',
            body=BODY_VI,
        ),
    )
    site.add_story(
        "a.en.md",
        story("hoi-nghi", "en", title=TITLE_A_EN, date="2022-03-20", extra=image_a, body=BODY_EN),
    )
    image_b = "image:\n  src: images/tinh-nguyen.jpg\n  alt: Tình nguyện viên trồng cây"
    site.add_story(
        "b.vi.md",
        story(
            "tinh-nguyen",
            title=TITLE_B,
            date="2022-06-20",
            category="vien-tro",
            extra=f"province: yen-bai\n{image_b}\n"
            'aid:\n  - period: "2022-01/2022-06"\n    projects: 4\n'
            "    committed: {value: 16104216000, currency: VND}",
            body="Đoàn tình nguyện viên đến từ Hàn Quốc đã giúp xây dựng nhà văn hóa thôn.",
        ),
    )
    site.add_story(
        "b.en.md",
        story(
            "tinh-nguyen",
            "en",
            title=TITLE_B_EN,
            date="2022-06-20",
            category="vien-tro",
            extra=image_b,
            body="Volunteers from Korea helped build a village hall.",
        ),
    )
    # neither is in the issue: one of another year, one draft of the period
    site.add_story("c.vi.md", story("nam-truoc", date="2021-05-01"))
    site.add_story("d.vi.md", story("ban-nhap", date="2022-05-01", extra="status: draft"))
    site.write(
        f"content/bulletins/{ISSUE}.yaml",
        "number: 1/2022\nperiod:\n  from: 2022-01-01\n  to: 2022-12-31\n"
        "cover_story: tinh-nguyen\n"
        "editorial:\n"
        "  vi: |\n    Năm 2022, công tác đối ngoại nhân dân có nhiều khởi sắc.\n\n"
        "    Chúc bạn đọc năm mới an khang, thịnh vượng.\n"
        "  en: |\n    2022 was a good year for people-to-people diplomacy.\n",
    )
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_issue_site(tmp_path_factory.mktemp("bulletin") / "site")
    assert site.build() == 0
    return site


def pdf_path(site: Site, lang: str, variant: str = "") -> Path:
    folder = "ban-tin" if lang == "vi" else "en/bulletin"
    return site.output / folder / ISSUE / f"{ISSUE}-{lang}{variant}.pdf"


def pdftotext(path: Path, page: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def page_texts(path: Path) -> list[str]:
    count = len(PdfReader(path).pages)
    return [" ".join(pdftotext(path, n).split()) for n in range(1, count + 1)]


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark."""
    reader = PdfReader(path)
    out: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return out


# --- print edition --------------------------------------------------------------------------

# cover; contents and editorial; one story of each category (categories.yaml order: hoat-dong,
# vien-tro); aid figures and calendar; contacts and colophon
EXPECTED_PAGES = 6


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_count_and_page_numbers(built: Site, lang: str) -> None:
    path = pdf_path(built, lang)
    pages = page_texts(path)
    assert len(pages) == EXPECTED_PAGES
    label = "Trang {n}/{count}" if lang == "vi" else "Page {n} of {count}"
    assert label.format(n=1, count=EXPECTED_PAGES) not in pages[0]  # no number on the cover
    for n in range(2, EXPECTED_PAGES + 1):
        assert label.format(n=n, count=EXPECTED_PAGES) in pages[n - 1]


def test_vietnamese_text_extracts_as_written(built: Site) -> None:
    pages = page_texts(pdf_path(built, "vi"))
    cover, whole = pages[0], " ".join(pages)
    for expected in ("BẢN TIN", "Hợp tác - Hữu nghị", UNION, "Số 1/2022", TITLE_B):
        assert expected in cover
    for expected in (
        # body text is set in two columns: phrases that fit on one line
        "Tổ chức 3 lớp tập huấn cho cán bộ cơ sở",
        "Trao 40 suất học bổng",
        "hợp tác giáo dục và y tế giữa hai tỉnh",
        "Chúc bạn đọc năm mới an khang, thịnh vượng.",
        "Tác giả: Lò Văn Mươi",
        "Toàn cảnh hội nghị.",
        "Đại hội Hội hữu nghị lần thứ III",
    ):
        assert expected in whole
    assert whole == unicodedata.normalize("NFC", whole)
    assert not re.search("[\u0300-\u036f]", whole)  # no loose combining accent


def test_english_edition_is_in_english(built: Site) -> None:
    pages = page_texts(pdf_path(built, "en"))
    whole = " ".join(pages)
    assert "BULLETIN" in pages[0] and "Cooperation and Friendship" in pages[0]
    assert TITLE_A_EN in whole and "40 scholarships for pupils in need" in whole
    assert TITLE_A not in whole


def test_draft_and_other_periods_stay_out(built: Site) -> None:
    whole = " ".join(page_texts(pdf_path(built, "vi")))
    assert "Bài nam-truoc" not in whole and "Bài ban-nhap" not in whole


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_font_is_be_vietnam_pro_and_embedded(built: Site, lang: str) -> None:
    out = subprocess.run(
        ["pdffonts", str(pdf_path(built, lang))], check=True, capture_output=True, text=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    names = [row[0].split("+", 1)[-1] for row in rows]
    assert all(name.startswith("Be-Vietnam-Pro") for name in names), names
    # columns: name type... encoding emb sub uni object ID: emb is the 5th from the end
    assert all(row[-5] == "yes" for row in rows), out
    if lang == "vi":
        assert any(name.startswith("Be-Vietnam-Pro-Vi") for name in names)


@pytest.mark.parametrize(
    ("lang", "titles"), [("vi", [TITLE_A, TITLE_B]), ("en", [TITLE_A_EN, TITLE_B_EN])]
)
def test_contents_page_numbers_are_where_stories_start(
    built: Site, lang: str, titles: list[str]
) -> None:
    path = pdf_path(built, lang)
    toc = pdftotext(path, 2, layout=True)
    pages = page_texts(path)
    bookmarks = {title: page for _, title, page in outline(path)}
    for title in titles:
        line = next(line for line in toc.splitlines() if title in line)
        listed = int(re.search(r"(\d+)\s*$", line)[1])
        first = next(n for n, text in enumerate(pages, start=1) if n > 2 and title in text)
        assert listed == first == bookmarks[title]


def test_outline(built: Site) -> None:
    assert outline(pdf_path(built, "vi")) == [
        (1, "Hợp tác - Hữu nghị", 1),
        (1, "Mục lục", 2),
        (1, "Lời ngỏ", 2),
        (1, "Hoạt động", 3),
        (2, TITLE_A, 3),
        (1, "Viện trợ phi chính phủ", 4),
        (2, TITLE_B, 4),
        (1, "Viện trợ qua các con số", 5),
        (1, "Lịch sự kiện", 5),
        (1, "Liên hệ", 6),
    ]


@pytest.mark.parametrize(
    ("lang", "title"),
    [("vi", "Hợp tác - Hữu nghị, số 1/2022"), ("en", "Cooperation and Friendship, issue 1/2022")],
)
def test_metadata(built: Site, lang: str, title: str) -> None:
    reader = PdfReader(pdf_path(built, lang))
    meta = reader.metadata
    assert meta.title == title
    assert meta.author == (
        UNION if lang == "vi" else "Tuyen Quang Union of Friendship Organizations"
    )
    assert reader.trailer["/Root"]["/Lang"] == lang
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_pdfa_variant(built: Site) -> None:
    reader = PdfReader(pdf_path(built, "vi", "-pdfa"))
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    # level A: tagged, the accessible level of PDF/A
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    plain = PdfReader(pdf_path(built, "vi"))
    assert "/OutputIntents" not in plain.trailer["/Root"]  # the plain PDF is not PDF/A
    plain_xmp = plain.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in plain_xmp  # it is PDF/UA-1
    assert len(reader.pages) == len(plain.pages)


def test_print_and_web_editions_publish_no_photo_metadata(built: Site) -> None:
    """The PDFs embed the photos the site publishes, not the originals (with a GPS position)."""
    pdfs = list(built.output.rglob("*.pdf"))
    assert len(pdfs) == 4
    for path in pdfs:
        assert b"Phone maker" not in path.read_bytes(), path
    for name in ("hoi-nghi.jpg", "tinh-nguyen.jpg"):  # what the web and e-mail editions show
        published = (built.output / "images" / name).read_bytes()
        assert b"Phone maker" not in published and b"Exif" not in published


def test_aid_box_uses_the_aid_core(built: Site) -> None:
    whole = " ".join(page_texts(pdf_path(built, "vi")))
    # Tuyên Quang 2022 and Yên Bái 2022-01/06 in one year: added across provinces
    # 1,000,000 USD + 16,104,216,000 VND / 23,271 VND per USD = 1,692,030 USD
    assert "1,69 triệu USD" in whole
    assert "16.104.216.000 VNĐ" in whole and "tháng 1–6/2022" in whole


def test_calendar_announces_what_follows_the_period(built: Site) -> None:
    pages = page_texts(pdf_path(built, "vi"))
    calendar = next(p for p in pages if "Lịch sự kiện" in p and "Sắp diễn ra" in p)
    assert "10–12 tháng 2, 2023" in calendar and "Đại hội Hội hữu nghị lần thứ III" in calendar
    assert "15 tháng 3, 2022" in calendar  # within the period


# --- e-mail edition -------------------------------------------------------------------------


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.styled = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "background", "action")]
        if tag == "img":
            self.images.append(a)
        if a.get("style"):
            self.styled += 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_email_is_self_contained(built: Site, lang: str) -> None:
    folder = "ban-tin" if lang == "vi" else "en/bulletin"
    path = built.output / folder / ISSUE / f"email-{lang}.html"
    html = path.read_text(encoding="utf-8")
    parser = _Urls()
    parser.feed(html)
    assert path.stat().st_size < 102 * 1024
    assert "script" not in parser.tags and "<script" not in html.lower()
    assert "link" not in parser.tags  # no external stylesheet: CSS is inlined
    assert parser.styled > 20
    assert parser.urls and all(
        u.startswith(f"{SITEURL}/") or u.startswith("mailto:") for u in parser.urls
    ), [u for u in parser.urls if not u.startswith(SITEURL)]
    assert f"{SITEURL}/{folder}/{ISSUE}/{ISSUE}-{lang}.pdf" in parser.urls
    assert parser.images and all((img.get("alt") or "").strip() for img in parser.images)
    assert 'width="600"' in html


def test_email_plain_text(built: Site) -> None:
    text = (built.output / "ban-tin" / ISSUE / "email-vi.txt").read_text(encoding="utf-8")
    assert "HỢP TÁC - HỮU NGHỊ" in text and TITLE_B in text and "Tóm tắt hội nghị." in text
    assert f"{SITEURL}/tin-tuc/hoi-nghi/" in text
    assert f"{SITEURL}/ban-tin/{ISSUE}/{ISSUE}-vi.pdf" in text
    assert "<" not in text  # text, not HTML
    assert max(len(line) for line in text.splitlines()) <= 100  # wrapped (long URLs whole)


# --- web edition and archive ----------------------------------------------------------------


def test_web_edition_in_both_languages(built: Site) -> None:
    vi = built.page(f"ban-tin/{ISSUE}/")
    en = built.page(f"en/bulletin/{ISSUE}/")
    assert vi.lang == "vi" and en.lang == "en"
    assert vi.alternates == {"vi": f"/ban-tin/{ISSUE}/", "en": f"/en/bulletin/{ISSUE}/"}
    assert TITLE_A in vi.text and TITLE_B in vi.text and "Năm 2022, công tác" in vi.text
    assert TITLE_A_EN in en.text and "2022 was a good year" in en.text
    assert "/tin-tuc/hoi-nghi/" in vi.hrefs()
    for href in (f"/ban-tin/{ISSUE}/{ISSUE}-vi.pdf", f"/ban-tin/{ISSUE}/email-vi.html"):
        assert href in vi.hrefs()
        assert (built.output / href.lstrip("/")).is_file()
    assert f"/en/bulletin/{ISSUE}/{ISSUE}-en.pdf" in vi.hrefs()  # the other language's PDF
    assert "/theme/css/bulletin.css" in vi.html


def test_archive_lists_every_issue_with_its_pdfs(built: Site) -> None:
    archive = built.page("ban-tin/")
    assert archive.alternates == {"vi": "/ban-tin/", "en": "/en/bulletin/"}
    assert archive.link_by_text("Số 1/2022") == f"/ban-tin/{ISSUE}/"
    pdfs = [h for h in archive.hrefs() if h.endswith(".pdf")]
    assert pdfs == [
        f"/ban-tin/{ISSUE}/{ISSUE}-vi.pdf",
        f"/en/bulletin/{ISSUE}/{ISSUE}-en.pdf",
        f"/ban-tin/{ISSUE}/{ISSUE}-vi-pdfa.pdf",
    ]
    assert all((built.output / h.lstrip("/")).is_file() for h in pdfs)
    # the menu leads to the archive from every page
    assert built.page("").link_by_text("Bản tin") == "/ban-tin/"
    assert built.page("en/").link_by_text("Bulletin") == "/en/bulletin/"


def test_a_site_without_issues_has_no_bulletin(site: Site) -> None:
    site.add_story("a.vi.md", story("a"))
    assert site.build() == 0
    assert not (site.output / "ban-tin").exists()
    assert "Bản tin" not in [text for _, _, text in site.page("").links]


# --- python -m bulletin ---------------------------------------------------------------------


def test_cli_builds_one_issue(
    built: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert bulletin_main([ISSUE, "--root", str(built.root), "--output", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        f"ban-tin/{ISSUE}/email-vi.html",
        f"ban-tin/{ISSUE}/email-vi.txt",
        f"ban-tin/{ISSUE}/{ISSUE}-vi-pdfa.pdf",
        f"ban-tin/{ISSUE}/{ISSUE}-vi.pdf",
        f"en/bulletin/{ISSUE}/email-en.html",
        f"en/bulletin/{ISSUE}/email-en.txt",
        f"en/bulletin/{ISSUE}/{ISSUE}-en-pdfa.pdf",
        f"en/bulletin/{ISSUE}/{ISSUE}-en.pdf",
    ]
    # the same print edition as the site build's
    assert page_texts(out / "ban-tin" / ISSUE / f"{ISSUE}-vi.pdf") == page_texts(
        pdf_path(built, "vi")
    )
    assert f"Built issue {ISSUE}" in capsys.readouterr().out


def test_cli_reports_content_errors_without_traceback(tmp_path: Path) -> None:
    site = make_issue_site(tmp_path / "site")
    site.write(f"content/bulletins/{ISSUE}.yaml", "number: 1-2022\n")
    result = subprocess.run(
        [".venv/bin/python", "-m", "bulletin", ISSUE, "--root", str(site.root)],
        cwd=Path(__file__).resolve().parents[1],
        env={"PYTHONPATH": "plugins", "MESSAGES": "en"},  # as conftest sets for every test
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"content/bulletins/{ISSUE}.yaml:1: editorial: required field is missing",
        f"content/bulletins/{ISSUE}.yaml:1: number: '1-2022' is not an issue number: write 1/2022",
        f"content/bulletins/{ISSUE}.yaml:1: period: required field is missing",
        "3 errors: nothing was built.",
    ]
    assert not (site.root / "output").exists()


def test_cli_unknown_issue(built: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bulletin_main(["so-1-202", "--root", str(built.root), "--output", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "unknown issue 'so-1-202' (did you mean so-1-2022?); an issue is a file "
        "content/bulletins/<id>.yaml: so-1-2022"
    )


def test_cli_says_what_it_built_in_the_editors_language(
    built: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MESSAGES", "vi")
    out = tmp_path / "out"
    assert bulletin_main([ISSUE, "--root", str(built.root), "--output", str(out), "--no-pdfa"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"Đã dựng số {ISSUE} (vi ")
    assert " trang, en " in last and " giây vào " in last
