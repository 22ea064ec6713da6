"""How the photo recipe was chosen (docs/dev/photos.md): encoder settings by time, bytes and
PSNR, the fast path (JPEG draft + each width from the next larger) against resampling every
width from the fully decoded photo, and a picture to look at.

Usage: PYTHONPATH=plugins:. python -m benchmarks.photo_quality [--work /tmp/huu-nghi-bench]
Writes WORK/photo-check.png: the same crop of the 1600 px rendition, enlarged 2x, made from the
full photo (reference) and by the recipe before and now (first step LANCZOS, then
`FIRST_STEP`), in WebP and in JPEG.
"""

from __future__ import annotations

import argparse
import io
import math
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageOps, ImageStat

from images import renditions as rend

from .photos import phone_photos

WIDTHS = (1600, 1200, 800, 480)


def psnr(a: Image.Image, b: Image.Image) -> float:
    stat = ImageStat.Stat(ImageChops.difference(a, b))
    mse = sum(stat.sum2) / (3 * a.width * a.height)
    return 10 * math.log10(255**2 / mse) if mse else 99.0


def encode(image: Image.Image, **options: object) -> tuple[bytes, float]:
    out = io.BytesIO()
    started = time.process_time()
    image.save(out, **options)
    return out.getvalue(), time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("/tmp/huu-nghi-bench"))
    args = parser.parse_args()
    photo = args.work / "photo-check.jpg"
    photo.write_bytes(phone_photos(args.work / "phone-photos", 1)[0])
    full = ImageOps.exif_transpose(Image.open(photo)).convert("RGB")
    height = {w: round(full.height * w / full.width) for w in WIDTHS}
    reference = {w: full.resize((w, height[w]), Image.Resampling.LANCZOS) for w in WIDTHS}

    def chain(first: Image.Resampling) -> dict[int, Image.Image]:
        """The recipe's draft + chain, with `first` for the step from the decoded photo."""
        with Image.open(photo) as opened:
            opened.draft(None, (WIDTHS[0], height[WIDTHS[0]]))
            previous = ImageOps.exif_transpose(opened).convert("RGB")
        made = {}
        for w in WIDTHS:
            step = first if w == WIDTHS[0] else Image.Resampling.LANCZOS
            previous = previous.resize((w, height[w]), step)
            made[w] = previous
        return made

    before, fast = chain(Image.Resampling.LANCZOS), chain(rend.FIRST_STEP)
    print("draft + chain against LANCZOS from the full photo, PSNR (dB):")
    for name, made in (("LANCZOS first (before)", before), (f"{rend.FIRST_STEP.name} first", fast)):
        scores = ", ".join(f"{w} px {psnr(made[w], reference[w]):.1f}" for w in WIDTHS)
        print(f"  {name:24s} {scores}")

    print("encoders over the four widths: CPU ms, KB, PSNR of the 1600 px file (dB)")
    settings = [
        ("jpeg q80 progressive", {"format": "JPEG", "quality": 80, "optimize": True,
                                  "progressive": True}),
        ("jpeg q80 baseline", {"format": "JPEG", "quality": 80, "optimize": True}),
    ] + [(f"webp q76 method {m}", {"format": "WEBP", "quality": 76, "method": m})
         for m in (2, 4, 6)]  # fmt: skip
    for name, options in settings:
        total_t, total_b = 0.0, 0
        for w in WIDTHS:
            data, seconds = encode(fast[w], **options)
            total_t, total_b = total_t + seconds, total_b + len(data)
            if w == WIDTHS[0]:
                quality = psnr(Image.open(io.BytesIO(data)).convert("RGB"), fast[w])
        print(f"  {name:22s} {total_t * 1000:5.0f} ms {total_b / 1024:6.0f} KB {quality:.2f}")

    webp = {"format": "WEBP", "quality": 76, "method": rend.WEBP_METHOD}
    tiles = [
        ("reference: LANCZOS from the full photo, lossless", reference[1600]),
        (f"WebP m{rend.WEBP_METHOD}, draft + LANCZOS first (before)", before[1600]),
        (f"WebP m{rend.WEBP_METHOD}, draft + {rend.FIRST_STEP.name} first (now)", fast[1600]),
        ("JPEG q80 baseline, draft + chain (now)", fast[1600]),
    ]
    for i, (name, source) in enumerate(tiles[1:], start=1):
        options = webp if "WebP" in name else {"format": "JPEG", "quality": 80}
        tiles[i] = (name, Image.open(io.BytesIO(encode(source, **options)[0])).convert("RGB"))
    box = (250, 150, 550, 375)
    sheet = Image.new("RGB", (1210, 960), "white")
    draw = ImageDraw.Draw(sheet)
    for i, (label, image) in enumerate(tiles):
        x, y = (i % 2) * 610, (i // 2) * 480
        sheet.paste(image.crop(box).resize((600, 450), Image.Resampling.NEAREST), (x, y + 25))
        draw.text((x + 5, y + 5), label, fill="black")
    sheet.save(args.work / "photo-check.png")
    print(f"look at {args.work / 'photo-check.png'}")


if __name__ == "__main__":
    main()
