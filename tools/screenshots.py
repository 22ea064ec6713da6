"""Screenshots of built pages at phone and desktop widths, in headless Debian chromium.

Usage: python tools/screenshots.py [OUTPUT_DIR] [PAGE ...]
Serves OUTPUT_DIR (default: output) on a loopback port and writes PNGs to screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTHS = {"phone": 390, "desktop": 1280}
DEFAULT_PAGES = ["/", "/en/news/tra-vinh-giu-nhip-van-dong-vien-tro-phi-chinh-phu/", "/vien-tro/"]


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def shoot(output: Path, pages: list[str], dest: Path) -> list[Path]:
    dest.mkdir(exist_ok=True)
    server = serve(output)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    made = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for url in pages:
                page.goto(base + url, wait_until="networkidle")
                # scroll through once so that lazy images below the fold load
                page.evaluate(
                    "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600)"
                    " { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); }"
                    " window.scrollTo(0, 0); }"
                )
                page.wait_for_load_state("networkidle")
                slug = url.strip("/").replace("/", "_") or "home"
                path = dest / f"{slug}-{name}.png"
                page.screenshot(path=str(path), full_page=True)
                made.append(path)
            page.close()
        browser.close()
    server.shutdown()
    return made


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("output")
    for made in shoot(out, sys.argv[2:] or DEFAULT_PAGES, Path("screenshots")):
        print(made)
