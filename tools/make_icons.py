#!/usr/bin/env python3
"""Draw the site's icons from the masthead's mark ("HN", white disc, red letters) on the
brand blue: theme/static/icons/favicon.ico (16, 32, 48 px), apple-touch-icon.png (180 px,
opaque: iOS puts a transparent icon on black) and favicon.svg (browsers that take SVG).

The build copies favicon.ico and apple-touch-icon.png to the site's root too
(plugins/seo/icons.py): browsers and feed readers ask for those two addresses even where no
page names them. Run again after changing the colours (Pillow and the theme's font).

Usage:  python tools/make_icons.py [THEME_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = (11, 74, 130)  # --brand in main.css
ACCENT = (179, 18, 42)  # --accent
WHITE = (255, 255, 255)
FONT = Path("static/fonts/be-vietnam-pro-latin-700-normal.woff2")
SS = 4  # supersampling for smooth edges

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#0b4a82"/>
<circle cx="32" cy="32" r="25" fill="#fff"/>
<text x="32" y="40.5" text-anchor="middle" font-family="Be Vietnam Pro, Arial, sans-serif"
 font-size="23" font-weight="700" fill="#b3122a">HN</text>
</svg>
"""


def draw(size: int, theme: Path, rounded: bool) -> Image.Image:
    big = size * SS
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0) if rounded else (*BRAND, 255))
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 3 // 16, fill=BRAND)
    margin = big * 7 // 64
    pen.ellipse((margin, margin, big - margin, big - margin), fill=WHITE)
    font = ImageFont.truetype(str(theme / FONT), big * 23 // 64)
    pen.text((big / 2, big / 2), "HN", font=font, fill=ACCENT, anchor="mm")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main(theme: Path) -> None:
    folder = theme / "static" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [16, 32, 48]
    icons = [draw(size, theme, rounded=True) for size in sizes]
    icons[-1].save(
        folder / "favicon.ico",
        sizes=[(s, s) for s in sizes],
        append_images=icons[:-1],
    )
    touch = draw(180, theme, rounded=False).convert("RGB")
    touch.save(folder / "apple-touch-icon.png", optimize=True)
    (folder / "favicon.svg").write_text(SVG, encoding="utf-8")
    for path in sorted(folder.iterdir()):
        print(path, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "theme")
