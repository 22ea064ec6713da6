"""Screenshots of the editors' desk for the short guides (docs/images/desk/*.png).

Runs the real desk as `make edit` does, on a temporary copy of the repository: the site is
built, decap-server serves the copy on 127.0.0.1, Debian's chromium writes a first story.
Run with `make desk-screenshots`; the PNGs are reduced to 256 colours to stay small.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "plugins"), str(REPO)]

from desk.cli import start_decap_server, write_desk  # noqa: E402
from site_build.cli import build  # noqa: E402
from tools.screenshots import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

OUT = REPO / "docs" / "images" / "desk"
OPTIONAL = " (không bắt buộc)"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def field(page: Page, label: str, nth: int = 0) -> str:
    ids = page.evaluate(
        """([label, optional]) => Array.from(document.querySelectorAll('label'))
            .filter(l => [label, label + optional].includes(l.textContent.trim()))
            .map(l => l.htmlFor)""",
        [label, OPTIONAL],
    )
    return f"#{ids[nth]}"


def pick(page: Page, label: str, text: str) -> None:
    page.click(field(page, label))
    page.keyboard.type(text)
    page.locator("[id*='-option-']", has_text=text).first.click()


def shot(page: Page, name: str) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=path)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        small.save(path, optimize=True)
    print(path.relative_to(REPO), path.stat().st_size // 1024, "KB")


def phone_photo(path: Path) -> Path:
    photo = Image.new("RGB", (4032, 3024), (54, 110, 160))
    for x in range(0, 4032, 96):
        photo.paste((230, 190, 60), (x, 2000, x + 48, 3024))
    photo.save(path, quality=90)
    return path


def scroll_to(page: Page, label: str) -> None:
    page.locator(field(page, label)).scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")


def run(page: Page, url: str, photo: Path) -> None:
    page.goto(f"{url}/admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Tin bài").first.wait_for()
    page.wait_for_timeout(1500)
    shot(page, "01-tin-bai")
    page.goto(f"{url}/admin/#/collections/stories/new")
    page.locator("label", has_text="Tiêu đề").first.wait_for()
    page.fill(field(page, "Tiêu đề"), "Tổ chức GNI bàn giao trường mầm non ở Lâm Bình")
    page.fill(field(page, "Ngày đăng"), "2022-11-20")
    page.fill(field(page, "Đường dẫn (slug)"), "gni-ban-giao-truong-mam-non-lam-binh")
    pick(page, "Chuyên mục", "Viện trợ phi chính phủ")
    page.fill(field(page, "Tiêu đề", 1), "GNI hands over a kindergarten in Lam Binh")
    shot(page, "02-tin-moi")
    scroll_to(page, "Tóm tắt")
    page.fill(field(page, "Tóm tắt"), "Trường mầm non mới cho 120 trẻ em xã Thượng Lâm.")
    page.get_by_role("button", name="Chọn một hình").first.click()
    page.set_input_files("input[type=file]", photo)
    page.wait_for_timeout(2500)
    shot(page, "03-anh")
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.fill(field(page, "Mô tả ảnh (cho người khiếm thị)"), "Đại biểu cắt băng khánh thành")
    page.fill(field(page, "Mô tả ảnh (cho người khiếm thị)", 1), "Delegates cut the ribbon")
    pick(page, "Đối tác trong tin", "Tổ chức GNI")
    page.get_by_role("button", name="Add sự kiện").first.click()
    page.fill(field(page, "Ngày"), "2022-11-18")
    page.fill(field(page, "Tiếng Việt (vi)"), "Bàn giao trường mầm non Thượng Lâm")
    page.fill(field(page, "Tiếng Anh (en)"), "Handover of the Thuong Lam kindergarten")
    pick(page, "Loại sự kiện", "Bàn giao")
    scroll_to(page, "Ngày")
    shot(page, "04-su-kien")
    page.get_by_role("button", name="Add số liệu viện trợ").first.click()
    page.fill(field(page, "Kỳ"), "2022")
    pick(page, "Của đối tác", "Tổ chức GNI")
    page.fill(field(page, "Số chương trình, dự án"), "3")
    page.fill(field(page, "Số tiền"), "7531246000")
    pick(page, "Đơn vị tiền", "VND")
    scroll_to(page, "Số chương trình, dự án")
    shot(page, "05-vien-tro")
    bodies = page.locator(".cms-editor-raw [contenteditable=true]")
    bodies.nth(0).click()
    page.keyboard.type("Ngày 18/11/2022, tổ chức GNI bàn giao trường mầm non Thượng Lâm.")
    bodies.nth(1).click()
    page.keyboard.type("On 18 November 2022 GNI handed over the Thuong Lam kindergarten.")
    # the preview: the story as the site shows it
    page.locator("button[title='Toggle i18n']").click()  # one language, and its preview
    page.locator("button[title='Toggle preview']").click()
    page.wait_for_timeout(2500)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "06-xem-truoc")
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").wait_for()
    shot(page, "07-cong-bo")
    page.get_by_text("Công bố ngay").click()
    page.wait_for_timeout(2500)
    page.goto(f"{url}/admin/?data#/collections/data/entries/partners")
    summary = page.get_by_text("Tổ chức GNI (gni)").first
    summary.locator("xpath=..").locator("button").first.click()
    page.locator("label", has_text="Tiếng Việt (vi)").first.wait_for()
    shot(page, "08-doi-tac")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as folder:
        root = Path(folder) / "repository"
        shutil.copytree(REPO / "content", root / "content")
        for name in ("theme", "plugins", "pelicanconf.py"):
            (root / name).symlink_to(REPO / name)
        if build(root, root / "output") != 0:
            return 1
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        write_desk(root, "pelicanconf.py", root / "output", port)
        server = start_decap_server(root, port)
        handler = functools.partial(_Quiet, directory=str(root / "output"))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        time.sleep(1)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.on("dialog", lambda dialog: dialog.accept())
                run(
                    page,
                    f"http://127.0.0.1:{httpd.server_address[1]}",
                    phone_photo(Path(folder) / "IMG_20221118_093512.jpg"),
                )
                browser.close()
        finally:
            httpd.shutdown()
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
