"""Resized renditions of a photo (JPEG or PNG, and WebP), made once per photo content.

A rendition is cached under `cache_dir/<key>/` where the key hashes the photo's bytes and the
recipe below: an unchanged photo is never encoded again, an edited one gets new files (and new
URLs, so browsers never keep a stale copy). Renditions carry no EXIF data (no GPS position
of the camera is published) and are turned upright from the EXIF orientation first.

Used by the site (article figures and cards) and by the bulletin:

    pic = picture(content_dir, "images/x.jpg", cache_dir)   # renditions made if missing
    pic.srcset("webp"), pic.fallback, pic.width, pic.height
    publish(pic, output_dir)                                  # copies them beside the original
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

WIDTHS = (480, 800, 1200, 1600)  # phone, small tablet / 2x phone, desktop column, 2x desktop
QUALITY = {"jpeg": 80, "webp": 76, "png": None}
MIME = {"jpeg": "image/jpeg", "webp": "image/webp", "png": "image/png"}
EXTENSION = {"jpeg": "jpg", "webp": "webp", "png": "png"}
# Changing the recipe (widths, qualities, encoder options) must change every cache key.
RECIPE = f"v1 {WIDTHS} {sorted(QUALITY.items(), key=str)}"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    format: str  # jpeg | png | webp
    file: Path  # the encoded file in the cache
    filename: str  # its name on the site, beside the original: x-800w-1a2b3c4d.webp

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass(frozen=True)
class Picture:
    """One photo with all its renditions; `src` is relative to content/ (images/x.jpg)."""

    src: str
    width: int  # of the largest rendition: what `width`/`height` attributes announce
    height: int
    renditions: tuple[Rendition, ...]

    def url(self, rendition: Rendition) -> str:
        """Path of a rendition relative to the site root."""
        return str(PurePosixPath(self.src).parent / rendition.filename)

    def of_format(self, fmt: str) -> list[Rendition]:
        return sorted((r for r in self.renditions if r.format == fmt), key=lambda r: r.width)

    def srcset(self, fmt: str, prefix: str = "") -> str:
        return ", ".join(f"{prefix}/{self.url(r)} {r.width}w" for r in self.of_format(fmt))

    @property
    def fallback_format(self) -> str:
        return next(r.format for r in self.renditions if r.format != "webp")

    @property
    def fallback(self) -> Rendition:
        """The `src` of the `<img>`: good enough for a browser without `srcset`."""
        return self.closest(800)

    def closest(self, width: int, fmt: str | None = None) -> Rendition:
        """The rendition of `fmt` (default: the fallback format) nearest to `width`."""
        options = self.of_format(fmt or self.fallback_format)
        return min(options, key=lambda r: (abs(r.width - width), -r.width))


def content_key(data: bytes) -> str:
    return hashlib.sha256(RECIPE.encode() + b"\0" + data).hexdigest()


def target_widths(width: int) -> list[int]:
    """Every standard width below the photo's own, and its own if under the largest: never
    enlarge a photo."""
    widths = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths or [width]


ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


def renditions(src_path: Path, cache_dir: Path) -> list[Rendition]:
    """The renditions of one photo file, encoded into `cache_dir` unless already there.

    When they are all there, the photo's pixels are not even decoded: only its header (size,
    orientation, transparency) is read."""
    data = src_path.read_bytes()
    key = content_key(data)
    folder = cache_dir / key[:2] / key
    with Image.open(src_path) as opened:
        width, height = opened.size
        if opened.getexif().get(0x0112) in ROTATED:
            width, height = height, width
        has_alpha = opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info
        formats = ("png" if has_alpha else "jpeg", "webp")
        made = [
            Rendition(
                w,
                max(1, round(height * w / width)),
                fmt,
                folder / f"{w}.{EXTENSION[fmt]}",
                f"{src_path.stem}-{w}w-{key[:8]}.{EXTENSION[fmt]}",
            )
            for w in target_widths(width)
            for fmt in formats
        ]
        missing = [r for r in made if not r.file.exists()]
        if missing:
            upright = ImageOps.exif_transpose(opened).convert("RGBA" if has_alpha else "RGB")
            resized: dict[int, Image.Image] = {}
            for r in missing:
                if r.width not in resized:
                    resized[r.width] = (
                        upright
                        if r.width == upright.width
                        else upright.resize((r.width, r.height), Image.Resampling.LANCZOS)
                    )
                _encode(resized[r.width], r.format, r.file)
    return made


def _encode(image: Image.Image, fmt: str, file: Path) -> None:
    """Write through a temporary name: an interrupted build never leaves half a file that a
    later build would take for a finished one."""
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    options: dict[str, object] = {"optimize": True}
    if fmt == "jpeg":
        options |= {"quality": QUALITY["jpeg"], "progressive": True}
    elif fmt == "webp":
        options = {"quality": QUALITY["webp"], "method": 4}
    image.save(tmp, format=fmt.upper(), **options)
    tmp.replace(file)


def picture(content_dir: Path, src: str, cache_dir: Path) -> Picture:
    """`src` relative to `content_dir`, as written in front matter (images/x.jpg)."""
    made = renditions(content_dir / src, cache_dir)
    largest = max(made, key=lambda r: r.width)
    return Picture(src, largest.width, largest.height, tuple(made))


def publish(pic: Picture, output_dir: Path) -> list[Path]:
    """Put the renditions into the site (hard links when possible: no copy of the bytes)."""
    written = []
    for r in pic.renditions:
        target = output_dir / pic.url(r)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(r.file, target)
            except OSError:
                shutil.copyfile(r.file, target)
        written.append(target)
    return written
