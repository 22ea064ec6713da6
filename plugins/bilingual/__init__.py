"""Bilingual site in one Pelican pass: Vietnamese at `/`, English at `/en/`.

Core modules (no Pelican import): `urls` (the URL scheme), `plan` (which pages exist and
their translations), `formatting` (Babel numbers and dates), `catalogs` (gettext), `feeds`,
`sitemap`. The adapter `pelican_adapter` renders the plan with the theme.
"""


def register() -> None:
    from .pelican_adapter import register as _register

    _register()
