"""Where each edition of an issue is published, beside its web edition in each language
(`ban-tin/<id>/` in Vietnamese, `en/bulletin/<id>/` in English):

- `index.html`: the web edition;
- `<id>-<lang>.pdf`: the print edition (A4, tagged: PDF/UA-1), and `<id>-<lang>-pdfa.pdf`,
  the same as PDF/A-3a;
- `email-<lang>.html` and `email-<lang>.txt`: the e-mail edition and its plain-text part.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilingual import urls


@dataclass(frozen=True)
class EditionFiles:
    """Paths relative to the site root (also the output folder)."""

    web: str
    pdf: str
    pdfa: str
    email_html: str
    email_text: str

    def all(self) -> tuple[str, ...]:
        return (self.pdf, self.pdfa, self.email_html, self.email_text)


def edition_files(issue_id: str, lang: str) -> EditionFiles:
    folder = urls.url(lang, "bulletin", id=issue_id)
    return EditionFiles(
        web=folder,
        pdf=f"{folder}{issue_id}-{lang}.pdf",
        pdfa=f"{folder}{issue_id}-{lang}-pdfa.pdf",
        email_html=f"{folder}email-{lang}.html",
        email_text=f"{folder}email-{lang}.txt",
    )
