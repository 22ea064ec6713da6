"""The print edition: HTML and print CSS laid out by WeasyPrint into an A4 PDF.

Fonts: the theme's Be Vietnam Pro WOFF2 files, declared in main.css and given to the print
stylesheet by print_css.py. WeasyPrint
loads @font-face rules only through a FontConfiguration shared by the stylesheet and the
layout; without it every text silently falls back to a system font (DejaVu).

Reproducible: the same issue gives the same bytes on any machine, in any folder. WeasyPrint
names an image in the PDF after a hash of its URL, so the photos are not given by their path
on the build machine (a `file://` URL) but by their place in `content/`
(`content:images/x.jpg`, see `photo_url`), which the layout's URL fetcher reads from the
folder of `base_url`. The PDFs carry no dates (no creation or modification date, the
templates set none) and their /ID is WeasyPrint's hash of the content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .print_css import PRINT_CSS, print_stylesheet

if TYPE_CHECKING:  # WeasyPrint takes half a second to import: only when a PDF is laid out
    from weasyprint.document import Document
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

# Both files are tagged (a structure tree: headings, lists, tables, figures with their
# alternatives, in reading order), so screen readers and reflow get the text's structure.
# PDF/UA-1 is WeasyPrint's accessible variant; PDF/A-3a is PDF/A's "accessible" level (tagged,
# Unicode text). Both are checked with the `page` validator in the tests.
PDF_VARIANT = "pdf/ua-1"
PDFA_VARIANT = "pdf/a-3a"
PHOTO_SCHEME = "content"  # content:images/x.jpg: a photo in the project's content/ folder


def photo_url(src: str) -> str:
    """The address of a photo of content/ (`images/x.jpg`) in the print edition's HTML."""
    return f"{PHOTO_SCHEME}:{src}"


def photo_file(url: str, base_url: str) -> Path:
    """The file that `photo_url(src)` names, in the folder of `base_url` (a `file://` URL of
    content/); never a file outside that folder."""
    from urllib.parse import unquote

    folder = _local_path(base_url)
    path = (folder / unquote(url.removeprefix(f"{PHOTO_SCHEME}:"))).resolve()
    if not path.is_relative_to(folder):
        raise ValueError(f"{url}: not in {folder}")
    return path


@dataclass
class PrintedIssue:
    """A laid out issue, written as PDF and as PDF/A without laying it out twice."""

    document: Document
    font_config: FontConfiguration  # kept alive until the PDF is written

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    def pdfs(self, pdfa: bool = True) -> tuple[bytes, bytes | None]:
        """(PDF/UA-1, PDF/A-3a or None). The plain PDF is written first: a PDF/A write leaves its
        colour profile on the document, and the next write would carry it along."""
        plain = self.document.write_pdf(pdf_variant=PDF_VARIANT)
        archival = (
            self.document.write_pdf(pdf_variant=PDFA_VARIANT, finisher=_archival) if pdfa else None
        )
        return plain, archival


def _archival(document: Document, pdf: object) -> None:
    """What WeasyPrint 70's PDF/A writer leaves out of ISO 19005: the XMP metadata stream must
    not be compressed (6.6.2.1), and an image must not ask for interpolation (6.2.8)."""
    import pydyf

    for pdf_object in pdf.objects:  # type: ignore[attr-defined]
        if not isinstance(pdf_object, pydyf.Stream):
            continue
        if pdf_object.extra.get("Type") == "/Metadata":
            pdf_object.compress = False
            pdf_object.extra.pop("Filter", None)
        if pdf_object.extra.get("Subtype") == "/Image" and "Interpolate" in pdf_object.extra:
            pdf_object.extra["Interpolate"] = "false"


def photo_srcs(html: str) -> list[str]:
    """The photos (`images/x.jpg`) that the print HTML names by `photo_url`."""
    import re

    return sorted(set(re.findall(rf'"{PHOTO_SCHEME}:([^"]+)"', html)))


def lay_out(
    html: str, theme: Path, base_url: str, published: Callable[[str], Path] | None = None
) -> PrintedIssue:
    """`base_url`: the `file://` URL of content/, where `content:` photos are found and
    against which the HTML's relative links resolve (none, normally: links are absolute).
    `published(src)`: the file the site publishes for a photo of content/ (never the original,
    which may carry a GPS position: images/renditions.py); the PDF embeds that file."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    fetcher = _fetcher(base_url, theme, published)
    css = CSS(
        string=print_stylesheet(theme),
        base_url=str(theme / PRINT_CSS),  # the fonts' URLs are relative to it
        font_config=font_config,
        url_fetcher=fetcher,
    )
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[css], font_config=font_config
    )
    return PrintedIssue(document, font_config)


def _fetcher(
    base_url: str, theme: Path, published: Callable[[str], Path] | None = None
) -> URLFetcher:
    """WeasyPrint's fetcher, which also reads `content:` photo URLs (the URL, not the file's
    path, is what names the image in the PDF), and nothing but files of the theme (style
    sheet, fonts) and of content/: an address pasted into a story (`http://...`, `/etc/...`)
    must neither reach the network during a build nor put a file of the machine in print."""
    import mimetypes
    from urllib.parse import urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [theme.resolve(), _local_path(base_url)]

    class PhotoFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if not url.startswith(f"{PHOTO_SCHEME}:"):
                local = _local_path(url)
                ours = any(local.is_relative_to(folder) for folder in allowed)
                if urlsplit(url).scheme != "file" or not ours:
                    raise ValueError(f"not fetched for the print edition: {url}")
                return super().fetch(url, headers)
            path = photo_file(url, base_url)
            if published is not None:
                path = published(path.relative_to(_local_path(base_url)).as_posix())
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return PhotoFetcher()


def _local_path(url: str) -> Path:
    """The file or folder a `file://` URL names (for another URL: a path that no allowed
    folder holds)."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    return Path(url2pathname(urlsplit(url).path)).resolve()
