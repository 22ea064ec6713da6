"""A synthetic project of N bilingual stories with realistic front matter, for benchmarks.

Stories reuse the example site's data files (partners, categories, provinces, rates), so
every reference is valid, and carry partners, events and aid figures like real reports.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

WORDS_VI = [
    "hữu",
    "nghị",
    "hợp",
    "tác",
    "đối",
    "ngoại",
    "nhân",
    "dân",
    "viện",
    "trợ",
    "dự",
    "án",
    "tổ",
    "chức",
    "phi",
    "chính",
    "phủ",
    "nước",
    "ngoài",
    "tỉnh",
    "huyện",
    "xã",
    "giáo",
    "dục",
    "y",
    "tế",
    "nông",
    "thôn",
    "đại",
    "hội",
    "hội",
    "nghị",
    "đoàn",
    "công",
    "tác",
    "giao",
    "lưu",
    "đường",
    "trường",
    "học",
    "trạm",
    "y",
    "tế",
    "nước",
    "sạch",
    "sinh",
    "kế",
    "phụ",
    "nữ",
    "trẻ",
    "em",
    "người",
    "khuyết",
    "tật",
]
WORDS_EN = [
    "friendship",
    "cooperation",
    "people",
    "diplomacy",
    "aid",
    "project",
    "foreign",
    "non-governmental",
    "organisation",
    "province",
    "district",
    "commune",
    "education",
    "health",
    "rural",
    "congress",
    "conference",
    "delegation",
    "exchange",
    "road",
    "school",
    "clinic",
    "clean",
    "water",
    "livelihood",
    "women",
    "children",
]
PARTNERS = ["gni", "vnah-hev", "world-vision", "prcf", "rtr", "kb-kookmin", "jica", "holt"]
CATEGORIES = ["hoat-dong", "vien-tro", "hoi-huu-nghi", "kinh-nghiem"]
PROVINCES = ["tuyen-quang", "thai-nguyen", "yen-bai", "tra-vinh", "cao-bang"]
KINDS = ["delegation", "visit", "conference", "congress", "exchange", "handover"]


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


def _body(rng: random.Random, words: list[str]) -> str:
    paragraphs = []
    for i in range(6):
        if i in (2, 4):
            paragraphs.append(f"## {_sentence(rng, words, 4)[:-1]}")
        paragraphs.append(" ".join(_sentence(rng, words, rng.randint(10, 22)) for _ in range(4)))
    return "\n\n".join(paragraphs) + "\n"


def story_files(i: int, rng: random.Random) -> dict[str, str]:
    slug = f"tin-{i:05d}"
    day = date(2015, 1, 1) + timedelta(days=i * 3 % 3650)
    category = CATEGORIES[i % len(CATEGORIES)]
    partners = rng.sample(PARTNERS, 2)
    year = day.year
    data = (
        f"province: {PROVINCES[i % len(PROVINCES)]}\n"
        f"partners: [{', '.join(partners)}]\n"
        "events:\n"
        f"  - date: {day.isoformat()}\n"
        f'    title: {{vi: "Sự kiện {i}", en: "Event {i}"}}\n'
        f"    kind: {KINDS[i % len(KINDS)]}\n"
        f"    partners: [{partners[0]}]\n"
        "aid:\n"
        f'  - period: "{year}"\n'
        f"    partner: {partners[1]}\n"
        f"    projects: {rng.randint(1, 20)}\n"
        f"    committed: {{value: {rng.randint(10, 900) * 1000}, currency: USD}}\n"
    )
    tags_vi = rng.sample(["đối ngoại", "viện trợ", "hội hữu nghị", "giáo dục", "y tế"], 2)
    tags_en = rng.sample(["diplomacy", "aid", "friendship", "education", "health"], 2)
    out = {}
    for lang, words, tags, extra in (
        ("vi", WORDS_VI, tags_vi, data),
        ("en", WORDS_EN, tags_en, ""),
    ):
        out[f"{slug}.{lang}.md"] = (
            "---\n"
            f'title: "{_sentence(rng, words, 8)[:-1]} {i}"\n'
            f"date: {day.isoformat()}\n"
            f"lang: {lang}\n"
            f"slug: {slug}\n"
            f"category: {category}\n"
            f"tags: [{', '.join(repr(t) for t in tags)}]\n"
            f'summary: "{_sentence(rng, words, 18)}"\n'
            f"{extra}"
            "---\n\n" + _body(rng, words)
        )
    return out


def make_corpus(root: Path, n: int, seed: int = 7) -> Path:
    """A project folder at `root` with N bilingual stories and the repo's theme and code."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "articles").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "data", root / "content" / "data")
    for name in ("theme", "plugins", "pelicanconf.py"):
        (root / name).symlink_to(REPO / name)
    rng = random.Random(seed)
    for i in range(n):
        for name, text in story_files(i, rng).items():
            (root / "content" / "articles" / name).write_text(text, encoding="utf-8")
    return root


def bodies_only(src: Path, dest: Path) -> Path:
    """The same stories for vanilla Pelican: its own metadata header, same Markdown bodies."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content").mkdir(parents=True)
    for path in sorted((src / "content" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = dict(
            line.split(": ", 1)
            for line in front.splitlines()
            if ": " in line and not line.startswith(" ")
        )
        header = "\n".join(
            f"{key.capitalize()}: {meta[key].strip(chr(34))}"
            for key in ("title", "date", "lang", "slug", "category")
        )
        (dest / "content" / path.name).write_text(header + "\n\n" + body, encoding="utf-8")
    return dest
