"""The editors' desk in a real browser: Debian's chromium (Playwright) drives Decap CMS at
/admin/ against decap-server (the local backend, from npm) on a temporary copy of the
repository, as an editor would with `make edit`. Nothing may leave 127.0.0.1."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright
from test_browser import serve

from conftest import REPO
from desk.cli import start_decap_server, write_desk
from site_build.cli import build, check
from tools.screenshots import CHROMIUM, CHROMIUM_FLAGS

SCREENSHOTS = REPO / "docs" / "images" / "desk"
GPS_IFD = 0x8825


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_repository(root: Path) -> Path:
    """The project as an editor's checkout: content copied (the desk writes into it), code
    and theme linked."""
    shutil.copytree(REPO / "content", root / "content")
    for name in ("theme", "plugins", "pelicanconf.py"):
        (root / name).symlink_to(REPO / name)
    return root


def phone_photo(path: Path) -> Path:
    """A 4032x3024 JPEG as a phone writes it: camera make and a GPS position in EXIF."""
    photo = Image.new("RGB", (4032, 3024), (40, 120, 200))
    for x in range(0, 4032, 64):  # some detail, so that the JPEG is not trivially small
        photo.paste((200, 80 + x % 150, 40), (x, 0, x + 24, 3024))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (21.0, 49.0, 12.5), 3: "E", 4: (105.0, 12.0, 30.0)}
    photo.save(path, quality=92, exif=exif)
    assert Image.open(path).getexif().get_ifd(GPS_IFD)  # the GPS position is really there
    return path


@pytest.fixture(scope="module")
def checkout() -> Iterator[Path]:
    """A folder of its own, outside pytest's numbered temporary folders: this test runs
    for a minute or more, and other pytest sessions on the machine prune those."""
    with tempfile.TemporaryDirectory(prefix="desk-test-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def desk(checkout: Path) -> Iterator[tuple[Path, str, int]]:
    root = copy_repository(checkout / "repository")
    assert build(root, root / "output") == 0
    for _attempt in range(3):  # a port free a moment ago may be taken by another process
        port = _free_port()
        # the build wrote output/admin/; point its local backend at this test's decap-server
        write_desk(root, "pelicanconf.py", root / "output", port)
        server = start_decap_server(root, port)
        if _listening(server, port):
            break
        server.wait(timeout=10)
    else:
        raise AssertionError("decap-server did not listen on 127.0.0.1")
    try:
        with serve(root / "output") as url:
            yield root, url, port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _listening(server: subprocess.Popen, port: int, timeout: float = 20) -> bool:
    """decap-server answers on `port`; False if it stopped (the port was taken meanwhile:
    what answers there would be another process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return server.poll() is None
        time.sleep(0.1)
    server.terminate()
    return False


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose every request is checked: anything not for 127.0.0.1 is refused and
    recorded (blob: and data: URLs stay in the page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    outside: list[str] = []

    def only_loopback(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this form?" after saving
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    yield page, outside
    context.close()
    assert blocked == [], blocked


# --- driving Decap's form -------------------------------------------------------------------

OPTIONAL = " (không bắt buộc)"  # what Decap's Vietnamese interface adds to optional labels


def field(page: Page, label: str, nth: int = 0) -> str:
    """The input of the `nth` field labelled `label` (0: Vietnamese pane, 1: English)."""
    ids = page.evaluate(
        """([label, optional]) => Array.from(document.querySelectorAll('label'))
            .filter(l => [label, label + optional].includes(l.textContent.trim()))
            .map(l => l.htmlFor)""",
        [label, OPTIONAL],
    )
    assert len(ids) > nth, f"no field labelled {label!r} (#{nth})"
    return f"#{ids[nth]}"


def pick(page: Page, label: str, text: str, nth: int = 0) -> None:
    """Choose `text` in a select or relation field, as an editor types and clicks."""
    page.click(field(page, label, nth))
    page.keyboard.type(text)
    page.locator("[id*='-option-']", has_text=text).first.click()


def publish(page: Page) -> None:
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()


def wait_for(
    page: Page, condition: Callable[[], bool], what: Callable[[], str], timeout: float = 30
) -> None:
    """Wait while the page works: Playwright's own wait keeps serving the page's requests
    (every request goes through this test's route; time.sleep would hold them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"timed out waiting for {what()}")


def new_files(root: Path, seconds: float = 300) -> list[str]:
    """Files of content/ written in the last minutes (what the desk saved)."""
    now = time.time()
    return sorted(
        p.relative_to(root).as_posix()
        for p in (root / "content").rglob("*")
        if p.is_file() and now - p.stat().st_mtime < seconds
    )


def sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Tin bài").first.wait_for()  # the collections are listed


SLUG = "gni-ban-giao-truong-mam-non-lam-binh"


def test_an_editor_writes_a_story_with_data_and_a_phone_photo_and_edits_a_partner(
    desk: tuple[Path, str, int], page: tuple[Page, list[str]], checkout: Path
) -> None:
    root, url, port = desk
    page, outside = page
    photo = phone_photo(checkout / "IMG_20221118_093512.jpg")

    sign_in(page, url)
    page.goto(f"{url}/admin/#/collections/stories/new")
    page.locator("label", has_text="Tiêu đề").first.wait_for()
    # the Vietnamese pane: text, photo and the story's data
    page.fill(field(page, "Tiêu đề"), "Tổ chức GNI bàn giao trường mầm non ở Lâm Bình")
    page.fill(field(page, "Ngày đăng"), "2022-11-20")
    page.fill(field(page, "Đường dẫn (slug)"), SLUG)
    pick(page, "Chuyên mục", "Viện trợ phi chính phủ")
    page.fill(field(page, "Tóm tắt"), "Trường mầm non mới cho 120 trẻ em xã Thượng Lâm.")
    page.get_by_role("button", name="Chọn một hình").first.click()
    page.set_input_files("input[type=file]", photo)
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.fill(field(page, "Mô tả ảnh (cho người khiếm thị)"), "Đại biểu cắt băng khánh thành")
    pick(page, "Đối tác trong tin", "Tổ chức GNI")
    pick(page, "Đối tác trong tin", "World Vision")
    page.get_by_role("button", name="Add sự kiện").first.click()
    page.fill(field(page, "Ngày"), "2022-11-18")
    page.fill(field(page, "Tiếng Việt (vi)"), "Bàn giao trường mầm non Thượng Lâm")
    page.fill(field(page, "Tiếng Anh (en)"), "Handover of the Thuong Lam kindergarten")
    pick(page, "Loại sự kiện", "Bàn giao")
    pick(page, "Đối tác tham gia", "Tổ chức GNI")
    page.get_by_role("button", name="Add số liệu viện trợ").first.click()
    page.fill(field(page, "Kỳ"), "2022")
    pick(page, "Của đối tác", "Tổ chức GNI")
    page.fill(field(page, "Số chương trình, dự án"), "3")
    page.fill(field(page, "Số tiền"), "7531246000")  # 7.531.246.000 đồng
    pick(page, "Đơn vị tiền", "VND")
    bodies = page.locator(".cms-editor-raw [contenteditable=true]")
    bodies.nth(0).click()
    page.keyboard.type("Ngày 18/11/2022, tổ chức GNI bàn giao trường mầm non Thượng Lâm.")
    # the English pane: its own title, photo description and text
    page.fill(field(page, "Tiêu đề", 1), "GNI hands over a kindergarten in Lam Binh")
    page.fill(field(page, "Mô tả ảnh (cho người khiếm thị)", 1), "Delegates cut the ribbon")
    bodies.nth(1).click()
    page.keyboard.type("On 18 November 2022 GNI handed over the Thuong Lam kindergarten.")
    # the preview looks like the site: its stylesheet, its story markup
    page.locator("button[title='Toggle i18n']").click()
    page.locator("button[title='Toggle preview']").click()
    preview = page.frame_locator("iframe").first
    expect(preview.locator("h1.story-title")).to_have_text(
        "Tổ chức GNI bàn giao trường mầm non ở Lâm Bình"
    )
    assert preview.locator("link[href$='theme/css/main.css']").count() == 1
    font = preview.locator("h1.story-title").evaluate("e => getComputedStyle(e).fontFamily")
    assert "Be Vietnam Pro" in font
    publish(page)

    articles = root / "content" / "articles"
    vi, en = articles / f"{SLUG}.vi.md", articles / f"{SLUG}.en.md"
    # Decap writes the file's name in lower case
    name = photo.name.lower()
    stored = root / "content" / "images" / name
    wait_for(
        page,
        lambda: vi.exists() and en.exists() and stored.exists(),
        lambda: f"{vi.name}, {en.name}, {stored.name}; there are {new_files(root)}",
    )

    front_vi = yaml.safe_load(vi.read_text(encoding="utf-8").split("---\n")[1])
    front_en = yaml.safe_load(en.read_text(encoding="utf-8").split("---\n")[1])
    assert front_vi["partners"] == ["gni", "world-vision"]
    assert front_vi["events"][0]["kind"] == "handover"
    assert front_vi["aid"][0]["committed"] == {"value": 7531246000, "currency": "VND"}
    assert front_vi["image"]["src"] == f"images/{name}"
    # story data stands in the Vietnamese file only; the English one has its own words
    assert not {"partners", "events", "aid"} & set(front_en)
    assert front_en["title"] == "GNI hands over a kindergarten in Lam Binh"
    assert front_en["slug"] == SLUG and front_en["image"]["src"] == f"images/{name}"

    # the photo as stored: fits in 2400 px, upright, no EXIF at all (no GPS)
    with Image.open(stored) as saved:
        assert max(saved.size) <= 2400
        assert saved.size == (2400, 1800)
        assert not saved.getexif().get_ifd(GPS_IFD)
        assert len(saved.getexif()) == 0

    # the same check as `make check`, then the site: the figure on the aid page, vi and en
    assert check(root) == 0
    assert build(root, root / "output") == 0
    aid_vi = (root / "output" / "vien-tro" / "index.html").read_text(encoding="utf-8")
    aid_en = (root / "output" / "en" / "aid" / "index.html").read_text(encoding="utf-8")
    assert "7.531.246.000" in aid_vi
    assert "VND 7,531,246,000" in aid_en
    story_en = root / "output" / "en" / "news" / SLUG / "index.html"
    assert "GNI hands over a kindergarten" in story_en.read_text(encoding="utf-8")
    write_desk(root, "pelicanconf.py", root / "output", port)  # the build wrote admin/ anew

    # the data collection: a partner's name, in the partner directory. The page is loaded
    # again (a new query string): Decap kept the story's form state across a hash change
    page.goto(f"{url}/admin/?partners#/collections/data/entries/partners")
    summary = page.get_by_text("Tổ chức GNI (gni)").first
    summary.locator("xpath=..").locator("button").first.click()  # open the entry
    page.locator("label", has_text="Tiếng Việt (vi)").first.wait_for()
    name_vi = field(page, "Tiếng Việt (vi)")
    page.fill(name_vi, "Tổ chức Láng giềng tốt (GNI)")
    publish(page)
    partners_file = root / "content" / "data" / "partners.yaml"
    wait_for(
        page,
        lambda: "Láng giềng tốt" in partners_file.read_text(encoding="utf-8"),
        lambda: f"the new name in partners.yaml; there are {new_files(root)}",
    )
    partners = yaml.safe_load(partners_file.read_text(encoding="utf-8"))["partners"]
    assert partners[0]["id"] == "gni"
    assert partners[0]["name"]["vi"] == "Tổ chức Láng giềng tốt (GNI)"
    assert check(root) == 0

    assert outside == [], f"requests left 127.0.0.1: {outside}"
