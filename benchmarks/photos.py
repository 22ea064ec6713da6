"""Phone photos for the benchmark: 4032x3024 JPEGs of about 5-6 MB with EXIF (camera, GPS,
orientation), as a phone writes them.

The pixels are the example site's drawings enlarged, blended with sensor-like noise (which
makes the files as heavy as a phone's and is the hard case for encoders). A few distinct
pictures are drawn once and kept in the benchmark's work folder; every photo of the corpus
is one of them with its own JPEG comment, so that each has its own bytes (its own cache
key) and costs what a photo of its size costs.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image

from .corpus import REPO

SIZE = (4032, 3024)
DISTINCT = 4


def _draw(seed: int, orientation: int) -> bytes:
    drawings = sorted((REPO / "content" / "images").glob("*.jpg"))
    with Image.open(drawings[seed % len(drawings)]) as drawing:
        scene = drawing.convert("RGB").resize(SIZE, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(SIZE, 40).convert("RGB")
    pixels = Image.blend(scene, noise, 0.22)
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 35.0, 12.5), 3: "E", 4: (105.0, 50.0, 3.2)})
    out = io.BytesIO()
    pixels.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def _with_comment(jpeg: bytes, text: str) -> bytes:
    """The same JPEG with a COM segment after SOI: other bytes, the same pixels."""
    payload = text.encode()
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def phone_photos(work: Path, count: int) -> list[bytes]:
    """`count` phone photos (every fourth one taken upright: EXIF orientation 6)."""
    work.mkdir(parents=True, exist_ok=True)
    bases = []
    for seed in range(DISTINCT):
        path = work / f"phone-{seed}.jpg"
        if not path.exists():
            path.write_bytes(_draw(seed, 6 if seed == DISTINCT - 1 else 1))
        bases.append(path.read_bytes())
    return [_with_comment(bases[i % DISTINCT], f"photo {i}") for i in range(count)]


def add_photos(root: Path, photos: list[bytes]) -> None:
    """Give story i the photo i (both language versions): content/images/tin-XXXXX.jpg."""
    images = root / "content" / "images"
    images.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(photos):
        slug = f"tin-{i:05d}"
        (images / f"{slug}.jpg").write_bytes(data)
        for lang in ("vi", "en"):
            story = root / "content" / "articles" / f"{slug}.{lang}.md"
            text = story.read_text(encoding="utf-8")
            image = f'image:\n  src: images/{slug}.jpg\n  alt: "Ảnh {i}"\n'
            story.write_text(text.replace("\n---\n", f"\n{image}---\n", 1), encoding="utf-8")
