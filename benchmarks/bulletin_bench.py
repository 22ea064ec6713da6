"""Benchmark (not a test): time the print edition of a 16-page bulletin issue.

    PYTHONPATH=plugins .venv/bin/python benchmarks/bulletin_bench.py [--runs 3]

Builds a temporary project with synthetic bilingual stories (with photos, aid figures and
events) and one issue of the period, then times each step of the Vietnamese print edition:
reading the project, rendering the HTML, WeasyPrint's layout, writing the PDF and the
PDF/A. The aim is under 3 seconds for layout and PDF together.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from bulletin import pdf  # noqa: E402
from bulletin.build import Options, print_html  # noqa: E402
from bulletin.views import issue_view  # noqa: E402
from content_model.project import load_project  # noqa: E402

STORIES = 6  # five of two pages (14 body paragraphs), one of one page (5 paragraphs)
PARAGRAPHS = 14
TARGET_PAGES = 16
WORDS = str.split(
    "hữu nghị hợp tác đối ngoại nhân dân viện trợ dự án tổ chức phi chính phủ nước ngoài tỉnh "
    "huyện xã giáo dục y tế nông thôn đại hội hội nghị đoàn công tác giao lưu trường học trạm "
    "nước sạch học bổng tình nguyện khám chữa bệnh biên giới kết nghĩa vận động tiếp nhận"
)
CATEGORIES = ["hoat-dong", "vien-tro", "hoi-huu-nghi", "kinh-nghiem"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _story(i: int, lang: str, rng: random.Random) -> str:
    slug = f"bai-{i:02d}"
    photo = sorted((REPO / "content" / "images").glob("*.jpg"))[i % 5].name
    body = []
    for p in range(PARAGRAPHS if i < STORIES - 1 else 5):
        if p in (4, 9):
            body.append(f"## {_sentence(rng, 5)[:-1]}")
        body.append(" ".join(_sentence(rng, rng.randint(12, 20)) for _ in range(3)))
    data = ""
    if lang == "vi" and i % 2 == 0:  # events for half of the stories
        data += (
            "events:\n"
            f"  - date: 2023-0{i % 9 + 1}-15\n"
            f'    title: {{vi: "Sự kiện {i}", en: "Event {i}"}}\n'
            "    kind: conference\n"
        )
    if lang == "vi":
        data += (
            f'aid:\n  - period: "2023-0{i % 8 + 1}/2023-0{i % 8 + 2}"\n'
            f"    projects: {i + 1}\n"
            f"    committed: {{value: {(i + 1) * 125000}, currency: USD}}\n"
        )
    return (
        f'---\ntitle: "{_sentence(rng, 9)[:-1]}"\ndate: 2023-0{i % 9 + 1}-20\nlang: {lang}\n'
        f"slug: {slug}\ncategory: {CATEGORIES[i % 4]}\n"
        f'author: "Tác giả {i}"\nsummary: "{_sentence(rng, 24)}"\n'
        f'image:\n  src: images/{photo}\n  alt: "Ảnh {i}"\n  caption: "{_sentence(rng, 10)}"\n'
        f"{data}---\n\n" + "\n\n".join(body) + "\n"
    )


def make_project(root: Path) -> Path:
    (root / "content" / "articles").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "data", root / "content" / "data")
    shutil.copytree(REPO / "content" / "images", root / "content" / "images")
    for name in ("theme", "plugins", "pelicanconf.py", "publishconf.py"):
        (root / name).symlink_to(REPO / name)
    rng = random.Random(3)
    for i in range(STORIES):
        for lang in ("vi", "en"):
            path = root / "content" / "articles" / f"bai-{i:02d}.{lang}.md"
            path.write_text(_story(i, lang, rng), encoding="utf-8")
    bulletins = root / "content" / "bulletins"
    bulletins.mkdir()
    (bulletins / "so-1-2023.yaml").write_text(
        "number: 1/2023\nperiod:\n  from: 2023-01-01\n  to: 2023-12-31\n"
        "editorial: {vi: " + _sentence(rng, 60) + ", en: Editorial.}\n",
        encoding="utf-8",
    )
    return root


def run_once(root: Path) -> dict[str, float | int]:
    times: dict[str, float | int] = {}
    t = time.perf_counter()
    project, report = load_project(root)
    assert not report, report.render()
    times["read project"] = time.perf_counter() - t
    options = Options(theme=REPO / "theme", site_url="https://huunghi.example.org")
    t = time.perf_counter()
    html = print_html(issue_view(project, project.bulletins["so-1-2023"], "vi"), options)
    times["render HTML"] = time.perf_counter() - t
    t = time.perf_counter()
    printed = pdf.lay_out(html, options.theme, (root / "content").as_uri() + "/")
    times["layout"] = time.perf_counter() - t
    t = time.perf_counter()
    plain = printed.document.write_pdf()
    times["write PDF"] = time.perf_counter() - t
    t = time.perf_counter()
    printed.document.write_pdf(pdf_variant=pdf.PDFA_VARIANT)
    times["write PDF/A"] = time.perf_counter() - t
    times["pages"] = printed.page_count
    times["PDF bytes"] = len(plain)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "project")
        runs = [run_once(root) for _ in range(args.runs)]
    pages = runs[0]["pages"]
    print(f"Bulletin issue: {pages} pages (target {TARGET_PAGES}), {runs[0]['PDF bytes']} bytes")
    for step in ("read project", "render HTML", "layout", "write PDF", "write PDF/A"):
        values = [float(r[step]) for r in runs]
        print(f"  {step:<14} median {statistics.median(values):6.2f} s   best {min(values):6.2f} s")
    pdf_times = [float(r["layout"]) + float(r["write PDF"]) for r in runs]
    best, median = min(pdf_times), statistics.median(pdf_times)
    verdict = "under" if median < 3 else "OVER"
    print(f"PDF (layout + write): median {median:.2f} s, best {best:.2f} s: {verdict} 3 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
