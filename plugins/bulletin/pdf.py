"""The print edition: HTML and print CSS laid out by WeasyPrint into an A4 PDF.

Fonts: the theme's Be Vietnam Pro WOFF2 files, declared in bulletin-print.css. WeasyPrint
loads @font-face rules only through a FontConfiguration shared by the stylesheet and the
layout; without it every text silently falls back to a system font (DejaVu).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # WeasyPrint takes half a second to import: only when a PDF is laid out
    from weasyprint.document import Document
    from weasyprint.text.fonts import FontConfiguration

PRINT_CSS = Path("static") / "css" / "bulletin-print.css"  # in the theme
PDFA_VARIANT = "pdf/a-3b"


@dataclass
class PrintedIssue:
    """A laid out issue, written as PDF and as PDF/A without laying it out twice."""

    document: Document
    font_config: FontConfiguration  # kept alive until the PDF is written

    @property
    def page_count(self) -> int:
        return len(self.document.pages)

    def pdfs(self, pdfa: bool = True) -> tuple[bytes, bytes | None]:
        """(PDF, PDF/A-3b or None). The plain PDF is written first: a PDF/A write leaves its
        colour profile on the document, and the next write would carry it along."""
        plain = self.document.write_pdf()
        archival = self.document.write_pdf(pdf_variant=PDFA_VARIANT) if pdfa else None
        return plain, archival


def lay_out(html: str, theme: Path, base_url: str) -> PrintedIssue:
    """`base_url` resolves what the HTML links relatively (nothing, normally: photos are
    file URIs and links are absolute)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = CSS(filename=str(theme / PRINT_CSS), font_config=font_config)
    document = HTML(string=html, base_url=base_url).render(
        stylesheets=[css], font_config=font_config
    )
    return PrintedIssue(document, font_config)
