"""Resized renditions of a photo (JPEG or PNG, and WebP), made once per photo content, and
the copy published at the photo's own address: an original is never published as is.

A rendition is cached under `cache_dir/<key>/` where the key hashes the photo's bytes, the
recipe below and the versions of Pillow and its codecs (another encoder gives other bytes,
and a new URL, so browsers never keep a stale copy): an unchanged photo is never encoded
again, an edited one gets new files. The build's `cache_dir` is the cache store `images`
(`store_folder`: `.cache/images/<key>/`, shared/cache.py), keyed by requirements.lock and this
module's code, so that after any dependency or code change a warm build gives what a cold
one would.
Renditions carry no EXIF data (no GPS position of the camera is published) and are turned
upright from the EXIF orientation first. The copy at the photo's own address
(`images/x.jpg`, for the bulletin and links written in stories) is the largest rendition in
the photo's own format: upright, without metadata, at most 1600 px wide and 1.5 MB.

Speed (a phone photo is 4032x3024): a JPEG is decoded at the smallest scale its DCT allows
that still covers the largest width (`draft`: 2016x1512 for 1600 px, half the decoding
time), each width is resampled from the next larger one rather than from the full photo,
and `make_all` spreads photos over the cores. The encoder settings were chosen by
measurement (docs/dev/photos.md). The bytes depend only on the photo and the recipe: the
same in a worker as in the build's own process.

Used by the site (article figures and cards) and by the bulletin:

    pic = picture(content_dir, "images/x.jpg", cache_dir)   # renditions made if missing
    pic.srcset("webp"), pic.fallback, pic.width, pic.height
    publish(pic, output_dir)                                  # links them beside the original
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, features

from shared.atomic import replacing
from shared.cache import FOLDER, Store, dependencies_key, key_of, source_key

WIDTHS = (480, 800, 1200, 1600)  # phone, small tablet / 2x phone, desktop column, 2x desktop
QUALITY = {"jpeg": 80, "webp": 76, "png": None}
# libwebp's effort, 0 (fast) .. 6 (small). Measured (docs/dev/photos.md): method 2 encodes 2.2-2.8
# times faster than 4, for 3-6 % more bytes at the same quality setting and the same PSNR.
WEBP_METHOD = 2
MIME = {"jpeg": "image/jpeg", "webp": "image/webp", "png": "image/png"}
EXTENSION = {"jpeg": "jpg", "webp": "webp", "png": "png"}
OWN_FORMAT = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp"}  # Pillow's names
MAX_PUBLISHED_BYTES = 1_500_000  # no image file of the site is larger
# The largest rendition from the decoded photo (after `draft`, at most twice as wide):
# BILINEAR, whose support widens with the reduction like LANCZOS's, takes half its time here
# for a PSNR of 42.4 dB instead of 44.0 against LANCZOS from the full photo (docs/dev/photos.md);
# every smaller width is made from the next larger one with LANCZOS.
FIRST_STEP = Image.Resampling.BILINEAR
# Changing the recipe (widths, qualities, encoder options, resampling) must change every key:
# it is part of the renditions' file names on the site (a new URL for new bytes).
RECIPE = (
    f"v2 {WIDTHS} {sorted(QUALITY.items(), key=str)} webp-m{WEBP_METHOD} jpeg-baseline draft "
    "chain-lanczos "
    f"{MAX_PUBLISHED_BYTES}"
)


def image_store(root: Path) -> Store:
    """The cache store `images` of the project at `root`."""
    code = source_key(Path(__file__))
    return Store(root / FOLDER, "images", key_of(dependencies_key(root), code))


def store_folder(root: Path) -> Path:
    """Where the build of the project at `root` keeps renditions (`cache_dir`)."""
    return image_store(root).files_folder()


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
    copy: Rendition | None = None  # what is published at `src` itself (see module doc)

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


@cache
def encoder_versions() -> str:
    """Pillow and the codecs it was built with: they decide the bytes of every rendition."""
    import PIL

    codecs = " ".join(f"{c}={features.version(c)}" for c in ("jpg", "webp", "zlib"))
    return f"Pillow={PIL.__version__} {codecs}"


def content_key(data: bytes, from_larger: bool = False) -> str:
    """`from_larger`: the photo is wider than its largest rendition, which is then resampled
    from it with `FIRST_STEP` (part of the recipe of such photos only: a photo that is not
    resampled first keeps its key, its file names and its bytes)."""
    recipe = f"{RECIPE} first-{FIRST_STEP.name.lower()}" if from_larger else RECIPE
    salt = f"{recipe}\0{encoder_versions()}".encode()
    return hashlib.sha256(salt + b"\0" + data).hexdigest()


def target_widths(width: int) -> list[int]:
    """Every standard width below the photo's own, and its own if under the largest: never
    enlarge a photo."""
    widths = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths or [width]


ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
TURNED = {2, 3, 4, *ROTATED}  # those that flip or turn the pixels (1: as stored)


@dataclass(frozen=True)
class Plan:
    """What one photo needs: every rendition, the copy at its address, and which files are
    not in the cache yet (`make` encodes those)."""

    src_path: Path
    renditions: tuple[Rendition, ...]
    copy: Rendition
    has_alpha: bool

    @property
    def missing(self) -> list[Rendition]:
        wanted = dict.fromkeys((*self.renditions, self.copy))
        return [r for r in wanted if not r.file.exists()]


def plan(src_path: Path, cache_dir: Path, sizes: bool = True) -> Plan:
    """Read the photo's header only (size, orientation, transparency, format), never its
    pixels. `sizes=False`: only the copy at its own address (a photo no story shows)."""
    with Image.open(src_path) as opened:
        width, height = opened.size
        if opened.getexif().get(0x0112) in ROTATED:
            width, height = height, width
        has_alpha = opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info
        own = OWN_FORMAT.get(opened.format or "", "")
    key = content_key(src_path.read_bytes(), from_larger=width > WIDTHS[-1])
    folder = cache_dir / key[:2] / key
    formats = ("png" if has_alpha else "jpeg", "webp")

    def rendition(w: int, fmt: str) -> Rendition:
        return Rendition(
            w,
            max(1, round(height * w / width)),
            fmt,
            folder / f"{w}.{EXTENSION[fmt]}",
            f"{src_path.stem}-{w}w-{key[:8]}.{EXTENSION[fmt]}",
        )

    widths = target_widths(width)
    made = tuple(rendition(w, fmt) for w in widths for fmt in formats) if sizes else ()
    # a JPEG photo with transparency does not exist; a PNG without it is kept a PNG
    copy_format = own if own in ("png", "webp") or (own == "jpeg" and not has_alpha) else formats[0]
    return Plan(src_path, made, rendition(widths[-1], copy_format), has_alpha)


def make(job: Plan) -> None:
    """Encode the missing files of one photo: decoded once, at the smallest scale that
    covers its largest width, and each width resampled from the next larger one."""
    if not job.missing:
        return
    # all of them, not only the missing ones: a width is made from the next larger one, so a
    # file made alone would not have the bytes of a cold build
    missing = list(dict.fromkeys((*job.renditions, job.copy)))
    largest = max(r.width for r in missing)
    with Image.open(job.src_path) as opened:
        orientation = opened.getexif().get(0x0112)
        height = next(r.height for r in missing if r.width == largest)
        # draft() takes the stored (not upright) size; it keeps at least the size asked
        opened.draft(None, (height, largest) if orientation in ROTATED else (largest, height))
        # exif_transpose and convert copy the whole photo even when they have nothing to do
        # (a tenth of a photo's time): only called when the photo needs them
        upright = ImageOps.exif_transpose(opened) if orientation in TURNED else opened
        mode = "RGBA" if job.has_alpha else "RGB"
        if upright.mode != mode:
            upright = upright.convert(mode)
        previous = upright
        for width in sorted({r.width for r in missing}, reverse=True):
            of_width = [r for r in missing if r.width == width]
            if width != previous.width:
                from_photo = previous is upright and upright.width > WIDTHS[-1]
                step = FIRST_STEP if from_photo else Image.Resampling.LANCZOS
                previous = previous.resize((width, of_width[0].height), step, reducing_gap=None)
            for r in of_width:
                _encode(previous, r.format, r.file)


def make_all(
    jobs: Sequence[Plan], map_fn: Callable[[Callable[[Plan], None], Sequence[Plan]], object]
) -> None:
    """`make` every job that has missing files, through `map_fn(fn, items)` (the build's
    parallel map over cores: a worker writes the same bytes as the build's own process)."""
    todo = [job for job in jobs if job.missing]
    if todo:
        map_fn(make, todo)


def _encode(image: Image.Image, fmt: str, file: Path) -> None:
    """Write through a temporary name: an interrupted build never leaves half a file that a
    later build would take for a finished one."""
    options: dict[str, object] = {"optimize": True}
    if fmt == "jpeg":  # baseline: progressive took 3x as long here for the same bytes
        # Pillow writes the original's JPEG comment (a COM segment: metadata) unless told
        options |= {"quality": QUALITY["jpeg"], "comment": b""}
    elif fmt == "webp":
        options = {"quality": QUALITY["webp"], "method": WEBP_METHOD}
    with replacing(file) as tmp:
        image.save(tmp, format=fmt.upper(), **options)
        if fmt == "png" and tmp.stat().st_size > MAX_PUBLISHED_BYTES:
            # a photo-like PNG: 256 colours (transparency kept) rather than a file over budget
            quantized = image.quantize(256, method=Image.Quantize.FASTOCTREE)
            quantized.save(tmp, format="PNG", optimize=True)


def renditions(src_path: Path, cache_dir: Path) -> list[Rendition]:
    """The renditions of one photo file, encoded into `cache_dir` unless already there.

    When they are all there, the photo's pixels are not even decoded."""
    job = plan(src_path, cache_dir)
    make(job)
    return list(job.renditions)


def picture_of(src: str, job: Plan) -> Picture:
    if not job.renditions:
        return Picture(src, job.copy.width, job.copy.height, (), job.copy)
    largest = max(job.renditions, key=lambda r: r.width)
    return Picture(src, largest.width, largest.height, job.renditions, job.copy)


def picture(content_dir: Path, src: str, cache_dir: Path) -> Picture:
    """`src` relative to `content_dir`, as written in front matter (images/x.jpg)."""
    job = plan(content_dir / src, cache_dir)
    make(job)
    return picture_of(src, job)


def published_copy(content_dir: Path, src: str, cache_dir: Path) -> Path:
    """The file published at `src` (made if missing): what the print edition embeds."""
    job = plan(content_dir / src, cache_dir, sizes=False)
    make(job)
    return job.copy.file


def publish(pic: Picture, output_dir: Path) -> list[Path]:
    """Put the renditions into the site beside the photo's address, and the copy at that
    address (hard links when possible: no copy of the bytes)."""
    written = []
    for r in pic.renditions:
        target = output_dir / pic.url(r)
        if not target.exists():
            _link(r.file, target)
        written.append(target)
    if pic.copy is not None:
        target = output_dir / pic.src
        if not (target.exists() and os.path.samefile(target, pic.copy.file)):
            _link(pic.copy.file, target)  # the same address, new content: replaced whole
        written.append(target)
    return written


def _link(source: Path, target: Path) -> None:
    with replacing(target) as tmp:
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)
