"""Build the print and e-mail editions of an issue into an output folder.

Used by the site build (every issue, through the Pelican adapter) and by `python -m bulletin`
(one issue, without a site build). Both write the same files (see editions.py).
"""

from __future__ import annotations

import ast
import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from bilingual import urls
from content_model.bulletins import BulletinFile
from content_model.project import Project
from images.renditions import published_copy, store_folder
from shared.atomic import write_atomic

from . import pdf
from .email_edition import MAX_BYTES, email_html
from .links import absolute_urls
from .rendering import render
from .views import IssueView, issue_view

PREVIEW_URL = "http://localhost:8000"


def publish_url(root: Path) -> str | None:
    """SITEURL of publishconf.py, read without running it (it imports the Pelican settings):
    the e-mail edition links to the published site even in a local build."""
    path = root / "publishconf.py"
    if not path.is_file():
        return None
    value = None
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "SITEURL" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            value = node.value.value
    return value or None


@dataclass(frozen=True)
class Options:
    theme: Path
    site_url: str  # absolute address of the published site, without a trailing slash
    pdfa: bool = True  # also write the PDF/A-3a variant
    # `reuse(path, key)`: True when the site build linked `path` from its last output, made
    # from the same key; the layout is the costly part, so it is skipped then
    reuse: Callable[[str, str], bool] | None = None


@dataclass
class Built:
    files: list[Path] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # lang -> page count
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url.rstrip("/") + "/", path)


def _write(path: Path, data: bytes | str) -> Path:
    return write_atomic(path, data)  # a reader never gets half a file


def _context(view: IssueView, options: Options) -> dict[str, object]:
    return {
        "issue": view,
        "SITEURL": options.site_url.rstrip("/"),
        "web_url": absolute(options.site_url, view.files.web),
    }


def print_html(view: IssueView, options: Options) -> str:
    """The print edition's HTML; links of story texts (`/tin-tuc/...`) lead to the site."""
    context = _context(view, options)
    html = render(options.theme, "bulletin/print.html", view.lang, context)
    return absolute_urls(html, str(context["web_url"]), ("href",), keep_fragments=True)


def build_issue(
    project: Project,
    bulletin: BulletinFile,
    output: Path,
    options: Options,
    views: Mapping[str, IssueView] | None = None,
) -> Built:
    """`views`: the issue's views by language when the caller has them (the site build made
    them for the web edition), else they are made here."""
    started = time.perf_counter()
    built = Built()

    def published(src: str) -> Path:
        return published_copy(project.root / "content", src, store_folder(project.root))

    for lang in urls.LANGS:
        view = views[lang] if views else issue_view(project, bulletin, lang)
        html = print_html(view, options)
        photos = [published(src).name for src in pdf.photo_srcs(html)]  # content-keyed names
        key = hashlib.sha256(f"{options.pdfa}\0{html}\0{photos}".encode()).hexdigest()
        made = [view.files.pdf] + ([view.files.pdfa] if options.pdfa else [])
        reused = options.reuse is not None and all([options.reuse(rel, key) for rel in made])
        if reused:
            built.files += [output / rel for rel in made]
        else:
            content = (project.root / "content").as_uri() + "/"
            printed = pdf.lay_out(html, options.theme, content, published)
            built.pages[lang] = printed.page_count
            plain, archival = printed.pdfs(pdfa=options.pdfa)
            built.files.append(_write(output / view.files.pdf, plain))
            if archival is not None:
                built.files.append(_write(output / view.files.pdfa, archival))
        context = _context(view, options)
        html = render(options.theme, "bulletin/email.html", lang, context)
        mail = email_html(html, options.theme, str(context["web_url"]))
        built.files.append(_write(output / view.files.email_html, mail))
        if (size := len(mail.encode("utf-8"))) > MAX_BYTES:
            built.warnings.append(
                f"{view.files.email_html}: {size // 1024} KB, over {MAX_BYTES // 1024} KB: "
                "Gmail shows only the beginning; shorten the summaries or the editorial"
            )
        text = render(options.theme, "bulletin/email-text.html", lang, context)
        built.files.append(_write(output / view.files.email_text, text))
    built.seconds = time.perf_counter() - started
    return built
