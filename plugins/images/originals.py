"""Photos as editors add them to content/images/: what the check says about them, and what
`make photos` (also run by the pre-commit hook) does to them.

The site never publishes an original (renditions.py), but the original is committed to the
repository: a phone photo of 4-13 MB makes every clone heavier for good, and its EXIF GPS
position tells where the photographer stood. The check warns about an original over
2400 px or 3 MB, or with a GPS position, and about a file the site cannot publish;
`make photos` shrinks such originals in place to 2400 px on their long side, removes the
GPS position (and XMP metadata that repeats it) and keeps the orientation: the pixels are
stored as they were, the EXIF orientation tag is kept, so the photo stays upright.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from content_model.errors import ContentError
from content_model.messages import Message, msg
from shared.atomic import replacing

MAX_SIDE = 2400  # px, the long side of an original worth keeping
MAX_BYTES = 3_000_000
SHRUNK_QUALITY = 90  # JPEG quality of a shrunk original (it is resized again for the site)
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
EXIF_SIZE_TAGS = (0xA002, 0xA003)  # PixelXDimension, PixelYDimension
IMAGES = "images"  # under content/


@dataclass(frozen=True)
class Original:
    """What the check found in one file of content/images/."""

    src: str  # images/x.jpg
    width: int = 0
    height: int = 0
    size: int = 0  # bytes
    gps: bool = False
    readable: bool = True

    @property
    def too_large(self) -> bool:
        return max(self.width, self.height) > MAX_SIDE or self.size > MAX_BYTES


def photo_files(content_dir: Path) -> list[str]:
    """Every file under content/images/ (hidden ones aside), as `images/...`."""
    folder = content_dir / IMAGES
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(content_dir).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.parts[-1:])
    )


def _has_gps(image: Image.Image) -> bool:
    gps = image.getexif().get_ifd(GPS_IFD)
    xmp = image.info.get("xmp") or b""
    return bool(gps) or b"GPS" in (xmp if isinstance(xmp, bytes) else xmp.encode())


def inspect(content_dir: Path, src: str) -> Original:
    path = content_dir / src
    size = path.stat().st_size
    try:
        with Image.open(path) as image:
            return Original(src, *image.size, size=size, gps=_has_gps(image))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return Original(src, size=size, readable=False)


def _mb(size: int) -> Message:
    """`5.8 MB` (en), `5,8 MB` (vi): the decimal mark is the catalog's."""
    tenths = round(size / 100_000)
    return msg("%(whole)s.%(tenth)s MB", whole=tenths // 10, tenth=tenths % 10)


def warnings(root: Path, srcs: Iterable[str] | None = None) -> list[ContentError]:
    """One warning per photo of content/images/ (or of `srcs`) that `make photos` would
    change, or that the site cannot publish. Headers only: no photo is decoded."""
    content = root / "content"
    found = []
    for src in photo_files(content) if srcs is None else srcs:
        if not (content / src).is_file():
            continue
        o = inspect(content, src)
        where = f"content/{src}"
        if not o.readable:
            found.append(
                ContentError(
                    where,
                    1,
                    "photo",
                    msg(
                        "not a photo the site can publish (JPEG, PNG or WebP): it is left out "
                        "of the site; save it as JPEG"
                    ),
                )
            )
            continue
        size = {
            "width": o.width,
            "height": o.height,
            "size": _mb(o.size),
            "max_side": MAX_SIDE,
            "max_size": _mb(MAX_BYTES),
        }
        if o.too_large and o.gps:
            message = msg(
                "%(width)s x %(height)s px, %(size)s (more than %(max_side)s px or "
                "%(max_size)s); it holds the GPS position where it was taken: run `make photos` "
                "(shrinks it to %(max_side)s px and removes the GPS position)",
                **size,
            )
        elif o.too_large:
            message = msg(
                "%(width)s x %(height)s px, %(size)s (more than %(max_side)s px or "
                "%(max_size)s): run `make photos` (shrinks it to %(max_side)s px)",
                **size,
            )
        elif o.gps:
            message = msg(
                "it holds the GPS position where it was taken: run `make photos` (removes it)"
            )
        else:
            continue
        found.append(ContentError(where, 1, "photo", message))
    return found


def shrink(path: Path) -> list[Message] | None:
    """`make photos` for one file: shrink to MAX_SIDE px on the long side, remove the GPS
    position, keep the orientation and the other EXIF fields (date, camera). Returns what was
    done (None: nothing); the file is replaced whole (never half written)."""
    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError):
        return None
    with image:
        size = path.stat().st_size
        gps = _has_gps(image)
        if max(image.size) <= MAX_SIDE and size <= MAX_BYTES and not gps:
            return None
        done: list[Message] = []
        fmt = image.format or ""
        exif = image.getexif()
        exif.pop(GPS_IFD, None)
        resized = image
        if max(image.size) > MAX_SIDE:
            scale = MAX_SIDE / max(image.size)
            new_size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image.draft(None, new_size)  # a JPEG decoded no larger than needed
            resized = image.resize(new_size, Image.Resampling.LANCZOS)
            done.append(
                msg(
                    "%(width)s x %(height)s px -> %(new_width)s x %(new_height)s px",
                    width=image.width,
                    height=image.height,
                    new_width=new_size[0],
                    new_height=new_size[1],
                )
            )
            sizes = exif.get_ifd(EXIF_IFD)
            for tag, value in zip(EXIF_SIZE_TAGS, new_size, strict=True):
                if tag in sizes:
                    sizes[tag] = value
        options: dict[str, object] = {"exif": exif.tobytes()}
        if icc := image.info.get("icc_profile"):
            options["icc_profile"] = icc
        xmp = image.info.get("xmp")
        if isinstance(xmp, bytes) and b"GPS" not in xmp:
            options["xmp"] = xmp
        if fmt in ("JPEG", "MPO"):
            # only the GPS position to remove: the same quantisation, no new loss to speak of
            keep = fmt == "JPEG" and resized is image and size <= MAX_BYTES
            fmt = "JPEG"
            options["quality"] = "keep" if keep else SHRUNK_QUALITY
            if keep:
                options["subsampling"] = "keep"
        elif fmt == "PNG":
            options["optimize"] = True
        elif fmt == "WEBP":
            options["quality"] = SHRUNK_QUALITY
        else:
            return None  # GIF, TIFF...: the site publishes a copy anyway; left as it is
        if resized is image:
            image.load()
        # the editor's own file: replaced whole and flushed to the disk (shared/atomic.py)
        with replacing(path, durable=True) as tmp:
            resized.save(tmp, format=fmt, **options)
            os.chmod(tmp, path.stat().st_mode & 0o7777)
    done.append(msg("%(before)s -> %(after)s", before=_mb(size), after=_mb(path.stat().st_size)))
    if gps:
        done.append(msg("GPS position removed"))
    return done


def shrink_all(root: Path, srcs: Iterable[str] | None = None) -> dict[str, list[Message]]:
    """`make photos`: every photo of content/images/ (or of `srcs`) that needs it; returns
    what was done to each `images/...` path rewritten."""
    content = root / "content"
    done = {}
    for src in photo_files(content) if srcs is None else srcs:
        if (content / src).is_file() and (what := shrink(content / src)):
            done[src] = what
    return done
