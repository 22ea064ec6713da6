"""What readers' tools make of the example site, checked with tools nobody here wrote: the
open data package with `frictionless validate`, the bulletin PDFs with poppler (`pdfinfo`,
`pdftotext`) and the `page` PDF/UA and PDF/A validator; the icons browsers ask for.

The phone layout (chart text size, scrolling tables, the one-row menu) is measured in
Chromium by test_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import frictionless
import page as pdf_validator
from PIL import Image
from pypdf import PdfReader
from test_readers_example_site import html_of

# --- open data ------------------------------------------------------------------------------


def _problems(report: frictionless.Report) -> list[str]:
    return [
        f"{task.name}: {error.type}: {error.message}"
        for task in report.tasks
        for error in task.errors
    ] + [f"package: {error.type}: {error.message}" for error in report.errors]


def test_data_package_passes_frictionless_validate(example: Path) -> None:
    """The whole built package, whatever resources it has: each one's data is read and checked
    against its schema (a resource added later is checked too)."""
    package = example / "data" / "datapackage.json"
    report = frictionless.validate(str(package))
    assert report.valid, "\n".join(_problems(report))
    described = json.loads(package.read_text(encoding="utf-8"))["resources"]
    assert {task.name for task in report.tasks} == {r["name"] for r in described}
    assert {"aid-csv", "aid-json"} <= {r["name"] for r in described}
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["aid-csv"] == rows["aid-json"] > 0  # the same figures, data read and checked


def test_frictionless_catches_a_wrong_value_in_the_csv_and_in_the_json(
    example: Path, tmp_path: Path
) -> None:
    """The validation reads the data of both files, not only the descriptor."""
    copy = tmp_path / "data"
    shutil.copytree(example / "data", copy)
    csv_text = (copy / "aid.csv").read_text(encoding="utf-8").splitlines()
    header = csv_text[0].split(",")
    row = csv_text[1].split(",")
    row[header.index("rate_year")] = "two thousand"
    (copy / "aid.csv").write_text("\n".join([csv_text[0], ",".join(row), *csv_text[2:]]) + "\n")
    rows = json.loads((copy / "aid.json").read_text(encoding="utf-8"))
    rows[0]["period_start"] = "early 2019"
    (copy / "aid.json").write_text(json.dumps(rows), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    wrong = {(task.name, error.type) for task in report.tasks for error in task.errors}
    assert ("aid-csv", "type-error") in wrong and ("aid-json", "type-error") in wrong


# --- bulletin PDFs --------------------------------------------------------------------------


def _pdfs(output: Path) -> list[Path]:
    found = sorted(output.glob("ban-tin/*/*.pdf")) + sorted(output.glob("en/bulletin/*/*.pdf"))
    assert len(found) >= 4, found  # two issues, each with a PDF and a PDF/A, per language
    return found


def _tool(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def test_every_bulletin_pdf_is_tagged(example: Path) -> None:
    for path in _pdfs(example):
        info = dict(
            line.split(":", 1) for line in _tool("pdfinfo", path).splitlines() if ":" in line
        )
        assert info["Tagged"].strip() == "yes", path


def test_pdfs_pass_pdf_ua_and_pdf_a_validation(example: Path) -> None:
    """The print edition as PDF/UA-1, the archival copy as PDF/A-3a (tagged), checked by
    `page` (a validator that passes veraPDF's test corpus)."""
    problems = []
    for path in _pdfs(example):
        profile = "3a" if path.stem.endswith("-pdfa") else "ua1"
        report = pdf_validator.validate_pdf(path, profile=profile)
        if not report.is_compliant:
            rules = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
            problems.append(f"{path.name} ({profile}): " + "; ".join(rules[:8]))
        assert report.rules.total > 50, "the profile checked many rules"
    assert problems == [], "\n".join(problems)


def _structure(path: Path) -> list[tuple[str, str]]:
    """(tag, text) of each structure element that holds text, in the tree's order, from
    `pdfinfo -struct-text`: the text a screen reader gets, element by element."""
    out: list[tuple[str, str]] = []
    stack: list[tuple[int, str]] = []
    for line in _tool("pdfinfo", "-struct-text", path).splitlines():
        depth = len(line) - len(line.lstrip())
        text = line.strip()
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if text.startswith('"') and text.endswith('"'):
            element = next((tag for _, tag in reversed(stack) if tag not in ("Span", "Link")))
            out.append((element, text[1:-1]))
        elif text:
            stack.append((depth, text.split()[0]))
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def test_headings_extract_as_words(example: Path) -> None:
    """Every heading of the structure tree reads the same in pdftotext's plain text, which
    copy and search use: no capitals spaced apart ("V IỆN TRỢ")."""
    pdfs = [path for path in _pdfs(example) if not path.stem.endswith("-pdfa")]
    # `pdfinfo -struct-text` takes seconds a file: the files are read side by side
    with ThreadPoolExecutor() as pool:
        structures = dict(zip(pdfs, pool.map(_structure, pdfs), strict=True))
    for path in pdfs:
        plain = _words(_tool("pdftotext", "-enc", "UTF-8", path, "-"))
        headings: dict[int, list[str]] = {}
        for i, (tag, text) in enumerate(structures[path]):
            if re.fullmatch(r"H[1-6]", tag):
                headings.setdefault(i, []).append(text)
        assert len(headings) >= 8, path
        for parts in headings.values():
            heading = _words(" ".join(parts))
            # the heading's letters, with or without stray spaces inside its words: every
            # place the text has them must read exactly as the heading
            loose = r"\s+".join(" ?".join(map(re.escape, word)) for word in heading.split())
            found = re.findall(loose, plain)
            assert found, f"{path.name}: heading {heading!r} not in the text"
            assert set(found) == {heading}, f"{path.name}: {heading!r} reads as {found}"
    vi = _words(_tool("pdftotext", "-enc", "UTF-8", _pdfs(example)[0], "-"))
    assert "VIỆN TRỢ" in vi or "HOẠT ĐỘNG" in vi
    assert not re.search(r"\b[A-ZĐ] [A-ZĐÀ-Ỹ]{2,}\b", vi), "capitals spaced apart"


def _figures(path: Path) -> list[str | None]:
    """The /Alt of every Figure of the structure tree (None where it has none)."""
    found: list[str | None] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif isinstance(node, dict) and "/K" in node:
            if node.get("/S") == "/Figure":
                found.append(str(node["/Alt"]) if "/Alt" in node else None)
            walk(node["/K"])

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def test_figures_have_their_alternative_text_in_the_pdf(example: Path) -> None:
    """Photos (their `alt`) and the chart (its SVG title) are Figures with /Alt."""
    for path in _pdfs(example):
        alts = _figures(path)
        assert len(alts) >= 2 and all(alts), (path.name, alts)
    vi = _figures(_pdfs(example)[0])
    assert "Viện trợ cam kết và giải ngân theo năm (USD)" in vi  # the chart


# --- icons ----------------------------------------------------------------------------------


def test_favicon_and_touch_icon_are_at_the_root_and_named_by_every_page(example: Path) -> None:
    ico = Image.open(example / "favicon.ico")
    assert {(16, 16), (32, 32)} <= set(ico.info["sizes"])
    touch = Image.open(example / "apple-touch-icon.png")
    assert touch.size == (180, 180) and touch.mode == "RGB"  # opaque: iOS fills with black
    svg = (example / "theme" / "icons" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "HN" in svg
    for url in ("/", "/en/", "/vien-tro/", "/en/aid/"):
        head = html_of(example, url).split("</head>")[0]
        for href in ("/favicon.ico", "/theme/icons/favicon.svg", "/apple-touch-icon.png"):
            assert f'href="{href}"' in head, (url, href)
